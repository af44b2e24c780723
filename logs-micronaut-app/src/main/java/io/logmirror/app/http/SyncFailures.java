package io.logmirror.app.http;

import io.logmirror.app.http.wire.FailedFileBody;
import io.logmirror.core.SkippedEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The files a sync could not bring up to date, as the API shows them: their number, and the first
 * {@link #SHOWN} by path, so that a sync with 100,000 failures (a full disk under a busy cluster) keeps
 * {@code /status} and {@code /sync/trigger} small. The full list is in the service's log (a WARN per file).
 */
final class SyncFailures {

    /** How many failed files an answer lists at most; the count is always complete. */
    static final int SHOWN = 20;

    /** The original service's message, which its clients may compare; kept when every file synced. */
    static final String COMPLETED = "Log sync completed";

    private static final Comparator<SkippedEntry> BY_NAME = Comparator.comparing(SkippedEntry::name);

    private SyncFailures() {
    }

    /**
     * The first {@link #SHOWN} failures by path, sorted, as wire bodies. Picks them in one pass with a bounded heap,
     * since {@code /status} is polled and the list can be long.
     */
    static List<FailedFileBody> shown(List<SkippedEntry> failures) {
        PriorityQueue<SkippedEntry> smallest = new PriorityQueue<>(BY_NAME.reversed());
        for (SkippedEntry failure : failures) {
            if (smallest.size() < SHOWN) {
                smallest.add(failure);
            } else if (BY_NAME.compare(failure, smallest.peek()) < 0) {
                smallest.poll();
                smallest.add(failure);
            }
        }
        List<SkippedEntry> sorted = new ArrayList<>(smallest);
        sorted.sort(BY_NAME);
        return sorted.stream().map(f -> new FailedFileBody("logs/" + f.name(), f.reason())).toList();
    }

    /**
     * The trigger's {@code message}: the original's text when every file synced, else that text followed by how many
     * files could not be synced, so that a person reading it sees the problem.
     */
    static String message(int failed) {
        if (failed == 0) {
            return COMPLETED;
        }
        return COMPLETED + "; " + failed + (failed == 1 ? " file" : " files") + " could not be synced (see failures)";
    }
}
