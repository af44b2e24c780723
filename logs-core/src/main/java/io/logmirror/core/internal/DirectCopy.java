package io.logmirror.core.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Writes a whole new file with direct I/O ({@code O_DIRECT}): the bytes go from an aligned buffer to the disk without
 * passing through the page cache. A first sync writes hundreds of megabytes that nobody reads soon; through the page
 * cache each 4 KiB page costs the kernel an allocation now and a write-back later (measured on the benchmark machine:
 * 0.4 to 1.4 s of system CPU per 500 MB, against 0.1 to 0.2 s with direct I/O; docs/benchmarks.md), and it evicts
 * pages that the service does read (the tails of live logs).
 *
 * <p>Only the aligned body of a file goes direct; its last partial block is written through the page cache. Where
 * the file system refuses direct I/O (at open or at the first write), the bytes are written the usual way and the
 * caller is told, so that it stops trying. Small files are not worth it: the caller decides (see
 * {@link #MIN_SIZE}).
 */
final class DirectCopy {

    private static final Logger LOG = LoggerFactory.getLogger(DirectCopy.class);

    /** Files smaller than this are written through the page cache: a direct write waits for the disk. */
    static final long MIN_SIZE = 1L << 20;
    /** Bytes gathered before each direct write. */
    static final int CHUNK = 1 << 20;
    /** Read size from the source stream. */
    private static final int READ = 64 * 1024;

    /** One aligned buffer per transfer thread, allocated once (a direct buffer is costly to allocate and free). */
    private static final ThreadLocal<ByteBuffer> BUFFERS = new ThreadLocal<>();

    private DirectCopy() {
    }

    /**
     * Probes {@code folder}'s file system: the alignment direct writes need there, or 0 when it does not support them
     * (or direct writes are turned off with the system property {@code logmirror.directWrites=false}).
     */
    static int probe(Path folder) {
        if ("false".equals(System.getProperty("logmirror.directWrites"))) {
            return 0;
        }
        Path probe = folder.resolve("direct-probe");
        try {
            int alignment = (int) Math.min(CHUNK, Math.max(4096, Files.getFileStore(folder).getBlockSize()));
            if (Integer.bitCount(alignment) != 1) {
                return 0; // chunks must stay aligned
            }
            ByteBuffer block = ByteBuffer.allocateDirect(2 * alignment).alignedSlice(alignment);
            block.limit(alignment);
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    com.sun.nio.file.ExtendedOpenOption.DIRECT)) {
                channel.write(block, 0);
            }
            return alignment;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("no direct writes in {} ({}); writing through the page cache", folder, e.toString());
            return 0;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                LOG.debug("cannot remove {}", probe, e);
            }
        }
    }

    /** How a write to the disk fails: the caller's own exception (disk full...). */
    interface WriteFailure {
        IOException wrap(IOException e);
    }

    /**
     * Copies up to {@code max} bytes of {@code in} to {@code file} from offset 0, through {@code buffered} (the
     * file's ordinary channel, used for the last partial block and as the fallback). Bytes read before a failure of
     * {@code in} are written before it is rethrown, so a partial download stays resumable.
     *
     * @param alignment what {@link #probe} returned for the file's folder (not 0)
     * @return false when direct writes failed on this file system and were replaced by ordinary ones
     */
    static boolean copy(Path file, InputStream in, FileChannel buffered, long max, int alignment, AtomicLong written,
                        LongConsumer progress, WriteFailure failure) throws IOException {
        Sink sink = new Sink(file, buffered, alignment, written, failure);
        try {
            ByteBuffer chunk = buffer(alignment);
            byte[] read = new byte[READ];
            long remaining = max;
            while (remaining > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("transfer cancelled");
                }
                int n;
                try {
                    n = in.read(read, 0, (int) Math.min(Math.min(read.length, chunk.remaining()), remaining));
                } catch (InterruptedIOException e) {
                    throw e;
                } catch (IOException e) {
                    sink.write(chunk); // what arrived is a valid prefix: kept, and resumed at the next sync
                    throw e;
                }
                if (n < 0) {
                    break;
                }
                chunk.put(read, 0, n);
                remaining -= n;
                progress.accept(n);
                if (!chunk.hasRemaining()) {
                    sink.write(chunk);
                }
            }
            sink.write(chunk);
        } finally {
            sink.close();
        }
        return !sink.fellBack;
    }

    private static ByteBuffer buffer(int alignment) {
        ByteBuffer buffer = BUFFERS.get();
        if (buffer == null || buffer.alignmentOffset(0, alignment) != 0 || buffer.capacity() < CHUNK) {
            buffer = ByteBuffer.allocateDirect(CHUNK + alignment).alignedSlice(alignment);
            BUFFERS.set(buffer);
        }
        buffer.clear().limit(CHUNK);
        return buffer;
    }

    /** Writes the gathered bytes at the file's end: whole aligned blocks direct, the rest through the page cache. */
    private static final class Sink {
        private final Path file;
        private final FileChannel buffered;
        private final int alignment;
        private final AtomicLong written;
        private final WriteFailure failure;
        private FileChannel direct;
        private long position;
        private boolean fellBack;

        Sink(Path file, FileChannel buffered, int alignment, AtomicLong written, WriteFailure failure) {
            this.file = file;
            this.buffered = buffered;
            this.alignment = alignment;
            this.written = written;
            this.failure = failure;
        }

        /** Writes the bytes {@code chunk} gathered (it is flipped) and clears it for the next ones. */
        void write(ByteBuffer chunk) throws IOException {
            chunk.flip();
            int aligned = chunk.remaining() - chunk.remaining() % alignment;
            if (aligned > 0 && !fellBack) {
                ByteBuffer body = chunk.duplicate();
                body.limit(chunk.position() + aligned);
                writeDirect(body);
                chunk.position(body.position()); // all of the body, or what went before a failure
            }
            writeBuffered(chunk);
            chunk.clear().limit(CHUNK);
        }

        private void writeDirect(ByteBuffer body) throws IOException {
            try {
                if (direct == null) {
                    direct = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS,
                            com.sun.nio.file.ExtendedOpenOption.DIRECT);
                }
                while (body.hasRemaining()) {
                    int n = direct.write(body, position);
                    position += n;
                    written.addAndGet(n);
                }
            } catch (java.nio.channels.ClosedChannelException cancelled) {
                throw cancelled;
            } catch (IOException | UnsupportedOperationException e) {
                // Disk full fails the same way through the page cache below, and is reported from there; anything
                // else means this file system takes no direct writes after all.
                LOG.debug("direct write to {} failed ({}); writing through the page cache", file, e.toString());
                fellBack = true;
            }
        }

        private void writeBuffered(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                int n;
                try {
                    n = buffered.write(bytes, position);
                } catch (java.nio.channels.ClosedChannelException cancelled) {
                    throw cancelled;
                } catch (IOException e) {
                    throw failure.wrap(e);
                }
                position += n;
                written.addAndGet(n);
            }
        }

        void close() throws IOException {
            if (direct != null) {
                direct.close();
            }
        }
    }
}
