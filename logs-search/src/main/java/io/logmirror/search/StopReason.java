package io.logmirror.search;

/** Why a search ended. */
public enum StopReason {
    /** Every selected file was searched. */
    COMPLETED,
    /** {@link SearchQuery#limit()} matches were delivered. */
    LIMIT,
    /** The sink asked to stop ({@link SearchSink#accept} returned false, or {@link SearchSink#cancelled()} became true). */
    CANCELLED,
    /** {@link SearchQuery#timeLimit()} ran out; the matches delivered are the newest files' found so far. */
    TIME_LIMIT
}
