package io.logmirror.testkit;

import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real, small disk for full-disk tests: a tmpfs of a given size mounted on a fresh temporary folder, with a
 * filler file that leaves an exact amount of space free and can be removed again. Put the data folder of the code
 * under test below {@link #root()}, fill the disk, and see what your code does when a write fails with "No space
 * left on device", then free the space and see it recover.
 *
 * <pre>{@code
 * @Test
 * void aFileThatDoesNotFitFailsAloneAndIsFetchedOnceSpaceIsFreed() throws Exception {
 *     FakeRemote remote = FakeRemote.create();
 *     try (SmallDisk disk = SmallDisk.mountOrSkip(1 << 20);   // a 1 MiB tmpfs; closed (unmounted) last
 *          LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(disk.root().resolve("data"), remote).build())) {
 *         disk.leaveFree(64 * 1024);
 *         remote.write("big.log", new byte[512 * 1024]);
 *         assertThat(mirror.syncNow().failures()).extracting(SkippedEntry::name).containsExactly("big.log");
 *
 *         disk.removeFiller();
 *         assertThat(mirror.syncNow().failures()).isEmpty();
 *     }
 * }
 * }</pre>
 *
 * <h2>Requirements, skipping and CI</h2>
 * Mounting needs Linux, the {@code mount} command and root (or {@code CAP_SYS_ADMIN}), as in a CI container run as
 * root. When the mount is impossible, {@link #mountOrSkip(long)} throws opentest4j's {@link TestAbortedException},
 * which JUnit 5 reports as a skipped test, with a message saying what is missing. When the environment variable
 * {@code CI} is {@code true} it throws an {@link IllegalStateException} instead, so that the test fails: a CI run
 * must not pass by skipping the tests it was meant to run.
 *
 * <h2>Use</h2>
 * One instance per test, closed after it (it unmounts the tmpfs and deletes the folder). Close the code that
 * writes to the disk first: in a try-with-resources, declare the disk first. {@link #root()} also holds the
 * filler file and folder this class makes ({@value #FILLER} and {@value #INODE_FILLER}); keep your own files in a
 * sub-folder. Sizes are in bytes; tmpfs counts space in pages of {@link #PAGE} bytes, so the free space this class
 * leaves is rounded to a page. Not thread-safe: drive it from the test's thread.
 */
public final class SmallDisk implements AutoCloseable {

    /** The page size tmpfs counts space in, in bytes; disk sizes are multiples of it. */
    public static final int PAGE = 4096;

    /** The name of the filler file {@link #leaveFree(long)} writes in {@link #root()}. */
    public static final String FILLER = "filler.bin";

    /** The name of the folder {@link #useUpInodes()} fills with empty files in {@link #root()}. */
    public static final String INODE_FILLER = "inode-filler";

    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve(FILLER);
    }

    /**
     * Mounts a tmpfs of {@code bytes} on a fresh temporary folder.
     *
     * @param bytes the disk's size: a positive multiple of {@link #PAGE}
     * @throws IllegalArgumentException when {@code bytes} is not a positive multiple of {@link #PAGE}
     * @throws TestAbortedException     when the disk cannot be mounted (the test is skipped) and {@code CI} is not
     *                                  {@code true}
     * @throws IllegalStateException    when the disk cannot be mounted and {@code CI=true} (the test fails)
     * @throws IOException              when the temporary folder cannot be created
     */
    public static SmallDisk mountOrSkip(long bytes) throws IOException {
        return mountOrSkip(bytes, 0);
    }

    /**
     * Like {@link #mountOrSkip(long)}, with room for at most {@code inodes} files and folders (the root folder
     * counts as one), to simulate a file-count quota: see {@link #useUpInodes()}.
     *
     * @param bytes  the disk's size: a positive multiple of {@link #PAGE}
     * @param inodes the most files and folders the disk holds; 0 for tmpfs's default (plenty)
     * @throws IllegalArgumentException when {@code bytes} is not a positive multiple of {@link #PAGE}, or
     *                                  {@code inodes} is negative
     */
    public static SmallDisk mountOrSkip(long bytes, int inodes) throws IOException {
        if (bytes <= 0 || bytes % PAGE != 0) {
            throw new IllegalArgumentException("a small disk's size must be a positive multiple of " + PAGE
                    + " bytes (tmpfs counts pages), not " + bytes + "; try " + Math.max(PAGE, (bytes + PAGE - 1) / PAGE * PAGE));
        }
        if (inodes < 0) {
            throw new IllegalArgumentException("a small disk's inode count must be 0 (the default) or positive, not " + inodes);
        }
        Path folder = Files.createTempDirectory("logmirror-small-disk-");
        String options = "size=" + bytes + (inodes > 0 ? ",nr_inodes=" + inodes : "");
        Optional<String> problem = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder.toString());
        if (problem.isEmpty()) {
            FileStore store = Files.getFileStore(folder);
            if (!store.type().equals("tmpfs") || store.getTotalSpace() != bytes) {
                problem = Optional.of("the mount seemed to work but " + folder + " is a " + store.type() + " of "
                        + store.getTotalSpace() + " bytes, not a tmpfs of " + bytes + " bytes");
                run("umount", "-l", folder.toString());
            }
        }
        if (problem.isPresent()) {
            Files.deleteIfExists(folder);
            throw unavailable("this full-disk test needs a real small disk: it runs 'mount -t tmpfs -o " + options
                    + " tmpfs <dir>', which failed (" + problem.get() + "). Run the tests as root (or with "
                    + "CAP_SYS_ADMIN) on Linux with the 'mount' command installed", "true".equals(System.getenv("CI")));
        }
        return new SmallDisk(folder);
    }

    /** What to throw when no disk can be mounted: a skip, or under CI a failure. Package-private for its test. */
    static RuntimeException unavailable(String message, boolean ci) {
        if (ci) {
            return new IllegalStateException(message + "; CI=true, so this is a failure, not a skip");
        }
        return new TestAbortedException(message + "; skipped (set CI=true to make this a failure)");
    }

    /** The mounted folder; put the data folder of the code under test in a sub-folder of it. */
    public Path root() {
        return mountPoint;
    }

    /** Bytes free on the disk now. */
    public long free() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /**
     * Writes a filler file so that {@code bytes}, rounded up to a whole {@link #PAGE}, stay free (a little more when
     * the disk's free space is not a whole number of pages). Replaces an earlier filler, so it can also give space
     * back.
     *
     * @param bytes how much to leave free; 0 fills the disk
     * @return this disk
     * @throws IllegalStateException when less than {@code bytes} are free even without a filler
     */
    public SmallDisk leaveFree(long bytes) throws IOException {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot leave " + bytes + " bytes free on " + mountPoint
                    + ": give 0 or more");
        }
        Files.deleteIfExists(filler);
        long free = free();
        long fill = (free - bytes) / PAGE * PAGE;
        if (fill < 0) {
            throw new IllegalStateException("cannot leave " + bytes + " bytes free on " + mountPoint + ": only " + free
                    + " are free without a filler; mount a bigger disk");
        }
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer block = ByteBuffer.allocate(64 * PAGE);
            long left = fill;
            while (left > 0) {
                block.clear().limit((int) Math.min(block.capacity(), left));
                left -= channel.write(block);
            }
        }
        return this;
    }

    /** Deletes the filler {@link #leaveFree(long)} wrote, giving its space back. */
    public SmallDisk removeFiller() throws IOException {
        Files.deleteIfExists(filler);
        return this;
    }

    /**
     * Creates empty files in the folder {@value #INODE_FILLER} until no inode is left, so that no file or folder
     * can be created while space is still free (a file-count quota, common on HPC scratch). Mount with a small
     * inode count ({@link #mountOrSkip(long, int)}) so that this stays quick.
     *
     * @return how many files it created
     * @throws IllegalStateException when a million files did not use the inodes up
     */
    public int useUpInodes() throws IOException {
        Path folder = Files.createDirectories(mountPoint.resolve(INODE_FILLER));
        int count = 0;
        while (true) {
            try {
                Files.createFile(folder.resolve("f" + count));
                count++;
            } catch (IOException full) {
                return count;
            }
            if (count > 1_000_000) {
                throw new IllegalStateException("created a million files on " + mountPoint + " without running out of "
                        + "inodes; mount it with fewer (SmallDisk.mountOrSkip(bytes, inodes))");
            }
        }
    }

    /** Deletes up to {@code count} of the files {@link #useUpInodes()} made, giving their inodes back. */
    public SmallDisk freeInodes(int count) throws IOException {
        Path folder = mountPoint.resolve(INODE_FILLER);
        if (!Files.isDirectory(folder)) {
            return this;
        }
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.limit(count)::iterator) {
                Files.delete(file);
            }
        }
        return this;
    }

    /**
     * Remounts with a new size, keeping the content (tmpfs allows it while files are open). Shrinking below what
     * is used fails.
     *
     * @throws IllegalStateException when the remount fails, with the command's answer
     */
    public SmallDisk resize(long bytes) {
        run("mount", "-o", "remount,size=" + bytes, mountPoint.toString()).ifPresent(problem -> {
            throw new IllegalStateException("cannot resize the tmpfs on " + mountPoint + " to " + bytes + " bytes: " + problem);
        });
        return this;
    }

    /**
     * Remounts read-only ({@code true}) or writable again ({@code false}), keeping the content, as a failing disk
     * does. Linux refuses to remount read-only while a file on the disk is open for writing.
     *
     * @throws IllegalStateException when the remount fails, with the command's answer
     */
    public SmallDisk readOnly(boolean readOnly) {
        run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), mountPoint.toString()).ifPresent(problem -> {
            throw new IllegalStateException("cannot remount the tmpfs on " + mountPoint
                    + (readOnly ? " read-only" : " writable") + ": " + problem);
        });
        return this;
    }

    /**
     * Unmounts (lazily, so that a file still open cannot keep the disk busy), which drops its content, and deletes
     * the folder. Idempotent.
     *
     * @throws IOException when the unmount fails, saying how to unmount by hand
     */
    @Override
    public void close() throws IOException {
        if (Files.exists(mountPoint, LinkOption.NOFOLLOW_LINKS)) {
            Optional<String> problem = run("umount", "-l", mountPoint.toString());
            if (problem.isPresent()) {
                throw new IOException("cannot unmount the test tmpfs " + mountPoint + ": " + problem.get()
                        + "; unmount it by hand with 'umount -l " + mountPoint + "'");
            }
            Files.deleteIfExists(mountPoint);
        }
    }

    @Override
    public String toString() {
        return "SmallDisk[" + mountPoint + "]";
    }

    /** Runs a command; empty when it succeeded, else what went wrong. */
    private static Optional<String> run(String... command) {
        String line = String.join(" ", List.of(command));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of(line + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? Optional.empty()
                    : Optional.of(line + " exited with " + process.exitValue() + ": " + output);
        } catch (IOException e) {
            return Optional.of("cannot run " + line + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running " + line, e));
        }
    }
}
