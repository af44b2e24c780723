package io.logmirror.core;

/**
 * Receives {@link LogEvent}s. Called on the sync's threads after each change is on disk: return quickly
 * (hand work to your own executor); an exception is logged and does not disturb the sync or other listeners.
 */
@FunctionalInterface
public interface LogListener {

    /** Something changed in the mirror. */
    void onEvent(LogEvent event);
}
