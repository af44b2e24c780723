package io.logmirror.sink.opensearch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OpenSearchLogSearch#search} found.
 *
 * @param hits    the lines, newest first
 * @param total   how many lines match in all (at least {@code hits.size()})
 * @param tookMs  how long OpenSearch took
 */
public record SearchResult(List<Hit> hits, long total, long tookMs) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    /**
     * One matching line, with what the local search reports for a match (path, category, line number, line).
     *
     * @param path       the file's path in the mirror
     * @param category   its category
     * @param lineNumber 1 for the first line
     * @param offset     the line's byte offset
     * @param time       the line's time
     * @param line       its text
     * @param level      its level, when known
     * @param jobId      its Slurm job, when known
     */
    public record Hit(String path, String category, long lineNumber, long offset, Instant time, String line,
                      Optional<String> level, Optional<String> jobId) {

        public Hit {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(jobId, "jobId");
        }
    }
}
