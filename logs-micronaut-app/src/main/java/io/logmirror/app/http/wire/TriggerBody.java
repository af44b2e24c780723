package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * The body of {@code POST /sync/trigger}: the files per category after the sync, every category present.
 *
 * @param status     always {@code success} (failures answer 500)
 * @param message    always {@code Log sync completed}
 * @param categories current files per category, in display order
 */
@Serdeable
public record TriggerBody(@JsonProperty("status") String status,
                          @JsonProperty("message") String message,
                          @JsonProperty("categories") Map<String, Long> categories) {
}
