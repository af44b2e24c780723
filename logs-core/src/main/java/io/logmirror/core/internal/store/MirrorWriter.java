package io.logmirror.core.internal.store;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogPath;
import io.logmirror.core.internal.feed.ChangePublisher;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the mirror changes. Each operation puts the bytes in place, updates the index, the state
 * journal and the categorized links, and publishes the {@link LogEvent}, in that order, as one step under the commit
 * lock: sequence order is commit order, no change goes unannounced and no event is published without its change.
 *
 * <p>Bytes below the index (a staged partial, appended bytes not yet committed) are written through {@link Staging}
 * and {@link CurrentFiles}; readers see a file only up to its indexed size, so they are invisible until committed.
 * A touch (a new modification time over the same bytes) is the one update without an event: it changes the sync state,
 * not the content. Thread-safe; the syncer writes a path from one transfer at a time ({@link #claim}).
 */
public final class MirrorWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorWriter.class);

    private final DataFolder folder;
    private final ConfinedWrites writes;
    private final LogIndex index;
    private final ReadWriteLock indexLock;
    private final StateJournal journal;
    private final CategorizedLinks links;
    private final ChangePublisher publisher;
    private final ReentrantLock commit = new ReentrantLock();
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private volatile boolean journalBroken;
    private volatile boolean closed;

    MirrorWriter(DataFolder folder, ConfinedWrites writes, LogIndex index, ReadWriteLock indexLock,
                 StateJournal journal, CategorizedLinks links, ChangePublisher publisher, boolean journalBroken) {
        this.folder = folder;
        this.writes = writes;
        this.index = index;
        this.indexLock = indexLock;
        this.journal = journal;
        this.links = links;
        this.publisher = publisher;
        this.journalBroken = journalBroken;
    }

    // ---------------------------------------------------------------- claims

    /** Claims {@code path} for one transfer; false when another transfer or a removal holds it. */
    public boolean claim(LogPath path) {
        return claimed.add(path.toString());
    }

    public void release(LogPath path) {
        claimed.remove(path.toString());
    }

    // ---------------------------------------------------------------- commits

    /** Moves the whole staged file into place as a new file; publishes {@link LogEvent.Added}. */
    public LogEntry commitNew(LogPath path, Category category, Instant modified) throws IOException {
        Path staged = folder.stagingFile(path);
        Path target = folder.currentFile(path);
        Instant time = folder.localPrecision(modified);
        DiskErrors.onDisk(staged, () -> Files.setLastModifiedTime(staged, FileTime.from(time)));
        writes.createParents(target);
        commit.lock();
        try {
            checkOpen();
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target.toString(), null,
                        "something the mirror did not put there is in the way; move it out of the data folder (or "
                        + "delete it) and the next sync mirrors the file");
            }
            DiskErrors.move(staged, target);
            long size = Files.size(target);
            Optional<LogEntry> before = find(path); // present when the local copy had been deleted by hand
            LogEntry entry = put(path, category, size, time, false);
            journalCategory(path, category);
            if (before.isPresent() && before.get().goneRemotely()) {
                journalGone(path, false);
            }
            links.relink(path, before.map(LogEntry::category), category);
            publish(new LogEvent.Added(entry));
            return entry;
        } finally {
            commit.unlock();
        }
    }

    /**
     * Keeps the current file as the next generation (a hard link: no copy, no moment without a current file), then
     * moves the staged file into its place; publishes {@link LogEvent.Replaced}.
     */
    public LogEvent.Replaced commitReplace(LogPath path, Category category, Instant modified) throws IOException {
        Path staged = folder.stagingFile(path);
        Path target = folder.currentFile(path);
        Instant time = folder.localPrecision(modified);
        // fails first when nothing is staged
        DiskErrors.onDisk(staged, () -> Files.setLastModifiedTime(staged, FileTime.from(time)));
        commit.lock();
        try {
            checkOpen();
            LogEntry previous = find(path).orElseThrow(() -> new IllegalStateException("no current file " + path));
            int number = read(() -> index.nextGenerationNumber(path));
            Path kept = folder.generationFile(path, number);
            writes.createParents(kept);
            Files.deleteIfExists(kept);
            try {
                Files.createLink(kept, target);
            } catch (UnsupportedOperationException | IOException e) {
                try {
                    DiskErrors.onDisk(kept, () -> Files.copy(target, kept, StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS));
                } catch (IOException copyFailed) {
                    Files.deleteIfExists(kept); // never leave a partial generation behind
                    throw copyFailed;
                }
            }
            // The kept file as it is on disk (the index may lag if it was changed by hand).
            BasicFileAttributes keptAttrs = Files.readAttributes(kept, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            DiskErrors.move(staged, target);
            long size = Files.size(target);
            LogEntry current;
            LogEntry generation;
            indexLock.writeLock().lock();
            try {
                index.addGeneration(path, number, keptAttrs.size(), keptAttrs.lastModifiedTime().toInstant(),
                        previous.category());
                index.put(path, category, size, time, false);
                current = index.find(path).orElseThrow();
                List<LogEntry> all = index.generations(path);
                generation = all.get(all.size() - 1);
            } finally {
                indexLock.writeLock().unlock();
            }
            afterCategory(path, previous.category(), category);
            LogEvent.Replaced event = new LogEvent.Replaced(current, generation);
            publish(event);
            return event;
        } finally {
            commit.unlock();
        }
    }

    /**
     * Commits appended bytes: the file now has {@code size} bytes (what the disk holds). {@code modified} is set only
     * when the append is complete (a partial append is resumed by the next sync); {@code category} when the file grew
     * past the head it was first sorted by. Publishes {@link LogEvent.Appended} when the file grew.
     */
    public LogEntry commitAppend(LogPath path, long previousSize, long size, Optional<Instant> modified,
                                 Optional<Category> category) throws IOException {
        Optional<Instant> time = modified.map(folder::localPrecision);
        if (time.isPresent()) {
            Path file = folder.currentFile(path);
            DiskErrors.onDisk(file, () -> Files.setLastModifiedTime(file, FileTime.from(time.get())));
        }
        commit.lock();
        try {
            checkOpen();
            LogEntry before = find(path).orElseThrow(() -> new IllegalStateException("no current file " + path));
            Category after = category.orElse(before.category());
            LogEntry entry = put(path, after, size, time.orElse(before.modified()), before.goneRemotely());
            afterCategory(path, before.category(), after);
            if (size > previousSize) {
                publish(new LogEvent.Appended(entry, previousSize));
            }
            return entry;
        } finally {
            commit.unlock();
        }
    }

    /** Sets the modification time of a file whose bytes did not change (the sync state only; no event). */
    public LogEntry commitTouch(LogPath path, Instant modified) throws IOException {
        Path file = folder.currentFile(path);
        Instant time = folder.localPrecision(modified);
        DiskErrors.onDisk(file, () -> Files.setLastModifiedTime(file, FileTime.from(time)));
        commit.lock();
        try {
            checkOpen();
            LogEntry entry = find(path).orElseThrow(() -> new IllegalStateException("no current file " + path));
            return put(path, entry.category(), entry.size(), time, entry.goneRemotely());
        } finally {
            commit.unlock();
        }
    }

    /**
     * Marks the current file as gone remotely; publishes {@link LogEvent.Gone}. Empty when the file is not in the mirror
     * (removed meanwhile) or already marked.
     */
    public Optional<LogEntry> markGone(LogPath path) {
        return setGone(path, true);
    }

    /** Marks a file gone remotely as present again; publishes {@link LogEvent.Returned}. Empty when it was not marked. */
    public Optional<LogEntry> markReturned(LogPath path) {
        return setGone(path, false);
    }

    private Optional<LogEntry> setGone(LogPath path, boolean gone) {
        commit.lock();
        try {
            checkOpen();
            Optional<LogEntry> entry = find(path);
            if (entry.isEmpty() || entry.get().goneRemotely() == gone) {
                return Optional.empty();
            }
            LogEntry result = put(path, entry.get().category(), entry.get().size(), entry.get().modified(), gone);
            journalGone(path, gone);
            publish(gone ? new LogEvent.Gone(result) : new LogEvent.Returned(result));
            return Optional.of(result);
        } finally {
            commit.unlock();
        }
    }

    /**
     * Removes {@code entry}: the current generation removes the file with its kept generations (from the disk, the
     * index, the journal and the links); a kept generation removes only itself. Publishes one {@link LogEvent.Removed}
     * per generation removed, kept ones first. Empty when the path is being synced (the sync wins) or the entry is not
     * in the mirror (any more).
     *
     * @throws IOException when the disk refused; what was already removed is committed and announced
     */
    public List<LogEntry> remove(LogEntry entry) throws IOException {
        LogPath path = entry.path();
        if (!claim(path)) {
            return List.of();
        }
        commit.lock();
        try {
            checkOpen();
            Optional<LogEntry> current = find(path);
            if (current.isEmpty()) {
                return List.of();
            }
            List<LogEntry> kept = read(() -> index.generations(path));
            List<LogEntry> removed = new ArrayList<>();
            if (!entry.isCurrent()) {
                Optional<LogEntry> generation = kept.stream().filter(g -> g.generation() == entry.generation()).findFirst();
                if (generation.isPresent()) {
                    Files.deleteIfExists(folder.generationFile(path, entry.generation()));
                    write(() -> index.removeGeneration(path, entry.generation()));
                    removed.add(generation.get());
                    publish(new LogEvent.Removed(generation.get()));
                }
                return removed;
            }
            for (LogEntry generation : kept) {
                Files.deleteIfExists(folder.generationFile(path, generation.generation()));
                write(() -> index.removeGeneration(path, generation.generation()));
                removed.add(generation);
                publish(new LogEvent.Removed(generation));
            }
            Files.deleteIfExists(folder.currentFile(path));
            write(() -> index.remove(path));
            journalRemoved(path);
            links.unlink(path, current.get().category());
            removed.add(current.get());
            publish(new LogEvent.Removed(current.get()));
            return removed;
        } finally {
            commit.unlock();
            release(path);
        }
    }

    // ---------------------------------------------------------------- journal

    /** Writes buffered state records to disk (the syncer calls it at the end of each sync); heals a broken journal. */
    public void flush() {
        if (closed) {
            return;
        }
        if (!journalBroken) {
            try {
                journal.flush();
                return;
            } catch (IOException e) {
                journalFailed(e);
            }
        }
        // Records may be lost or cut: replace the journal with a snapshot of the index.
        StateJournal.State snapshot = read(index::journalState);
        try {
            journal.writeSnapshot(snapshot.categories(), snapshot.gone());
            journalBroken = false;
            LOG.info("rewrote the state journal of {}", folder.root);
        } catch (IOException e) {
            LOG.debug("cannot rewrite the state journal of {} yet", folder.root, e);
        }
    }

    void close() {
        commit.lock();
        try {
            closed = true;
        } finally {
            commit.unlock();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void afterCategory(LogPath path, Category before, Category after) {
        if (!before.equals(after)) {
            journalCategory(path, after);
            links.relink(path, Optional.of(before), after);
        }
    }

    private void publish(LogEvent event) {
        try {
            publisher.publish(event);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot journal {} in the change feed ({}); the change is in the mirror, and a subscriber "
                    + "resuming from before it may have to resync from the store", event, e.toString());
        }
    }

    // The journal and the links are derived state that the store repairs when it opens: failing to update them
    // must not report a file as failed whose bytes are safely in place.

    private void journalCategory(LogPath path, Category category) {
        try {
            journal.category(path.toString(), category.name());
        } catch (IOException e) {
            journalFailed(e);
        }
    }

    private void journalGone(LogPath path, boolean gone) {
        try {
            journal.gone(path.toString(), gone);
        } catch (IOException e) {
            journalFailed(e);
        }
    }

    private void journalRemoved(LogPath path) {
        try {
            journal.removed(path.toString());
        } catch (IOException e) {
            journalFailed(e);
        }
    }

    private void journalFailed(IOException e) {
        if (!journalBroken) {
            journalBroken = true;
            LOG.warn("cannot write the state journal of {} ({}); it is rewritten whole after the next sync, and "
                    + "categories and gone marks are derived again should the service restart before", folder.root,
                    e.toString());
        }
    }

    private Optional<LogEntry> find(LogPath path) {
        return read(() -> index.find(path));
    }

    private LogEntry put(LogPath path, Category category, long size, Instant modified, boolean gone) {
        indexLock.writeLock().lock();
        try {
            index.put(path, category, size, modified, gone);
            return index.find(path).orElseThrow();
        } finally {
            indexLock.writeLock().unlock();
        }
    }

    private <T> T read(java.util.function.Supplier<T> query) {
        indexLock.readLock().lock();
        try {
            return query.get();
        } finally {
            indexLock.readLock().unlock();
        }
    }

    private void write(Runnable update) {
        indexLock.writeLock().lock();
        try {
            update.run();
        } finally {
            indexLock.writeLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store " + folder.root + " is closed");
        }
    }
}
