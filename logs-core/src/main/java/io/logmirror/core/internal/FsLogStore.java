package io.logmirror.core.internal;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.CategoryStats;
import io.logmirror.core.InvalidLogPathException;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;
import io.logmirror.core.LogStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-system {@link LogStore}.
 *
 * <pre>
 * data/
 *   logs/&lt;path&gt;                          current files; their mtime is the remote mtime (the sync state)
 *   categorized/&lt;category&gt;/&lt;path&gt;       relative symlinks to logs/&lt;path&gt; (when enabled; not for hidden files)
 *   generations/&lt;n&gt;/&lt;path&gt;              earlier generations kept when a file was rewritten (1 = oldest)
 *   .logmirror/staging/&lt;path&gt;             resumable partial downloads, renamed into logs/ when whole
 *   .logmirror/state                      journal of categories and gone marks (see {@link StateJournal})
 *   .logmirror/lock                       held while a writable store is open
 * </pre>
 *
 * <p>The write methods are package-private: only {@link MirrorSyncer} writes, one task per path at a time.
 * Reads never follow a symlink out of the data folder.
 */
public final class FsLogStore implements LogStore {

    private static final Logger LOG = LoggerFactory.getLogger(FsLogStore.class);
    private static final int BLOCK = 64 * 1024;

    private final Path data;
    private final Path realData;
    private final Path logs;
    private final Path categorized;
    private final Path generationsRoot;
    private final Path staging;
    private final Categorizer categorizer;
    private final boolean links;
    private final boolean readOnly;
    private final ChronoUnit precision;
    private final LogIndex index;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final StateJournal journal;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    private volatile boolean closed;
    private volatile boolean journalBroken;
    /** Folders of the data folder whose real path was checked, with their file key (device and inode). */
    private final java.util.concurrent.ConcurrentHashMap<Path, Object> verifiedFolders =
            new java.util.concurrent.ConcurrentHashMap<>();

