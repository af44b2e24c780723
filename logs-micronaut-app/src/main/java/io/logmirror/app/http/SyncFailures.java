package io.logmirror.app.http;

import io.logmirror.app.http.wire.FailedFileBody;
import io.logmirror.app.http.wire.SkippedNameBody;
import io.logmirror.core.SkippedEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The files a sync could not bring up to date, and the remote entries it left out, as the API shows them: their
 * number, and the first {@link #SHOWN} by name, so that a sync with 100,000 failures (a full disk under a busy
 * cluster) keeps {@code /status} and {@code /sync/trigger} small. The full list is in the service's log (a WARN per
 * file).
 */
public final class SyncFailures {

    /** How many failed files an answer lists at most; the count is always complete. */
    static final int SHOWN = 20;

    /** The original service's message, which its clients may compare; kept when every file synced. */
    static final String COMPLETED = "Log sync completed";

    private static final Comparator<SkippedEntry> BY_NAME = Comparator.comparing(SkippedEntry::name);

    private SyncFailures() {
    }

    /**
     * The first {@link #SHOWN} failures by path, sorted, as wire bodies: what {@code /status} and
     * {@code /sync/trigger} list, and whose first {@code /management/health} shows.
     */
    public static List<FailedFileBody> shown(List<SkippedEntry> failures) {
        return firstByName(failures).stream().map(f -> new FailedFileBody(LogLocator.logsPath(f.name()), f.reason())).toList();
    }

    /** The first {@link #SHOWN} entries left out by name, sorted, as wire bodies. */
    static List<SkippedNameBody> shownSkipped(List<SkippedEntry> skipped) {
        return firstByName(skipped).stream().map(s -> new SkippedNameBody(s.name(), s.reason())).toList();
    }

    /**
     * The first {@link #SHOWN} entries by name, sorted. Picks them in one pass with a bounded heap, since
     * {@code /status} is polled and the list can be long.
     */
    private static List<SkippedEntry> firstByName(List<SkippedEntry> entries) {
        PriorityQueue<SkippedEntry> smallest = new PriorityQueue<>(BY_NAME.reversed());
        for (SkippedEntry entry : entries) {
            if (smallest.size() < SHOWN) {
                smallest.add(entry);
            } else if (BY_NAME.compare(entry, smallest.peek()) < 0) {
                smallest.poll();
                smallest.add(entry);
            }
        }
        List<SkippedEntry> sorted = new ArrayList<>(smallest);
        sorted.sort(BY_NAME);
        return sorted;
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
