package io.logmirror.core.internal.store;

import io.logmirror.core.LogEvent;
import io.logmirror.core.feed.Change;
import io.logmirror.core.internal.feed.ChangePublisher;

import java.util.ArrayList;
import java.util.List;

/** A test's change publisher: numbers the events and keeps them, in publishing order. Thread-safe. */
public class RecordingPublisher implements ChangePublisher {

    private final List<Change> changes = new ArrayList<>();

    @Override
    public synchronized Change publish(LogEvent event) {
        Change change = new Change(changes.size() + 1, event);
        changes.add(change);
        return change;
    }

    /** The events published so far. */
    public synchronized List<LogEvent> events() {
        return changes.stream().map(Change::event).toList();
    }

    /** The changes published so far. */
    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    public synchronized void clear() {
        changes.clear();
    }
}
