package io.logmirror.app.follow;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * One client's bounded queue between the line feed (which must never wait) and the client's connection (which takes
 * events only as fast as it reads them: {@link #request}). When the queue is full, events are dropped and counted;
 * once the client has read half of what waited, one {@code dropped} event (made by the given function from the count)
 * takes the place of all of them and the stream goes on.
 *
 * <p>Thread-safe: producers offer from the feed's delivery thread, demand comes from the connection's thread; events
 * go to the sink from one thread at a time, in order.
 */
final class ClientQueue {

    private final int capacity;
    private final Consumer<FollowEvent> sink;
    private final ArrayDeque<FollowEvent> queue = new ArrayDeque<>();
    private long demand;
    private boolean draining;
    private boolean closed;
    private long droppedCount;
    private LongFunction<FollowEvent> droppedEvent;

    ClientQueue(int capacity, Consumer<FollowEvent> sink) {
        this.capacity = capacity;
        this.sink = sink;
    }

    /**
     * Queues {@code event}, or counts it as dropped when the queue is full or already dropping; {@code whenDropped}
     * makes the {@code dropped} event if this is the first one lost. Never blocks.
     */
    void offer(FollowEvent event, LongFunction<FollowEvent> whenDropped) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (droppedCount > 0) {
                droppedCount++;
                return;
            }
            if (queue.size() >= capacity) {
                droppedCount = 1;
                droppedEvent = whenDropped;
                return;
            }
            queue.addLast(event);
        }
        drain();
    }

    /** Queues a heartbeat unless events are waiting anyway (the connection is then not idle). */
    void heartbeat() {
        synchronized (this) {
            if (closed || !queue.isEmpty()) {
                return;
            }
            queue.addLast(FollowEvent.HEARTBEAT_EVENT);
        }
        drain();
    }

    /** The client can take {@code n} more events. */
    void request(long n) {
        synchronized (this) {
            demand = n >= Long.MAX_VALUE - demand ? Long.MAX_VALUE : demand + n;
        }
        drain();
    }

    /** Stops delivery and forgets what waits. */
    synchronized void close() {
        closed = true;
        queue.clear();
    }

    /** How many events wait (for tests and metrics). */
    synchronized int size() {
        return queue.size();
    }

    /** How many lines were dropped since the last {@code dropped} event went out. */
    synchronized long droppedSinceLastReport() {
        return droppedCount;
    }

    private void drain() {
        synchronized (this) {
            if (draining) {
                return; // the thread draining re-checks the queue under this lock before it stops
            }
            draining = true;
        }
        while (true) {
            FollowEvent next;
            synchronized (this) {
                if (closed || demand == 0 || queue.isEmpty()) {
                    draining = false;
                    return;
                }
                next = queue.pollFirst();
                demand--;
                if (droppedCount > 0 && queue.size() <= capacity / 2) {
                    queue.addLast(droppedEvent.apply(droppedCount));
                    droppedCount = 0;
                    droppedEvent = null;
                }
            }
            try {
                sink.accept(next);
            } catch (RuntimeException e) {
                synchronized (this) {
                    draining = false;
                    closed = true;
                    queue.clear();
                }
                throw e;
            }
        }
    }
}
