package io.logmirror.patterns;

import io.logmirror.core.LogPath;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A SLURM job as read from the files that carry its id ({@link JobIds}): what {@code GET /jobs} lists.
 *
 * @param id the job id
 * @param state the state inferred from the logs (see {@link JobState})
 * @param exitCode the exit code reported (srun's {@code Exited with exit code N}), if any
 * @param files the job's files, by path
 * @param firstSeen the time of its first line
 * @param lastSeen the time of its last line
 * @param errorCount events at error or critical level
 * @param warningCount events at warning level
 * @param firstError the first error event, with its location
 * @param stateEvidence the event that decided a terminal state, if one did
 */
public record Job(String id, JobState state, OptionalInt exitCode, List<LogPath> files, Instant firstSeen,
        Instant lastSeen, long errorCount, long warningCount, Optional<ErrorEvent> firstError,
        Optional<ErrorEvent> stateEvidence) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(firstError, "firstError");
        Objects.requireNonNull(stateEvidence, "stateEvidence");
        files = List.copyOf(files);
    }
}
