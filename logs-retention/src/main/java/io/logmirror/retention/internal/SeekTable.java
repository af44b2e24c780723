package io.logmirror.retention.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;

import static io.logmirror.retention.internal.SeekableFormat.CHECKSUM_FLAG;
import static io.logmirror.retention.internal.SeekableFormat.FOOTER_SIZE;
import static io.logmirror.retention.internal.SeekableFormat.HEADER_SIZE;
import static io.logmirror.retention.internal.SeekableFormat.RESERVED_BITS;
import static io.logmirror.retention.internal.SeekableFormat.SEEKABLE_MAGIC;
import static io.logmirror.retention.internal.SeekableFormat.SEEK_TABLE_MAGIC;

/**
 * Where each frame of a seekable file starts, compressed and plain. Only frames that hold data are indexed (the
 * header frame and any other skippable frame are stepped over), so {@link #frameAt(long)} is a binary search.
 * Immutable once built.
 */
final class SeekTable {

    private final long[] compressedStart;
    private final int[] compressedSize;
    private final long[] plainStart; // one more than the frames: the last is the plain size
    private final int frames;

    private SeekTable(long[] compressedStart, int[] compressedSize, long[] plainStart, int frames) {
        this.compressedStart = compressedStart;
        this.compressedSize = compressedSize;
        this.plainStart = plainStart;
        this.frames = frames;
    }

    int frames() {
        return frames;
    }

    long plainSize() {
        return plainStart[frames];
    }

    long compressedStart(int frame) {
        return compressedStart[frame];
    }

    int compressedSize(int frame) {
        return compressedSize[frame];
    }

    long plainStart(int frame) {
        return plainStart[frame];
    }

    int plainSize(int frame) {
        return (int) (plainStart[frame + 1] - plainStart[frame]);
    }

    /** The frame holding plain byte {@code offset}; {@code 0 <= offset < plainSize()}. */
    int frameAt(long offset) {
        int i = Arrays.binarySearch(plainStart, 0, frames + 1, offset);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * Reads and checks the seek table at the end of {@code channel}: footer, table frame, and that the frames cover
     * the file exactly and add up to {@code expectedPlainSize}.
     *
     * @throws IOException naming {@code name} and what is wrong, when the file is not a complete seekable file
     */
    static SeekTable read(FileChannel channel, long fileSize, long expectedPlainSize, Object name) throws IOException {
        if (fileSize < HEADER_SIZE + 8 + FOOTER_SIZE) {
            throw corrupt(name, "it is " + fileSize + " bytes, too short to hold a seek table");
        }
        ByteBuffer footer = readFully(channel, fileSize - FOOTER_SIZE, FOOTER_SIZE, name);
        long count = Integer.toUnsignedLong(footer.getInt(0));
        int descriptor = footer.get(4) & 0xff;
        if (footer.getInt(5) != SEEKABLE_MAGIC) {
            throw corrupt(name, "its last 4 bytes are not the seekable format's magic number (a cut or unfinished file)");
        }
        if ((descriptor & RESERVED_BITS) != 0) {
            throw corrupt(name, "its seek table descriptor 0x" + Integer.toHexString(descriptor)
                    + " sets reserved bits (a newer format version?)");
        }
        int entrySize = (descriptor & CHECKSUM_FLAG) != 0 ? 12 : 8;
        long tableFrame = 8 + count * entrySize + FOOTER_SIZE;
        if (tableFrame > fileSize - HEADER_SIZE || count > Integer.MAX_VALUE / entrySize) {
            throw corrupt(name, "its seek table claims " + count + " frames, more than the file can hold");
        }
        ByteBuffer table = readFully(channel, fileSize - tableFrame, (int) tableFrame, name);
        if (table.getInt(0) != SEEK_TABLE_MAGIC || Integer.toUnsignedLong(table.getInt(4)) != tableFrame - 8) {
            throw corrupt(name, "the seek table frame's header does not match its footer");
        }
        int n = (int) count;
        long[] compressedStart = new long[n];
        int[] compressedSize = new int[n];
        long[] plainStart = new long[n + 1];
        int frames = 0;
        long compressed = 0;
        long plain = 0;
        for (int i = 0; i < n; i++) {
            int at = 8 + i * entrySize;
            long c = Integer.toUnsignedLong(table.getInt(at));
            long p = Integer.toUnsignedLong(table.getInt(at + 4));
            if (c == 0 || p > Integer.MAX_VALUE) {
                throw corrupt(name, "seek table entry " + i + " is not valid (compressed " + c + ", plain " + p + ")");
            }
            if (p > 0) {
                compressedStart[frames] = compressed;
                compressedSize[frames] = (int) Math.min(c, Integer.MAX_VALUE);
                plainStart[frames] = plain;
                frames++;
            }
            compressed += c;
            plain += p;
        }
        plainStart[frames] = plain;
        if (compressed != fileSize - tableFrame) {
            throw corrupt(name, "its frames add up to " + compressed + " bytes but the seek table starts at byte "
                    + (fileSize - tableFrame));
        }
        if (plain != expectedPlainSize) {
            throw corrupt(name, "its frames hold " + plain + " plain bytes but its header says " + expectedPlainSize);
        }
        return new SeekTable(compressedStart, compressedSize, plainStart, frames);
    }

    static ByteBuffer readFully(FileChannel channel, long position, int length, Object name) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw corrupt(name, "it ended at byte " + (position + buffer.position()) + " while " + length
                        + " bytes from " + position + " were read");
            }
        }
        return buffer.flip();
    }

    static IOException corrupt(Object name, String what) {
        return new IOException("compressed file " + name + " cannot be read: " + what
                + "; restore it from the remote (delete it and sync) or from a backup");
    }

    /** Collects entries while a file is written, then gives the seek table frame. */
    static final class Writer {
        private ByteBuffer entries = ByteBuffer.allocate(12 * 64).order(ByteOrder.LITTLE_ENDIAN);
        private int count;

        void add(int compressedSize, int plainSize, int checksum) {
            if (entries.remaining() < 12) {
                ByteBuffer bigger = ByteBuffer.allocate(entries.capacity() * 2).order(ByteOrder.LITTLE_ENDIAN);
                entries.flip();
                bigger.put(entries);
                entries = bigger;
            }
            entries.putInt(compressedSize).putInt(plainSize).putInt(checksum);
            count++;
        }

        ByteBuffer frame() {
            int payload = entries.position() + FOOTER_SIZE;
            ByteBuffer frame = ByteBuffer.allocate(8 + payload).order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(SEEK_TABLE_MAGIC).putInt(payload);
            frame.put(entries.duplicate().flip());
            frame.putInt(count).put((byte) CHECKSUM_FLAG).putInt(SEEKABLE_MAGIC);
            return frame.flip();
        }
    }
}
