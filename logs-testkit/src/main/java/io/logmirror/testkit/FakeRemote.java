package io.logmirror.testkit;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.logmirror.core.InvalidLogPathException;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.core.SkippedEntry;
import io.logmirror.testkit.internal.FaultyInputStream;
import io.logmirror.testkit.internal.ReadFaults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An in-memory cluster log folder for tests: a {@link RemoteSource} you script like a live cluster
 * (files appear, grow, get rewritten, truncated, renamed, deleted) and break on demand (reads failing
 * part-way, listings failing, slow or paused reads, unreadable files), with counters that prove what
 * a sync read.
 *
 * <pre>{@code
 * FakeRemote remote = FakeRemote.create();
 * remote.write("job-42/slurm-42.out", "SLURM_JOB_ID=42\n");
 * try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(dataDir, remote).build())) {
 *     mirror.syncNow();
 *     remote.append("job-42/slurm-42.out", "step 1 done\n");
 *     remote.resetCounters();
 *     mirror.syncNow();
 *     assertThat(remote.bytesRead("job-42/slurm-42.out")).isEqualTo(...); // window + new bytes only
 * }
 * }</pre>
 *
 * <h2>The tree</h2>
 * The folder lives in a Jimfs in-memory file system (Unix semantics) at {@link #root()}, by default
 * {@value #DEFAULT_FOLDER}, so that an embedded SFTP server can serve the very same tree. Paths given to
 * the scripting methods are relative to the folder, {@code /}-separated, and must stay inside it; unlike a
 * {@link LogPath} they may hold control characters or over-long segments, to script hostile names a real
 * file system accepts. Names no file system can hold ({@code ..}, absolute paths) are simulated with
 * {@link #injectListingEntry(String, long)}. Special files (FIFOs, sockets, devices) cannot exist in Jimfs:
 * {@link #specialFile(String, SpecialKind)} records them beside the tree, so {@link #list()} reports them
 * but they are not visible under {@link #root()}.
 *
 * <h2>Modification times</h2>
 * Every change made through this class stamps the file with the fake's clock (by default the system clock),
 * truncated to milliseconds and strictly increasing from one change to the next, so two changes never
 * share a modification time unless you set one with {@link #setModified(String, Instant)}. Writing under
 * {@link #root()} directly is allowed; Jimfs then stamps with the same clock, without the strict increase.
 *
 * <h2>Lifecycle</h2>
 * {@link #close()} only counts the call ({@link #closeCount()}): an engine closes its source, and a test
 * may open a second engine on the same fake, as a cluster outlives connections. {@link #destroy()} drops
 * the tree; {@link FakeRemoteExtension} does that after each test.
 *
 * <p>All methods are thread-safe. Listing and scripted changes are serialized, so a listing sees each
 * change whole; reads run concurrently with changes, as on a real file system.
 */
public final class FakeRemote implements RemoteSource {

    /** Where the fake folder lives inside its in-memory file system: the real stack's default log folder. */
    public static final String DEFAULT_FOLDER = "/home/user/ai-factory-benchmarks/logs";

    /** The kinds of special file {@link #specialFile(String, SpecialKind)} can simulate. */
    public enum SpecialKind {
        /** A named pipe ({@code mkfifo}). */
        FIFO,
        /** A Unix domain socket. */
        SOCKET,
        /** A block device. */
        BLOCK_DEVICE,
        /** A character device. */
        CHARACTER_DEVICE;

        String words() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    private final String name;
    private final Clock clock;
    private final int parallelism;
    private final FileSystem fileSystem;
    private final Path root;
    private final Object lock = new Object();

    private final Map<String, SpecialKind> specials = new TreeMap<>();
    private final Map<String, InjectedEntry> injected = new LinkedHashMap<>();
    private Instant lastStamp = Instant.EPOCH;

    private final ReadFaults faults = new ReadFaults();
    private final AtomicInteger listingFailuresLeft = new AtomicInteger();

    private final AtomicInteger listCount = new AtomicInteger();
    private final AtomicInteger closeCount = new AtomicInteger();
    private final AtomicLong bytesRead = new AtomicLong();
    private final Map<String, AtomicLong> bytesReadPerFile = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> opensPerFile = new ConcurrentHashMap<>();

    private record InjectedEntry(String rawName, long size, Instant modified) { }

    private FakeRemote(Builder builder) {
        this.name = builder.name;
        this.clock = builder.clock;
        this.parallelism = builder.parallelism;
        Configuration configuration = Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix")
                .setFileTimeSource(() -> FileTime.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .setWorkingDirectory("/home/user")
                .build();
        this.fileSystem = Jimfs.newFileSystem("fake-remote-" + UUID.randomUUID(), configuration);
        this.root = fileSystem.getPath(builder.folder);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fake folder " + builder.folder, e);
        }
    }

    /** A fake named {@code cluster} with the default settings. */
    public static FakeRemote create() {
        return builder().build();
    }

    /** A fake named {@code name} (shown by {@link #describe()}) with the default settings. */
    public static FakeRemote named(String name) {
        return builder().name(name).build();
    }

    /** Starts a fake with non-default settings. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ the tree

    /**
     * The fake folder as a {@code java.nio} path in the fake's in-memory (Jimfs) file system. Serve it
     * (for example through an embedded SFTP server) or change it directly; {@link #list()} lists whatever
     * is there. Its parent folders are outside the mirrored folder: put files there to script symlinks
     * that escape. Its file system's home folder ({@code /home/user}) holds it as
     * {@code ai-factory-benchmarks/logs}, the real stack's default, so a server rooted there serves
     * {@code ~/ai-factory-benchmarks/logs}.
     *
     * <p>Reads made through this path directly (by an SFTP server, say) bypass the fake's faults and
     * counters, which apply to {@link #open} only.
     */
    public Path root() {
        return root;
    }

    /** Creates or overwrites {@code path} with {@code content}, creating parent folders. */
    public FakeRemote write(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        return change("write", path, file -> {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            stamp(file);
        });
    }

    /** Creates or overwrites {@code path} with {@code text} in UTF-8, creating parent folders. */
    public FakeRemote write(String path, String text) {
        return write(path, utf8(text));
    }

    /**
     * Replaces the content of the existing file {@code path} (a job re-run writing {@code >} its log).
     * The size may stay the same; the modification time changes.
     *
     * @throws IllegalStateException when there is no such file
     */
    public FakeRemote rewrite(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        return change("rewrite", path, file -> {
            requireRegularFile("rewrite", path, file);
            Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            stamp(file);
        });
    }

    /** Like {@link #rewrite(String, byte[])} with {@code text} in UTF-8. */
    public FakeRemote rewrite(String path, String text) {
        return rewrite(path, utf8(text));
    }

    /** Appends {@code content} to {@code path}, creating it (and its folders) if missing, like the shell's {@code >>}. */
    public FakeRemote append(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        return change("append", path, file -> {
            Files.createDirectories(file.getParent());
            Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            stamp(file);
        });
    }

    /** Appends {@code text} in UTF-8 to {@code path}, creating it if missing. */
    public FakeRemote append(String path, String text) {
        return append(path, utf8(text));
    }

    /**
     * Cuts the existing file {@code path} down to {@code size} bytes.
     *
     * @throws IllegalStateException when there is no such file
     * @throws IllegalArgumentException when {@code size} is negative or larger than the file (use append to grow)
     */
    public FakeRemote truncate(String path, long size) {
        return change("truncate", path, file -> {
            requireRegularFile("truncate", path, file);
            long current = Files.size(file);
            if (size < 0 || size > current) {
                throw new IllegalArgumentException("cannot truncate '" + printable(path) + "' (" + current
                        + " bytes) to " + size + " bytes: the new size must be between 0 and the current size; use append to grow it");
            }
            try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
                channel.truncate(size);
            }
            stamp(file);
        });
    }

    /**
     * Renames {@code from} to {@code to} (replacing {@code to} if it exists, as {@code rename(2)} does),
     * keeping the file's modification time; a rotation is {@code rename("a.log", "a.log.1")} then {@code write("a.log", ...)}.
     *
     * @throws IllegalStateException when {@code from} does not exist
     */
    public FakeRemote rename(String from, String to) {
        Path target = resolve("rename", to);
        return change("rename", from, file -> {
            SpecialKind special = specials.remove(from);
            if (special != null) {
                specials.put(to, special);
                return;
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw missing("rename", from);
            }
            Files.createDirectories(target.getParent());
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        });
    }

    /** Deletes {@code path}: a file, a symlink (not its target), a special file, or a folder with everything in it. Missing is fine. */
    public FakeRemote delete(String path) {
        return change("delete", path, file -> {
            String prefix = path + "/";
            specials.keySet().removeIf(special -> special.equals(path) || special.startsWith(prefix));
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(file)) {
                    for (Path each : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                        Files.delete(each);
                    }
                }
            } else {
                Files.deleteIfExists(file);
            }
        });
    }

    /**
     * Sets the modification time of {@code path} exactly (no truncation), following a symlink.
     *
     * @throws IllegalStateException when there is no such file
     */
    public FakeRemote setModified(String path, Instant modified) {
        Objects.requireNonNull(modified, "modified");
        return change("setModified", path, file -> {
            if (!Files.exists(file)) {
                throw missing("setModified", path);
            }
            Files.setLastModifiedTime(file, FileTime.from(modified));
        });
    }

    /** Creates the folder {@code path} and its parents. */
    public FakeRemote mkdirs(String path) {
        return change("mkdirs", path, Files::createDirectories);
    }

    /**
     * Creates a symlink at {@code link} whose target is the raw text {@code target}: relative to the link's
     * folder (for example {@code "real.log"} or {@code "../../outside.txt"}) or absolute in the fake's file
     * system (for example {@code "/etc/passwd"}, which need not exist).
     */
    public FakeRemote symlink(String link, String target) {
        Objects.requireNonNull(target, "target");
        return change("symlink", link, file -> {
            Files.createDirectories(file.getParent());
            Files.createSymbolicLink(file, fileSystem.getPath(target));
        });
    }

    /** Records a special file at {@code path}; {@link #list()} reports it as skipped, and opening it fails. */
    public FakeRemote specialFile(String path, SpecialKind kind) {
        Objects.requireNonNull(kind, "kind");
        return change("specialFile", path, file -> {
            Files.createDirectories(file.getParent());
            specials.put(path, kind);
        });
    }

    /**
     * Adds a raw entry to every following listing, as a malicious or buggy server would send it: names such as
     * {@code ".."}, {@code "../../etc/passwd"}, {@code "/abs/path"} or {@code "a//b"} that no file system holds.
     * An entry whose name is a valid {@link LogPath} is listed as a file of {@code size} bytes (opening it reads
     * the tree at that name, and fails if nothing is there); any other is reported as skipped.
     */
    public FakeRemote injectListingEntry(String rawName, long size) {
        Objects.requireNonNull(rawName, "rawName");
        if (size < 0) {
            throw new IllegalArgumentException("size of injected entry '" + printable(rawName) + "' must not be negative, was " + size);
        }
        synchronized (lock) {
            injected.put(rawName, new InjectedEntry(rawName, size, nextStamp()));
        }
        return this;
    }

    /** Removes every entry added by {@link #injectListingEntry(String, long)}. */
    public FakeRemote clearInjectedEntries() {
        synchronized (lock) {
            injected.clear();
        }
        return this;
    }

    /** Whether {@code path} exists (a file, folder, symlink or special file). */
    public boolean exists(String path) {
        Path file = resolve("exists", path);
        synchronized (lock) {
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS) || specials.containsKey(path);
        }
    }

    /**
     * The whole content of {@code path}, following a symlink.
     *
     * @throws IllegalStateException when there is no such file
     */
    public byte[] content(String path) {
        Path file = resolve("content", path);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw missing("content", path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + printable(path) + "' in " + describe(), e);
        }
    }

    /** The content of {@code path} as UTF-8 text. */
    public String text(String path) {
        return new String(content(path), StandardCharsets.UTF_8);
    }

    /** The size of {@code path} in bytes. */
    public long size(String path) {
        return attributes("size", path).size();
    }

    /** The modification time of {@code path}. */
    public Instant modified(String path) {
        return attributes("modified", path).lastModifiedTime().toInstant();
    }

    /** The regular files in the folder (symlinks not followed), as sorted relative paths; for assertions and generators. */
    public List<String> paths() {
        synchronized (lock) {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                        .map(this::relative)
                        .sorted()
                        .collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot walk " + describe(), e);
            }
        }
    }

    /** The sizes of the regular files in the folder added up. */
    public long totalBytes() {
        synchronized (lock) {
            long total = 0;
            for (String path : paths()) {
                total += size(path);
            }
            return total;
        }
    }

    // ------------------------------------------------------------------ faults

    /**
     * The next {@link #open} of {@code path} returns a stream that delivers {@code afterBytes} bytes and then
     * fails with an {@code IOException}, like a connection lost mid-transfer. Later opens are not affected.
     */
    public FakeRemote failNextRead(String path, long afterBytes) {
        faults.failReads(checked("failNextRead", path), afterBytes, 1);
        return this;
    }

    /** Every {@link #open} of {@code path} from now on fails after {@code afterBytes} bytes, until {@link #clearFaults()}. */
    public FakeRemote failEveryRead(String path, long afterBytes) {
        faults.failReads(checked("failEveryRead", path), afterBytes, Integer.MAX_VALUE);
        return this;
    }

    /** The next {@code times} calls of {@link #list()} fail with an {@code IOException}, as when the connection is down. */
    public FakeRemote failListing(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("failListing times must not be negative, was " + times);
        }
        listingFailuresLeft.set(times);
        return this;
    }

    /**
     * Every read from now on delivers at most 8 KiB
     * and sleeps {@code perChunk} first, like a slow link; {@link Duration#ZERO} turns it off.
     * Use it for demos and benchmarks; tests that need to catch a sync part-way should use {@link #pauseNextRead}.
     */
    public FakeRemote slowReads(Duration perChunk) {
        Objects.requireNonNull(perChunk, "perChunk");
        if (perChunk.isNegative()) {
            throw new IllegalArgumentException("slowReads delay must not be negative, was " + perChunk);
        }
        faults.slowReads(perChunk);
        return this;
    }

    /** Opening {@code path} fails with an {@link AccessDeniedException} until {@link #clearFaults()}; it is still listed. */
    public FakeRemote unreadable(String path) {
        faults.unreadable(checked("unreadable", path));
        return this;
    }

    /**
     * The next {@link #open} of {@code path} delivers {@code afterBytes} bytes and then blocks until the returned
     * pause is released (or closed): a deterministic way to look at the mirror while a transfer is under way.
     *
     * <pre>{@code
     * try (FakeRemote.ReadPause pause = remote.pauseNextRead("big.log", 1024)) {
     *     CompletableFuture<SyncReport> sync = mirror.requestSync();
     *     pause.awaitPaused(Duration.ofSeconds(30));
     *     assertThat(dataDir.resolve("logs/big.log")).doesNotExist();
     * } // released here
     * }</pre>
     */
    public ReadPause pauseNextRead(String path, long afterBytes) {
        if (afterBytes < 0) {
            throw new IllegalArgumentException("pauseNextRead afterBytes must not be negative, was " + afterBytes);
        }
        ReadPause pause = new ReadPause(printable(path), afterBytes);
        faults.pauseNextRead(checked("pauseNextRead", path), afterBytes, new ReadFaults.Pause() {
            @Override
            public void block() throws InterruptedException {
                pause.block();
            }

            @Override
            public void release() {
                pause.release();
            }
        });
        return pause;
    }

    /** Removes every fault: failing and paused reads (pauses are released), listing failures, slow reads, unreadable files. */
    public FakeRemote clearFaults() {
        faults.clear();
        listingFailuresLeft.set(0);
        return this;
    }

    // ------------------------------------------------------------------ counters

    /** Calls of {@link #list()}, failed ones included. */
    public int listCount() {
        return listCount.get();
    }

    /** Calls of {@link #open} for {@code path} (as the listing named it), failed ones included. */
    public int openCount(String path) {
        AtomicInteger count = opensPerFile.get(path);
        return count == null ? 0 : count.get();
    }

    /** Calls of {@link #open} for every file. */
    public int openCount() {
        return opensPerFile.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Bytes delivered by streams of {@code path}. */
    public long bytesRead(String path) {
        AtomicLong count = bytesReadPerFile.get(path);
        return count == null ? 0 : count.get();
    }

    /** Bytes delivered by every stream. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** Calls of {@link #close()}. */
    public int closeCount() {
        return closeCount.get();
    }

    /** Sets every counter back to zero (faults stay). */
    public FakeRemote resetCounters() {
        listCount.set(0);
        bytesRead.set(0);
        bytesReadPerFile.clear();
        opensPerFile.clear();
        closeCount.set(0);
        return this;
    }

    // ------------------------------------------------------------------ RemoteSource

    @Override
    public RemoteListing list() throws IOException {
        listCount.incrementAndGet();
        int failuresLeft = listingFailuresLeft.getAndUpdate(left -> Math.max(0, left - 1));
        if (failuresLeft > 0) {
            throw new IOException(describe() + ": listing failed (fault injected by FakeRemote.failListing, "
                    + (failuresLeft - 1) + " more to come); the next sync retries");
        }
        synchronized (lock) {
            if (!Files.isDirectory(root)) {
                throw new NoSuchFileException(describe() + ": the folder " + root + " does not exist");
            }
            List<RemoteFile> files = new ArrayList<>();
            List<SkippedEntry> skipped = new ArrayList<>();
            Path realRoot = root.toRealPath();
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    listOne(file, attributes, realRoot, files, skipped);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    skipped.add(SkippedEntry.ofRawName(relative(file), "could not be read while listing (" + e + ")"));
                    return FileVisitResult.CONTINUE;
                }
            });
            for (Map.Entry<String, SpecialKind> special : specials.entrySet()) {
                skipped.add(SkippedEntry.ofRawName(special.getKey(),
                        "a " + special.getValue().words() + ", not a regular file; only regular files are mirrored"));
            }
            for (InjectedEntry entry : injected.values()) {
                Optional<LogPath> path = LogPath.parse(entry.rawName());
                if (path.isPresent()) {
                    files.add(new RemoteFile(path.get(), entry.size(), entry.modified(), entry.rawName()));
                } else {
                    skipped.add(SkippedEntry.ofRawName(entry.rawName(), unsafeNameReason(entry.rawName())));
                }
            }
            files.sort(Comparator.comparing(RemoteFile::path));
            return new RemoteListing(files, skipped);
        }
    }

    private void listOne(Path file, BasicFileAttributes attributes, Path realRoot,
                         List<RemoteFile> files, List<SkippedEntry> skipped) {
        String raw = relative(file);
        Optional<LogPath> path = LogPath.parse(raw);
        if (path.isEmpty()) {
            skipped.add(SkippedEntry.ofRawName(raw, unsafeNameReason(raw)));
            return;
        }
        if (attributes.isRegularFile()) {
            files.add(new RemoteFile(path.get(), attributes.size(), attributes.lastModifiedTime().toInstant(), raw));
            return;
        }
        if (!attributes.isSymbolicLink()) {
            skipped.add(SkippedEntry.ofRawName(raw, "not a regular file; only regular files are mirrored"));
            return;
        }
        String target = "?";
        try {
            target = Files.readSymbolicLink(file).toString();
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot)) {
                skipped.add(SkippedEntry.ofRawName(raw, "a symlink pointing outside the mirrored folder (to "
                        + InvalidLogPathException.printable(target) + "); it is not followed"));
                return;
            }
            BasicFileAttributes targetAttributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (!targetAttributes.isRegularFile()) {
                skipped.add(SkippedEntry.ofRawName(raw, "a symlink to a folder or special file ("
                        + InvalidLogPathException.printable(target) + "); only links to regular files are followed"));
                return;
            }
            files.add(new RemoteFile(path.get(), targetAttributes.size(),
                    targetAttributes.lastModifiedTime().toInstant(), raw));
        } catch (IOException e) {
            skipped.add(SkippedEntry.ofRawName(raw, "a broken symlink (to " + InvalidLogPathException.printable(target)
                    + "); fix or remove it on the remote"));
        }
    }

    private static String unsafeNameReason(String raw) {
        try {
            LogPath.of(raw);
            return "a valid name";
        } catch (InvalidLogPathException e) {
            return "a name that is not a safe relative path (" + e.getMessage() + "); rename it on the remote to mirror it";
        }
    }

    @Override
    public InputStream open(RemoteFile file, long offset, long length) throws IOException {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative, were " + offset + " and " + length
                    + " for " + file.path());
        }
        String key = file.sourceName();
        opensPerFile.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        Path path = safeResolve(key);
        if (faults.isUnreadable(key)) {
            throw new AccessDeniedException(describe() + "/" + printable(key), null,
                    "permission denied (made unreadable by FakeRemote.unreadable)");
        }
        synchronized (lock) {
            if (specials.containsKey(key)) {
                throw new IOException(describe() + ": '" + printable(key) + "' is a special file and cannot be read as a log");
            }
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(describe() + "/" + printable(key), null, "no such file (deleted or renamed since the listing?)");
        }
        if (!real.startsWith(root.toRealPath())) {
            throw new AccessDeniedException(describe() + "/" + printable(key), null, "resolves outside the mirrored folder");
        }
        if (!Files.isRegularFile(real)) {
            throw new IOException(describe() + ": '" + printable(key) + "' is not a regular file");
        }
        SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        AtomicLong perFile = bytesReadPerFile.computeIfAbsent(key, k -> new AtomicLong());
        return new FaultyInputStream(describe() + "/" + printable(key), channel, length, faults.takeFor(key),
                count -> {
                    perFile.addAndGet(count);
                    bytesRead.addAndGet(count);
                });
    }

    /** This source's parallelism (set with {@link Builder#parallelism(int)}, default 4, so that tests exercise concurrent reads). */
    @Override
    public int preferredParallelism() {
        return parallelism;
    }

    /** {@code fake://<name>}. */
    @Override
    public String describe() {
        return "fake://" + name;
    }

    /** Counts the call and keeps the tree, so a second engine can read the same fake; see {@link #destroy()}. */
    @Override
    public void close() {
        closeCount.incrementAndGet();
    }

    /** Drops the in-memory tree; the fake cannot be used afterwards. Pauses are released. */
    public void destroy() {
        faults.clear();
        try {
            fileSystem.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the in-memory file system of " + describe(), e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }

    // ------------------------------------------------------------------ helpers

    @FunctionalInterface
    private interface Change {
        void apply(Path file) throws IOException;
    }

    private FakeRemote change(String operation, String path, Change change) {
        Path file = resolve(operation, path);
        synchronized (lock) {
            try {
                change.apply(file);
            } catch (NoSuchFileException e) {
                throw missing(operation, path);
            } catch (IOException e) {
                throw new UncheckedIOException(operation + " of '" + printable(path) + "' failed in " + describe() + ": " + e, e);
            }
        }
        return this;
    }

    private void stamp(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(nextStamp()));
    }

    private Instant nextStamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant stamp = now.isAfter(lastStamp) ? now : lastStamp.plusMillis(1);
        lastStamp = stamp;
        return stamp;
    }

    private void requireRegularFile(String operation, String path, Path file) {
        if (!Files.isRegularFile(file)) {
            throw missing(operation, path);
        }
    }

    private IllegalStateException missing(String operation, String path) {
        return new IllegalStateException(operation + ": there is no file '" + printable(path) + "' in " + describe()
                + "; create it first with write()");
    }

    private BasicFileAttributes attributes(String operation, String path) {
        Path file = resolve(operation, path);
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw missing(operation, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of '" + printable(path) + "' in " + describe(), e);
        }
    }

    /** Resolves a scripted path, refusing anything that would leave the folder. */
    private Path resolve(String operation, String path) {
        Objects.requireNonNull(path, "path");
        String problem = scriptPathProblem(path);
        if (problem != null) {
            throw new IllegalArgumentException(operation + ": path '" + printable(path) + "' " + problem
                    + "; scripted paths are relative to the fake folder (to simulate such a name in a listing, use injectListingEntry)");
        }
        try {
            Path result = root;
            for (String segment : path.split("/", -1)) {
                result = result.resolve(segment);
            }
            return result;
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(operation + ": path '" + printable(path) + "' is not a valid file name ("
                    + e.getReason() + "); use injectListingEntry to simulate it", e);
        }
    }

    /** {@code path}, once checked to be a valid scripted path; faults and counters are keyed by it. */
    private String checked(String operation, String path) {
        resolve(operation, path);
        return path;
    }

    /** Resolves a source name from a listing; an unsafe one is answered as missing rather than followed. */
    private Path safeResolve(String sourceName) throws NoSuchFileException {
        if (scriptPathProblem(sourceName) != null) {
            throw new NoSuchFileException(describe() + "/" + printable(sourceName), null,
                    "not a path inside the fake folder; nothing is opened outside it");
        }
        try {
            return resolve("open", sourceName);
        } catch (IllegalArgumentException e) {
            throw new NoSuchFileException(describe() + "/" + printable(sourceName), null, e.getMessage());
        }
    }

    private static String scriptPathProblem(String path) {
        if (path.isEmpty()) {
            return "is empty";
        }
        if (path.startsWith("/")) {
            return "is absolute";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "has an empty, '.' or '..' segment";
            }
        }
        return null;
    }

    private String relative(Path file) {
        return root.relativize(file).toString();
    }

    private static String printable(String text) {
        return InvalidLogPathException.printable(text);
    }

    private static byte[] utf8(String text) {
        return Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ nested types

    /**
     * A read held part-way, from {@link #pauseNextRead(String, long)}. Closing it releases the read.
     * Thread-safe.
     */
    public static final class ReadPause implements AutoCloseable {
        private final String path;
        private final long afterBytes;
        private final java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

        ReadPause(String path, long afterBytes) {
            this.path = path;
            this.afterBytes = afterBytes;
        }

        /** Bytes delivered before the read blocks. */
        public long afterBytes() {
            return afterBytes;
        }

        /** Whether a read has reached the pause and is blocked now (or was, until released). */
        public boolean isPaused() {
            return reached.getCount() == 0;
        }

        /**
         * Waits until a read reaches the pause.
         *
         * @throws IllegalStateException when no read reached it within {@code timeout} (the file was never opened?)
         */
        public void awaitPaused(Duration timeout) throws InterruptedException {
            if (!reached.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no read of '" + path + "' reached " + afterBytes + " bytes within "
                        + timeout + "; was the file opened at all?");
            }
        }

        /** Lets the blocked read (and any later one) go on. Idempotent. */
        public void release() {
            released.countDown();
        }

        /** Same as {@link #release()}. */
        @Override
        public void close() {
            release();
        }

        /** Called by the paused stream: marks the pause reached and blocks until released. */
        void block() throws InterruptedException {
            reached.countDown();
            released.await();
        }
    }

    /** Builds a {@link FakeRemote}; not thread-safe. */
    public static final class Builder {
        private String name = "cluster";
        private Clock clock = Clock.systemUTC();
        private int parallelism = 4;
        private String folder = DEFAULT_FOLDER;

        private Builder() {
        }

        /** The name shown by {@link #describe()} as {@code fake://<name>}; default {@code cluster}. */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.chars().anyMatch(c -> c < 0x20 || c == '/')) {
                throw new IllegalArgumentException("FakeRemote name must be non-blank without '/' or control characters, was '"
                        + printable(name) + "'");
            }
            this.name = name;
            return this;
        }

        /** The clock that stamps modification times; default the system clock (UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** What {@link #preferredParallelism()} answers, 1 to 64; default 4. */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1 || parallelism > 64) {
                throw new IllegalArgumentException("FakeRemote parallelism must be between 1 and 64, was " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** The absolute folder inside the in-memory file system; default {@value #DEFAULT_FOLDER}. */
        public Builder folder(String absolutePath) {
            Objects.requireNonNull(absolutePath, "folder");
            if (!absolutePath.startsWith("/") || absolutePath.equals("/") || absolutePath.contains("/../")
                    || absolutePath.endsWith("/..") || absolutePath.contains("//")) {
                throw new IllegalArgumentException("FakeRemote folder must be an absolute, normalized path below '/', such as "
                        + DEFAULT_FOLDER + ", was '" + printable(absolutePath) + "'");
            }
            this.folder = absolutePath;
            return this;
        }

        /** The fake. */
        public FakeRemote build() {
            return new FakeRemote(this);
        }
    }
}
