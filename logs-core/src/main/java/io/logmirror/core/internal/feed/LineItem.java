package io.logmirror.core.internal.feed;

import io.logmirror.core.LogEntry;
import io.logmirror.core.feed.LineSubscriber;
import io.logmirror.core.feed.LogLine;

import java.util.List;

/** What a line subscriber's queue holds: lines of one change, or a marker. */
sealed interface LineItem {

    /** The sequence of the change this item comes from (the last one for a missed range). */
    long sequence();

    /** Roughly how many bytes of memory it holds, for the queue's bound. */
    long weight();

    /** Calls the matching method of {@code subscriber}. */
    void deliverTo(LineSubscriber subscriber);

    /** The memory a line holds beyond its bytes, roughly (the record, the array header, the list slot). */
    int LINE_OVERHEAD = 64;

    /** Lines completed by one change, in order (not copied: the list is not changed after); shared by every subscriber. */
    record Lines(long sequence, List<LogLine> lines, long weight) implements LineItem {

        @Override
        public void deliverTo(LineSubscriber subscriber) {
            for (LogLine line : lines) {
                subscriber.onLine(line);
            }
        }
    }

    record Replaced(long sequence, LogEntry current, LogEntry previous) implements LineItem {
        @Override
        public long weight() {
            return 64;
        }

        @Override
        public void deliverTo(LineSubscriber subscriber) {
            subscriber.onReplaced(current, previous);
        }
    }

    record Gone(long sequence, LogEntry entry) implements LineItem {
        @Override
        public long weight() {
            return 64;
        }

        @Override
        public void deliverTo(LineSubscriber subscriber) {
            subscriber.onGone(entry);
        }
    }

    record Removed(long sequence, LogEntry entry) implements LineItem {
        @Override
        public long weight() {
            return 64;
        }

        @Override
        public void deliverTo(LineSubscriber subscriber) {
            subscriber.onRemoved(entry);
        }
    }

    /** The reader itself missed changes {@code first..last} of the change feed. */
    record Missed(long first, long last) implements LineItem {
        @Override
        public long sequence() {
            return last;
        }

        @Override
        public long weight() {
            return 64;
        }

        @Override
        public void deliverTo(LineSubscriber subscriber) {
            subscriber.onMissed(first, last);
        }
    }
}
