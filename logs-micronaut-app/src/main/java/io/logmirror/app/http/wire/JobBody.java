package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One job of {@code GET /jobs}.
 *
 * @param jobId        the SLURM job id
 * @param state        running, completed, failed, cancelled, time_limit or out_of_memory
 * @param exitCode     the exit code srun reported, or null
 * @param fileCount    files carrying the id
 * @param lastModified the time of its last line
 * @param firstError   its first error, or null
 * @param firstSeen    the time of its first line
 * @param errorCount   events at error level or worse
 * @param warningCount events at warning level
 */
@Serdeable
public record JobBody(@JsonProperty("job_id") String jobId,
                      @JsonProperty("state") String state,
                      @JsonProperty("exit_code") @Nullable Integer exitCode,
                      @JsonProperty("file_count") int fileCount,
                      @JsonProperty("last_modified") String lastModified,
                      @JsonProperty("first_error") @Nullable FirstErrorBody firstError,
                      @JsonProperty("first_seen") String firstSeen,
                      @JsonProperty("error_count") long errorCount,
                      @JsonProperty("warning_count") long warningCount) {
}