    private FsLogStore(Path data, Categorizer categorizer, boolean links, boolean readOnly) throws IOException {
        this.data = data.toAbsolutePath().normalize();
        this.categorizer = Objects.requireNonNull(categorizer, "categorizer");
        this.links = links;
        this.readOnly = readOnly;
        this.logs = this.data.resolve("logs");
        this.categorized = this.data.resolve("categorized");
        this.generationsRoot = this.data.resolve("generations");
        Path internal = this.data.resolve(".logmirror");
        this.staging = internal.resolve("staging");
        if (readOnly) {
            if (!Files.isDirectory(this.data)) {
                throw new NoSuchFileException(this.data.toString(), null,
                        "the data folder does not exist; give the folder a LogMirror writes to");
            }
            lockChannel = null;
            fileLock = null;
            journal = null;
        } else {
            try {
                Files.createDirectories(logs);
                Files.createDirectories(categorized);
                Files.createDirectories(generationsRoot);
                Files.createDirectories(staging);
            } catch (IOException e) {
                throw new IOException("cannot create the data folder " + this.data + " (" + e + "); check that it is "
                        + "writable by this user and the disk is not full", e);
            }
            try {
                lockChannel = FileChannel.open(internal.resolve("lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new IOException("cannot open the data folder " + this.data + " for writing (" + e + "); check "
                        + "that its disk is writable and not full, or open it with LogStore.openReadOnly to serve "
                        + "what it holds", e);
            }
            FileLock acquired;
            try {
                acquired = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                lockChannel.close();
                throw new IOException("data folder " + this.data + " is already in use by another LogMirror (it holds "
                        + internal.resolve("lock") + "); close that one first, or give this one its own data folder");
            }
            fileLock = acquired;
            journal = new StateJournal(internal.resolve("state"));
        }
        try {
            this.realData = this.data.toRealPath();
            this.precision = readOnly ? ChronoUnit.NANOS : probePrecision(internal);
            this.index = new LogIndex(categorizer.categories(), 1024);
            rebuild();
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Opens (creating if needed) a writable store; only one may be open per data folder. */
    public static FsLogStore open(Path data, Categorizer categorizer, boolean categorizedLinks) throws IOException {
        return new FsLogStore(data, categorizer, categorizedLinks, false);
    }

    /** Opens a store that only reads: its index is the disk as it was when opened. */
    public static FsLogStore openReadOnly(Path data, Categorizer categorizer) throws IOException {
        return new FsLogStore(data, categorizer, false, true);
    }

    // ================================================================ rebuild

    private void rebuild() throws IOException {
        StateJournal.State state = StateJournal.read(data.resolve(".logmirror").resolve("state"));
        // A journal names a few categories over and over: check each name once, not once per file.
        Map<String, Optional<Category>> journaled = new HashMap<>();
        List<LogPath> derived = new ArrayList<>();
        if (Files.isDirectory(logs, LinkOption.NOFOLLOW_LINKS)) {
            Files.walkFileTree(logs, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isRegularFile()) {
                        LOG.warn("ignoring {} in the mirror: it is not a regular file (the mirror never creates one); "
                                + "remove it", file);
                        return FileVisitResult.CONTINUE;
                    }
                    Optional<LogPath> path = relative(logs, file);
                    if (path.isEmpty()) {
                        LOG.warn("ignoring {} in the mirror: its name is not a valid log path", file);
                        return FileVisitResult.CONTINUE;
                    }
                    String text = path.get().toString();
                    String name = state.categories().get(text);
                    Optional<Category> known = name == null ? Optional.empty()
                            : journaled.computeIfAbsent(name, FsLogStore::parseCategory);
                    Category category;
                    if (known.isPresent()) {
                        category = known.get();
                    } else {
                        category = categorizeSafely(path.get(), file);
                        derived.add(path.get());
                    }
                    index.put(path.get(), category, attrs.size(), attrs.lastModifiedTime().toInstant(),
                            state.gone().contains(text));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.warn("cannot read {} while opening the mirror ({}); it is left out of the index", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        rebuildGenerations();
        if (!readOnly) {
            try {
                StateJournal.State snapshot = index.journalState();
                journal.writeSnapshot(snapshot.categories(), snapshot.gone());
            } catch (IOException e) {
                journalBroken = true;
                LOG.warn("cannot compact the state journal of {} ({}); the mirror serves what it has and retries "
                        + "after the next sync", data, e.toString());
            }
            if (links) {
                repairLinks();
            } else {
                removeLinks();
            }
        }
        if (!derived.isEmpty()) {
            LOG.info("categorized {} files of {} that the state journal did not know", derived.size(), data);
        }
    }

    private void rebuildGenerations() throws IOException {
        if (!Files.isDirectory(generationsRoot, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Map<String, TreeMap<Integer, LogIndex.Generation>> found = new HashMap<>();
        try (DirectoryStream<Path> numbers = Files.newDirectoryStream(generationsRoot)) {
            for (Path numberDir : numbers) {
                int number;
                try {
                    number = Integer.parseInt(numberDir.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (number < 1 || !Files.isDirectory(numberDir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Files.walkFileTree(numberDir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            relative(numberDir, file).ifPresent(path -> found
                                    .computeIfAbsent(path.toString(), k -> new TreeMap<>())
                                    .put(number, new LogIndex.Generation(number, attrs.size(),
                                            attrs.lastModifiedTime().toInstant(), Optional.empty())));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        LOG.warn("cannot read kept generation {} ({}); it is left out of the index", file, e.toString());
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
        }
        for (Map.Entry<String, TreeMap<Integer, LogIndex.Generation>> entry : found.entrySet()) {
            index.setGenerations(LogPath.of(entry.getKey()), new ArrayList<>(entry.getValue().values()));
        }
    }

    /** Makes categorized/ hold exactly one correct link per current file. */
    private void repairLinks() throws IOException {
        Set<String> correct = new HashSet<>();
        if (Files.isDirectory(categorized, LinkOption.NOFOLLOW_LINKS)) {
            Files.walkFileTree(categorized, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isSymbolicLink()) {
                        return FileVisitResult.CONTINUE;
                    }
                    Path rel = categorized.relativize(file);
                    boolean keep = false;
                    if (rel.getNameCount() >= 2) {
                        String category = rel.getName(0).toString();
                        Optional<LogPath> path = LogPath.parse(joined(rel.subpath(1, rel.getNameCount())));
                        if (path.isPresent()) {
                            Optional<LogEntry> entry = index.find(path.get());
                            keep = entry.isPresent() && !path.get().isHidden()
                                    && entry.get().category().name().equals(category)
                                    && Files.readSymbolicLink(file).equals(linkTarget(file, path.get()));
                            if (keep) {
                                correct.add(path.get().toString());
                            }
                        }
                    }
                    if (!keep) {
                        Files.deleteIfExists(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.warn("cannot check categorized link {} ({})", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        List<LogPath> missing = new ArrayList<>();
        index.forEachVisible(text -> {
            if (!correct.contains(text)) {
                missing.add(LogPath.of(text));
            }
        });
        for (LogPath path : missing) {
            try {
                createLink(path, index.find(path).orElseThrow().category());
            } catch (IOException e) {
                LOG.warn("cannot create the categorized link for {} ({})", path, e.toString());
            }
        }
        if (!missing.isEmpty()) {
            LOG.info("created {} missing categorized links under {}", missing.size(), categorized);
        }
    }

    private void removeLinks() throws IOException {
        if (!Files.isDirectory(categorized, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(categorized, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static Optional<LogPath> relative(Path root, Path file) {
        return LogPath.parse(joined(root.relativize(file)));
    }

    private static String joined(Path relative) {
        StringBuilder text = new StringBuilder();
        for (Path name : relative) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(name);
        }
        return text.toString();
    }

    private Category categorizeSafely(LogPath path, Path file) {
        try {
            return categorizer.categorize(path, readHead(file, categorizer.headBytesWanted()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot categorize {} ({}); it is listed as uncategorized", path, e.toString());
            return Category.UNCATEGORIZED;
        }
    }

    private static Optional<Category> parseCategory(String name) {
        try {
            return Optional.of(Category.of(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ChronoUnit probePrecision(Path folder) {
        Path probe = folder.resolve("mtime-probe");
        try {
            Files.write(probe, new byte[0]);
        } catch (IOException e) {
            LOG.warn("cannot probe the time precision of {} ({}); assuming nanoseconds", folder, e.toString());
            return ChronoUnit.NANOS;
        }
        try {
            Instant wanted = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
            Files.setLastModifiedTime(probe, FileTime.from(wanted));
            Instant got = Files.getLastModifiedTime(probe).toInstant();
            for (ChronoUnit unit : new ChronoUnit[] {ChronoUnit.NANOS, ChronoUnit.MICROS, ChronoUnit.MILLIS}) {
                if (got.equals(wanted.truncatedTo(unit))) {
                    return unit;
                }
            }
            return ChronoUnit.SECONDS;
        } catch (IOException e) {
            LOG.warn("cannot probe the time precision of {} ({}); assuming nanoseconds", folder, e.toString());
            return ChronoUnit.NANOS;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                LOG.debug("cannot remove {}", probe, e);
            }
        }
    }

    // ================================================================ reading

    @Override
    public Optional<LogEntry> find(LogPath path) {
        Objects.requireNonNull(path, "path");
        lock.readLock().lock();
        try {
            return index.find(path);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<LogEntry> generations(LogPath path) {
        Objects.requireNonNull(path, "path");
        lock.readLock().lock();
        try {
            return index.generations(path);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<LogEntry> list(LogQuery query) {
        Objects.requireNonNull(query, "query");
        lock.readLock().lock();
        try {
            return index.list(query);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<CategoryStats> statsByCategory() {
        lock.readLock().lock();
        try {
            return index.stats(categorizer.categories());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int fileCount() {
        lock.readLock().lock();
        try {
            return index.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public InputStream open(LogEntry entry, long offset, long length) throws IOException {
        Objects.requireNonNull(entry, "entry");
        BoundedChannelInputStream.checkRange(offset, length, entry.path());
        return new BoundedChannelInputStream(openForReading(entry), offset, length);
    }

    @Override
    public long tailOffset(LogEntry entry, int lines) throws IOException {
        Objects.requireNonNull(entry, "entry");
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be at least 1, was " + lines + " for " + entry.path());
        }
        try (FileChannel channel = openForReading(entry)) {
            long end = Math.min(entry.size(), channel.size());
            if (end == 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(BLOCK, end));
            byte[] bytes = buffer.array();
            long blockEnd = end;
            boolean last = true;
            int found = 0;
            while (blockEnd > 0) {
                int length = (int) Math.min(bytes.length, blockEnd);
                long blockStart = blockEnd - length;
                buffer.clear().limit(length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, blockStart + buffer.position()) < 0) {
                        throw new IOException(entry.path() + " became shorter while its tail was read; try again");
                    }
                }
                int i = length - 1;
                if (last) {
                    last = false;
                    if (bytes[i] == '\n') {
                        i--; // the newline that ends the file does not start another line
                    }
                }
                for (; i >= 0; i--) {
                    if (bytes[i] == '\n' && ++found == lines) {
                        return blockStart + i + 1;
                    }
                }
                blockEnd = blockStart;
            }
            return 0;
        }
    }

    @Override
    public Path dataDirectory() {
        return data;
    }

    private FileChannel openForReading(LogEntry entry) throws IOException {
        Path file = entry.isCurrent() ? currentFile(entry.path()) : generationFile(entry.path(), entry.generation());
        Path real = file.toRealPath();
        Path rootReal = entry.isCurrent() ? realData.resolve("logs") : realData.resolve("generations");
        if (!real.startsWith(rootReal)) {
            throw new IOException("refusing to read " + file + ": it resolves to " + real + ", outside the mirror "
                    + rootReal + "; someone planted a symlink there, remove it");
        }
        return FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    // ================================================================ writing (MirrorSyncer only)

    Path currentFile(LogPath path) {
        return path.resolveAgainst(logs);
    }

    Path stagingFile(LogPath path) {
        return path.resolveAgainst(staging);
    }

    /** Paths with a partial download under the staging folder; usually none, so this costs one directory read. */
    Set<String> stagedPaths() throws IOException {
        Set<String> result = new HashSet<>();
        if (!Files.isDirectory(staging)) {
            return result;
        }
        Files.walkFileTree(staging, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String text = joined(staging.relativize(file));
                if (LogPath.parse(text).isPresent()) {
                    result.add(text);
                } else {
                    LOG.warn("ignoring {} in the staging folder: {}", file, InvalidLogPathException.printable(text));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                // Folders left empty by renamed downloads would make this walk slower sync after sync.
                if (!dir.equals(staging)) {
                    try {
                        Files.delete(dir);
                    } catch (IOException notEmpty) {
                        // still holds a partial download
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return result;
    }

    Path generationFile(LogPath path, int generation) {
        return path.resolveAgainst(generationsRoot.resolve(Integer.toString(generation)));
    }

    /**
     * {@code modified} as a local file can carry it: at the precision this file system keeps, and before 1970 in
     * whole seconds (Java 17 sets a negative time with a fraction of a second to the epoch itself). This is the
     * time the store sets and the one a sync compares with.
     */
    Instant localPrecision(Instant modified) {
        if (modified.getEpochSecond() < 0 && modified.getNano() != 0) {
            return modified.truncatedTo(ChronoUnit.SECONDS);
        }
        return modified.truncatedTo(precision);
    }

    /** The staged partial's size, or -1 when there is none. */
    long stagingSize(LogPath path) throws IOException {
        Path file = stagingFile(path);
        try {
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() ? attrs.size() : -1;
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    void discardStaging(LogPath path) throws IOException {
        Files.deleteIfExists(stagingFile(path));
    }

    byte[] readStaging(LogPath path, long offset, int length) throws IOException {
        return readBytes(stagingFile(path), offset, length);
    }

    byte[] readCurrent(LogPath path, long offset, int length) throws IOException {
        return readBytes(currentFile(path), offset, length);
    }

    /**
     * Writes up to {@code max} bytes from {@code in} into the staged partial at {@code offset} (cutting it there
     * first). {@code written} counts the bytes on disk even when this throws.
     */
    void writeStaging(LogPath path, long offset, InputStream in, long max, AtomicLong written, LongConsumer progress)
            throws IOException {
        checkWritable();
        Path file = stagingFile(path);
        createParents(file);
        try (FileChannel channel = onDisk(file, () -> FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
            if (channel.size() < offset) {
                throw new IOException("staged partial " + file + " has " + channel.size() + " bytes, fewer than the "
                        + offset + " to resume from; it is discarded and fetched again next time");
            }
            channel.truncate(offset);
            copy(file, in, channel, offset, max, written, progress);
        } catch (LocalWriteException e) {
            // A partial that fills the disk would starve every other file: give its space back.
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // reported below; the next sync discards or resumes it
            }
            throw e;
        }
    }

    /**
     * Appends up to {@code max} bytes from {@code in} to the current file, which must have exactly {@code offset}
     * bytes. The index learns the new size even when this throws part-way (what was written is a valid prefix);
     * the modification time is left alone.
     */
    void appendCurrent(LogPath path, long offset, InputStream in, long max, AtomicLong written, LongConsumer progress)
            throws IOException {
        checkWritable();
        Path file = currentFile(path);
        checkParentInside(file);
        try (FileChannel channel = onDisk(file, () -> FileChannel.open(file, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS))) {
            if (channel.size() != offset) {
                throw new LocalCopyChangedException("local copy " + file + " has " + channel.size() + " bytes where "
                        + offset + " were expected; it was changed outside the mirror");
            }
            try {
                copy(file, in, channel, offset, max, written, progress);
            } finally {
                if (written.get() > 0) {
                    long size = offset + written.get();
                    try {
                        size = Math.max(offset, channel.size()); // the disk's word, should a write have half-failed
                    } catch (IOException closed) {
                        // cancelled: the count of written bytes is what we have
                    }
                    updateSize(path, size);
                }
            }
        }
    }

    /**
     * Cuts the current file back to {@code size} bytes (its previous, whole version) after an append turned out to
     * mix two versions of the remote file; its modification time, never updated for that append, stays.
     */
    void truncateCurrent(LogPath path, long size) throws IOException {
        checkWritable();
        Path file = currentFile(path);
        checkParentInside(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            channel.truncate(size);
        }
        updateSize(path, size);
    }

    private void updateSize(LogPath path, long size) {
        lock.writeLock().lock();
        try {
            LogEntry entry = index.find(path).orElseThrow();
            index.put(path, entry.category(), size, entry.modified(), entry.goneRemotely());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Thrown when the local copy is not what the index says: someone changed it outside the mirror. */
    static final class LocalCopyChangedException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalCopyChangedException(String message) {
            super(message);
        }
    }

    /** Whether the current file of {@code path} is on disk (someone may have deleted it by hand). */
    boolean currentExists(LogPath path) {
        return Files.isRegularFile(currentFile(path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * What stands in the mirror where {@code path} must go, said so that a user can act: a file kept (usually gone
     * remotely) where the remote now has a folder, or a kept folder where the remote now has a file. Empty when the
     * way is free. Costs one {@code stat} per folder of the path; asked only for files new to the mirror.
     */
    Optional<String> obstacle(LogPath path) {
        Path at = logs;
        List<String> segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            at = at.resolve(segments.get(i));
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return Optional.empty(); // nothing there yet
            }
            String here = String.join("/", segments.subList(0, i + 1));
            boolean last = i == segments.size() - 1;
            if (!last && attrs.isRegularFile()) {
                boolean gone = find(LogPath.of(here)).map(LogEntry::goneRemotely).orElse(false);
                return Optional.of("the mirror keeps '" + here + "' as a file" + (gone ? " (gone remotely)" : "")
                        + " where the remote now has a folder of that name; move " + at + " out of the data folder "
                        + "(or delete it) and the next sync mirrors the folder's files");
            }
            if (last && attrs.isDirectory()) {
                return Optional.of("the mirror keeps a folder '" + here + "' (its files are gone remotely) where the "
                        + "remote now has a file of that name; move " + at + " out of the data folder (or delete it) "
                        + "and the next sync mirrors the file");
            }
            if (!attrs.isRegularFile() && !attrs.isDirectory()) {
                return Optional.of(at + " is in the way and is not something the mirror creates (a symlink or a "
                        + "special file); remove it and the next sync mirrors '" + path + "'");
            }
        }
        return Optional.empty();
    }

    /** Whether the staged file and the current file hold the same bytes. */
    boolean stagingEqualsCurrent(LogPath path) throws IOException {
        try (FileChannel a = FileChannel.open(stagingFile(path), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             FileChannel b = FileChannel.open(currentFile(path), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (a.size() != b.size()) {
                return false;
            }
            ByteBuffer x = ByteBuffer.allocate(BLOCK);
            ByteBuffer y = ByteBuffer.allocate(BLOCK);
            long position = 0;
            while (position < a.size()) {
                x.clear();
                y.clear();
                int n = readFully(a, x, position);
                int m = readFully(b, y, position);
                if (n != m || n == 0) {
                    return n == m;
                }
                x.flip();
                y.flip();
                if (!x.equals(y)) {
                    return false;
                }
                position += n;
            }
            return true;
        }
    }

    /** Moves the whole staged file into place as a new file. */
    LogEntry commitNew(LogPath path, Category category, Instant modified) throws IOException {
        checkWritable();
        Path staged = stagingFile(path);
        Path target = currentFile(path);
        onDisk(staged, () -> Files.setLastModifiedTime(staged, FileTime.from(localPrecision(modified))));
        createParents(target);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "something the mirror did not put there is in the way; move it out of the data folder (or delete "
                    + "it) and the next sync mirrors the file");
        }
        move(staged, target);
        long size = Files.size(target);
        LogEntry entry;
        Optional<LogEntry> before;
        lock.writeLock().lock();
        try {
            before = index.find(path); // present when the local copy had been deleted by hand
            index.put(path, category, size, localPrecision(modified), false);
            entry = index.find(path).orElseThrow();
        } finally {
            lock.writeLock().unlock();
        }
        journalCategory(path, category);
        if (before.isPresent() && before.get().goneRemotely()) {
            journalGone(path, false);
        }
        relink(path, before.map(LogEntry::category), category);
        return entry;
    }

    /** Keeps the current file as the next generation, then moves the staged file into its place. */
    LogEvent.Replaced commitReplace(LogPath path, Category category, Instant modified) throws IOException {
        checkWritable();
        LogEntry previous = find(path).orElseThrow(() -> new IllegalStateException("no current file " + path));
        Path staged = stagingFile(path);
        Path target = currentFile(path);
        int number;
        lock.readLock().lock();
        try {
            number = index.nextGenerationNumber(path);
        } finally {
            lock.readLock().unlock();
        }
        // fails first when nothing is staged
        onDisk(staged, () -> Files.setLastModifiedTime(staged, FileTime.from(localPrecision(modified))));
        Path kept = generationFile(path, number);
        createParents(kept);
        Files.deleteIfExists(kept);
        try {
            Files.createLink(kept, target);
        } catch (UnsupportedOperationException | IOException e) {
            try {
                onDisk(kept, () -> Files.copy(target, kept, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
            } catch (IOException copyFailed) {
                Files.deleteIfExists(kept); // never leave a partial generation behind
                throw copyFailed;
            }
        }
        // The kept file as it is on disk (the index may lag if it was changed by hand).
        BasicFileAttributes keptAttrs = Files.readAttributes(kept, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        move(staged, target);
        long size = Files.size(target);
        LogEntry current;
        LogEntry generation;
        lock.writeLock().lock();
        try {
            index.addGeneration(path, number, keptAttrs.size(), keptAttrs.lastModifiedTime().toInstant(),
                    previous.category());
            index.put(path, category, size, localPrecision(modified), false);
            current = index.find(path).orElseThrow();
            List<LogEntry> all = index.generations(path);
            generation = all.get(all.size() - 1);
        } finally {
            lock.writeLock().unlock();
        }
        afterCategory(path, previous.category(), category);
        return new LogEvent.Replaced(current, generation);
    }

    /** Sets the current file's modification time (after a completed update). */
    LogEntry setModified(LogPath path, Instant modified) throws IOException {
        checkWritable();
        Path current = currentFile(path);
        onDisk(current, () -> Files.setLastModifiedTime(current, FileTime.from(localPrecision(modified))));
        lock.writeLock().lock();
        try {
            LogEntry entry = index.find(path).orElseThrow();
            index.put(path, entry.category(), entry.size(), localPrecision(modified), entry.goneRemotely());
            return index.find(path).orElseThrow();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Marks the current file as gone remotely, or present again. */
    LogEntry setGone(LogPath path, boolean gone) throws IOException {
        checkWritable();
        LogEntry result;
        lock.writeLock().lock();
        try {
            LogEntry entry = index.find(path).orElseThrow();
            index.put(path, entry.category(), entry.size(), entry.modified(), gone);
            result = index.find(path).orElseThrow();
        } finally {
            lock.writeLock().unlock();
        }
        journalGone(path, gone);
        return result;
    }

    /** Moves the current file to another category. */
    LogEntry recategorize(LogPath path, Category category) throws IOException {
        checkWritable();
        Category before;
        LogEntry result;
        lock.writeLock().lock();
        try {
            LogEntry entry = index.find(path).orElseThrow();
            before = entry.category();
            index.put(path, category, entry.size(), entry.modified(), entry.goneRemotely());
            result = index.find(path).orElseThrow();
        } finally {
            lock.writeLock().unlock();
        }
        afterCategory(path, before, category);
        return result;
    }

    /** Writes buffered state records to disk; the syncer calls it at the end of each sync. */
    void flushState() {
        if (readOnly || closed) {
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
        StateJournal.State snapshot;
        lock.readLock().lock();
        try {
            snapshot = index.journalState();
        } finally {
            lock.readLock().unlock();
        }
        try {
            journal.writeSnapshot(snapshot.categories(), snapshot.gone());
            journalBroken = false;
            LOG.info("rewrote the state journal of {}", data);
        } catch (IOException e) {
            LOG.debug("cannot rewrite the state journal of {} yet", data, e);
        }
    }

    /** Paths of current files not gone remotely for which {@code keep} is false. */
    List<LogPath> notGoneExcept(Predicate<String> keep) {
        List<String> texts;
        lock.readLock().lock();
        try {
            texts = index.pathsNotGoneAndNot(keep);
        } finally {
            lock.readLock().unlock();
        }
        List<LogPath> result = new ArrayList<>(texts.size());
        for (String text : texts) {
            result.add(LogPath.of(text));
        }
        return result;
    }

    /** The first {@code length} bytes (fewer for a shorter file) of the staged file. */
    byte[] stagingHead(LogPath path, int length) throws IOException {
        return readHead(stagingFile(path), length);
    }

    /** The first {@code length} bytes (fewer for a shorter file) of the current file. */
    byte[] currentHead(LogPath path, int length) throws IOException {
        return readHead(currentFile(path), length);
    }

    private void afterCategory(LogPath path, Category before, Category after) {
        if (before.equals(after)) {
            return;
        }
        journalCategory(path, after);
        relink(path, Optional.of(before), after);
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

    private void journalFailed(IOException e) {
        if (!journalBroken) {
            journalBroken = true;
            LOG.warn("cannot write the state journal of {} ({}); it is rewritten whole after the next sync, and "
                    + "categories and gone marks are derived again should the service restart before", data, e.toString());
        }
    }

    private void relink(LogPath path, Optional<Category> before, Category after) {
        if (!links) {
            return;
        }
        try {
            if (before.isPresent() && !before.get().equals(after)) {
                Files.deleteIfExists(path.resolveAgainst(categorized.resolve(before.get().name())));
            }
            if (!path.isHidden()) { // hidden files are not listed, so not linked either, as in the original
                createLink(path, after);
            }
        } catch (IOException e) {
            LOG.warn("cannot update the categorized link of {} ({}); it is repaired when the store opens next",
                    path, e.toString());
        }
    }

    private void createLink(LogPath path, Category category) throws IOException {
        Path link = path.resolveAgainst(categorized.resolve(category.name()));
        Path target = linkTarget(link, path);
        createParents(link);
        try {
            Files.createSymbolicLink(link, target); // the usual case: a new file, no link yet
            return;
        } catch (FileAlreadyExistsException e) {
            // there is one: keep it if right, else replace it below
        }
        try {
            if (Files.readSymbolicLink(link).equals(target)) {
                return;
            }
        } catch (java.nio.file.NotLinkException e) {
            LOG.warn("{} is in the way of a categorized link and is not a symlink; remove it", link);
            return;
        }
        Files.delete(link);
        Files.createSymbolicLink(link, target);
    }

    private Path linkTarget(Path link, LogPath path) {
        return link.getParent().relativize(currentFile(path));
    }

    private void createParents(Path file) throws IOException {
        Path parent = file.getParent();
        if (!stillVerified(parent)) {
            onDisk(parent, () -> Files.createDirectories(parent));
            verify(parent, file);
        }
    }

    /** Refuses to write through a symlinked folder: the parent's real path must be the path itself. */
    private void checkParentInside(Path file) throws IOException {
        Path parent = file.getParent();
        if (!stillVerified(parent)) {
            verify(parent, file);
        }
    }

    private void verify(Path parent, Path file) throws IOException {
        Path expected = realData.resolve(data.relativize(parent));
        Path real = parent.toRealPath();
        if (!real.equals(expected)) {
            throw new IOException("refusing to write " + file + ": folder " + parent + " resolves to " + real
                    + " through a symlink; the mirror never creates one, remove it");
        }
        Object key = Files.readAttributes(parent, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        if (key != null) {
            if (verifiedFolders.size() >= 100_000) {
                verifiedFolders.clear(); // a bound on the memory; folders are simply checked fully again
            }
            verifiedFolders.put(parent, key);
        }
    }

    /**
     * Whether {@code folder} was verified and is still the same folder: one stat instead of resolving every
     * ancestor. A symlink planted anywhere above it makes the stat land on another inode (or on the link itself),
     * so the full check runs again.
     */
    private boolean stillVerified(Path folder) {
        Object key = verifiedFolders.get(folder);
        if (key == null) {
            return false;
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isDirectory() && key.equals(attrs.fileKey())) {
                return true;
            }
        } catch (IOException e) {
            // gone: check again below
        }
        verifiedFolders.remove(folder);
        return false;
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("store " + data + " was opened read-only");
        }
        if (closed) {
            throw new IllegalStateException("store " + data + " is closed");
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            onDisk(to, () -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING));
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically; keep the data folder on one "
                    + "file system", e);
        }
    }

    /** Writing to the local disk failed (disk full, read-only, I/O error), as opposed to reading the remote. */
    static final class LocalWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        LocalWriteException(Path file, IOException cause) {
            super("cannot write " + file + " (" + cause.getMessage() + "); free space (or inodes) on the data "
                    + "folder's disk, or check that it is writable", cause);
        }
    }

    private interface DiskOperation<T> {
        T run() throws IOException;
    }

    /**
     * Runs a write to the local disk, turning a file-system refusal (no space, no inodes, read-only, permission)
     * into a {@link LocalWriteException} that says what to do. Exceptions that mean something else pass through.
     */
    private static <T> T onDisk(Path file, DiskOperation<T> operation) throws IOException {
        try {
            return operation.run();
        } catch (LocalWriteException | NoSuchFileException | FileAlreadyExistsException
                 | java.nio.file.NotDirectoryException | AtomicMoveNotSupportedException e) {
            throw e;
        } catch (java.nio.file.FileSystemException e) {
            throw new LocalWriteException(file, e);
        }
    }

    private static void copy(Path file, InputStream in, FileChannel channel, long position, long max,
                             AtomicLong written, LongConsumer progress) throws IOException {
        byte[] buffer = new byte[BLOCK];
        long remaining = max;
        long at = position;
        while (remaining > 0) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("transfer cancelled");
            }
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                return;
            }
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                int w;
                try {
                    w = channel.write(chunk, at);
                } catch (java.nio.channels.ClosedChannelException cancelled) {
                    throw cancelled;
                } catch (IOException e) {
                    throw new LocalWriteException(file, e);
                }
                at += w;
                written.addAndGet(w);
            }
            remaining -= n;
            progress.accept(n);
        }
    }

    private static byte[] readBytes(Path file, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            int n = readFully(channel, buffer, offset);
            byte[] result = new byte[n];
            System.arraycopy(buffer.array(), 0, result, 0, n);
            return result;
        }
    }

    private static byte[] readHead(Path file, int length) throws IOException {
        if (length <= 0) {
            return new byte[0];
        }
        return readBytes(file, 0, length);
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (journal != null) {
                journal.close();
            }
        } catch (IOException e) {
            LOG.warn("cannot close the state journal of {} ({})", data, e.toString());
        }
        try {
            if (fileLock != null) {
                fileLock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            LOG.warn("cannot release the lock of {} ({})", data, e.toString());
        }
    }

    @Override
    public String toString() {
        return "LogStore[" + data + (readOnly ? ", read-only" : "") + "]";
    }
}
