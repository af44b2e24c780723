package io.logmirror.core.internal.feed;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogPath;
import io.logmirror.core.feed.Change;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The binary form of one {@link Change} in the change journal. A record is
 * {@code [int payload length][int CRC-32C of the payload][payload]}, big-endian; the payload is
 * <pre>
 * long sequence, byte kind (A added, P appended, R replaced, G gone, T returned, X removed), entry,
 * then for P: long previousSize; for R: the previous entry
 * entry = short path length, path (UTF-8), byte category length, category (ASCII), long size,
 *         long modified seconds, int modified nanos, byte gone (0/1), int generation
 * </pre>
 * A path is at most {@value LogPath#MAX_PATH_BYTES} bytes and a category 64, so a payload is never above
 * {@value #MAX_PAYLOAD} bytes; a length outside {@code [MIN_PAYLOAD, MAX_PAYLOAD]} marks a corrupt record.
 */
final class ChangeCodec {

    static final int HEADER = 8;
    static final int MIN_PAYLOAD = 8 + 1 + entryBytes(1, 1);
    static final int MAX_PAYLOAD = 8 + 1 + 2 * entryBytes(LogPath.MAX_PATH_BYTES, 64);

    private ChangeCodec() {
    }

    private static int entryBytes(int pathBytes, int categoryBytes) {
        return 2 + pathBytes + 1 + categoryBytes + 8 + 8 + 4 + 1 + 4;
    }

    /** A buffer big enough for any record. */
    static ByteBuffer newBuffer() {
        return ByteBuffer.allocate(HEADER + MAX_PAYLOAD);
    }

    /** Writes {@code change} as a whole record into {@code out} (cleared first), ready to be written out. */
    static void encode(Change change, ByteBuffer out) {
        out.clear();
        out.position(HEADER);
        out.putLong(change.sequence());
        LogEvent event = change.event();
        out.put(kind(event));
        putEntry(out, event.entry());
        if (event instanceof LogEvent.Appended appended) {
            out.putLong(appended.previousSize());
        } else if (event instanceof LogEvent.Replaced replaced) {
            putEntry(out, replaced.previous());
        }
        int payload = out.position() - HEADER;
        out.putInt(0, payload);
        out.putInt(4, crc(out.array(), out.arrayOffset() + HEADER, payload));
        out.flip();
    }

    static int crc(byte[] bytes, int offset, int length) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * Reads a payload whose checksum was already verified.
     *
     * @throws CorruptRecordException when the payload does not decode
     */
    static Change decode(ByteBuffer payload) throws CorruptRecordException {
        try {
            long sequence = payload.getLong();
            byte kind = payload.get();
            LogEntry entry = getEntry(payload);
            LogEvent event = switch (kind) {
                case 'A' -> new LogEvent.Added(entry);
                case 'P' -> new LogEvent.Appended(entry, payload.getLong());
                case 'R' -> new LogEvent.Replaced(entry, getEntry(payload));
                case 'G' -> new LogEvent.Gone(entry);
                case 'T' -> new LogEvent.Returned(entry);
                case 'X' -> new LogEvent.Removed(entry);
                default -> throw new CorruptRecordException("unknown change kind " + kind);
            };
            if (payload.hasRemaining()) {
                throw new CorruptRecordException(payload.remaining() + " bytes after the change");
            }
            return new Change(sequence, event);
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("the record is shorter than its fields");
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new CorruptRecordException(e.getMessage());
        }
    }

    private static byte kind(LogEvent event) {
        if (event instanceof LogEvent.Added) {
            return 'A';
        } else if (event instanceof LogEvent.Appended) {
            return 'P';
        } else if (event instanceof LogEvent.Replaced) {
            return 'R';
        } else if (event instanceof LogEvent.Gone) {
            return 'G';
        } else if (event instanceof LogEvent.Returned) {
            return 'T';
        } else if (event instanceof LogEvent.Removed) {
            return 'X';
        }
        throw new IllegalArgumentException("unknown event " + event);
    }

    private static void putEntry(ByteBuffer out, LogEntry entry) {
        byte[] path = entry.path().toString().getBytes(StandardCharsets.UTF_8);
        byte[] category = entry.category().name().getBytes(StandardCharsets.US_ASCII);
        out.putShort((short) path.length);
        out.put(path);
        out.put((byte) category.length);
        out.put(category);
        out.putLong(entry.size());
        out.putLong(entry.modified().getEpochSecond());
        out.putInt(entry.modified().getNano());
        out.put((byte) (entry.goneRemotely() ? 1 : 0));
        out.putInt(entry.generation());
    }

    private static LogEntry getEntry(ByteBuffer in) {
        byte[] path = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(path);
        byte[] category = new byte[Byte.toUnsignedInt(in.get())];
        in.get(category);
        long size = in.getLong();
        Instant modified = Instant.ofEpochSecond(in.getLong(), in.getInt());
        boolean gone = in.get() != 0;
        int generation = in.getInt();
        return new LogEntry(LogPath.of(new String(path, StandardCharsets.UTF_8)),
                Category.of(new String(category, StandardCharsets.US_ASCII)), size, modified, gone, generation);
    }

    /** A journal record that does not decode. */
    static final class CorruptRecordException extends Exception {
        CorruptRecordException(String message) {
            super(message);
        }
    }
}
