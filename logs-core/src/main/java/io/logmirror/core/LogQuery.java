package io.logmirror.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Which files {@link LogStore#list(LogQuery)} returns: newest first by remote modification time,
 * at most {@code limit}, optionally one category, hidden files (a name starting with {@code .})
 * only when asked.
 *
 * <pre>{@code
 * store.list(LogQuery.newest(50).inCategory(Category.SLURM));
 * }</pre>
 *
 * @param category      only this category; empty for all
 * @param limit         at most this many entries, at least 1
 * @param includeHidden whether hidden files are listed
 */
public record LogQuery(Optional<Category> category, int limit, boolean includeHidden) {

    public LogQuery {
        Objects.requireNonNull(category, "category");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    /** The newest {@code limit} visible files of every category. */
    public static LogQuery newest(int limit) {
        return new LogQuery(Optional.empty(), limit, false);
    }

    /** This query restricted to {@code category}. */
    public LogQuery inCategory(Category category) {
        return new LogQuery(Optional.of(category), limit, includeHidden);
    }

    /** This query with hidden files included. */
    public LogQuery withHidden() {
        return new LogQuery(category, limit, true);
    }
}
