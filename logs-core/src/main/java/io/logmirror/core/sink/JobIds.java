package io.logmirror.core.sink;

import io.logmirror.core.LogPath;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Slurm job id in a log file's name, for the {@code job} label: {@code slurm-<id>.out},
 * {@code orchestrator_job-<id>.err}, {@code vllm-replicas_<id>.out}, {@code loadgen-<id>.out}. Not {@code vllm_<n>.log},
 * where the number is a replica. Sinks use it for Loki's {@code job} label and OpenSearch's {@code job_id} field.
 *
 * <pre>{@code
 * JobIds.of(LogPath.of("slurm-4242.out"));   // Optional[4242]
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class JobIds {

    private static final Pattern JOB = Pattern.compile("(?:^|[_-])(?:job|slurm|replicas|loadgen)[-_](\\d{1,12})(?:\\.|$)");

    private JobIds() {
    }

    /** The job id in {@code path}'s file name, if it follows one of the names above. */
    public static Optional<String> of(LogPath path) {
        Matcher m = JOB.matcher(path.fileName());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
