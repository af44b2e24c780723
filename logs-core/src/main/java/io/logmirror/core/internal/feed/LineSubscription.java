package io.logmirror.core.internal.feed;

import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.LineSubscriber;
import io.logmirror.core.feed.LogLine;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber of the {@link DefaultLineFeed}: a queue bounded in bytes and the task that drains it on a delivery
 * thread. Overflow works as for changes: from the first item that does not fit, everything is dropped until the queue
 * has been delivered, then one {@code onMissed(first, last)} names the changes whose lines (or markers) were dropped.
 */
final class LineSubscription implements FeedSubscription, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(LineSubscription.class);

    private final LineSubscriber subscriber;
    private final Executor executor;
    private final long capacity;
    private final long from;
    private final Consumer<LineSubscription> onClose;

    private final ArrayDeque<LineItem> queue = new ArrayDeque<>();
    private long queued;
    private long missedFirst;
    private long missedLast;
    private boolean scheduled;
    private volatile boolean closed;
    private volatile long lastDelivered;

    /** Delivers items of changes from {@code from} on; earlier ones are ignored. */
    LineSubscription(LineSubscriber subscriber, Executor executor, long capacityBytes, long from,
                     Consumer<LineSubscription> onClose) {
        this.subscriber = subscriber;
        this.executor = executor;
        this.capacity = capacityBytes;
        this.from = from;
        this.lastDelivered = from - 1;
        this.onClose = onClose;
    }

    /** Queues {@code item}, or drops it when the queue is full; never blocks. */
    synchronized void offer(LineItem item) {
        if (closed || item.sequence() < from) {
            return;
        }
        if (item instanceof LineItem.Missed missed && missed.first() < from) {
            item = new LineItem.Missed(from, missed.last());
        }
        long weight = item.weight();
        if (missedFirst != 0 || (!queue.isEmpty() && queued + weight > capacity)) {
            long first = item instanceof LineItem.Missed missed ? missed.first() : item.sequence();
            missedFirst = missedFirst == 0 ? first : Math.min(missedFirst, first);
            missedLast = Math.max(missedLast, item.sequence());
        } else {
            queue.addLast(item);
            queued += weight;
        }
        if (!scheduled) {
            scheduled = true;
            try {
                executor.execute(this);
            } catch (RejectedExecutionException e) {
                scheduled = false;
            }
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                LineItem item;
                synchronized (this) {
                    if (closed) {
                        scheduled = false;
                        return;
                    }
                    item = queue.pollFirst();
                    if (item != null) {
                        queued -= item.weight();
                    } else if (missedFirst != 0) {
                        item = new LineItem.Missed(missedFirst, missedLast);
                        missedFirst = 0;
                        missedLast = 0;
                    } else {
                        scheduled = false;
                        return;
                    }
                }
                deliver(item);
            }
        } catch (Throwable t) {
            synchronized (this) {
                scheduled = false;
            }
            throw t;
        }
    }

    private void deliver(LineItem item) {
        if (item instanceof LineItem.Lines lines) {
            for (LogLine line : lines.lines()) {
                try {
                    subscriber.onLine(line);
                } catch (RuntimeException e) {
                    failed(item, e);
                }
            }
        } else {
            try {
                item.deliverTo(subscriber);
            } catch (RuntimeException e) {
                failed(item, e);
            }
        }
        lastDelivered = Math.max(lastDelivered, item.sequence());
    }

    private void failed(LineItem item, RuntimeException e) {
        LOG.warn("line subscriber {} failed on change {}; delivery goes on: {}", subscriber, item.sequence(),
                e.toString(), e);
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
            queued = 0;
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "LineSubscription[" + subscriber + ", last delivered " + lastDelivered + "]";
    }
}
