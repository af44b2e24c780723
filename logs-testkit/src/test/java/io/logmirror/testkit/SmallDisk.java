package io.logmirror.testkit;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real, small file system for full-disk tests: a tmpfs of a few pages mounted on a fresh temporary folder, with a
 * filler file to leave an exact amount of space free and remove it again. Needs root (or CAP_SYS_ADMIN) and the
 * {@code mount} command; {@link #mountOrSkip(long)} skips the test when mounting is impossible, or fails it when the
 * environment variable {@code CI} is {@code true}, as a CI run must not pass by skipping.
 */
final class SmallDisk implements AutoCloseable {

    /** tmpfs counts space in pages. */
    static final int PAGE = 4096;

    private final Path mountPoint;
    private final Path filler;

    private SmallDisk(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code bytes} (a multiple of {@link #PAGE}) on a fresh temporary folder. */
    static SmallDisk mountOrSkip(long bytes) throws IOException {
        return mountOrSkip(bytes, 0);
    }

    /** Like {@link #mountOrSkip(long)}, with at most {@code inodes} files and folders when it is positive. */
    static SmallDisk mountOrSkip(long bytes, int inodes) throws IOException {
        Path folder = Files.createTempDirectory("logmirror-small-disk-");
        String options = "size=" + bytes + (inodes > 0 ? ",nr_inodes=" + inodes : "");
        String problem = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder.toString());
        if (problem == null) {
            FileStore store = Files.getFileStore(folder);
            if (!store.type().equals("tmpfs") || store.getTotalSpace() != bytes) {
                problem = "the mount seemed to work but " + folder + " is a " + store.type() + " of "
                        + store.getTotalSpace() + " bytes, not a tmpfs of " + bytes + " bytes";
                run("umount", "-l", folder.toString());
            }
        }
        if (problem != null) {
            Files.deleteIfExists(folder);
            String message = "this full-disk test needs a real small disk: it runs 'mount -t tmpfs -o " + options
                    + " tmpfs <dir>', which failed (" + problem + "). Run the tests as root (or with CAP_SYS_ADMIN) on "
                    + "Linux with the 'mount' command installed";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; CI=true, so this is a failure, not a skip");
            }
            assumeTrue(false, message + "; skipped (set CI=true to make this a failure)");
        }
        return new SmallDisk(folder);
    }

    /** The mounted folder; put the mirror's data folder below it. */
    Path root() {
        return mountPoint;
    }

    /** Bytes free on the disk now. */
    long free() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    /**
     * Writes a filler file so that about {@code bytes} (rounded up to a page) stay free. Replaces an earlier filler.
     *
     * @throws IllegalStateException when less than {@code bytes} are free even without a filler
     */
    SmallDisk leaveFree(long bytes) throws IOException {
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

    /**
     * Creates empty files in a filler folder until no inode is left, so that no file or folder can be created while
     * space is still free.
     *
     * @return how many were created
     */
    int useUpInodes() throws IOException {
        Path folder = Files.createDirectories(mountPoint.resolve("inode-filler"));
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
                        + "inodes; mount it with fewer");
            }
        }
    }

    /** Deletes up to {@code count} files made by {@link #useUpInodes()}, giving their inodes back. */
    SmallDisk freeInodes(int count) throws IOException {
        Path folder = mountPoint.resolve("inode-filler");
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files.limit(count)::iterator) {
                Files.delete(file);
            }
        }
        return this;
    }

    /** Deletes the filler, giving its space back. */
    SmallDisk removeFiller() throws IOException {
        Files.deleteIfExists(filler);
        return this;
    }

    /** Remounts with a new size, keeping the content (tmpfs allows it while files are open). */
    SmallDisk resize(long bytes) {
        String problem = run("mount", "-o", "remount,size=" + bytes, mountPoint.toString());
        if (problem != null) {
            throw new IllegalStateException("cannot resize the tmpfs on " + mountPoint + " to " + bytes + " bytes: " + problem);
        }
        return this;
    }

    /** Remounts read-only ({@code true}) or writable again, keeping the content, as a failing disk does. */
    SmallDisk readOnly(boolean readOnly) {
        String problem = run("mount", "-o", "remount," + (readOnly ? "ro" : "rw"), mountPoint.toString());
        if (problem != null) {
            throw new IllegalStateException("cannot remount the tmpfs on " + mountPoint + (readOnly ? " read-only" : " writable")
                    + ": " + problem);
        }
        return this;
    }

    /** Unmounts (lazily, so that a file still open cannot keep it busy) and removes the folder. */
    @Override
    public void close() throws IOException {
        if (Files.exists(mountPoint, LinkOption.NOFOLLOW_LINKS)) {
            String problem = run("umount", "-l", mountPoint.toString());
            if (problem != null) {
                throw new IOException("cannot unmount the test tmpfs " + mountPoint + ": " + problem
                        + "; unmount it by hand with 'umount -l " + mountPoint + "'");
            }
            Files.deleteIfExists(mountPoint);
        }
    }

    /** Runs a command; null when it succeeded, else what went wrong. */
    private static String run(String... command) {
        List<String> line = new ArrayList<>(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", line) + " did not finish within 30 s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? null
                    : String.join(" ", line) + " exited with " + process.exitValue() + ": " + output;
        } catch (IOException e) {
            return "cannot run " + String.join(" ", line) + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running " + String.join(" ", line), e));
        }
    }
}
