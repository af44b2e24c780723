package io.logmirror.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which files {@link LogStore#list(LogQuery)} returns, in which order, one page at a time.
 *
 * <p>Filters: a category, a modification-time range ({@code since} inclusive, {@code until} exclusive), a path prefix,
 * a substring of the path, hidden files (a name starting with {@code .}) only when asked. Order: newest first by
 * remote modification time (ties by path), or by path. Paging: a {@link Cursor} ("after this entry", which stays put
 * when a sync adds files) or an offset (for clients of the original service).
 *
 * <p>Cost, from the store's index: newest first with a time range, by path with a path prefix, and a cursor in either
 * order cost O(log n + page). The other filters are checked on the entries walked in order, so a rare category in
 * path order, a rare prefix in time order or a name substring cost as many entries as they skip; an offset costs the
 * entries it skips.
 *
 * <pre>{@code
 * LogQuery query = LogQuery.newest(50).inCategory(Category.SLURM).modifiedSince(Instant.parse("2026-01-01T00:00:00Z"));
 * List<LogEntry> page = store.list(query);
 * List<LogEntry> next = store.list(query.after(page.get(page.size() - 1)));
 * }</pre>
 *
 * @param category      only this category; empty for all
 * @param limit         at most this many entries, at least 1
 * @param includeHidden whether hidden files are listed
 * @param since         only files modified at or after this time
 * @param until         only files modified before this time
 * @param pathPrefix    only files whose path starts with this text (a folder: {@code "job-1/"})
 * @param nameContains  only files whose path contains this text (part of a name or of a folder's name)
 * @param order         the order of the results
 * @param after         only entries after this one in {@code order}
 * @param offset        entries to skip after the other filters, at least 0
 */
public record LogQuery(Optional<Category> category, int limit, boolean includeHidden, Optional<Instant> since,
                       Optional<Instant> until, Optional<String> pathPrefix, Optional<String> nameContains,
                       Order order, Optional<Cursor> after, int offset) {

    /** The order of a listing. */
    public enum Order {
        /** Newest first by remote modification time, ties by path in code-point order. */
        NEWEST_FIRST,
        /** By path, in code-point order (folders' files together). */
        PATH
    }

    /**
     * A position in a listing: the entry a page ended with. Stable: files added by a later sync land before or after
     * it, never move it. A file that changes after the page was read moves in the newest-first order, so it may be
     * listed again on a later page.
     *
     * @param modified the entry's modification time (ignored in path order)
     * @param path     the entry's path
     */
    public record Cursor(Instant modified, LogPath path) {

        public Cursor {
            Objects.requireNonNull(modified, "modified");
            Objects.requireNonNull(path, "path");
        }

        /** The position just after {@code entry}. */
        public static Cursor after(LogEntry entry) {
            return new Cursor(entry.modified(), entry.path());
        }

        /** A compact text form, for a URL: {@code <seconds>.<nanos>:<path>}. */
        @Override
        public String toString() {
            return modified.getEpochSecond() + "." + modified.getNano() + ":" + path;
        }

        /**
         * Reads {@link #toString()}'s form back.
         *
         * @throws IllegalArgumentException naming the text when it is not a cursor
         */
        public static Cursor parse(String text) {
            int colon = text.indexOf(':');
            int dot = text.indexOf('.');
            try {
                if (colon < 0 || dot < 0 || dot > colon) {
                    throw new IllegalArgumentException("missing ':' or '.'");
                }
                long seconds = Long.parseLong(text.substring(0, dot));
                int nanos = Integer.parseInt(text.substring(dot + 1, colon));
                return new Cursor(Instant.ofEpochSecond(seconds, nanos), LogPath.of(text.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid cursor '" + InvalidLogPathException.printable(text)
                        + "' (" + e.getMessage() + "); pass the cursor of a previous page unchanged", e);
            }
        }
    }

    public LogQuery {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(nameContains, "nameContains");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
    }

    /** The old three-part form: a category, a limit, hidden files or not; newest first. */
    public LogQuery(Optional<Category> category, int limit, boolean includeHidden) {
        this(category, limit, includeHidden, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Order.NEWEST_FIRST, Optional.empty(), 0);
    }

    /** The newest {@code limit} visible files of every category. */
    public static LogQuery newest(int limit) {
        return new LogQuery(Optional.empty(), limit, false);
    }

    /** The first {@code limit} visible files by path. */
    public static LogQuery byPath(int limit) {
        return newest(limit).inOrder(Order.PATH);
    }

    /** This query restricted to {@code category}. */
    public LogQuery inCategory(Category category) {
        return new LogQuery(Optional.of(category), limit, includeHidden, since, until, pathPrefix, nameContains, order,
                after, offset);
    }

    /** This query with hidden files included. */
    public LogQuery withHidden() {
        return new LogQuery(category, limit, true, since, until, pathPrefix, nameContains, order, after, offset);
    }

    /** This query with another page size. */
    public LogQuery withLimit(int limit) {
        return new LogQuery(category, limit, includeHidden, since, until, pathPrefix, nameContains, order, after, offset);
    }

    /** This query restricted to files modified at or after {@code since}. */
    public LogQuery modifiedSince(Instant since) {
        return new LogQuery(category, limit, includeHidden, Optional.of(since), until, pathPrefix, nameContains, order,
                after, offset);
    }

    /** This query restricted to files modified before {@code until}. */
    public LogQuery modifiedBefore(Instant until) {
        return new LogQuery(category, limit, includeHidden, since, Optional.of(until), pathPrefix, nameContains, order,
                after, offset);
    }

    /** This query restricted to paths starting with {@code prefix} ({@code "job-1/"} for a folder). */
    public LogQuery underPath(String prefix) {
        return new LogQuery(category, limit, includeHidden, since, until, Optional.of(prefix), nameContains, order,
                after, offset);
    }

    /** This query restricted to files whose path contains {@code text}. */
    public LogQuery nameContaining(String text) {
        return new LogQuery(category, limit, includeHidden, since, until, pathPrefix, Optional.of(text), order,
                after, offset);
    }

    /** This query in another order. */
    public LogQuery inOrder(Order order) {
        return new LogQuery(category, limit, includeHidden, since, until, pathPrefix, nameContains, order, after, offset);
    }

    /** The next page: entries after {@code cursor}. */
    public LogQuery after(Cursor cursor) {
        return new LogQuery(category, limit, includeHidden, since, until, pathPrefix, nameContains, order,
                Optional.of(cursor), offset);
    }

    /** The next page: entries after {@code last}, the last entry of this page. */
    public LogQuery after(LogEntry last) {
        return after(Cursor.after(last));
    }

    /** This query skipping its first {@code offset} results. */
    public LogQuery skip(int offset) {
        return new LogQuery(category, limit, includeHidden, since, until, pathPrefix, nameContains, order, after, offset);
    }
}
