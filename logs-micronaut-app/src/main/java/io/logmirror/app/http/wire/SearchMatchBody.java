package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One line of {@code GET /logs/search?format=ndjson}: a matching line.
 *
 * @param path       {@code logs/<path>}, usable as {@code /logs/content?path=}
 * @param service    the file's category
 * @param lineNumber the line's number in the file, from 1
 * @param byteOffset the offset of the line's first byte in the file (usable as {@code /logs/content?offset=})
 * @param line       the line without its newline
 * @param time       the line's time (its own, or the last one before it), in the service's local time like every time
 *                   of the API; absent when the file has no recognized times
 * @param before     the context lines before it
 * @param after      the context lines after it
 */
@Serdeable
public record SearchMatchBody(@JsonProperty("path") String path,
                              @JsonProperty("service") String service,
                              @JsonProperty("line_number") long lineNumber,
                              @JsonProperty("byte_offset") long byteOffset,
                              @JsonProperty("line") String line,
                              @JsonProperty("time") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String time,
                              @JsonProperty("before") List<Context> before,
                              @JsonProperty("after") List<Context> after) {

    /**
     * A context line.
     *
     * @param lineNumber its number in the file
     * @param line       its text
     */
    @Serdeable
    public record Context(@JsonProperty("line_number") long lineNumber, @JsonProperty("line") String line) {
    }
}
