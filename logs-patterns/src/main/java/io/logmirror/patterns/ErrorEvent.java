package io.logmirror.patterns;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One error or warning found in a file: a line with a level of warning or worse, a line matching an
 * {@link ErrorRule}, or a whole Python traceback.
 *
 * @param kind the rule's name, {@link ErrorRules#PYTHON_TRACEBACK}, or {@link ErrorRules#LEVEL_ONLY}
 * @param level the level (a rule's, or the line's own when higher)
 * @param location where the event starts (a traceback: its {@code Traceback (most recent call last):} line)
 * @param endLineNumber the last line of the event (the same as the start for one-line events)
 * @param patternId the pattern of the event's headline (a traceback: of its exception line)
 * @param message the headline: the line, or a traceback's exception line
 * @param lines the event's lines (a traceback's, up to the rule set's {@code maxLines}; one line otherwise)
 * @param time the time of the first line
 * @param job the job state the event proves, if any
 * @param exitCode the exit code the event reports, if any
 */
public record ErrorEvent(String kind, Level level, Location location, long endLineNumber, String patternId,
        String message, List<String> lines, Instant time, Optional<JobState> job, OptionalInt exitCode) {

    public ErrorEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(patternId, "patternId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(exitCode, "exitCode");
        lines = List.copyOf(lines);
    }
}
