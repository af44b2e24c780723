package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Where an error is: a link into {@code GET /logs/content?path=&offset=}.
 *
 * @param path       {@code categorized/<category>/<path>} (or {@code logs/<path>} when the file left the mirror)
 * @param lineNumber the 1-based line number
 * @param offset     the byte offset of the line's first byte
 */
@Serdeable
public record SampleBody(@JsonProperty("path") String path,
                         @JsonProperty("line_number") long lineNumber,
                         @JsonProperty("offset") long offset) {
}
