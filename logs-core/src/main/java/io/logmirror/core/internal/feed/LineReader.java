package io.logmirror.core.internal.feed;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.core.feed.Change;
import io.logmirror.core.feed.ChangeSubscriber;
import io.logmirror.core.feed.LogLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns changes into lines: a change subscriber that reads each file's new bytes once, through
 * {@link LogStore#open}, and hands the lines and markers to {@code out} (the fan-out to line subscribers). Keeps a
 * {@link LineSplitter} per file. Runs on one delivery thread of the change feed, so it needs no locking.
 *
 * <p>A file first seen by an {@link LogEvent.Appended} (the reader started after it was added) has its lines of
 * {@code [0, previousSize)} counted once, so line numbers are the file's own, and its unfinished last line is read
 * again from its start so that the line is delivered whole. When nobody listens ({@code active} is false) the reader
 * forgets its files instead of reading them.
 */
final class LineReader implements ChangeSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(LineReader.class);
    private static final int BUFFER = 128 * 1024;

    private final LogStore store;
    private final int maxPiece;
    private final Consumer<LineItem> out;
    private final BooleanSupplier active;
    private final Map<LogPath, LineSplitter> files = new HashMap<>();
    private final byte[] buffer = new byte[BUFFER];
    private List<LogLine> batch = new ArrayList<>();
    private long batchWeight;

    LineReader(LogStore store, int maxPiece, Consumer<LineItem> out, BooleanSupplier active) {
        this.store = store;
        this.maxPiece = maxPiece;
        this.out = out;
        this.active = active;
    }

    @Override
    public void onChange(Change change) {
        if (!active.getAsBoolean()) {
            files.clear();
            return;
        }
        long sequence = change.sequence();
        LogEvent event = change.event();
        LogEntry entry = event.entry();
        if (event instanceof LogEvent.Added) {
            LineSplitter splitter = new LineSplitter(maxPiece, 0, 1);
            files.put(entry.path(), splitter);
            read(entry, splitter, sequence);
        } else if (event instanceof LogEvent.Appended appended) {
            LineSplitter splitter = files.get(entry.path());
            if (splitter == null) {
                splitter = startMidway(entry, appended.previousSize());
                if (splitter == null) {
                    return;
                }
                files.put(entry.path(), splitter);
            }
            read(entry, splitter, sequence);
        } else if (event instanceof LogEvent.Replaced replaced) {
            LineSplitter old = files.remove(entry.path());
            if (old != null) {
                old.flush((offset, number, bytes, continues) ->
                        add(new LogLine(entry.path(), replaced.previous().category(), offset, number, bytes,
                                continues, sequence)));
                sendBatch(sequence);
            }
            out.accept(new LineItem.Replaced(sequence, entry, replaced.previous()));
            LineSplitter splitter = new LineSplitter(maxPiece, 0, 1);
            files.put(entry.path(), splitter);
            read(entry, splitter, sequence);
        } else if (event instanceof LogEvent.Gone) {
            LineSplitter splitter = files.get(entry.path());
            if (splitter != null) {
                splitter.flush((offset, number, bytes, continues) ->
                        add(new LogLine(entry.path(), entry.category(), offset, number, bytes, continues,
                                sequence)));
                sendBatch(sequence);
            }
            out.accept(new LineItem.Gone(sequence, entry));
        } else if (event instanceof LogEvent.Removed) {
            if (entry.isCurrent()) {
                files.remove(entry.path());
            }
            out.accept(new LineItem.Removed(sequence, entry));
        }
        // Returned: nothing to read; an Appended or Replaced follows when the content changed.
    }

    @Override
    public void onMissed(long first, long last) {
        files.clear(); // what the missed changes did is unknown: count lines again when each file next grows
        out.accept(new LineItem.Missed(first, last));
    }

    private void read(LogEntry entry, LineSplitter splitter, long sequence) {
        long from = splitter.nextOffset();
        long length = entry.size() - from;
        if (length <= 0) {
            return;
        }
        LineSplitter.Sink sink = (offset, number, bytes, continues) ->
                add(new LogLine(entry.path(), entry.category(), offset, number, bytes, continues, sequence));
        try (InputStream in = store.open(entry, from, length)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                splitter.feed(buffer, 0, n, sink);
                sendBatch(sequence);
            }
        } catch (NoSuchFileException e) {
            LOG.debug("line feed: {} is no longer in the store", entry.path());
        } catch (IOException e) {
            LOG.warn("line feed: cannot read {} from offset {}: {}; its lines of change {} are skipped",
                    entry.path(), from, e.toString(), sequence);
        } finally {
            sendBatch(sequence);
        }
    }

    /** Counts the lines of {@code [0, previousSize)} and starts at the beginning of the unfinished one. */
    private LineSplitter startMidway(LogEntry entry, long previousSize) {
        long lines = 0;
        long lastNewline = -1;
        long position = 0;
        try (InputStream in = store.open(entry, 0, previousSize)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                int count = LineSplitter.countNewlines(buffer, 0, n);
                if (count > 0) {
                    lines += count;
                    int last = n - 1;
                    while (buffer[last] != '\n') {
                        last--;
                    }
                    lastNewline = position + last;
                }
                position += n;
            }
        } catch (IOException e) {
            LOG.warn("line feed: cannot count the lines of {}: {}; its new lines of this change are skipped",
                    entry.path(), e.toString());
            return null;
        }
        return new LineSplitter(maxPiece, lastNewline + 1, lines + 1);
    }

    private void add(LogLine line) {
        batch.add(line);
        batchWeight += line.bytes().length + LineItem.LINE_OVERHEAD;
    }

    private void sendBatch(long sequence) {
        if (!batch.isEmpty()) {
            out.accept(new LineItem.Lines(sequence, Collections.unmodifiableList(batch), batchWeight));
            batch = new ArrayList<>(Math.max(16, batch.size()));
            batchWeight = 0;
        }
    }
}
