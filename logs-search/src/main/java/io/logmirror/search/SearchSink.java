package io.logmirror.search;

/**
 * Receives the matches of a search as they are found, in the search's order (newest files first, lines in file
 * order). {@link #accept} is called from one thread at a time (the thread that called {@link LogSearch#search}), so
 * an implementation needs no locking of its own; it should return quickly or apply back-pressure by blocking.
 *
 * <pre>{@code
 * search.search(query, match -> { out.println(match.entry().path() + ":" + match.lineNumber() + ":" + match.line()); return true; });
 * }</pre>
 */
@FunctionalInterface
public interface SearchSink {

    /** Takes one match; returns false to stop the search (a client went away). */
    boolean accept(SearchMatch match);

    /**
     * Called on the same thread as {@link #accept} when the search has no match to deliver for now (it waits for the
     * scan): a sink that batches its output should flush it here, so that a match never waits for the next one. By
     * default nothing.
     */
    default void idle() {
    }

    /**
     * Polled by the scanning threads between reads (so from any thread): true stops the search soon, even while no
     * match is being found. By default never.
     */
    default boolean cancelled() {
        return false;
    }
}
