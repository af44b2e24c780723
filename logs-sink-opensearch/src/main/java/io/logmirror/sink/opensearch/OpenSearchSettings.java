package io.logmirror.sink.opensearch;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the OpenSearch sink indexes and the search backend reads. Build with {@link #builder(URI)}; every value is
 * checked and an error names it.
 *
 * <pre>{@code
 * OpenSearchSettings settings = OpenSearchSettings.builder(URI.create("http://opensearch:9200"))
 *         .cluster("meluxina").basicAuth("logmirror", password).build();
 * }</pre>
 *
 * @param url         the node or load balancer ({@code OPENSEARCH_URL})
 * @param cluster     the {@code cluster} field of every document; default {@code default}
 * @param indexPrefix daily indices are {@code <prefix>-yyyy.MM.dd} (UTC), under an index template named after the
 *                    prefix; default {@code logmirror}
 * @param username    basic auth user, with {@code password}
 * @param password    basic auth password
 * @param timeout     connect and request timeout; default 30 s
 */
public record OpenSearchSettings(URI url, String cluster, String indexPrefix, Optional<String> username,
                                 Optional<String> password, Duration timeout) {

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,100}");

    public OpenSearchSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(indexPrefix, "indexPrefix");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("OPENSEARCH_URL must be an http:// or https:// address with a host, such "
                    + "as http://opensearch:9200, was '" + url + "'");
        }
        if (url.getQuery() != null || url.getFragment() != null) {
            throw new IllegalArgumentException("OPENSEARCH_URL must not have a query or fragment, was '" + url + "'");
        }
        if (cluster.isBlank()) {
            throw new IllegalArgumentException("the cluster name must not be blank");
        }
        if (!PREFIX.matcher(indexPrefix).matches()) {
            throw new IllegalArgumentException("OPENSEARCH_INDEX_PREFIX must be lower-case letters, digits, '-' or '_' "
                    + "(an OpenSearch index name), was '" + indexPrefix + "'");
        }
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("basic auth needs both OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD, only "
                    + (username.isPresent() ? "OPENSEARCH_USERNAME" : "OPENSEARCH_PASSWORD") + " is set");
        }
        if (username.isPresent() && username.get().contains(":")) {
            throw new IllegalArgumentException("OPENSEARCH_USERNAME must not contain ':'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the OpenSearch timeout must be positive, was " + timeout);
        }
    }

    /** {@code url} with {@code path} appended (path starts with {@code /}). */
    public URI resolve(String path) {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** Builds {@link OpenSearchSettings}; not thread-safe. */
    public static final class Builder {
        private final URI url;
        private String cluster = "default";
        private String indexPrefix = "logmirror";
        private String username;
        private String password;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(URI url) {
            this.url = url;
        }

        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder indexPrefix(String prefix) {
            this.indexPrefix = prefix;
            return this;
        }

        public Builder basicAuth(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value that is wrong */
        public OpenSearchSettings build() {
            return new OpenSearchSettings(url, cluster, indexPrefix, Optional.ofNullable(username),
                    Optional.ofNullable(password), timeout);
        }
    }
}
