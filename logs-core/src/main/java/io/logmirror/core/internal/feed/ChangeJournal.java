package io.logmirror.core.internal.feed;

import io.logmirror.core.feed.Change;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed's journal: append-only segment files {@code changes-<first sequence>.journal} in one folder,
 * each an 8-byte header ({@code LMCF}, version 1) followed by {@link ChangeCodec} records.
 *
 * <p>Durability: every append is handed to the operating system before it returns (one {@code write} call, no
 * buffering in the process), so a crash of the JVM loses nothing. A segment is forced to disk ({@code fsync}) when
 * it is full and when the journal closes; a power loss can lose the changes since then, and a torn or corrupt record
 * at the end of the last segment is cut off with a warning when the journal opens.
 *
 * <p>Retention: a new segment starts every {@code segmentChanges} changes, and the oldest segments are deleted as
 * long as the rest still hold {@code retainedChanges}. So at least {@code retainedChanges} and at most
 * {@code retainedChanges + segmentChanges} changes stay replayable.
 *
 * <p>Appends are serialized by the caller (the feed's lock); reads run concurrently with them, on any thread, and
 * only ever read sequences already appended.
 */
final class ChangeJournal implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeJournal.class);
    private static final int MAGIC = 0x4C4D4346; // "LMCF"
    private static final int VERSION = 1;
    private static final int FILE_HEADER = 8;
    private static final int STRIDE = 256;
    private static final Pattern NAME = Pattern.compile("changes-(\\d{1,19})\\.journal");

    private final Path directory;
    private final int retainedChanges;
    private final int segmentChanges;
    private final ByteBuffer record = ChangeCodec.newBuffer();

    /** Oldest first; replaced whole, never changed in place, so readers can take a snapshot. */
    private volatile List<Segment> segments;
    private volatile long latest;
    private FileChannel writer;
    private long inCurrentSegment;
    /** Where the next record goes in the current segment (kept here: asking the channel costs a system call). */
    private long writePosition;
    private boolean broken;

    /** A segment file, with the byte position of every {@value #STRIDE}th record so reads need not scan it all. */
    private static final class Segment {
        final long first;
        final Path file;
        private volatile long[] marks = new long[0];

        Segment(long first, Path file) {
            this.first = first;
            this.file = file;
        }

        long first() {
            return first;
        }

        /** Notes where record {@code sequence} starts; called by one thread, for every record in order. */
        void mark(long sequence, long position) {
            long index = sequence - first;
            if (index % STRIDE == 0 && index / STRIDE == marks.length) {
                long[] more = Arrays.copyOf(marks, marks.length + 1);
                more[more.length - 1] = position;
                marks = more;
            }
        }

        /** The marked record at or before {@code sequence}: {its sequence, its position}. */
        long[] seek(long sequence) {
            long[] known = marks;
            int index = (int) Math.min((sequence - first) / STRIDE, known.length - 1L);
            return index < 0 ? new long[] {first, FILE_HEADER} : new long[] {first + (long) index * STRIDE, known[index]};
        }
    }

    private ChangeJournal(Path directory, int retainedChanges) {
        this.directory = directory;
        this.retainedChanges = retainedChanges;
        this.segmentChanges = Math.max(1, Math.min(retainedChanges / 4, 65_536));
    }

    /** Opens (or creates) the journal in {@code directory}, cutting off a torn tail. */
    static ChangeJournal open(Path directory, int retainedChanges) throws IOException {
        if (retainedChanges < 1) {
            throw new IllegalArgumentException("retainedChanges must be at least 1, was " + retainedChanges);
        }
        Files.createDirectories(directory);
        ChangeJournal journal = new ChangeJournal(directory, retainedChanges);
        journal.recover();
        return journal;
    }

    /** The sequence of the last change appended, 0 when none ever was. */
    long latest() {
        return latest;
    }

    /** The oldest sequence still held ({@code latest() + 1} when the journal holds nothing). */
    long oldest() {
        return segments.get(0).first;
    }

    /** How many changes a segment holds before the next one starts. */
    int segmentChanges() {
        return segmentChanges;
    }

    /**
     * Appends {@code change}, whose sequence must be {@code latest() + 1}. On failure the journal is left as it was
     * (the partial record is cut off), or, when even that fails, refuses every later append.
     */
    void append(Change change) throws IOException {
        if (change.sequence() != latest + 1) {
            throw new IllegalArgumentException("expected sequence " + (latest + 1) + ", got " + change.sequence());
        }
        if (broken) {
            throw new IOException("the change journal in " + directory + " failed earlier and is read-only until "
                    + "it is opened again");
        }
        if (inCurrentSegment >= segmentChanges) {
            rotate(change.sequence());
        }
        ChangeCodec.encode(change, record);
        long position = writePosition;
        segments.get(segments.size() - 1).mark(change.sequence(), position);
        try {
            while (record.hasRemaining()) {
                writer.write(record);
            }
        } catch (IOException e) {
            try {
                writer.truncate(position);
                writer.position(position);
            } catch (IOException again) {
                broken = true;
                e.addSuppressed(again);
            }
            throw new IOException("cannot write change " + change.sequence() + " to the change journal in "
                    + directory + ": " + e.getMessage(), e);
        }
        writePosition = position + record.limit();
        inCurrentSegment++;
        latest = change.sequence();
    }

    /** Receives what {@link #read} finds. */
    interface Replay {
        /** The next change; false to stop reading. */
        boolean change(Change change);

        /** Changes {@code first..last} are in the journal but cannot be read (a damaged record or segment). */
        void unreadable(long first, long last);
    }

    /**
     * Delivers the held changes {@code from..to} (both at most {@link #latest()}) to {@code replay} in order. A
     * damaged record makes the rest of its segment unreadable; reading goes on with the next segment. Stops early
     * when the replay answers false or when a segment has been deleted meanwhile (retention).
     *
     * @return the sequence after the last one delivered or reported unreadable ({@code from} when none was)
     */
    long read(long from, long to, Replay replay) throws IOException {
        List<Segment> snapshot = segments;
        int index = 0;
        while (index + 1 < snapshot.size() && snapshot.get(index + 1).first <= from) {
            index++;
        }
        long next = from;
        for (; index < snapshot.size() && next <= to; index++) {
            Segment segment = snapshot.get(index);
            if (segment.first > next) {
                return next;
            }
            long segmentEnd = index + 1 < snapshot.size() ? snapshot.get(index + 1).first - 1 : to;
            try (FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.READ)) {
                long[] read = readSegment(segment, channel, next, Math.min(to, segmentEnd), replay);
                next = read[0];
                if (read[1] == 0) {
                    return next;
                }
            } catch (NoSuchFileException e) {
                return next;
            } catch (IOException e) {
                LOG.warn("change journal {}: cannot read it ({}); its changes cannot be replayed", segment.file,
                        e.toString());
            }
            if (next <= Math.min(to, segmentEnd)) {
                replay.unreadable(next, Math.min(to, segmentEnd));
                next = Math.min(to, segmentEnd) + 1;
            }
        }
        return next;
    }

    /** Reads {@code from..to} of one segment: {the sequence after the last delivered, 0 if told to stop else 1}. */
    private static long[] readSegment(Segment segment, FileChannel channel, long from, long to, Replay replay)
            throws IOException {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER);
        while (header.hasRemaining() && channel.read(header, header.position()) > 0) {
            // read the whole header
        }
        readHeader(new DataInputStream(new ByteArrayInputStream(header.array(), 0, header.position())),
                segment.file);
        long[] start = segment.seek(from);
        channel.position(start[1]);
        DataInputStream data = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        ByteBuffer payload = ChangeCodec.newBuffer();
        long expected = start[0];
        long next = from;
        while (next <= to) {
            Change change;
            try {
                change = readRecord(data, payload);
            } catch (EOFException e) {
                LOG.warn("change journal {}: it ends before change {}", segment.file, expected);
                break;
            } catch (ChangeCodec.CorruptRecordException e) {
                LOG.warn("change journal {}: record {} is unreadable ({}); it and the rest of the segment cannot be "
                        + "replayed", segment.file, expected, e.getMessage());
                break;
            }
            if (change.sequence() != expected) {
                LOG.warn("change journal {}: expected sequence {}, found {}; the rest of the segment cannot be "
                        + "replayed", segment.file, expected, change.sequence());
                break;
            }
            expected++;
            if (change.sequence() == next) {
                next++;
                if (!replay.change(change)) {
                    return new long[] {next, 0};
                }
            }
        }
        return new long[] {next, 1};
    }

    private void recover() throws IOException {
        List<Segment> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher matcher = NAME.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    found.add(new Segment(Long.parseLong(matcher.group(1)), file));
                }
            }
        }
        found.sort(Comparator.comparingLong(Segment::first));
        if (found.isEmpty()) {
            segments = List.of();
            latest = 0;
            startSegment(1);
            return;
        }
        for (Segment segment : found.subList(0, found.size() - 1)) {
            checkVersion(segment.file);
        }
        Segment last = found.get(found.size() - 1);
        long[] scan = scan(last);
        long count = scan[0];
        long goodEnd = scan[1];
        writer = FileChannel.open(last.file, StandardOpenOption.WRITE, StandardOpenOption.READ);
        long size = writer.size();
        if (goodEnd < FILE_HEADER) {
            if (size > 0) {
                LOG.warn("change journal {}: the header is damaged; starting the segment again", last.file);
            }
            writer.truncate(0);
            writeHeader(writer);
        } else if (size > goodEnd) {
            LOG.warn("change journal {}: cut off {} bytes of a torn or corrupt record after sequence {} (left by a "
                    + "crash)", last.file, size - goodEnd, last.first + count - 1);
            writer.truncate(goodEnd);
        }
        writer.position(writer.size());
        writePosition = writer.size();
        segments = List.copyOf(found);
        inCurrentSegment = count;
        latest = last.first + count - 1;
        applyRetention();
    }

    /** Refuses a segment of another version; a damaged header is left for replay to report. */
    private static void checkVersion(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            readHeader(in, file);
        } catch (UnknownVersionException e) {
            throw e;
        } catch (IOException e) {
            LOG.warn("change journal {}: {}; its changes cannot be replayed", file, e.toString());
        }
    }

    /** Counts the intact records of a segment: {count, byte offset after the last intact record}. */
    private static long[] scan(Segment segment) throws IOException {
        try (InputStream in = Files.newInputStream(segment.file)) {
            DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            try {
                readHeader(data, segment.file);
            } catch (UnknownVersionException e) {
                throw e;
            } catch (IOException e) {
                return new long[] {0, 0};
            }
            long count = 0;
            long end = FILE_HEADER;
            ByteBuffer payload = ChangeCodec.newBuffer();
            while (true) {
                Change change;
                try {
                    change = readRecord(data, payload);
                } catch (EOFException | ChangeCodec.CorruptRecordException e) {
                    return new long[] {count, end};
                }
                if (change.sequence() != segment.first + count) {
                    return new long[] {count, end};
                }
                segment.mark(change.sequence(), end);
                count++;
                end += ChangeCodec.HEADER + payload.limit();
            }
        }
    }

    private static void readHeader(DataInputStream in, Path file) throws IOException {
        int magic = in.readInt();
        int version = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(file + " is not a change journal segment");
        }
        if (version != VERSION) {
            throw new UnknownVersionException(file + " is a change journal segment of version " + version
                    + ", and this version of logmirror reads version " + VERSION + " only; run the version that wrote"
                    + " it, or move the folder " + file.getParent() + " aside to start a new journal (subscribers then"
                    + " resync from the store)");
        }
    }

    /** A segment written by another version: never cut off or overwritten, the journal refuses to open. */
    static final class UnknownVersionException extends IOException {
        UnknownVersionException(String message) {
            super(message);
        }
    }

    /** Reads one record into {@code payload} and decodes it; EOF when the stream ends inside the record. */
    private static Change readRecord(DataInputStream in, ByteBuffer payload)
            throws IOException, ChangeCodec.CorruptRecordException {
        int length = in.readInt();
        int crc = in.readInt();
        if (length < ChangeCodec.MIN_PAYLOAD || length > ChangeCodec.MAX_PAYLOAD) {
            throw new ChangeCodec.CorruptRecordException("impossible record length " + length);
        }
        payload.clear();
        in.readFully(payload.array(), 0, length);
        payload.limit(length);
        if (ChangeCodec.crc(payload.array(), 0, length) != crc) {
            throw new ChangeCodec.CorruptRecordException("checksum mismatch");
        }
        return ChangeCodec.decode(payload);
    }

    private void rotate(long first) throws IOException {
        writer.force(false);
        writer.close();
        startSegment(first);
        applyRetention();
    }

    private void startSegment(long first) throws IOException {
        Path file = directory.resolve(String.format("changes-%019d.journal", first));
        writer = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
        writeHeader(writer);
        writePosition = FILE_HEADER;
        List<Segment> next = new ArrayList<>(segments);
        next.add(new Segment(first, file));
        segments = List.copyOf(next);
        inCurrentSegment = 0;
    }

    private static void writeHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER).putInt(MAGIC).putInt(VERSION).flip();
        while (header.hasRemaining()) {
            channel.write(header);
        }
    }

    /** Deletes the oldest segments while the others still hold at least {@code retainedChanges} changes. */
    private void applyRetention() {
        List<Segment> kept = new ArrayList<>(segments);
        List<Segment> dropped = new ArrayList<>();
        while (kept.size() > 1 && latest - kept.get(1).first + 1 >= retainedChanges) {
            dropped.add(kept.remove(0));
        }
        segments = List.copyOf(kept);
        for (Segment segment : dropped) {
            try {
                Files.deleteIfExists(segment.file);
            } catch (IOException e) {
                LOG.warn("change journal: cannot delete the old segment {}: {}", segment.file, e.toString());
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (writer != null && writer.isOpen()) {
            try {
                writer.force(false);
            } finally {
                writer.close();
            }
        }
    }
}
