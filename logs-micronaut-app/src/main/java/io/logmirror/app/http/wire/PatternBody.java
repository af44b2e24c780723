package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One pattern of {@code GET /logs/patterns}.
 *
 * @param patternId            the pattern's stable id
 * @param pattern              its template
 * @param count                lines of the selection in it
 * @param firstSeen            the time of the first of them
 * @param lastSeen             the time of the last of them
 * @param lineNumbers          with {@code lines=true} and a path: the line numbers, ascending; else null
 * @param lineNumbersTruncated true when more lines matched than are kept (10,000 per pattern and file)
 */
@Serdeable
public record PatternBody(@JsonProperty("pattern_id") String patternId,
                          @JsonProperty("pattern") String pattern,
                          @JsonProperty("count") long count,
                          @JsonProperty("first_seen") String firstSeen,
                          @JsonProperty("last_seen") String lastSeen,
                          @JsonProperty("line_numbers") @Nullable List<Long> lineNumbers,
                          @JsonProperty("line_numbers_truncated") boolean lineNumbersTruncated) {
}
