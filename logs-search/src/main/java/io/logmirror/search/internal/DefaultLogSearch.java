package io.logmirror.search.internal;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogQuery;
import io.logmirror.core.LogStore;
import io.logmirror.search.LogSearch;
import io.logmirror.search.SearchMatch;
import io.logmirror.search.SearchQuery;
import io.logmirror.search.SearchSink;
import io.logmirror.search.SearchSummary;
import io.logmirror.search.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The search: selects files from the store's index, scans them on worker threads (each takes the next file in order),
 * and hands matches to the sink on the caller's thread in file order, streaming the file at the head of the order as
 * it is scanned. A worker does not start a file when the files before it already hold {@code limit} matches.
 */
public final class DefaultLogSearch implements LogSearch {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultLogSearch.class);
    /** How many files the store is asked for: every file, until its query can filter (LogQuery has no offset yet). */
    private static final int ALL_FILES = Integer.MAX_VALUE;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "log-search-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final LogStore store;
    private final ZoneId zone;
    private final int threads;

    public DefaultLogSearch(LogStore store, ZoneId zone, int threads) {
        this.store = Objects.requireNonNull(store, "store");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
    }

    /** One file's matches, filled by a worker, drained by the caller's thread. Guarded by the run's lock. */
    private static final class Slot {
        final List<SearchMatch> matches = new ArrayList<>();
        int drained;
        boolean done;
    }

    @Override
    public SearchSummary search(SearchQuery query, SearchSink sink) throws IOException {
        long started = System.nanoTime();
        long deadline = started + query.timeLimit().toNanos();
        SearchPlan plan = SearchPlan.of(query);
        List<LogEntry> files = new ArrayList<>();
        int skipped = 0;
        for (LogEntry entry : store.list(LogQuery.newest(ALL_FILES))) {
            if (!plan.selects(entry)) {
                continue;
            }
            if (plan.hasTimeBounds() && !plan.mayHoldLinesInTime(entry)) {
                skipped++;
                continue;
            }
            files.add(entry);
        }
        Run run = new Run(plan, files, sink, deadline);
        int workers = Math.min(threads, files.size());
        for (int i = 0; i < workers; i++) {
            WORKERS.execute(run::work);
        }
        StopReason reason = run.emit();
        run.stop();
        run.awaitWorkers(workers);
        return new SearchSummary(run.delivered, run.searched.get(), skipped + run.notStarted(), run.failed.get(),
                run.bytes.get(), reason, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The state of one search. */
    private final class Run {
        final SearchPlan plan;
        final List<LogEntry> files;
        final Slot[] slots;
        final SearchSink sink;
        final long deadline;
        final int limit;
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger searched = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger finishedWorkers = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong found = new AtomicLong();
        volatile boolean stopped;
        /** The file whose matches the caller's thread delivers now; guarded by the lock for writes. */
        volatile int head;
        long delivered;

        Run(SearchPlan plan, List<LogEntry> files, SearchSink sink, long deadline) {
            this.plan = plan;
            this.files = files;
            this.slots = new Slot[files.size()];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot();
            }
            this.sink = sink;
            this.deadline = deadline;
            this.limit = plan.query().limit();
        }

        boolean halted() {
            return stopped || sink.cancelled() || System.nanoTime() - deadline > 0;
        }

        void work() {
            try {
                FileScanner scanner = new FileScanner(store, plan, zone);
                while (!halted()) {
                    // Files are claimed in order, so every match found so far lies in a file before this one.
                    if (found.get() >= limit) {
                        break;
                    }
                    int index = next.getAndIncrement();
                    if (index >= slots.length) {
                        break;
                    }
                    scanFile(scanner, index);
                }
            } finally {
                lock.lock();
                try {
                    finishedWorkers.incrementAndGet();
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        private void scanFile(FileScanner scanner, int index) {
            Slot slot = slots[index];
            LogEntry entry = files.get(index);
            Batch output = new Batch(slot, index);
            try {
                searched.incrementAndGet();
                bytes.addAndGet(scanner.scan(entry, output));
            } catch (NoSuchFileException e) {
                failed.incrementAndGet();
                LOG.debug("{} went away before it was searched", entry.path());
            } catch (IOException | RuntimeException e) {
                failed.incrementAndGet();
                LOG.warn("cannot search {}: {}", entry.path(), e.toString());
            } finally {
                lock.lock();
                try {
                    output.publish();
                    slot.done = true;
                    if (index == head) { // the caller's thread waits for no other file: spare it a wake-up per file
                        changed.signalAll();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }

        /**
         * One file's matches on their way to its slot: handed on in batches (between reads, or every
         * {@value #BATCH} matches) so that two scanning threads do not take the shared lock for every match; the first
         * match of the file being delivered goes at once.
         */
        private final class Batch implements FileScanner.Output {
            static final int BATCH = 256;
            final Slot slot;
            final int index;
            final List<SearchMatch> held = new ArrayList<>();
            int count;

            Batch(Slot slot, int index) {
                this.slot = slot;
                this.index = index;
            }

            @Override
            public boolean add(SearchMatch match) {
                held.add(match);
                count++;
                if (held.size() >= BATCH || (index == head && count == 1)) {
                    flush();
                }
                return count < limit && !halted();
            }

            @Override
            public boolean stopped() {
                return halted();
            }

            @Override
            public void flush() {
                if (held.isEmpty()) {
                    return;
                }
                lock.lock();
                try {
                    publish();
                } finally {
                    lock.unlock();
                }
            }

            /** Moves the held matches to the slot; the caller holds the lock. */
            void publish() {
                if (held.isEmpty()) {
                    return;
                }
                slot.matches.addAll(held);
                found.addAndGet(held.size());
                held.clear();
                if (index == head) {
                    changed.signalAll();
                }
            }
        }

        /** Hands matches to the sink in order until the end, the limit, a cancel or the deadline. */
        StopReason emit() {
            List<SearchMatch> taken = new ArrayList<>();
            for (int i = 0; i < slots.length; i++) {
                Slot slot = slots[i];
                lock.lock();
                try {
                    head = i;
                } finally {
                    lock.unlock();
                }
                while (true) {
                    boolean done;
                    if (!ready(slot)) {
                        sink.idle();
                    }
                    taken.clear();
                    lock.lock();
                    try {
                        while (slot.drained == slot.matches.size() && !slot.done && !halted() && !abandoned(i)) {
                            awaitQuietly();
                        }
                        for (; slot.drained < slot.matches.size(); slot.drained++) {
                            taken.add(slot.matches.get(slot.drained));
                            slot.matches.set(slot.drained, null);
                        }
                        done = slot.done;
                    } finally {
                        lock.unlock();
                    }
                    for (SearchMatch match : taken) {
                        if (!sink.accept(match)) {
                            return StopReason.CANCELLED;
                        }
                        if (++delivered >= limit) {
                            return StopReason.LIMIT;
                        }
                    }
                    if (!taken.isEmpty()) {
                        continue;
                    }
                    StopReason halt = haltReason();
                    if (halt != null) {
                        return halt;
                    }
                    if (done || abandoned(i)) {
                        break;
                    }
                }
            }
            return StopReason.COMPLETED;
        }

        /** Whether the slot has a match to deliver or is done, so that the caller need not wait. */
        private boolean ready(Slot slot) {
            lock.lock();
            try {
                return slot.drained < slot.matches.size() || slot.done;
            } finally {
                lock.unlock();
            }
        }

        /** Whether file {@code i} will never be scanned: every worker stopped before claiming it. */
        private boolean abandoned(int i) {
            return finishedWorkers.get() >= Math.min(threads, slots.length) && next.get() <= i;
        }

        private void awaitQuietly() {
            try {
                changed.await(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }

        private StopReason haltReason() {
            if (sink.cancelled() || (stopped && Thread.currentThread().isInterrupted())) {
                return StopReason.CANCELLED;
            }
            if (System.nanoTime() - deadline > 0) {
                return StopReason.TIME_LIMIT;
            }
            return null;
        }

        void stop() {
            stopped = true;
        }

        void awaitWorkers(int workers) {
            lock.lock();
            try {
                while (finishedWorkers.get() < workers) {
                    changed.await(20, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        }

        int notStarted() {
            return Math.max(0, slots.length - Math.min(next.get(), slots.length));
        }
    }
}
