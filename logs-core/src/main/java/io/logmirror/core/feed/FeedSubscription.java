package io.logmirror.core.feed;

/**
 * A subscription to a feed. Closing it stops delivery (a delivery in progress finishes first); closing twice is
 * harmless. Thread-safe.
 */
public interface FeedSubscription extends AutoCloseable {

    /**
     * The sequence of the last change delivered to the subscriber or reported to it as missed (the sequence before
     * the first one asked for, until then). A subscriber that keeps a cursor to resume from saves this, or better the
     * sequence of the last change it has fully handled.
     */
    long lastDelivered();

    /** How many deliveries wait in this subscriber's queue. */
    int backlog();

    /** Stops delivery. Never throws. */
    @Override
    void close();
}
