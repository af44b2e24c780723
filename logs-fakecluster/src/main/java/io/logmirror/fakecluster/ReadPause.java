package io.logmirror.fakecluster;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A read held part-way, from {@link FakeRemote#pauseNextRead(String, long)}: a deterministic way to look at a mirror
 * while a transfer is under way. Closing it releases the read. Thread-safe.
 *
 * <pre>{@code
 * try (ReadPause pause = remote.pauseNextRead("big.log", 1024)) {
 *     CompletableFuture<SyncReport> sync = mirror.requestSync();
 *     pause.awaitPaused(Duration.ofSeconds(30));
 *     // look at the mirror now
 * } // released here
 * }</pre>
 */
public final class ReadPause implements AutoCloseable {
    private final String path;
    private final long afterBytes;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    ReadPause(String path, long afterBytes) {
        this.path = path;
        this.afterBytes = afterBytes;
    }

    /** Bytes delivered before the read blocks. */
    public long afterBytes() {
        return afterBytes;
    }

    /** Whether a read has reached the pause and is blocked now (or was, until released). */
    public boolean isPaused() {
        return reached.getCount() == 0;
    }

    /**
     * Waits until a read reaches the pause.
     *
     * @throws IllegalStateException when no read reached it within {@code timeout} (the file was never opened?)
     */
    public void awaitPaused(Duration timeout) throws InterruptedException {
        if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("no read of '" + path + "' reached " + afterBytes + " bytes within "
                    + timeout + "; was the file opened at all?");
        }
    }

    /** Lets the blocked read (and any later one) go on. Idempotent. */
    public void release() {
        released.countDown();
    }

    /** Same as {@link #release()}. */
    @Override
    public void close() {
        release();
    }

    /** Called by the paused stream: marks the pause reached and blocks until released. */
    void block() throws InterruptedException {
        reached.countDown();
        released.await();
    }
}
