package io.logmirror.fakecluster.internal;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.logmirror.core.InvalidLogPathException;
import io.logmirror.core.RemoteListing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fake cluster's folder: a Jimfs tree plus what no file system holds (special files, injected listing entries),
 * changed by scripted operations that stamp modification times from the fake's clock, strictly increasing.
 * Scripted paths are relative, {@code /}-separated and checked to stay inside the folder. Changes and listings are
 * serialized on one lock, so a listing sees each change whole. Internal: use {@code FakeRemote}.
 */
public final class FakeTree {

    /** A raw entry added to every listing, as a malicious server would send it. */
    record InjectedEntry(String rawName, long size, Instant modified) { }

    private final String description;
    private final Clock clock;
    private final FileSystem fileSystem;
    private final Path root;
    private final Object lock = new Object();
    private final Map<String, String> specials = new TreeMap<>();
    private final Map<String, InjectedEntry> injected = new LinkedHashMap<>();
    private Instant lastStamp = Instant.EPOCH;

    /**
     * A new, empty tree.
     *
     * @param description what error messages call the fake ({@code fake://<name>})
     * @param clock       stamps modification times
     * @param folder      the absolute folder inside the in-memory file system
     */
    public FakeTree(String description, Clock clock, String folder) {
        this.description = description;
        this.clock = clock;
        Configuration configuration = Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix")
                .setFileTimeSource(() -> FileTime.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .setWorkingDirectory("/home/user")
                .build();
        this.fileSystem = Jimfs.newFileSystem("fake-remote-" + UUID.randomUUID(), configuration);
        this.root = fileSystem.getPath(folder);
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fake folder " + folder, e);
        }
    }

    public Path root() {
        return root;
    }

    // ------------------------------------------------------------------ scripted changes

    public void write(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        change("write", path, file -> {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            stamp(file);
        });
    }

    public void rewrite(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        change("rewrite", path, file -> {
            requireRegularFile("rewrite", path, file);
            Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            stamp(file);
        });
    }

    public void append(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        change("append", path, file -> {
            Files.createDirectories(file.getParent());
            Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            stamp(file);
        });
    }

    public void truncate(String path, long size) {
        change("truncate", path, file -> {
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

    public void rename(String from, String to) {
        Path target = resolve("rename", to);
        change("rename", from, file -> {
            String special = specials.remove(from);
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

    public void delete(String path) {
        change("delete", path, file -> {
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

    public void setModified(String path, Instant modified) {
        Objects.requireNonNull(modified, "modified");
        change("setModified", path, file -> {
            if (!Files.exists(file)) {
                throw missing("setModified", path);
            }
            Files.setLastModifiedTime(file, FileTime.from(modified));
        });
    }

    public void mkdirs(String path) {
        change("mkdirs", path, Files::createDirectories);
    }

    public void symlink(String link, String target) {
        Objects.requireNonNull(target, "target");
        change("symlink", link, file -> {
            Files.createDirectories(file.getParent());
            Files.createSymbolicLink(file, fileSystem.getPath(target));
        });
    }

    /** Records a special file; {@code kindInWords} is how a listing names it ("fifo", "block device"). */
    public void specialFile(String path, String kindInWords) {
        Objects.requireNonNull(kindInWords, "kind");
        change("specialFile", path, file -> {
            Files.createDirectories(file.getParent());
            specials.put(path, kindInWords);
        });
    }

    public void injectListingEntry(String rawName, long size) {
        Objects.requireNonNull(rawName, "rawName");
        if (size < 0) {
            throw new IllegalArgumentException("size of injected entry '" + printable(rawName) + "' must not be negative, was " + size);
        }
        synchronized (lock) {
            injected.put(rawName, new InjectedEntry(rawName, size, nextStamp()));
        }
    }

    public void clearInjectedEntries() {
        synchronized (lock) {
            injected.clear();
        }
    }

    // ------------------------------------------------------------------ looking at the tree

    public boolean exists(String path) {
        Path file = resolve("exists", path);
        synchronized (lock) {
            return Files.exists(file, LinkOption.NOFOLLOW_LINKS) || specials.containsKey(path);
        }
    }

    public byte[] content(String path) {
        Path file = resolve("content", path);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw missing("content", path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + printable(path) + "' in " + description, e);
        }
    }

    public BasicFileAttributes attributes(String operation, String path) {
        Path file = resolve(operation, path);
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw missing(operation, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of '" + printable(path) + "' in " + description, e);
        }
    }

    public List<String> paths() {
        synchronized (lock) {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                        .map(file -> root.relativize(file).toString())
                        .sorted()
                        .collect(Collectors.toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot walk " + description, e);
            }
        }
    }

    public long totalBytes() {
        synchronized (lock) {
            long total = 0;
            for (String path : paths()) {
                total += attributes("totalBytes", path).size();
            }
            return total;
        }
    }

    /** Lists the tree as a {@code RemoteSource} would, under the lock. */
    public RemoteListing list() throws IOException {
        synchronized (lock) {
            if (!Files.isDirectory(root)) {
                throw new NoSuchFileException(description + ": the folder " + root + " does not exist");
            }
            return new FakeListing(root).list(specials, injected.values());
        }
    }

    /**
     * The file a listing's source name stands for, checked to be a regular file inside the folder.
     *
     * @throws IOException as a remote would answer: missing, a special file, outside the folder, not a regular file
     */
    public Path readable(String sourceName) throws IOException {
        String where = description + "/" + printable(sourceName);
        Path path = safeResolve(sourceName);
        synchronized (lock) {
            if (specials.containsKey(sourceName)) {
                throw new IOException(description + ": '" + printable(sourceName) + "' is a special file and cannot be read as a log");
            }
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(where, null, "no such file (deleted or renamed since the listing?)");
        }
        if (!real.startsWith(root.toRealPath())) {
            throw new AccessDeniedException(where, null, "resolves outside the mirrored folder");
        }
        if (!Files.isRegularFile(real)) {
            throw new IOException(description + ": '" + printable(sourceName) + "' is not a regular file");
        }
        return real;
    }

    /** {@code path}, once checked to be a valid scripted path; faults and counters are keyed by it. */
    public String checked(String operation, String path) {
        resolve(operation, path);
        return path;
    }

    /** Drops the in-memory file system. */
    public void destroy() {
        try {
            fileSystem.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the in-memory file system of " + description, e);
        }
    }

    // ------------------------------------------------------------------ helpers

    @FunctionalInterface
    private interface Change {
        void apply(Path file) throws IOException;
    }

    private void change(String operation, String path, Change change) {
        Path file = resolve(operation, path);
        synchronized (lock) {
            try {
                change.apply(file);
            } catch (NoSuchFileException e) {
                throw missing(operation, path);
            } catch (IOException e) {
                throw new UncheckedIOException(operation + " of '" + printable(path) + "' failed in " + description + ": " + e, e);
            }
        }
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
        return new IllegalStateException(operation + ": there is no file '" + printable(path) + "' in " + description
                + "; create it first with write()");
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

    /** Resolves a source name from a listing; an unsafe one is answered as missing rather than followed. */
    private Path safeResolve(String sourceName) throws NoSuchFileException {
        if (scriptPathProblem(sourceName) != null) {
            throw new NoSuchFileException(description + "/" + printable(sourceName), null,
                    "not a path inside the fake folder; nothing is opened outside it");
        }
        try {
            return resolve("open", sourceName);
        } catch (IllegalArgumentException e) {
            throw new NoSuchFileException(description + "/" + printable(sourceName), null, e.getMessage());
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

    static String printable(String text) {
        return InvalidLogPathException.printable(text);
    }
}
