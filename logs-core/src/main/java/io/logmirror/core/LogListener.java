package io.logmirror.core;

/**
 * Receives {@link LogEvent}s. Called on the sync's threads after each change is on disk: return quickly
 * (hand work to your own executor); an exception is logged and does not disturb the sync or other listeners.
 * A listener must not wait for a sync: {@link LogMirror#syncNow()} called from one throws
 * {@link IllegalStateException}; {@link LogMirror#requestSync()} is fine (it joins the running sync).
 */
@FunctionalInterface
public interface LogListener {

    /** Something changed in the mirror. */
    void onEvent(LogEvent event);
}
