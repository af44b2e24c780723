package io.logmirror.patterns;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which error groups to list: the parameters of {@code GET /errors?service=&path=&since=&until=&level=}.
 * Immutable; each {@code with} method returns a changed copy.
 *
 * <pre>{@code
 * List<ErrorGroup> groups = analysis.errors(ErrorQuery.all().category(Category.VLLM).minLevel(Level.ERROR)
 *         .since(Instant.now().minus(Duration.ofHours(1))));
 * }</pre>
 *
 * @param path only this file
 * @param category only files of this category (the API's {@code service})
 * @param jobId only files of this SLURM job
 * @param since only events at or after this time
 * @param until only events before this time
 * @param minLevel only events at this level or worse (default warning)
 * @param limit at most this many groups, the most frequent first (default 100, 1 to 100,000)
 * @param samples at most this many sample locations per group (default 5, 0 to 1,000)
 */
public record ErrorQuery(Optional<LogPath> path, Optional<Category> category, Optional<String> jobId,
        Optional<Instant> since, Optional<Instant> until, Level minLevel, int limit, int samples) {

    public ErrorQuery {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(minLevel, "minLevel");
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("limit must be between 1 and 100000, not " + limit);
        }
        if (samples < 0 || samples > 1_000) {
            throw new IllegalArgumentException("samples must be between 0 and 1000, not " + samples);
        }
        if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
            throw new IllegalArgumentException("until (" + until.get() + ") is before since (" + since.get() + ")");
        }
    }

    /** Every warning and error group, the 100 most frequent. */
    public static ErrorQuery all() {
        return new ErrorQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Level.WARNING, 100, 5);
    }

    public ErrorQuery path(LogPath value) {
        return new ErrorQuery(Optional.of(value), category, jobId, since, until, minLevel, limit, samples);
    }

    public ErrorQuery category(Category value) {
        return new ErrorQuery(path, Optional.of(value), jobId, since, until, minLevel, limit, samples);
    }

    public ErrorQuery jobId(String value) {
        return new ErrorQuery(path, category, Optional.of(value), since, until, minLevel, limit, samples);
    }

    public ErrorQuery since(Instant value) {
        return new ErrorQuery(path, category, jobId, Optional.of(value), until, minLevel, limit, samples);
    }

    public ErrorQuery until(Instant value) {
        return new ErrorQuery(path, category, jobId, since, Optional.of(value), minLevel, limit, samples);
    }

    public ErrorQuery minLevel(Level value) {
        return new ErrorQuery(path, category, jobId, since, until, value, limit, samples);
    }

    public ErrorQuery limit(int value) {
        return new ErrorQuery(path, category, jobId, since, until, minLevel, value, samples);
    }

    public ErrorQuery samples(int value) {
        return new ErrorQuery(path, category, jobId, since, until, minLevel, limit, value);
    }
}
