package io.logmirror.app.config;

import io.logmirror.sink.loki.LokiSettings;
import io.logmirror.sink.opensearch.OpenSearchSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sink variables ({@code LOKI_*}, {@code OPENSEARCH_*}, {@code CLUSTER_NAME}; docs/sinks.md), read apart from
 * {@link AppSettings} so that each stays small. Empty when a sink's URL is not set.
 *
 * @param loki       the Loki sink, when {@code LOKI_URL} is set
 * @param openSearch the OpenSearch sink, when {@code OPENSEARCH_URL} is set
 */
public record SinkSettings(Optional<LokiSettings> loki, Optional<OpenSearchSettings> openSearch) {

    /**
     * Reads and checks the variables.
     *
     * @throws InvalidSettingsException listing every variable that is wrong
     */
    public static SinkSettings from(Map<String, String> variables) {
        List<String> problems = new ArrayList<>();
        String cluster = value(variables, "CLUSTER_NAME").or(() -> value(variables, "SSH_HOST")).orElse("local");
        Optional<LokiSettings> loki = Optional.empty();
        Optional<URI> lokiUrl = url(variables, "LOKI_URL", problems);
        if (lokiUrl.isPresent()) {
            try {
                LokiSettings.Builder builder = LokiSettings.builder(lokiUrl.get()).cluster(cluster);
                value(variables, "LOKI_TENANT").ifPresent(builder::tenant);
                value(variables, "LOKI_BEARER_TOKEN").ifPresent(builder::bearerToken);
                if (value(variables, "LOKI_USERNAME").isPresent() || value(variables, "LOKI_PASSWORD").isPresent()) {
                    builder.basicAuth(value(variables, "LOKI_USERNAME").orElse(null),
                            value(variables, "LOKI_PASSWORD").orElse(null));
                }
                loki = Optional.of(builder.build());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        Optional<OpenSearchSettings> openSearch = Optional.empty();
        Optional<URI> openSearchUrl = url(variables, "OPENSEARCH_URL", problems);
        if (openSearchUrl.isPresent()) {
            try {
                OpenSearchSettings.Builder builder = OpenSearchSettings.builder(openSearchUrl.get()).cluster(cluster);
                value(variables, "OPENSEARCH_INDEX_PREFIX").ifPresent(builder::indexPrefix);
                if (value(variables, "OPENSEARCH_USERNAME").isPresent()
                        || value(variables, "OPENSEARCH_PASSWORD").isPresent()) {
                    builder.basicAuth(value(variables, "OPENSEARCH_USERNAME").orElse(null),
                            value(variables, "OPENSEARCH_PASSWORD").orElse(null));
                }
                openSearch = Optional.of(builder.build());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new SinkSettings(loki, openSearch);
    }

    private static Optional<String> value(Map<String, String> variables, String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }

    private static Optional<URI> url(Map<String, String> variables, String name, List<String> problems) {
        Optional<String> text = value(variables, name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(text.get()));
        } catch (URISyntaxException e) {
            problems.add(name + "='" + text.get() + "' is not allowed: use an http:// or https:// address ("
                    + e.getReason() + ")");
            return Optional.empty();
        }
    }
}
