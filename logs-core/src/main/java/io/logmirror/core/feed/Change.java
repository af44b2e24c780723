package io.logmirror.core.feed;

import io.logmirror.core.LogEvent;

import java.util.Objects;

/**
 * One committed change to the mirror and its place in the {@link ChangeFeed}.
 *
 * @param sequence one more than the change before it, with no gaps, starting at 1; survives restarts
 * @param event    what changed
 */
public record Change(long sequence, LogEvent event) {

    public Change {
        Objects.requireNonNull(event, "event");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be at least 1, was " + sequence);
        }
    }
}
