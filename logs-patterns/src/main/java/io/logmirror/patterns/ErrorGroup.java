package io.logmirror.patterns;

import io.logmirror.core.LogPath;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Errors or warnings of one pattern, kind and level, counted over the files and time a query
 * selected: what {@code GET /errors} lists.
 *
 * @param patternId the pattern's stable id
 * @param template the pattern's template now
 * @param kind the event kind (a rule name, {@code python-traceback} or {@code level})
 * @param level the level
 * @param count events in the selection
 * @param firstSeen the first event's time in the selection (minute precision when a time window was given)
 * @param lastSeen the last event's time in the selection
 * @param files the files the events are in, by path
 * @param samples the first events' locations (up to the analysis's samplesPerGroup per file, then the query's limit)
 * @param example the headline of the first event kept
 */
public record ErrorGroup(String patternId, String template, String kind, Level level, long count, Instant firstSeen,
        Instant lastSeen, List<LogPath> files, List<Location> samples, String example) {

    public ErrorGroup {
        Objects.requireNonNull(patternId, "patternId");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(example, "example");
        files = List.copyOf(files);
        samples = List.copyOf(samples);
    }
}
