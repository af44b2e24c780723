package io.logmirror.patterns;

import java.util.List;
import java.util.Objects;

/**
 * Everything about one job: what {@code GET /jobs/{id}} returns.
 *
 * @param job the job, its state, files and first error
 * @param errors its error and warning groups, most frequent first
 */
public record JobReport(Job job, List<ErrorGroup> errors) {

    public JobReport {
        Objects.requireNonNull(job, "job");
        errors = List.copyOf(errors);
    }
}
