package io.logmirror.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a retention run did (for {@code /status}), or, for a dry run, what it would do.
 *
 * @param started  when the run started
 * @param took     how long it took
 * @param dryRun   whether nothing was done (then {@code outcomes} is empty)
 * @param plan     the plan it carried out
 * @param outcomes one per planned action, in the plan's order
 */
public record RetentionReport(Instant started, Duration took, boolean dryRun, RetentionPlan plan,
                              List<Outcome> outcomes) {

    /** How one planned action went. */
    public enum Status {
        /** Done. */
        DONE,
        /** Not done, for a good reason: a sync was writing the file, or it changed since it was planned. */
        SKIPPED,
        /** The disk refused; {@code detail} says why. */
        FAILED
    }

    /**
     * One action's result.
     *
     * @param action     the planned action
     * @param status     how it went
     * @param detail     why it was skipped or failed; empty when done
     * @param bytesFreed bytes on disk the action freed (a deletion's stored bytes, a compression's saving)
     */
    public record Outcome(PlannedAction action, Status status, String detail, long bytesFreed) {
        public Outcome {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public RetentionReport {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(plan, "plan");
        outcomes = List.copyOf(outcomes);
    }

    /** Files (or generations) removed. */
    public long deleted() {
        return count(PlannedAction.Kind.DELETE, Status.DONE);
    }

    /** Files compressed. */
    public long compressed() {
        return count(PlannedAction.Kind.COMPRESS, Status.DONE);
    }

    /** Actions that failed. */
    public long failed() {
        return outcomes.stream().filter(o -> o.status() == Status.FAILED).count();
    }

    /** Bytes on disk freed by deletions and compressions. */
    public long bytesFreed() {
        return outcomes.stream().mapToLong(Outcome::bytesFreed).sum();
    }

    private long count(PlannedAction.Kind kind, Status status) {
        return outcomes.stream().filter(o -> o.action().kind() == kind && o.status() == status).count();
    }
}
