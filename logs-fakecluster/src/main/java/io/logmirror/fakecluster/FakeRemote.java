package io.logmirror.fakecluster;

import io.logmirror.core.InvalidLogPathException;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.fakecluster.internal.FakeTree;
import io.logmirror.fakecluster.internal.ReadFaults;
import io.logmirror.fakecluster.internal.RemoteAccess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An in-memory cluster log folder: a {@link RemoteSource} you script like a live cluster (files appear, grow, get
 * rewritten, truncated, renamed, deleted) and break on demand (reads failing part-way, listings failing, slow or
 * paused reads, unreadable files), with counters that prove what a sync read. It needs no test framework: tests use
 * it (through {@code logs-testkit}), and so do demos and benchmarks.
 *
 * <pre>{@code
 * FakeRemote remote = FakeRemote.create();
 * remote.write("job-42/slurm-42.out", "SLURM_JOB_ID=42\n");
 * try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(dataDir, remote).build())) {
 *     mirror.syncNow();
 *     LogPath slurm = LogPath.of("job-42/slurm-42.out");
 *     remote.append(slurm, "step 1 done\n");
 *     remote.resetCounters();
 *     mirror.syncNow();
 *     assertThat(remote.bytesRead(slurm)).isEqualTo(...); // window + new bytes only
 * }
 * }</pre>
 *
 * <h2>Paths</h2>
 * Paths are {@code String}s relative to the folder, {@code /}-separated and inside it; they can script what a
 * {@link LogPath} refuses but a real file system accepts (control characters, over-long segments), to test hostile
 * names. What a test does with a path the store hands out ({@code entry.path()}) also takes the {@code LogPath}:
 * writing, appending, rewriting, truncating and deleting it, reading its text, failing or pausing its reads, and
 * its counters. Names no file system can hold ({@code ..}, absolute paths) are simulated with
 * {@link #injectListingEntry(String, long)}. Special files (FIFOs, sockets, devices) cannot exist in Jimfs:
 * {@link #specialFile(String, SpecialKind)} records them beside the tree, so {@link #list()} reports them but they
 * are not visible under {@link #root()}.
 *
 * <h2>The tree and its modification times</h2>
 * The folder lives in a Jimfs in-memory file system (Unix semantics) at {@link #root()}, by default
 * {@value #DEFAULT_FOLDER}, so that an embedded SFTP server can serve the very same tree. Every change made through
 * this class stamps the file with the fake's clock (by default the system clock), truncated to milliseconds and
 * strictly increasing, so two changes never share a modification time unless you set one with
 * {@link #setModified(String, Instant)}. Writing under {@link #root()} directly is allowed; Jimfs then stamps with the
 * same clock, without the strict increase.
 *
 * <h2>Lifecycle</h2>
 * {@link #close()} only counts the call ({@link #closeCount()}): an engine closes its source, and a test may open a
 * second engine on the same fake, as a cluster outlives connections. {@link #destroy()} drops the tree
 * ({@code FakeRemoteExtension} in {@code logs-testkit} does that after each test).
 *
 * <p>All methods are thread-safe. Listing and scripted changes are serialized, so a listing sees each change whole;
 * reads run concurrently with changes, as on a real file system.
 */
public final class FakeRemote implements RemoteSource {

    /** Where the fake folder lives inside its in-memory file system: the real stack's default log folder. */
    public static final String DEFAULT_FOLDER = "/home/user/ai-factory-benchmarks/logs";

    private final String name;
    private final int parallelism;
    private final FakeTree tree;
    private final RemoteAccess access;

    private FakeRemote(Builder builder) {
        this.name = builder.name;
        this.parallelism = builder.parallelism;
        this.tree = new FakeTree(describe(), builder.clock, builder.folder);
        this.access = new RemoteAccess(describe(), tree);
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

    /**
     * The fake folder as a {@code java.nio} path in the in-memory file system, to serve (an embedded SFTP server does)
     * or change directly; its parents are outside the mirrored folder, for symlinks that escape. The file system's home,
     * {@code /home/user}, holds it as {@code ai-factory-benchmarks/logs}. Reads through it bypass faults and counters.
     */
    public Path root() {
        return tree.root();
    }

    /** Creates or overwrites {@code path} with {@code content}, creating parent folders. */
    public FakeRemote write(String path, byte[] content) {
        tree.write(path, content);
        return this;
    }

    /** Creates or overwrites {@code path} with {@code text} in UTF-8, creating parent folders. */
    public FakeRemote write(String path, String text) {
        return write(path, utf8(text));
    }

    /** {@link #write(String, String)} for a path the store hands out. */
    public FakeRemote write(LogPath path, String text) {
        return write(path.toString(), text);
    }

    /**
     * Replaces the content of the existing file {@code path} (a job re-run writing {@code >} its log); the size may stay
     * the same, the modification time changes. {@link IllegalStateException} when there is no such file.
     */
    public FakeRemote rewrite(String path, byte[] content) {
        tree.rewrite(path, content);
        return this;
    }

    /** Like {@link #rewrite(String, byte[])} with {@code text} in UTF-8. */
    public FakeRemote rewrite(String path, String text) {
        return rewrite(path, utf8(text));
    }

    /** {@link #rewrite(String, String)} for a path the store hands out. */
    public FakeRemote rewrite(LogPath path, String text) {
        return rewrite(path.toString(), text);
    }

    /** Appends {@code content} to {@code path}, creating it (and its folders) if missing, like the shell's {@code >>}. */
    public FakeRemote append(String path, byte[] content) {
        tree.append(path, content);
        return this;
    }

    /** Appends {@code text} in UTF-8 to {@code path}, creating it if missing. */
    public FakeRemote append(String path, String text) {
        return append(path, utf8(text));
    }

    /** {@link #append(String, String)} for a path the store hands out. */
    public FakeRemote append(LogPath path, String text) {
        return append(path.toString(), text);
    }

    /**
     * Cuts the existing file {@code path} down to {@code size} bytes.
     *
     * @throws IllegalStateException when there is no such file
     * @throws IllegalArgumentException when {@code size} is negative or larger than the file (use append to grow)
     */
    public FakeRemote truncate(String path, long size) {
        tree.truncate(path, size);
        return this;
    }

    /** {@link #truncate(String, long)} for a path the store hands out. */
    public FakeRemote truncate(LogPath path, long size) {
        return truncate(path.toString(), size);
    }

    /**
     * Renames {@code from} to {@code to} (replacing {@code to}, as {@code rename(2)} does), keeping the modification
     * time; a rotation is {@code rename("a.log", "a.log.1")} then {@code write("a.log", ...)}. {@code from} must exist.
     */
    public FakeRemote rename(String from, String to) {
        tree.rename(from, to);
        return this;
    }

    /** Deletes {@code path}: a file, a symlink (not its target), a special file, or a folder with everything in it. Missing is fine. */
    public FakeRemote delete(String path) {
        tree.delete(path);
        return this;
    }

    /** {@link #delete(String)} for a path the store hands out. */
    public FakeRemote delete(LogPath path) {
        return delete(path.toString());
    }

    /** Sets the modification time of {@code path} exactly (no truncation), following a symlink; it must exist. */
    public FakeRemote setModified(String path, Instant modified) {
        tree.setModified(path, modified);
        return this;
    }

    /** Creates the folder {@code path} and its parents. */
    public FakeRemote mkdirs(String path) {
        tree.mkdirs(path);
        return this;
    }

    /**
     * Creates a symlink at {@code link} whose target is the raw text {@code target}: relative to the link's folder
     * (for example {@code "real.log"} or {@code "../../outside.txt"}) or absolute in the fake's file system (for
     * example {@code "/etc/passwd"}, which need not exist).
     */
    public FakeRemote symlink(String link, String target) {
        tree.symlink(link, target);
        return this;
    }

    /** Records a special file at {@code path}; {@link #list()} reports it as skipped, and opening it fails. */
    public FakeRemote specialFile(String path, SpecialKind kind) {
        tree.specialFile(path, Objects.requireNonNull(kind, "kind").words());
        return this;
    }

    /**
     * Adds a raw entry to every following listing, as a malicious or buggy server would send it: names such as
     * {@code ".."}, {@code "../../etc/passwd"}, {@code "/abs/path"} or {@code "a//b"} that no file system holds. An
     * entry whose name is a valid {@link LogPath} is listed as a file of {@code size} bytes (opening it reads the tree
     * at that name, and fails if nothing is there); any other is reported as skipped.
     */
    public FakeRemote injectListingEntry(String rawName, long size) {
        tree.injectListingEntry(rawName, size);
        return this;
    }

    /** Removes every entry added by {@link #injectListingEntry(String, long)}. */
    public FakeRemote clearInjectedEntries() {
        tree.clearInjectedEntries();
        return this;
    }

    /** Whether {@code path} exists (a file, folder, symlink or special file). */
    public boolean exists(String path) {
        return tree.exists(path);
    }

    /** The whole content of {@code path}, following a symlink; {@link IllegalStateException} when there is no such file. */
    public byte[] content(String path) {
        return tree.content(path);
    }

    /** The content of {@code path} as UTF-8 text. */
    public String text(String path) {
        return new String(content(path), StandardCharsets.UTF_8);
    }

    /** {@link #text(String)} for a path the store hands out. */
    public String text(LogPath path) {
        return text(path.toString());
    }

    /** The size of {@code path} in bytes. */
    public long size(String path) {
        return tree.attributes("size", path).size();
    }

    /** The modification time of {@code path}. */
    public Instant modified(String path) {
        return tree.attributes("modified", path).lastModifiedTime().toInstant();
    }

    /** The regular files in the folder (symlinks not followed), as sorted relative paths; for assertions and generators. */
    public List<String> paths() {
        return tree.paths();
    }

    /** The sizes of the regular files in the folder added up. */
    public long totalBytes() {
        return tree.totalBytes();
    }

    /**
     * The next {@link #open} of {@code path} returns a stream that delivers {@code afterBytes} bytes and then fails
     * with an {@code IOException}, like a connection lost mid-transfer. Later opens are not affected.
     */
    public FakeRemote failNextRead(String path, long afterBytes) {
        access.faults().failReads(tree.checked("failNextRead", path), afterBytes, 1);
        return this;
    }

    /** {@link #failNextRead(String, long)} for a path the store hands out. */
    public FakeRemote failNextRead(LogPath path, long afterBytes) {
        return failNextRead(path.toString(), afterBytes);
    }

    /** Every {@link #open} of {@code path} from now on fails after {@code afterBytes} bytes, until {@link #clearFaults()}. */
    public FakeRemote failEveryRead(String path, long afterBytes) {
        access.faults().failReads(tree.checked("failEveryRead", path), afterBytes, Integer.MAX_VALUE);
        return this;
    }

    /** The next {@code times} calls of {@link #list()} fail with an {@code IOException}, as when the connection is down. */
    public FakeRemote failListing(int times) {
        access.failListing(times);
        return this;
    }

    /**
     * Every read from now on delivers at most 8 KiB and sleeps {@code perChunk} first, like a slow link;
     * {@link Duration#ZERO} turns it off. Use it for demos and benchmarks; tests that need to catch a sync part-way
     * should use {@link #pauseNextRead}.
     */
    public FakeRemote slowReads(Duration perChunk) {
        Objects.requireNonNull(perChunk, "perChunk");
        if (perChunk.isNegative()) {
            throw new IllegalArgumentException("slowReads delay must not be negative, was " + perChunk);
        }
        access.faults().slowReads(perChunk);
        return this;
    }

    /** Opening {@code path} fails with an {@link AccessDeniedException} until {@link #clearFaults()}; it is still listed. */
    public FakeRemote unreadable(String path) {
        access.faults().unreadable(tree.checked("unreadable", path));
        return this;
    }

    /** The next {@link #open} of {@code path} delivers {@code afterBytes} bytes, then blocks until released: see {@link ReadPause}. */
    public ReadPause pauseNextRead(String path, long afterBytes) {
        if (afterBytes < 0) {
            throw new IllegalArgumentException("pauseNextRead afterBytes must not be negative, was " + afterBytes);
        }
        ReadPause pause = new ReadPause(InvalidLogPathException.printable(path), afterBytes);
        access.faults().pauseNextRead(tree.checked("pauseNextRead", path), afterBytes, new ReadFaults.Pause() {
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

    /** {@link #pauseNextRead(String, long)} for a path the store hands out. */
    public ReadPause pauseNextRead(LogPath path, long afterBytes) {
        return pauseNextRead(path.toString(), afterBytes);
    }

    /** Removes every fault: failing and paused reads (pauses are released), listing failures, slow reads, unreadable files. */
    public FakeRemote clearFaults() {
        access.clearFaults();
        return this;
    }

    /** Calls of {@link #list()}, failed ones included. */
    public int listCount() {
        return access.listCount();
    }

    /** Calls of {@link #open} for {@code path} (as the listing named it), failed ones included. */
    public int openCount(String path) {
        return access.openCount(path);
    }

    /** {@link #openCount(String)} for a path the store hands out. */
    public int openCount(LogPath path) {
        return openCount(path.toString());
    }

    /** Calls of {@link #open} for every file. */
    public int openCount() {
        return access.openCount();
    }

    /** Bytes delivered by streams of {@code path}. */
    public long bytesRead(String path) {
        return access.bytesRead(path);
    }

    /** {@link #bytesRead(String)} for a path the store hands out. */
    public long bytesRead(LogPath path) {
        return bytesRead(path.toString());
    }

    /** Bytes delivered by every stream. */
    public long bytesRead() {
        return access.bytesRead();
    }

    /** Calls of {@link #close()}. */
    public int closeCount() {
        return access.closeCount();
    }

    /** Sets every counter back to zero (faults stay). */
    public FakeRemote resetCounters() {
        access.resetCounters();
        return this;
    }

    @Override
    public RemoteListing list() throws IOException {
        return access.list();
    }

    @Override
    public InputStream open(RemoteFile file, long offset, long length) throws IOException {
        return access.open(file, offset, length);
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
        access.countClose();
    }

    /** Drops the in-memory tree; the fake cannot be used afterwards. Pauses are released. */
    public void destroy() {
        access.faults().clear();
        tree.destroy();
    }

    @Override
    public String toString() {
        return describe();
    }

    private static byte[] utf8(String text) {
        return Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8);
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
                        + InvalidLogPathException.printable(name) + "'");
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
                        + DEFAULT_FOLDER + ", was '" + InvalidLogPathException.printable(absolutePath) + "'");
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
