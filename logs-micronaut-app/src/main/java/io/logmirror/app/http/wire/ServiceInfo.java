package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * The body of {@code GET /}: what this service is and where its endpoints are.
 *
 * @param service     the service's name
 * @param version     the API's version (the original's)
 * @param description one sentence
 * @param endpoints   endpoint names to paths, as the original listed them
 * @param mode        where the mirror comes from: ssh, local, demo or offline
 */
@Serdeable
public record ServiceInfo(@JsonProperty("service") String service,
                          @JsonProperty("version") String version,
                          @JsonProperty("description") String description,
                          @JsonProperty("endpoints") Map<String, String> endpoints,
                          @JsonProperty("mode") String mode) {
}
