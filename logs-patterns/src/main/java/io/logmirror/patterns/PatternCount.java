package io.logmirror.patterns;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pattern's lines in a file or a category: what {@code GET /logs/patterns} lists.
 *
 * @param patternId the pattern's stable id
 * @param template its template now
 * @param count lines of the selection in this pattern
 * @param firstSeen the time of the first of them
 * @param lastSeen the time of the last of them
 * @param lineNumbers the line numbers, ascending, when the query asked for them and selected one file; else empty
 * @param lineNumbersTruncated true when more lines matched than the analysis keeps numbers of
 *        ({@link AnalysisConfig#lineNumbersPerPattern()})
 */
public record PatternCount(String patternId, String template, long count, Instant firstSeen, Instant lastSeen,
        List<Long> lineNumbers, boolean lineNumbersTruncated) {

    public PatternCount {
        Objects.requireNonNull(patternId, "patternId");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        lineNumbers = List.copyOf(lineNumbers);
    }
}
