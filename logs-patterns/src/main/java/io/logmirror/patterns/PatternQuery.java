package io.logmirror.patterns;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import java.util.Objects;
import java.util.Optional;

/**
 * Which patterns to list: the parameters of {@code GET /logs/patterns?path=} or {@code ?service=},
 * with {@code lines=true}. Immutable.
 *
 * <pre>{@code
 * analysis.patterns(PatternQuery.ofFile(LogPath.of("vllm_0.log")).withLineNumbers(true));
 * }</pre>
 *
 * @param path only this file
 * @param category only files of this category
 * @param lineNumbers whether to return each pattern's line numbers (only with a path)
 * @param limit at most this many patterns, newest first (default 1,000, 1 to 1,000,000)
 */
public record PatternQuery(Optional<LogPath> path, Optional<Category> category, boolean lineNumbers, int limit) {

    public PatternQuery {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(category, "category");
        if (limit < 1 || limit > 1_000_000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000000, not " + limit);
        }
        if (lineNumbers && path.isEmpty()) {
            throw new IllegalArgumentException("line numbers are given for one file: add a path");
        }
    }

    /** The patterns of one file. */
    public static PatternQuery ofFile(LogPath path) {
        return new PatternQuery(Optional.of(path), Optional.empty(), false, 1_000);
    }

    /** The patterns of every file of a category. */
    public static PatternQuery ofCategory(Category category) {
        return new PatternQuery(Optional.empty(), Optional.of(category), false, 1_000);
    }

    /** The patterns of every file. */
    public static PatternQuery all() {
        return new PatternQuery(Optional.empty(), Optional.empty(), false, 1_000);
    }

    public PatternQuery withLineNumbers(boolean value) {
        return new PatternQuery(path, category, value, limit);
    }

    public PatternQuery limit(int value) {
        return new PatternQuery(path, category, lineNumbers, value);
    }
}
