package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer of {@code GET /jobs/{id}}.
 *
 * @param jobId         the SLURM job id
 * @param state         running, completed, failed, cancelled, time_limit or out_of_memory
 * @param exitCode      the exit code srun reported, or null
 * @param files         the files carrying the id
 * @param firstError    its first error with its location, or null
 * @param errorGroups   its error and warning groups, the most frequent first
 * @param firstSeen     the time of its first line
 * @param lastSeen      the time of its last line
 * @param errorCount    events at error level or worse
 * @param warningCount  events at warning level
 * @param stateEvidence the event that decided a terminal state, or null
 * @param complete      false while the files mirrored before start-up are still being read
 */
@Serdeable
public record JobDetailBody(@JsonProperty("job_id") String jobId,
                            @JsonProperty("state") String state,
                            @JsonProperty("exit_code") @Nullable Integer exitCode,
                            @JsonProperty("files") List<JobFileBody> files,
                            @JsonProperty("first_error") @Nullable FirstErrorBody firstError,
                            @JsonProperty("error_groups") List<ErrorGroupBody> errorGroups,
                            @JsonProperty("first_seen") String firstSeen,
                            @JsonProperty("last_seen") String lastSeen,
                            @JsonProperty("error_count") long errorCount,
                            @JsonProperty("warning_count") long warningCount,
                            @JsonProperty("state_evidence") @Nullable FirstErrorBody stateEvidence,
                            @JsonProperty("complete") boolean complete) {
}
