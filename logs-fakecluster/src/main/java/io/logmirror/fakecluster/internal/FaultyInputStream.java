package io.logmirror.fakecluster.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.function.LongConsumer;

/** A stream over a fake remote file that honours a length limit, counts bytes and injects the faults it was given. */
public final class FaultyInputStream extends InputStream {

    /** The most bytes one read delivers while reads are slowed down. */
    public static final int SLOW_CHUNK = 8192;

    private final String description;
    private final SeekableByteChannel channel;
    private final ReadFaults.StreamFaults faults;
    private final LongConsumer counter;
    private long remaining;
    private long delivered;
    private boolean paused;

    public FaultyInputStream(String description, SeekableByteChannel channel, long length,
                             ReadFaults.StreamFaults faults, LongConsumer counter) {
        this.description = description;
        this.channel = channel;
        this.remaining = length;
        this.faults = faults;
        this.counter = counter;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        long wanted = Math.min(length, remaining);
        if (faults.pause() != null && !paused) {
            if (delivered >= faults.pauseAfter()) {
                paused = true;
                try {
                    faults.pause().block();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("read of " + description + " interrupted while paused");
                }
            } else {
                wanted = Math.min(wanted, faults.pauseAfter() - delivered);
            }
        }
        if (remaining == 0) {
            return -1;
        }
        if (faults.failAfter() >= 0) {
            if (delivered >= faults.failAfter()) {
                throw new IOException("read of " + description + " failed after " + delivered
                        + " bytes (fault injected by FakeRemote: connection lost)");
            }
            wanted = Math.min(wanted, faults.failAfter() - delivered);
        }
        if (!faults.slowDelay().isZero()) {
            wanted = Math.min(wanted, SLOW_CHUNK);
            try {
                Thread.sleep(faults.slowDelay().toMillis(), faults.slowDelay().toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("slow read of " + description + " interrupted");
            }
        }
        int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) wanted));
        if (n < 0) {
            remaining = 0; // the file shrank: end early
            return -1;
        }
        delivered += n;
        remaining -= n;
        counter.accept(n);
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
