package io.logmirror.core.internal.store;

import io.logmirror.core.Categorizer;
import io.logmirror.core.CategoryStats;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogFolder;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;
import io.logmirror.core.LogStore;
import io.logmirror.core.internal.feed.ChangePublisher;
import io.logmirror.core.spi.StoredFormat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-system {@link LogStore}: the read side, over an in-memory {@link LogIndex} that the store's
 * {@link MirrorWriter} keeps current. The data folder's layout is in {@link DataFolder}; what is read goes through the
 * {@link StoredFileReader}, so a {@link StoredFormat} can store files in another form. Thread-safe: queries take the
 * index's read lock and never wait for I/O.
 */
public final class FsLogStore implements LogStore {

    private static final Logger LOG = LoggerFactory.getLogger(FsLogStore.class);

    private final DataFolder folder;
    private final Categorizer categorizer;
    private final LogIndex index;
    private final IndexQueries queries;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final StoredReads reads;
    private final Optional<StateJournal> journal;
    private final Optional<MirrorWriter> writer;
    private final Optional<Staging> staging;
    private final Optional<CurrentFiles> currentFiles;
    private volatile boolean closed;

    private FsLogStore(DataFolder folder, Categorizer categorizer, boolean links, Optional<ChangePublisher> publisher,
                       List<StoredFormat> formats) throws IOException {
        this.folder = folder;
        this.categorizer = Objects.requireNonNull(categorizer, "categorizer");
        this.index = IndexLoader.load(folder, categorizer).index();
        this.queries = new IndexQueries(index);
        this.reads = new StoredReads(new FormatReader(folder, formats));
        if (publisher.isEmpty()) {
            journal = Optional.empty();
            writer = Optional.empty();
            staging = Optional.empty();
            currentFiles = Optional.empty();
            return;
        }
        StateJournal state = new StateJournal(folder.state);
        journal = Optional.of(state);
        boolean journalBroken = false;
        try {
            StateJournal.State snapshot = index.journalState();
            state.writeSnapshot(snapshot.categories(), snapshot.gone());
        } catch (IOException e) {
            journalBroken = true;
            LOG.warn("cannot compact the state journal of {} ({}); the mirror serves what it has and retries "
                    + "after the next sync", folder.root, e.toString());
        }
        ConfinedWrites writes = new ConfinedWrites(folder.root, folder.realRoot);
        CategorizedLinks categorizedLinks = new CategorizedLinks(folder, writes, links);
        categorizedLinks.repair(index::find, index.visiblePaths());
        writer = Optional.of(new MirrorWriter(folder, writes, index, lock, state, categorizedLinks, publisher.get(),
                journalBroken));
        staging = Optional.of(new Staging(folder, writes));
        currentFiles = Optional.of(new CurrentFiles(folder, writes, this::find));
    }

    /** Opens the change publisher of a data folder, once the store holds the folder's lock. */
    @FunctionalInterface
    public interface PublisherOpener {
        /** Opens the publisher whose journal lives in {@code journalDirectory}. */
        ChangePublisher open(Path journalDirectory) throws IOException;
    }

    /**
     * Opens (creating if needed) a writable store; only one may be open per data folder. Every change its
     * {@link #writer()} commits is published to the publisher {@code publisher} opens (with the folder's change
     * journal directory, after the folder is locked).
     */
    public static FsLogStore open(Path data, Categorizer categorizer, boolean categorizedLinks, PublisherOpener publisher)
            throws IOException {
        DataFolder folder = DataFolder.openWritable(data);
        try {
            return new FsLogStore(folder, categorizer, categorizedLinks,
                    Optional.of(publisher.open(folder.changeJournal())), FormatReader.installedFormats());
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /** Opens a store that only reads: its index is the disk as it was when opened. */
    public static FsLogStore openReadOnly(Path data, Categorizer categorizer) throws IOException {
        return new FsLogStore(DataFolder.openReadOnly(data), categorizer, false, Optional.empty(),
                FormatReader.installedFormats());
    }

    // ================================================================ the write side's parts

    /** The committing writer; the only way the mirror changes. */
    public MirrorWriter writer() {
        return writer.orElseThrow(this::readOnlyError);
    }

    /** Partial downloads, below the mirror. */
    public Staging staging() {
        return staging.orElseThrow(this::readOnlyError);
    }

    /** The current files' bytes, below the index. */
    public CurrentFiles currentFiles() {
        return currentFiles.orElseThrow(this::readOnlyError);
    }

    /** {@code modified} at the precision this file system keeps: the time a sync compares with. */
    public Instant localPrecision(Instant modified) {
        return folder.localPrecision(modified);
    }

    /** Paths of current files not gone remotely for which {@code keep} is false. */
    public List<LogPath> notGoneExcept(Predicate<String> keep) {
        return read(() -> index.pathsNotGoneAndNot(keep)).stream().map(LogPath::of).toList();
    }

    private IllegalStateException readOnlyError() {
        return new IllegalStateException("store " + folder.root + " was opened read-only");
    }

    // ================================================================ reading

    @Override
    public Optional<LogEntry> find(LogPath path) {
        Objects.requireNonNull(path, "path");
        return read(() -> index.find(path));
    }

    @Override
    public List<LogEntry> generations(LogPath path) {
        Objects.requireNonNull(path, "path");
        return read(() -> index.generations(path));
    }

    @Override
    public List<LogEntry> list(LogQuery query) {
        Objects.requireNonNull(query, "query");
        return read(() -> queries.list(query));
    }

    @Override
    public LogFolder children(Optional<LogPath> folder) {
        Objects.requireNonNull(folder, "folder");
        return read(() -> queries.children(folder, false));
    }

    @Override
    public List<CategoryStats> statsByCategory() {
        return read(() -> index.stats(categorizer.categories()));
    }

    @Override
    public int fileCount() {
        return read(index::size);
    }

    @Override
    public InputStream open(LogEntry entry, long offset, long length) throws IOException {
        Objects.requireNonNull(entry, "entry");
        return reads.open(entry, offset, length);
    }

    @Override
    public long tailOffset(LogEntry entry, int lines) throws IOException {
        Objects.requireNonNull(entry, "entry");
        return reads.tailOffset(entry, lines);
    }

    @Override
    public List<String> tail(LogEntry entry, int lines) throws IOException {
        Objects.requireNonNull(entry, "entry");
        return reads.tail(entry, lines);
    }

    @Override
    public Path dataDirectory() {
        return folder.root;
    }

    private <T> T read(Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writer.ifPresent(MirrorWriter::close);
        try {
            if (journal.isPresent()) {
                journal.get().close();
            }
        } catch (IOException e) {
            LOG.warn("cannot close the state journal of {} ({})", folder.root, e.toString());
        }
        folder.close();
    }

    @Override
    public String toString() {
        return "LogStore[" + folder.root + (writer.isEmpty() ? ", read-only" : "") + "]";
    }
}
