package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One group of {@code GET /errors} (and of a job's {@code error_groups}): the events of one pattern, kind and level.
 *
 * @param pattern   the pattern's template ({@code <*>} where lines differ)
 * @param level     {@code warning}, {@code error} or {@code critical} (or lower when asked for)
 * @param count     events in the selection
 * @param firstSeen the first event's time
 * @param lastSeen  the last event's time
 * @param files     the files it appears in, as {@code /logs/content} paths
 * @param samples   sample locations
 * @param patternId the pattern's stable id (as {@code /logs/patterns} gives it)
 * @param kind      the event kind: a signature's name ({@code cuda-out-of-memory}), {@code python-traceback} or {@code level}
 * @param example   the headline of the first event kept (a traceback's exception line)
 */
@Serdeable
public record ErrorGroupBody(@JsonProperty("pattern") String pattern,
                             @JsonProperty("level") String level,
                             @JsonProperty("count") long count,
                             @JsonProperty("first_seen") String firstSeen,
                             @JsonProperty("last_seen") String lastSeen,
                             @JsonProperty("files") List<String> files,
                             @JsonProperty("samples") List<SampleBody> samples,
                             @JsonProperty("pattern_id") String patternId,
                             @JsonProperty("kind") String kind,
                             @JsonProperty("example") String example) {
}
