package io.logmirror.patterns;

import java.util.Locale;
import java.util.Optional;

/**
 * The state of a SLURM job as read from its log files. The terminal states are ordered by how much
 * they explain: when a job's logs show several (a CUDA out-of-memory error makes the task exit
 * with code 1, and srun reports that exit), the one with the highest {@link #rank()} is its state.
 */
public enum JobState {
    /** No terminal sign yet and the files were written recently. */
    RUNNING(0),
    /** No error and no terminal sign, and the files have been quiet for a while; or a rule saw completion. */
    COMPLETED(1),
    /** A task exited with a non-zero code, crashed, or errors were logged and the files went quiet. */
    FAILED(2),
    /** Cancelled (scancel, a node failure, preemption), not at its time limit. */
    CANCELLED(3),
    /** Ran out of memory: the OOM killer, CUDA out of memory, slurmstepd's oom_kill events. */
    OUT_OF_MEMORY(4),
    /** Cancelled by SLURM at its time limit. */
    TIME_LIMIT(5);

    private final int rank;

    JobState(int rank) {
        this.rank = rank;
    }

    /** How much this state explains; higher wins when several are seen. */
    public int rank() {
        return rank;
    }

    /** The lower-case name used in rule files and JSON ({@code "time_limit"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a wire name names, ignoring case; empty if none. */
    public static Optional<JobState> fromWireName(String name) {
        for (JobState state : values()) {
            if (state.wireName().equalsIgnoreCase(name.trim())) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
