package io.logmirror.core.internal.sink;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;
import io.logmirror.core.LogStore;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.LineFeed;
import io.logmirror.core.feed.LineSubscriber;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.sink.CursorStore;
import io.logmirror.core.sink.LogSink;
import io.logmirror.core.sink.SinkBackend;
import io.logmirror.core.sink.SinkCursor;
import io.logmirror.core.sink.SinkLine;
import io.logmirror.core.sink.SinkOptions;
import io.logmirror.core.sink.SinkStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The at-least-once engine behind {@link LogSink}: the feed's thread only queues; this sink's own thread catches up
 * from the store, batches, sends, retries and commits cursors.
 */
public final class SinkRunner implements LogSink, LineSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRunner.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private record Live(LogLine line, Instant arrival) { }

    private record Replaced(LogEntry current, LogEntry previous) { }

    private record Removed(LogEntry entry) { }

    private final LogStore store;
    private final SinkBackend backend;
    private final CursorStore cursorStore;
    private final SinkOptions options;
    private final StoreLineReader reader;
    private final io.logmirror.core.sink.LineAnnotator annotator;
    private final BlockingQueue<Object> queue;
    private final AtomicBoolean behind = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private final Counters counters = new Counters();
    /** The acknowledged cursors, readable from any thread (for {@link #awaitIdle}). */
    private final Map<LogPath, SinkCursor> acked = new ConcurrentHashMap<>();
    private volatile FeedSubscription subscription;
    /** Set by the sink's thread while it waits for live lines with nothing in hand. */
    private volatile boolean waiting;
    private volatile boolean closed;

    // The sink thread's own state.
    private final Map<LogPath, FileState> states = new HashMap<>();
    private final Batch batch = new Batch();

    private SinkRunner(LogStore store, SinkBackend backend, CursorStore cursorStore, SinkOptions options,
                       Map<LogPath, SinkCursor> loaded) {
        this.store = store;
        this.backend = backend;
        this.cursorStore = cursorStore;
        this.options = options;
        this.reader = new StoreLineReader(store, options.maxLineBytes());
        this.annotator = options.annotator().orElseGet(() -> new ParsedTimeAnnotator(store, options.zone()));
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        acked.putAll(loaded);
        loaded.forEach((path, c) -> states.put(path, FileState.lineStart(c.offset(), c.lineNumber(), c.generations())));
        this.thread = new Thread(this::run, "sink-" + backend.name());
        thread.setDaemon(true);
    }

    public static SinkRunner start(LineFeed feed, LogStore store, SinkBackend backend, CursorStore cursors,
                                   SinkOptions options) throws IOException {
        Map<LogPath, SinkCursor> loaded = cursors.load();
        SinkRunner runner = new SinkRunner(store, backend, cursors, options, loaded);
        // Subscribe before catching up: what the catch-up reads and the feed also delivers is skipped by offset.
        runner.subscription = feed.subscribe(runner);
        runner.thread.start();
        return runner;
    }

    // ---------------------------------------------------------------- the feed's side: queue only, never wait

    @Override
    public void onLine(LogLine line) {
        offer(new Live(line, Instant.now()));
    }

    @Override
    public void onReplaced(LogEntry current, LogEntry previous) {
        offer(new Replaced(current, previous));
    }

    @Override
    public void onRemoved(LogEntry entry) {
        offer(new Removed(entry));
    }

    @Override
    public void onMissed(long first, long last) {
        behind.set(true);
    }

    private void offer(Object item) {
        if (!closed && !queue.offer(item)) {
            behind.set(true);   // dropped: read back from the store by the next catch-up
        }
    }

    // ---------------------------------------------------------------- the sink's thread

    private void run() {
        boolean caughtUp = false;
        while (!closed) {
            try {
                if (!caughtUp || behind.getAndSet(false)) {
                    queue.clear();  // everything queued is in the store already
                    catchUp();
                    caughtUp = true;
                    continue;
                }
                long waitNanos = batch.isEmpty() ? TimeUnit.MILLISECONDS.toNanos(200)
                        : batch.firstAddedNanos + options.maxBatchDelay().toNanos() - System.nanoTime();
                if (waitNanos <= 0) {
                    flush();
                    continue;
                }
                waiting = batch.isEmpty();
                Object item = queue.poll(waitNanos, TimeUnit.NANOSECONDS);
                waiting = false;
                if (item != null) {
                    handle(item);
                }
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                counters.error("sink " + backend.name() + " failed: " + e);
                LOG.warn("sink {}: {}; catching up from the store again", backend.name(), e.toString(), e);
                behind.set(true);
                pause(options.initialBackoff().toNanos());
            }
        }
        if (!batch.isEmpty()) {
            try {
                sendOnce();
            } catch (InterruptedException | RuntimeException e) {
                LOG.info("sink {}: the last batch was not sent ({}); it is sent again on the next start",
                        backend.name(), e.toString());
            }
        }
    }

    private void handle(Object item) throws IOException, InterruptedException {
        if (item instanceof Live live) {
            take(live);
        } else if (item instanceof Replaced replaced) {
            replaced(replaced.current(), replaced.previous());
        } else if (item instanceof Removed removed) {
            removed(removed.entry());
        }
    }

    private void take(Live live) throws IOException, InterruptedException {
        LogLine line = live.line();
        LogPath path = line.path();
        FileState state = states.get(path);
        if (state == null) {
            state = FileState.lineStart(0, 1, store.generations(path).size());
            states.put(path, state);
        }
        if (state.alreadyHas(line.offset())) {
            return;
        }
        if (!state.isFollowedBy(line.offset())) {
            Optional<LogEntry> entry = store.find(path);
            if (entry.isPresent()) {  // fill the gap from the store
                readInto(entry.get(), state, line.offset(), false);
                state = states.get(path);
                if (state.alreadyHas(line.offset())) {
                    return;
                }
            }
        }
        FileState end = line.continues()
                ? new FileState(line.endOffset(), line.lineNumber(), FileState.Kind.MID_LINE, state.generations())
                : new FileState(line.endOffset(), line.lineNumber() + 1, FileState.Kind.AFTER_LINE,
                state.generations());
        add(line, live.arrival(), end);
    }

    private void replaced(LogEntry current, LogEntry previous) throws IOException, InterruptedException {
        LogPath path = current.path();
        int generations = previous.generation();
        FileState state = states.get(path);
        if (state != null && state.generations() >= generations) {
            return;     // the catch-up saw this rewrite already
        }
        if (state != null && state.offset() < previous.size()) {
            readInto(previous, state, previous.size(), true);   // the rest of the old content first
        }
        states.put(path, FileState.lineStart(0, 1, generations));
        if (annotator instanceof ParsedTimeAnnotator parsed) {
            parsed.forget(path);
        }
    }

    private void removed(LogEntry entry) throws IOException, InterruptedException {
        if (!entry.isCurrent()) {
            return;
        }
        flush();
        states.remove(entry.path());
        if (acked.remove(entry.path()) != null) {
            cursorStore.commit(Map.of(), Set.of(entry.path()));
        }
    }

    /** Reads every file from where the sink stands to its current end, through the store. */
    private void catchUp() throws IOException, InterruptedException {
        counters.catchUps++;
        List<LogEntry> entries = store.list(LogQuery.newest(Integer.MAX_VALUE).withHidden());
        Set<LogPath> present = new HashSet<>();
        for (LogEntry entry : entries) {
            if (closed) {
                return;
            }
            present.add(entry.path());
            try {
                catchUp(entry);
            } catch (java.nio.file.NoSuchFileException e) {
                LOG.debug("sink {}: {} went away while catching up", backend.name(), entry.path());
            }
        }
        Set<LogPath> forgotten = new HashSet<>(states.keySet());
        forgotten.removeAll(present);
        if (!forgotten.isEmpty()) {
            flush();
            states.keySet().removeAll(forgotten);
            acked.keySet().removeAll(forgotten);
            cursorStore.commit(Map.of(), forgotten);
        }
    }

    private void catchUp(LogEntry entry) throws IOException, InterruptedException {
        LogPath path = entry.path();
        List<LogEntry> kept = store.generations(path);
        FileState state = states.get(path);
        if (state == null) {
            state = options.startAtBeginning() ? FileState.lineStart(0, 1, kept.size())
                    : FileState.lineStart(entry.size(), 1 + reader.countLines(entry), kept.size());
            states.put(path, state);
        }
        if (kept.size() > state.generations()) {   // rewritten while we were away: finish the old content first
            LogEntry previous = kept.get(Math.min(state.generations(), kept.size() - 1));
            if (state.offset() < previous.size()) {
                readInto(previous, state, previous.size(), true);
            }
            state = FileState.lineStart(0, 1, kept.size());
            states.put(path, state);
            if (annotator instanceof ParsedTimeAnnotator parsed) {
                parsed.forget(path);
            }
        } else if (kept.size() < state.generations()) {  // retention removed kept generations
            state = new FileState(state.offset(), state.lineNumber(), state.kind(), kept.size());
            states.put(path, state);
        }
        if (state.offset() > entry.size()) {         // shorter than where we stood: start over
            state = FileState.lineStart(0, 1, kept.size());
            states.put(path, state);
        }
        readInto(entry, state, entry.size(), entry.goneRemotely());
    }

    /** Reads {@code entry} from {@code state} up to {@code until} through the store, adding each line. */
    private void readInto(LogEntry entry, FileState state, long until, boolean flushPartial)
            throws IOException, InterruptedException {
        int generations = state.generations();
        Instant arrival = entry.modified();
        StoreLineReader.End end = reader.read(entry, state.offset(), state.lineNumber(),
                state.kind() == FileState.Kind.AFTER_LINE, until, flushPartial, (line, next, nextNumber) ->
                        add(line, arrival, FileState.lineStart(next, nextNumber, generations)));
        states.put(entry.path(), FileState.lineStart(end.offset(), end.lineNumber(), generations));
    }

    private void add(LogLine line, Instant arrival, FileState end) throws IOException, InterruptedException {
        SinkLine sinkLine = annotator.annotate(line, arrival);
        long size = backend.sizeOf(sinkLine);
        if (!batch.isEmpty() && batch.bytes + size > options.maxBatchBytes()) {
            flush();
        }
        batch.add(sinkLine, size, end);
        states.put(line.path(), end);
        if (batch.bytes >= options.maxBatchBytes()) {
            flush();
        }
    }

    // ---------------------------------------------------------------- sending

    /** Sends the batch until the backend accepts or refuses it for good, then commits the cursors. */
    private void flush() throws IOException, InterruptedException {
        long backoff = options.initialBackoff().toNanos();
        while (!batch.isEmpty()) {
            if (sendOnce()) {
                return;
            }
            if (closed) {
                throw new InterruptedException("closing");
            }
            counters.retried += batch.lines.size();
            pause(ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1));  // jitter: half to full back-off
            backoff = Math.min(backoff * 2, options.maxBackoff().toNanos());
        }
    }

    /** One attempt; true when the batch is done with (accepted or refused for good). */
    private boolean sendOnce() throws InterruptedException {
        SinkBackend.Result result;
        try {
            result = backend.send(List.copyOf(batch.lines));
        } catch (IOException e) {
            result = SinkBackend.Result.retry(e.toString());
        }
        int size = batch.lines.size();
        switch (result.status()) {
            case ACCEPTED -> {
                int dropped = Math.min(result.dropped(), size);
                counters.delivered += size - dropped;
                counters.dropped += dropped;
                counters.lastAccepted = Instant.now();
                if (dropped > 0) {
                    counters.error(result.detail());
                }
            }
            case REJECTED -> {
                counters.dropped += size;
                counters.error(result.detail());
                LOG.warn("sink {}: {} lines refused for good: {}", backend.name(), size, result.detail());
            }
            case RETRY -> {
                counters.error(result.detail());
                LOG.debug("sink {}: will retry {} lines: {}", backend.name(), size, result.detail());
                return false;
            }
        }
        counters.batches++;
        commit();
        return true;
    }

    private void commit() {
        Map<LogPath, SinkCursor> updated = new HashMap<>();
        batch.ends.forEach((path, end) -> {
            if (states.containsKey(path)) {
                updated.put(path, new SinkCursor(exactOffset(path, end), end.lineNumber(), end.generations()));
            }
        });
        batch.clear();
        try {
            cursorStore.commit(updated, Set.of());
        } catch (IOException e) {
            counters.error("cannot save the cursors: " + e);
            LOG.warn("sink {}: cannot save the cursors ({}); a restart resends these lines", backend.name(), e.toString());
        }
        acked.putAll(updated);
    }

    /** The start of the line after {@code end}: after a live line, past its {@code \n} or {@code \r\n}. */
    private long exactOffset(LogPath path, FileState end) {
        if (end.kind() != FileState.Kind.AFTER_LINE) {
            return end.offset();
        }
        try {
            Optional<LogEntry> entry = store.find(path);
            return entry.isEmpty() ? end.offset() : reader.pastLineEnd(entry.get(), end.offset());
        } catch (RuntimeException e) {   // a store closing under us: the line end is read again after a restart
            return end.offset();
        }
    }

    private void pause(long nanos) {
        try {
            closing.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- LogSink

    @Override
    public SinkStats stats() {
        return counters.snapshot(backend.name(), queue.size());
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // Cheap checks first: reading the store while the sink catches up would slow it down.
            if (waiting && queue.isEmpty() && !behind.get() && everythingAcknowledged()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private boolean everythingAcknowledged() {
        for (LogEntry entry : store.list(LogQuery.newest(Integer.MAX_VALUE).withHidden())) {
            SinkCursor cursor = acked.get(entry.path());
            if (cursor == null && !options.startAtBeginning()) {
                continue;
            }
            long from = cursor == null ? 0 : cursor.offset();
            if (cursor != null && cursor.generations() != store.generations(entry.path()).size()) {
                return false;
            }
            if (from < entry.size() && (entry.goneRemotely() || reader.hasCompleteLine(entry, from))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        FeedSubscription sub = subscription;
        if (sub != null) {
            sub.close();
        }
        closing.countDown();
        try {
            thread.join(CLOSE_WAIT.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            backend.close();
        }
    }
}
