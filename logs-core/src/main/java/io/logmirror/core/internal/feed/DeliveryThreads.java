package io.logmirror.core.internal.feed;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that deliver to feed subscribers: a pool that grows as needed and shrinks when idle, so that each
 * subscriber with work has a thread of its own (a stuck subscriber holds one thread and nobody else's), while idle
 * subscribers hold none. Each subscription drains its queue serially, one drain task at a time.
 */
final class DeliveryThreads {

    private DeliveryThreads() {
    }

    static ExecutorService newPool(String name) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Stops the pool, interrupting deliveries in progress, and waits a moment for them to end. */
    static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
