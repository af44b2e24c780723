package io.logmirror.patterns;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import java.util.Objects;
import java.util.Optional;

/**
 * What the analysis knows of one file: what the {@code /logs} listing adds as {@code error_count}
 * and {@code warning_count}.
 *
 * @param path the file
 * @param category its category
 * @param lines lines analysed since the start or the last rewrite
 * @param errorCount events at error or critical level
 * @param warningCount events at warning level
 * @param patterns distinct patterns among its lines
 * @param jobId the SLURM job id its name carries, if any
 */
public record FileSummary(LogPath path, Category category, long lines, long errorCount, long warningCount, int patterns,
        Optional<String> jobId) {

    public FileSummary {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(jobId, "jobId");
    }
}
