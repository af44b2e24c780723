package io.logmirror.patterns;

import io.logmirror.core.LogPath;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Reads the SLURM job id a file's path carries:
 * <ul>
 *   <li>a folder {@code job-<id>} or {@code job_<id>} anywhere in the path ({@code job-4711/vllm_0.log});</li>
 *   <li>a file name ending in {@code -<id>.out}, {@code _<id>.out}, {@code -<id>.err} or {@code _<id>.err}
 *       ({@code slurm-4711.out}, {@code vllm-replicas_4711.err}, {@code orchestrator_job-4711.out}); an array
 *       task's {@code -<id>_<task>.out} gives the array job's id.</li>
 * </ul>
 * An id is 1 to 12 digits. Other names ({@code vllm_0.log}, whose number is a replica) carry none.
 * Stateless and thread-safe.
 *
 * <pre>{@code
 * JobIds.fromPath(LogPath.of("loadgen-4711.out"));   // Optional[4711]
 * }</pre>
 */
public final class JobIds {

    private static final java.util.regex.Pattern FOLDER = java.util.regex.Pattern.compile("job[-_]([0-9]{1,12})");
    private static final java.util.regex.Pattern NAME =
            java.util.regex.Pattern.compile(".*?[-_]([0-9]{1,12})(?:_[0-9]{1,9})?\\.(?:out|err)");

    private JobIds() {
    }

    /** The job id in the path, if any; a folder's id wins over the file name's. */
    public static Optional<String> fromPath(LogPath path) {
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size() - 1; i++) {
            Matcher m = FOLDER.matcher(segments.get(i));
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        Matcher m = NAME.matcher(path.fileName());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
