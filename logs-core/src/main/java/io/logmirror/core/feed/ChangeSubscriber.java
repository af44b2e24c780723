package io.logmirror.core.feed;

/**
 * Receives {@link Change}s from a {@link ChangeFeed}, in sequence order, on the feed's delivery thread for this
 * subscriber (never on a transfer thread). A subscriber may take its time: only its own queue fills up. An exception
 * it throws is logged and delivery goes on with the next change.
 */
@FunctionalInterface
public interface ChangeSubscriber {

    /** The next change. */
    void onChange(Change change);

    /**
     * Changes {@code first..last} (inclusive) were dropped because this subscriber's queue overflowed. Delivery goes
     * on with {@code last + 1}. A subscriber that needs every change re-reads the state it keeps from the store (or
     * subscribes again from {@code first} while the journal still holds it). The default does nothing.
     */
    default void onMissed(long first, long last) {
    }
}
