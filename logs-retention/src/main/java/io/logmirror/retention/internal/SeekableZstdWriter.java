package io.logmirror.retention.internal;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import io.logmirror.retention.CompressionOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Writes the first {@code length} bytes of a plain file as a seekable zstd file ({@link SeekableFormat}): every
 * {@code frameSize} plain bytes become one independent zstd frame with a content checksum, and the seek table
 * records each frame's sizes and that checksum. Not thread-safe; one writer per file.
 */
final class SeekableZstdWriter {

    private final CompressionOptions options;

    SeekableZstdWriter(CompressionOptions options) {
        this.options = options;
    }

    /** What a write produced. */
    record Written(long plainBytes, long compressedBytes, int frames) {
    }

    Written write(FileChannel source, long length, WritableByteChannel target, Object name) throws IOException {
        int frameSize = options.frameSize();
        byte[] plain = new byte[(int) Math.min(frameSize, Math.max(length, 1))];
        byte[] compressed = new byte[(int) com.github.luben.zstd.Zstd.compressBound(plain.length)];
        SeekTable.Writer table = new SeekTable.Writer();
        long written = writeAll(target, SeekableFormat.header(length));
        table.add(SeekableFormat.HEADER_SIZE, 0, SeekableFormat.EMPTY_CHECKSUM);
        int frames = 0;
        ZstdCompressCtx ctx = Contexts.borrowCompressor();
        boolean healthy = false;
        try {
            ctx.setLevel(options.level());
            ctx.setChecksum(true);
            ctx.setContentSize(true);
            long position = 0;
            while (position < length) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.io.InterruptedIOException("compression of " + name + " was interrupted");
                }
                int n = (int) Math.min(frameSize, length - position);
                readFully(source, position, plain, n, name);
                int size;
                try {
                    size = ctx.compressByteArray(compressed, 0, compressed.length, plain, 0, n);
                } catch (ZstdException e) {
                    throw new IOException("zstd could not compress bytes " + position + " to " + (position + n)
                            + " of " + name + ": " + e.getMessage(), e);
                }
                // With the checksum flag, a frame ends with the low 32 bits of XXH64 of its content: the seek
                // table's checksum is the same value.
                int checksum = ByteBuffer.wrap(compressed, size - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                written += writeAll(target, ByteBuffer.wrap(compressed, 0, size));
                table.add(size, n, checksum);
                frames++;
                position += n;
            }
            healthy = true;
        } finally {
            if (healthy) {
                Contexts.giveBack(ctx);
            } else {
                ctx.close();
            }
        }
        written += writeAll(target, table.frame());
        return new Written(length, written, frames);
    }

    private static void readFully(FileChannel source, long position, byte[] into, int n, Object name)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, n);
        while (buffer.hasRemaining()) {
            if (source.read(buffer, position + buffer.position()) < 0) {
                throw new IOException(name + " became shorter while it was compressed (ended at byte "
                        + (position + buffer.position()) + "); it was left as it is");
            }
        }
    }

    private static long writeAll(WritableByteChannel target, ByteBuffer buffer) throws IOException {
        long n = buffer.remaining();
        while (buffer.hasRemaining()) {
            target.write(buffer);
        }
        return n;
    }
}
