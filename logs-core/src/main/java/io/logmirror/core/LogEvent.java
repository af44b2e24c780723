package io.logmirror.core;

/**
 * A change to the mirror, published after the change is on disk. Consumers (live tail, search,
 * error detection, a Loki sink) subscribe through {@link LogMirror#subscribe(LogListener)}.
 */
public sealed interface LogEvent {

    /** The entry as it is after the change. */
    LogEntry entry();

    /** A file new to the mirror. */
    record Added(LogEntry entry) implements LogEvent { }

    /** A file grew: bytes {@code [previousSize, entry.size())} are new. */
    record Appended(LogEntry entry, long previousSize) implements LogEvent { }

    /** A file was rewritten or truncated remotely and fetched again; {@code previous} is the generation kept. */
    record Replaced(LogEntry entry, LogEntry previous) implements LogEvent { }

    /** A file vanished from the remote; its local copy is kept and now marked gone. */
    record Gone(LogEntry entry) implements LogEvent { }

    /**
     * A file marked {@link Gone gone} is listed by the remote again and no longer marked gone. Published before
     * anything is fetched for it: when its content changed meanwhile, an {@link Appended} or {@link Replaced} event
     * follows.
     */
    record Returned(LogEntry entry) implements LogEvent { }

    /**
     * A file, or one kept generation of it ({@code entry.generation() > 0}), was removed from the mirror (by
     * retention or on request). Removing the current generation removes the file from listings.
     */
    record Removed(LogEntry entry) implements LogEvent { }
}
