package io.logmirror.search;

import io.logmirror.core.LogStore;
import io.logmirror.search.internal.DefaultLogSearch;

import java.io.IOException;
import java.time.ZoneId;

/**
 * Searches the files of a {@link LogStore} line by line, like {@code rg -n} over the mirror, and streams the matches
 * to a {@link SearchSink} as they are found.
 *
 * <p>Order: files newest first (by remote modification time, as the listing), lines in file order within a file.
 * Files are scanned in parallel, with large sequential reads through {@link LogStore#open} only (so a store that keeps
 * files compressed is searched the same way), a literal prefilter (a regex's required literal), and no String built
 * for a line that cannot match. Hidden files (a segment starting with {@code .}) are not searched, as the listing
 * leaves them out.
 *
 * <p>Time bounds: a file last modified before {@code since} is skipped unopened. In a file whose lines carry times
 * ({@link io.logmirror.core.time.LineTimes} detects the format), a line's time is its own, or the previous timed
 * line's; a line before the first timed line, and every line of a file without times, takes the file's modification
 * time. {@code since} is inclusive, {@code until} exclusive.
 *
 * <p>Stops: after {@link SearchQuery#limit()} matches, when the sink asks, or at {@link SearchQuery#timeLimit()}.
 * Regexes run on RE2/J, in time linear in the input: a pathological pattern cannot stall a search, and an overlong one
 * is refused when the query is built.
 *
 * <p>Thread-safe: one instance serves concurrent searches.
 *
 * <pre>{@code
 * LogSearch search = LogSearch.over(mirror.store(), ZoneId.systemDefault());
 * SearchSummary summary = search.search(SearchQuery.builder("Traceback").context(3).limit(20).build(),
 *         match -> { System.out.println(match.entry().path() + ":" + match.lineNumber() + ":" + match.line()); return true; });
 * }</pre>
 */
public interface LogSearch {

    /**
     * A search over {@code store} scanning with as many threads as there are processors.
     *
     * @param zone the zone of line times written without an offset (the service's)
     */
    static LogSearch over(LogStore store, ZoneId zone) {
        return over(store, zone, Runtime.getRuntime().availableProcessors());
    }

    /** A search over {@code store} scanning with at most {@code threads} threads (at least 1) per search. */
    static LogSearch over(LogStore store, ZoneId zone, int threads) {
        return new DefaultLogSearch(store, zone, threads);
    }

    /**
     * Runs {@code query}, giving each match to {@code sink} on the calling thread as soon as the files before it in
     * the order are done; returns when the search ends.
     *
     * @throws IOException only when the store cannot be listed; a file that cannot be read is counted in
     *                     {@link SearchSummary#filesFailed()} and the others are still searched
     */
    SearchSummary search(SearchQuery query, SearchSink sink) throws IOException;
}
