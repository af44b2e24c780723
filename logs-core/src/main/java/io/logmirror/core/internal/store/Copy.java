package io.logmirror.core.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * What a copy of remote bytes into a local file did: how many bytes are on disk, and why it stopped early if it did.
 * A copy never throws for a failure part-way: the bytes that made it count, whoever failed.
 *
 * @param bytes   bytes written to the local file
 * @param failure what stopped the copy before {@code max} bytes or the end of the stream: a read of the remote, a
 *                {@link DiskErrors.LocalWriteException write of the local disk}, or a cancellation
 */
public record Copy(long bytes, Optional<IOException> failure) {

    /** Whether the local disk refused the bytes (as opposed to the remote failing to send them). */
    public boolean localWriteFailed() {
        return failure.isPresent() && failure.get() instanceof DiskErrors.LocalWriteException;
    }

    /** Whether the copy stopped because the sync was cancelled. */
    public boolean cancelled() {
        return failure.isPresent() && (failure.get() instanceof InterruptedIOException
                || failure.get() instanceof ClosedByInterruptException);
    }

    /** Copies up to {@code max} bytes of {@code in} into {@code channel} at {@code position}. */
    static Copy of(Path file, InputStream in, FileChannel channel, long position, long max, LongConsumer progress) {
        byte[] buffer = new byte[FileBytes.BLOCK];
        long remaining = max;
        long at = position;
        long written = 0;
        while (remaining > 0) {
            if (Thread.currentThread().isInterrupted()) {
                return new Copy(written, Optional.of(new InterruptedIOException("transfer cancelled")));
            }
            int n;
            try {
                n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            } catch (IOException e) {
                return new Copy(written, Optional.of(e));
            }
            if (n < 0) {
                break;
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                try {
                    int w = channel.write(chunk, at);
                    at += w;
                    written += w;
                } catch (ClosedChannelException cancelled) {
                    return new Copy(written, Optional.of(cancelled));
                } catch (IOException e) {
                    return new Copy(written, Optional.of(DiskErrors.writeFailed(file, e)));
                }
            }
            remaining -= n;
            progress.accept(n);
        }
        return new Copy(written, Optional.empty());
    }
}
