package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Every error but a parameter validation error: {@code {"detail": "..."}}, as the original sent.
 *
 * @param detail what went wrong
 */
@Serdeable
public record ErrorBody(@JsonProperty("detail") String detail) {
}
