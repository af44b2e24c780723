package io.logmirror.app.http.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer of {@code GET /jobs}.
 *
 * @param jobs     the jobs, the most recently active first
 * @param complete false while the files mirrored before start-up are still being read
 */
@Serdeable
public record JobsBody(@JsonProperty("jobs") List<JobBody> jobs,
                       @JsonProperty("complete") boolean complete) {
}
