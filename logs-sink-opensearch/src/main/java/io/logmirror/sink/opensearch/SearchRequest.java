package io.logmirror.sink.opensearch;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link OpenSearchLogSearch#search} looks for. All conditions must hold.
 *
 * @param text       words or a phrase the line contains ({@code match_phrase} on the analyzed message); empty for any
 * @param category   only this category
 * @param pathPrefix only files whose path starts with this
 * @param level      only lines with this level (for example {@code error})
 * @param jobId      only lines of this Slurm job
 * @param since      only lines at or after this time
 * @param until      only lines before this time
 * @param limit      at most this many hits, 1 to 10,000
 */
public record SearchRequest(Optional<String> text, Optional<String> category, Optional<String> pathPrefix,
                            Optional<String> level, Optional<String> jobId, Optional<Instant> since,
                            Optional<Instant> until, int limit) {

    public SearchRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1 to 10000 (OpenSearch's result window), was " + limit);
        }
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new IllegalArgumentException("since (" + since.get() + ") must be before until (" + until.get() + ")");
        }
    }

    /** Lines containing {@code text}, at most 100. */
    public static SearchRequest text(String text) {
        return new SearchRequest(Optional.of(text), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    /** Every line, newest first, at most 100. */
    public static SearchRequest all() {
        return new SearchRequest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 100);
    }

    public SearchRequest inCategory(String category) {
        return new SearchRequest(text, Optional.of(category), pathPrefix, level, jobId, since, until, limit);
    }

    public SearchRequest underPath(String prefix) {
        return new SearchRequest(text, category, Optional.of(prefix), level, jobId, since, until, limit);
    }

    public SearchRequest withLevel(String level) {
        return new SearchRequest(text, category, pathPrefix, Optional.of(level), jobId, since, until, limit);
    }

    public SearchRequest ofJob(String jobId) {
        return new SearchRequest(text, category, pathPrefix, level, Optional.of(jobId), since, until, limit);
    }

    public SearchRequest between(Instant since, Instant until) {
        return new SearchRequest(text, category, pathPrefix, level, jobId, Optional.of(since), Optional.of(until),
                limit);
    }

    public SearchRequest limit(int limit) {
        return new SearchRequest(text, category, pathPrefix, level, jobId, since, until, limit);
    }
}
