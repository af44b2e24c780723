package io.logmirror.sink.loki;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how the Loki sink pushes. Build with {@link #builder(URI)}; every value is checked and an error names it.
 *
 * <pre>{@code
 * LokiSettings settings = LokiSettings.builder(URI.create("http://loki:3100"))
 *         .cluster("meluxina").tenant("benchmarks").bearerToken(token).build();
 * }</pre>
 *
 * @param url         Loki's base address ({@code LOKI_URL}); the sink posts to {@code url + /loki/api/v1/push}
 * @param cluster     the {@code cluster} label's value; default {@code default}
 * @param tenant      sent as {@code X-Scope-OrgID} when present ({@code LOKI_TENANT})
 * @param username    basic auth user, with {@code password}; exclusive with {@code bearerToken}
 * @param password    basic auth password
 * @param bearerToken sent as {@code Authorization: Bearer ...} when present
 * @param timeout     connect and request timeout; default 30 s
 */
public record LokiSettings(URI url, String cluster, Optional<String> tenant, Optional<String> username,
                           Optional<String> password, Optional<String> bearerToken, Duration timeout) {

    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?");

    public LokiSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("LOKI_URL must be an http:// or https:// address with a host, such as "
                    + "http://loki:3100, was '" + url + "'");
        }
        if (url.getQuery() != null || url.getFragment() != null) {
            throw new IllegalArgumentException("LOKI_URL must not have a query or fragment, was '" + url + "'");
        }
        if (cluster.isBlank()) {
            throw new IllegalArgumentException("the cluster label must not be blank");
        }
        tenant.ifPresent(t -> headerSafe("LOKI_TENANT", t));
        bearerToken.ifPresent(t -> headerSafe("LOKI_BEARER_TOKEN", t));
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("basic auth needs both LOKI_USERNAME and LOKI_PASSWORD, only "
                    + (username.isPresent() ? "LOKI_USERNAME" : "LOKI_PASSWORD") + " is set");
        }
        if (username.isPresent() && bearerToken.isPresent()) {
            throw new IllegalArgumentException("set either basic auth (LOKI_USERNAME/LOKI_PASSWORD) or "
                    + "LOKI_BEARER_TOKEN, not both");
        }
        username.ifPresent(u -> {
            if (u.contains(":")) {
                throw new IllegalArgumentException("LOKI_USERNAME must not contain ':' (basic auth separates user and "
                        + "password with it)");
            }
        });
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the Loki timeout must be positive, was " + timeout);
        }
    }

    private static void headerSafe(String name, String value) {
        if (!HEADER_SAFE.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be printable ASCII without leading or trailing spaces "
                    + "(it is sent as an HTTP header)");
        }
    }

    /** The push endpoint: {@code url + /loki/api/v1/push}. */
    public URI pushUri() {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/loki/api/v1/push");
    }

    /** A builder with the defaults above. */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    /** Builds {@link LokiSettings}; not thread-safe. */
    public static final class Builder {
        private final URI url;
        private String cluster = "default";
        private String tenant;
        private String username;
        private String password;
        private String bearerToken;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(URI url) {
            this.url = url;
        }

        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        public Builder basicAuth(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public Builder bearerToken(String token) {
            this.bearerToken = token;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** @throws IllegalArgumentException naming the first value that is wrong */
        public LokiSettings build() {
            return new LokiSettings(url, cluster, Optional.ofNullable(tenant), Optional.ofNullable(username),
                    Optional.ofNullable(password), Optional.ofNullable(bearerToken), timeout);
        }
    }
}
