package io.logmirror.retention;

import io.logmirror.core.LogEntry;

import java.util.Objects;

/**
 * One thing retention will do (or, in a dry run, would do) to one stored file.
 *
 * @param entry       the file, or one old generation of it
 * @param kind        delete or compress
 * @param reason      why, naming the rule and the numbers: {@code gone from the remote, last modified 40d ago; max_age
 *                    30d (category vllm)}
 * @param storedBytes the bytes on disk it concerns; for deleting a current file, with its old generations
 */
public record PlannedAction(LogEntry entry, Kind kind, String reason, long storedBytes) {

    /** What is done to the file. */
    public enum Kind {
        /** Removed from the mirror ({@code LogMirror.remove}); a current file goes with its old generations. */
        DELETE,
        /** Compressed in place (zstd's seekable format); it reads back unchanged. */
        COMPRESS
    }

    public PlannedAction {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }
}
