package io.logmirror.core;

/**
 * Receives {@link LogEvent}s through {@link LogMirror#subscribe(LogListener)}: called after each change is committed,
 * in commit order, on the change feed's delivery thread for this listener (never on a transfer thread). A slow
 * listener only fills its own queue; when it overflows, the changes it missed are skipped (use
 * {@link LogMirror#changes()} to be told which). An exception is logged and does not disturb the sync or others.
 */
@FunctionalInterface
public interface LogListener {

    /** Something changed in the mirror. */
    void onEvent(LogEvent event);
}
