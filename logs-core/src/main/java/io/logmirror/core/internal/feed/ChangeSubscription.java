package io.logmirror.core.internal.feed;

import io.logmirror.core.feed.Change;
import io.logmirror.core.feed.ChangeSubscriber;
import io.logmirror.core.feed.FeedSubscription;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of the {@link JournaledChangeFeed}: its bounded queue and the task that drains it, one delivery at a
 * time, on a delivery thread.
 *
 * <p>Overflow: when a change arrives at a full queue, it and every later change are dropped until the queue has been
 * delivered; then the subscriber gets one {@code onMissed(first, last)} for the dropped range and delivery goes on.
 *
 * <p>Replay: a subscriber that starts from an older sequence is "catching up": the changes before its first queued
 * one are read from the journal, and so is any range dropped while it catches up (it is still in the journal), so a
 * replaying subscriber loses nothing the journal still holds. It stops catching up the first time its queue is empty.
 */
final class ChangeSubscription implements FeedSubscription, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeSubscription.class);

    private final ChangeSubscriber subscriber;
    private final ChangeJournal journal;
    private final Executor executor;
    private final int capacity;
    private final long replayTo;
    private final Consumer<ChangeSubscription> onClose;

    private final ArrayDeque<Change> queue = new ArrayDeque<>();
    /** The dropped range, 0 when none. */
    private long missedFirst;
    private long missedLast;
    /** The next sequence to deliver. Only the drain task changes it. */
    private long next;
    private boolean catchingUp;
    private boolean scheduled;
    private volatile boolean closed;
    private volatile long lastDelivered;

    ChangeSubscription(ChangeSubscriber subscriber, ChangeJournal journal, Executor executor, int capacity,
                       long from, long latest, Consumer<ChangeSubscription> onClose) {
        this.subscriber = subscriber;
        this.journal = journal;
        this.executor = executor;
        this.capacity = capacity;
        this.next = from;
        this.replayTo = latest;
        this.catchingUp = from <= latest;
        this.lastDelivered = from - 1;
        this.onClose = onClose;
    }

    /** Starts the replay, if there is one. */
    synchronized void start() {
        if (catchingUp) {
            schedule();
        }
    }

    /** Queues {@code change}, or drops it when the queue is full; never blocks. */
    synchronized void offer(Change change) {
        if (closed) {
            return;
        }
        if (missedFirst != 0 || queue.size() >= capacity) {
            if (missedFirst == 0) {
                missedFirst = change.sequence();
            }
            missedLast = change.sequence();
        } else {
            queue.addLast(change);
        }
        schedule();
    }

    private void schedule() {
        if (!scheduled) {
            scheduled = true;
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                scheduled = false; // the feed is closing
            }
        }
    }

    @Override
    public void run() {
        try {
            drain();
        } catch (Throwable t) {
            synchronized (this) {
                scheduled = false;
            }
            throw t;
        }
    }

    private void drain() {
        while (true) {
            Change deliver = null;
            long gapFrom;
            long gapTo;
            boolean fill;
            synchronized (this) {
                if (closed) {
                    scheduled = false;
                    return;
                }
                Change head = queue.peekFirst();
                if (head != null && head.sequence() < next) {
                    queue.pollFirst();
                    continue;
                }
                if (head != null && head.sequence() == next) {
                    deliver = queue.pollFirst();
                    next++;
                    gapFrom = gapTo = 0;
                    fill = false;
                } else {
                    gapTo = head != null ? head.sequence() - 1 : missedFirst != 0 ? missedLast : replayTo;
                    if (gapTo < next) {
                        catchingUp = false;
                        scheduled = false;
                        return;
                    }
                    gapFrom = next;
                    fill = catchingUp;
                    if (!fill) {
                        next = gapTo + 1;
                        clearMissedBefore(next);
                    }
                }
            }
            if (deliver != null) {
                deliver(deliver);
            } else if (fill) {
                long after = replay(gapFrom, gapTo);
                synchronized (this) {
                    next = after;
                    clearMissedBefore(next);
                }
            } else {
                missed(gapFrom, gapTo);
            }
        }
    }

    private void clearMissedBefore(long sequence) {
        if (missedFirst != 0 && missedLast < sequence) {
            missedFirst = 0;
            missedLast = 0;
        }
    }

    /** Delivers {@code from..to} from the journal, reporting as missed what it no longer holds. */
    private long replay(long from, long to) {
        long next = from;
        while (next <= to && !closed) {
            long oldest = journal.oldest();
            if (next < oldest) {
                long end = Math.min(to, oldest - 1);
                missed(next, end);
                next = end + 1;
                continue;
            }
            long after;
            try {
                after = journal.read(next, to, new ChangeJournal.Replay() {
                    @Override
                    public boolean change(Change change) {
                        if (closed) {
                            return false;
                        }
                        deliver(change);
                        return true;
                    }

                    @Override
                    public void unreadable(long first, long last) {
                        missed(first, last);
                    }
                });
            } catch (IOException e) {
                LOG.warn("cannot replay changes {}..{} from the change journal: {}", next, to, e.toString());
                after = next;
            }
            if (after == next && journal.oldest() <= next) {
                missed(next, to);
                after = to + 1;
            }
            next = after;
        }
        return next;
    }

    private void deliver(Change change) {
        try {
            subscriber.onChange(change);
        } catch (RuntimeException e) {
            LOG.warn("change subscriber {} failed on change {}; delivery goes on: {}", subscriber,
                    change.sequence(), e.toString(), e);
        }
        lastDelivered = change.sequence();
    }

    private void missed(long first, long last) {
        try {
            subscriber.onMissed(first, last);
        } catch (RuntimeException e) {
            LOG.warn("change subscriber {} failed on the missed notice {}..{}: {}", subscriber, first, last,
                    e.toString(), e);
        }
        lastDelivered = last;
    }

    @Override
    public long lastDelivered() {
        return lastDelivered;
    }

    @Override
    public synchronized int backlog() {
        return queue.size();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "ChangeSubscription[" + subscriber + ", last delivered " + lastDelivered + "]";
    }
}
