package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /logs/line-index}: where lines begin in a file, for viewers that fetch lines by byte range.
 *
 * @param sizeBytes the file's size when the index was read
 * @param lines     its number of lines (a final line without a newline counts)
 * @param every     lines between two checkpoints
 * @param offsets   the byte offset of line {@code 1 + i * every} for each {@code i}
 */
@Serdeable
public record LineIndexBody(@JsonProperty("size_bytes") long sizeBytes,
                            @JsonProperty("lines") long lines,
                            @JsonProperty("every") int every,
                            @JsonProperty("offsets") long[] offsets) {
}
