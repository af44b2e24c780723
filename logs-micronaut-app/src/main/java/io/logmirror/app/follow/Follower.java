package io.logmirror.app.follow;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.LineSubscriber;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.feed.ResyncRequiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One client's follow: subscribes to the mirror's line feed, sends the first lines (the tail, or what follows the
 * client's last event) read from the store, then the live lines, each exactly once. Live lines that arrive while the
 * first ones are read wait, and those the store read already covered are skipped by offset.
 *
 * <p>Runs on the feed's delivery thread for this subscriber (and the request's thread at start); never blocks.
 */
final class Follower implements LineSubscriber, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);
    /** A set's tail reads the last lines of this many of its most recently modified files. */
    static final int SET_TAIL_FILES = 20;

    private final LogMirror mirror;
    private final FollowQuery query;
    private final Optional<LogEntry> file;
    private final ClientQueue queue;
    private final LineEvents events;
    private final Map<LogPath, Long> next = new HashMap<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean starting = true;
    private long currentSequence = -1;
    private long indexInSequence;
    private long skipSequence = -1;
    private long skipThroughIndex = -1;
    private volatile FeedSubscription subscription;

    Follower(LogMirror mirror, FollowQuery query, Optional<LogEntry> file, ClientQueue queue, LineEvents events) {
        this.mirror = mirror;
        this.query = query;
        this.file = file;
        this.queue = queue;
        this.events = events;
    }

    /** Subscribes and queues the first lines. */
    void start() throws IOException {
        if (file.isPresent()) {
            subscription = mirror.lines().subscribe(this);
            startOneFile(file.get());
        } else if (query.since().isPresent()) {
            long[] since = query.sinceSequence();
            boolean whole = since[1] == Long.MAX_VALUE;
            long from = whole ? since[0] + 1 : since[0];
            if (!whole) {
                skipSequence = since[0];
                skipThroughIndex = since[1];
            }
            try {
                subscription = mirror.lines().subscribe(Math.max(1, from), this);
            } catch (ResyncRequiredException e) {
                subscription = mirror.lines().subscribe(this);
                queue.offer(events.resyncNeeded(e), this::droppedMarkers);
            }
        } else {
            long latest = mirror.changes().latestSequence();
            subscription = mirror.lines().subscribe(this);
            startSet(latest);
        }
        release();
    }

    private void startOneFile(LogEntry located) throws IOException {
        Optional<LogEntry> now = mirror.store().find(located.path());
        if (now.isEmpty()) {
            return;
        }
        LogEntry entry = now.get();
        long from;
        long after = -1;
        if (query.since().isPresent()) {
            after = query.sinceOffset();
            from = Math.max(0, Math.min(after, entry.size()));
        } else {
            from = query.tail() == 0 ? entry.size() : mirror.store().tailOffset(entry, query.tail());
        }
        long end = StoreLines.read(mirror.store(), entry, from, after, line -> queueLine(line, Long.toString(line.offset())));
        synchronized (this) {
            next.put(entry.path(), end);
        }
    }

    private void startSet(long latest) throws IOException {
        if (query.tail() == 0) {
            return;
        }
        List<LogEntry> newest = mirror.store().list(LogQuery.newest(10_000)).stream()
                .filter(e -> query.matches(e.path(), e.category())).limit(SET_TAIL_FILES).toList();
        for (int i = newest.size() - 1; i >= 0; i--) {
            LogEntry entry = newest.get(i);
            long from = mirror.store().tailOffset(entry, query.tail());
            long end = StoreLines.read(mirror.store(), entry, from, -1,
                    line -> queueLine(line, Long.toString(latest)));
            synchronized (this) {
                next.put(entry.path(), end);
            }
        }
    }

    private synchronized void release() {
        starting = false;
        held.forEach(Runnable::run);
        held.clear();
    }

    /** Runs {@code action} now, or after the first lines when they are still being read. */
    private synchronized void inOrder(Runnable action) {
        if (starting) {
            held.add(action);
        } else {
            action.run();
        }
    }

    @Override
    public void onLine(LogLine line) {
        if (!wanted(line.path(), line.category().name())) {
            return;
        }
        inOrder(() -> {
            String id;
            if (file.isPresent()) {
                id = Long.toString(line.offset());
            } else {
                if (line.sequence() != currentSequence) {
                    currentSequence = line.sequence();
                    indexInSequence = 0;
                } else {
                    indexInSequence++;
                }
                if (line.sequence() == skipSequence && indexInSequence <= skipThroughIndex) {
                    return;
                }
                id = line.sequence() + ":" + indexInSequence;
            }
            long from = next.getOrDefault(line.path(), 0L);
            if (line.offset() < from) {
                return; // the first lines, read from the store, had it
            }
            next.put(line.path(), Math.max(line.endOffset(), line.offset() + (line.bytes().length == 0 ? 0 : 1)));
            queueLine(StoreLines.Line.of(line), id);
        });
    }

    @Override
    public void onReplaced(LogEntry current, LogEntry previous) {
        if (!wanted(current.path(), current.category().name())) {
            return;
        }
        inOrder(() -> {
            next.remove(current.path());
            queue.offer(events.replaced(current, previous), this::droppedMarkers);
        });
    }

    @Override
    public void onGone(LogEntry entry) {
        if (!wanted(entry.path(), entry.category().name())) {
            return;
        }
        inOrder(() -> queue.offer(events.gone(entry), this::droppedMarkers));
    }

    @Override
    public void onMissed(long first, long last) {
        inOrder(() -> queue.offer(events.missedChanges(first, last), this::droppedMarkers));
    }

    private boolean wanted(LogPath path, String category) {
        if (file.isPresent()) {
            return file.get().path().equals(path);
        }
        return query.matches(path, new io.logmirror.core.Category(category));
    }

    /** Queues a line event with id {@code id}; if it is dropped, the client resumes from just before it. */
    private void queueLine(StoreLines.Line line, String id) {
        events.line(line, Optional.of(id), query.level()).ifPresent(e ->
                queue.offer(e, count -> events.dropped(count, line, resumeBefore(line, id))));
    }

    /** The since_id that resumes with {@code line}. */
    private String resumeBefore(StoreLines.Line line, String id) {
        if (file.isPresent() || line.sequence() < 0) {
            return file.isPresent() ? Long.toString(line.offset() - 1) : id;
        }
        int colon = id.indexOf(':');
        long index = Long.parseLong(id.substring(colon + 1));
        return index == 0 ? Long.toString(line.sequence() - 1) : line.sequence() + ":" + (index - 1);
    }

    private FollowEvent droppedMarkers(long count) {
        return events.droppedMarkers(count);
    }

    @Override
    public void close() {
        FeedSubscription current = subscription;
        if (current != null) {
            current.close();
        }
        queue.close();
        LOG.debug("follower closed: {}", query);
    }
}
