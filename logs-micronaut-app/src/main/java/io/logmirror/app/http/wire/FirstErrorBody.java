package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An error event with its location: a job's first error, or the event that decided its state.
 *
 * @param path       {@code categorized/<category>/<path>}, usable as {@code /logs/content?path=}
 * @param lineNumber its first line (a traceback's {@code Traceback} line)
 * @param offset     the byte offset of that line
 * @param line       its headline (a traceback's exception line)
 * @param kind       the event kind
 * @param level      its level
 * @param time       when it was logged
 */
@Serdeable
public record FirstErrorBody(@JsonProperty("path") String path,
                             @JsonProperty("line_number") long lineNumber,
                             @JsonProperty("offset") long offset,
                             @JsonProperty("line") String line,
                             @JsonProperty("kind") String kind,
                             @JsonProperty("level") String level,
                             @JsonProperty("time") String time) {
}
