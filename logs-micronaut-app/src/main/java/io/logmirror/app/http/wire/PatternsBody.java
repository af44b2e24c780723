package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer of {@code GET /logs/patterns}.
 *
 * @param patterns the patterns, newest first (by the time of their last line)
 * @param complete false while the files mirrored before start-up are still being read
 */
@Serdeable
public record PatternsBody(@JsonProperty("patterns") List<PatternBody> patterns,
                           @JsonProperty("complete") boolean complete) {
}
