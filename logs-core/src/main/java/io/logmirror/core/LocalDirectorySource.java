package io.logmirror.core;

import io.logmirror.core.internal.BoundedChannelInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RemoteSource} over a local folder, such as the cluster's file system mounted on the service's host.
 *
 * <p>Lists the folder recursively. Regular files are listed with their size and their modification time at
 * full precision. A symlink is followed only when it resolves to a regular file inside the folder (it is then
 * listed under its own name with its target's size and time). Special files (FIFOs, sockets, devices), symlinks
 * that point out of the folder or to a folder, unreadable folders and names that are not valid {@link LogPath}s
 * are reported as {@link SkippedEntry skipped}. Safe for concurrent use.
 *
 * <pre>{@code
 * RemoteSource source = LocalDirectorySource.of(Path.of("/mnt/cluster/ai-factory-benchmarks/logs"));
 * LogMirrorConfig config = LogMirrorConfig.builder(Path.of("data"), source).build();
 * }</pre>
 */
public final class LocalDirectorySource implements RemoteSource {

    private final Path root;
    private final int parallelism;

    private LocalDirectorySource(Path root, int parallelism) {
        this.root = root;
        this.parallelism = parallelism;
    }

    /**
     * A source over {@code folder}, which must exist and be a folder.
     *
     * @throws IOException when the folder does not exist, is not a folder, or cannot be resolved
     */
    public static LocalDirectorySource of(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        Path real;
        try {
            real = folder.toAbsolutePath().normalize().toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(folder.toString(), null,
                    "the folder to mirror does not exist; create it or fix the path (is the cluster file system mounted?)");
        }
        if (!Files.isDirectory(real)) {
            throw new NotDirectoryException(folder + " is not a folder; give the folder that holds the log files");
        }
        return new LocalDirectorySource(real, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /** The folder, as a real path (symlinks resolved). */
    public Path folder() {
        return root;
    }

    @Override
    public RemoteListing list() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null,
                    "the folder to mirror is gone; is the cluster file system still mounted?");
        }
        List<RemoteFile> files = new ArrayList<>();
        List<SkippedEntry> skipped = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = relativeName(dir);
                Optional<LogPath> path = LogPath.parse(name);
                if (path.isEmpty()) {
                    skipped.add(SkippedEntry.ofRawName(name, "folder name is not a valid log path ("
                            + problem(name) + "); the folder and everything in it are not mirrored"));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!roundTrips(name, dir)) {
                    skipped.add(SkippedEntry.ofRawName(name, NOT_UTF8 + "; the folder and everything in it are not "
                            + "mirrored"));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = relativeName(file);
                Optional<LogPath> path = LogPath.parse(name);
                if (path.isEmpty()) {
                    skipped.add(SkippedEntry.ofRawName(name, "name is not a valid log path (" + problem(name) + ")"));
                } else if (!roundTrips(name, file)) {
                    skipped.add(SkippedEntry.ofRawName(name, NOT_UTF8));
                } else if (attrs.isRegularFile()) {
                    files.add(new RemoteFile(path.get(), attrs.size(), attrs.lastModifiedTime().toInstant(), name));
                } else if (attrs.isSymbolicLink()) {
                    symlink(file, name, path.get());
                } else if (attrs.isDirectory()) {
                    skipped.add(SkippedEntry.ofRawName(name, "folder could not be entered"));
                } else {
                    skipped.add(SkippedEntry.ofRawName(name,
                            "special file (FIFO, socket or device); only regular files are mirrored"));
                }
                return FileVisitResult.CONTINUE;
            }

            private void symlink(Path file, String name, LogPath path) {
                try {
                    Path target = file.toRealPath();
                    if (!target.startsWith(root)) {
                        skipped.add(SkippedEntry.ofRawName(name, "symlink points outside the mirrored folder (to "
                                + InvalidLogPathException.printable(target.toString()) + ")"));
                        return;
                    }
                    BasicFileAttributes targetAttrs = Files.readAttributes(target, BasicFileAttributes.class);
                    if (!targetAttrs.isRegularFile()) {
                        skipped.add(SkippedEntry.ofRawName(name, "symlink points to something that is not a regular "
                                + "file; only links to regular files inside the folder are followed"));
                        return;
                    }
                    files.add(new RemoteFile(path, targetAttrs.size(), targetAttrs.lastModifiedTime().toInstant(), name));
                } catch (IOException e) {
                    skipped.add(SkippedEntry.ofRawName(name, "symlink cannot be resolved (" + e.getMessage()
                            + "); a dangling link is not mirrored"));
                }
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                skipped.add(SkippedEntry.ofRawName(relativeName(file), "cannot be read (" + e.getClass().getSimpleName()
                        + "); check its permissions"));
                return FileVisitResult.CONTINUE;
            }
        });
        return new RemoteListing(files, skipped);
    }

    @Override
    public InputStream open(RemoteFile file, long offset, long length) throws IOException {
        Objects.requireNonNull(file, "file");
        BoundedChannelInputStream.checkRange(offset, length, file.path());
        return new BoundedChannelInputStream(openChannel(file), offset, length);
    }

    /**
     * Reads each range through {@link #open}, and reports the file's size and modification time as they are when it is
     * opened, so that a file rewritten since the listing is noticed.
     */
    @Override
    public void fetch(List<RangeRequest> requests, RangeReceiver receiver) throws IOException, InterruptedException {
        for (RangeRequest request : requests) {
            if (Thread.interrupted()) {
                throw new InterruptedException("fetch cancelled");
            }
            FileChannel channel;
            long size;
            java.time.Instant modified;
            try {
                channel = openChannel(request.file());
                try {
                    size = channel.size();
                    modified = Files.getLastModifiedTime(root.resolve(request.file().sourceName())).toInstant();
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
            } catch (IOException e) {
                receiver.onFailure(request, e);
                continue;
            }
            try (InputStream in = new BoundedChannelInputStream(channel, request.offset(), request.length())) {
                receiver.onRange(new FetchedRange(request, size, modified, in));
            } catch (IOException e) {
                receiver.onFailure(request, e);
            }
        }
    }

    private FileChannel openChannel(RemoteFile file) throws IOException {
        LogPath name = LogPath.parse(file.sourceName()).orElseThrow(() -> new IllegalArgumentException(
                "source name '" + InvalidLogPathException.printable(file.sourceName()) + "' of " + file.path()
                        + " is not a valid relative path; pass a file this source listed"));
        Path real = name.resolveAgainst(root).toRealPath();
        if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("refusing to read " + file.path() + ": it resolves to " + real
                    + ", which is not a regular file inside " + root);
        }
        return FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public int preferredParallelism() {
        return parallelism;
    }

    @Override
    public String describe() {
        return root.toUri().toString();
    }

    private static final String NOT_UTF8 = "name is not valid UTF-8 (shown with U+FFFD in its place), so it cannot "
            + "be opened by its text; rename it on the remote";

    /** Whether {@code name}, turned back into a path, is {@code file}: false for names that are not valid UTF-8. */
    private boolean roundTrips(String name, Path file) {
        return name.indexOf('\uFFFD') < 0 || root.resolve(name).equals(file);
    }

    private String relativeName(Path file) {
        StringBuilder text = new StringBuilder();
        for (Path name : root.relativize(file)) {
            text.append(text.length() > 0 ? "/" : "").append(name);
        }
        return text.toString();
    }

    private static String problem(String name) {
        String problem = LogPath.problemWith(name);
        return problem == null ? "unknown" : problem;
    }

    @Override
    public String toString() {
        return "LocalDirectorySource[" + root + "]";
    }
}
