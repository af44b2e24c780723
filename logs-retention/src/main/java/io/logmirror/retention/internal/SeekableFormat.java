package io.logmirror.retention.internal;

import com.github.luben.zstd.ZstdCompressCtx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The byte layout of a compressed stored file: zstd's seekable format (independent frames, then a seek table in a
 * skippable frame, as facebook/zstd's contrib/seekable_format specifies), opened by one skippable frame of ours that
 * marks the file as a mirror's compressed file and records its plain size. The standard {@code zstd -d} tool skips
 * both skippable frames and decompresses the rest, so it restores the plain file.
 *
 * <pre>
 * [header: 0x184D2A5B, 16, "LMSZ", version 1, 3 zero bytes, plain size (8)]     24 bytes
 * [zstd frame]...                                                               each: frameSize plain bytes or less
 * [seek table: 0x184D2A5E, size, per frame {compressed, plain, checksum}, frame count, descriptor 0x80, 0x8F92EAB1]
 * </pre>
 * All numbers are little-endian. The header frame is the seek table's first entry (plain size 0).
 */
final class SeekableFormat {

    static final int HEADER_MAGIC = 0x184D2A5B;
    static final int HEADER_PAYLOAD = 16;
    static final int HEADER_SIZE = 8 + HEADER_PAYLOAD;
    static final int SIGNATURE = 0x5A534D4C; // "LMSZ" read little-endian
    static final byte VERSION = 1;

    static final int SEEK_TABLE_MAGIC = 0x184D2A5E;
    static final int SEEKABLE_MAGIC = 0x8F92EAB1;
    static final int FOOTER_SIZE = 9;
    static final int CHECKSUM_FLAG = 0x80;
    static final int RESERVED_BITS = 0x7C;

    /** The low 32 bits of XXH64 of no bytes (seed 0): the seek-table checksum of the header frame. */
    static final int EMPTY_CHECKSUM = emptyChecksum();

    private SeekableFormat() {
    }

    static ByteBuffer header(long plainSize) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(HEADER_MAGIC).putInt(HEADER_PAYLOAD).putInt(SIGNATURE).put(VERSION)
                .put((byte) 0).put((byte) 0).put((byte) 0).putLong(plainSize);
        return header.flip();
    }

    /** Whether {@code head} (at least {@link #HEADER_SIZE} bytes, little-endian) starts with our header frame. */
    static boolean isHeader(ByteBuffer head) {
        return head.remaining() >= HEADER_SIZE
                && head.getInt(head.position()) == HEADER_MAGIC
                && head.getInt(head.position() + 4) == HEADER_PAYLOAD
                && head.getInt(head.position() + 8) == SIGNATURE;
    }

    // zstd writes the same checksum into a frame with the checksum flag: the low 4 bytes of XXH64, seed 0, at its end.
    private static int emptyChecksum() {
        try (ZstdCompressCtx ctx = new ZstdCompressCtx()) {
            ctx.setChecksum(true);
            byte[] frame = ctx.compress(new byte[0]);
            return ByteBuffer.wrap(frame, frame.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
    }
}
