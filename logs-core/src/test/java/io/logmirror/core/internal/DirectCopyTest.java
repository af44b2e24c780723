package io.logmirror.core.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link DirectCopy} on the temp folder's disk, which must take direct I/O (ext4, xfs... not tmpfs before Linux
 * 6.6): with {@code CI=true} a disk that does not fails the test instead of skipping it.
 */
class DirectCopyTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private int alignment;

    @BeforeEach
    void probe() throws IOException {
        alignment = DirectCopy.probe(dir);
        if (alignment == 0) {
            String message = "the temp folder " + dir + " (" + Files.getFileStore(dir).type()
                    + ") takes no direct I/O; run the tests on a disk that does";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        assertThat(Integer.bitCount(alignment)).as("a power of two").isEqualTo(1);
        assertThat(dir.resolve("direct-probe")).as("the probe cleans up").doesNotExist();
    }

    @Test
    void writesAWholeFileWithItsLastPartialBlockByteForByte() throws IOException {
        byte[] content = random(3 * MIB + 123);
        Path file = dir.resolve("big.log");
        AtomicLong written = new AtomicLong();
        AtomicLong progress = new AtomicLong();

        boolean direct;
        try (FileChannel channel = open(file)) {
            direct = DirectCopy.copy(file, new ByteArrayInputStream(content), channel, content.length, alignment,
                    written, progress::addAndGet, e -> e);
        }

        assertThat(direct).as("no fallback was needed").isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(written.get()).isEqualTo(content.length);
        assertThat(progress.get()).isEqualTo(content.length);
    }

    @Test
    void stopsAfterMaxBytesAndLeavesTheRestOfTheStreamUnread() throws IOException {
        byte[] content = random(2 * MIB + 10);
        ByteArrayInputStream in = new ByteArrayInputStream(content);
        Path file = dir.resolve("exact.log");

        try (FileChannel channel = open(file)) {
            DirectCopy.copy(file, in, channel, 2 * MIB + 5, alignment, new AtomicLong(), n -> { }, e -> e);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(Arrays.copyOf(content, 2 * MIB + 5));
        assertThat(in.available()).as("the probe past the end stays possible").isEqualTo(5);
    }

    @Test
    void aRemoteFileShorterThanListedEndsTheCopyWithWhatArrived() throws IOException {
        byte[] content = random(MIB + 700);
        Path file = dir.resolve("short.log");
        AtomicLong written = new AtomicLong();

        try (FileChannel channel = open(file)) {
            DirectCopy.copy(file, new ByteArrayInputStream(content), channel, 4L * MIB, alignment, written, n -> { },
                    e -> e);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(written.get()).isEqualTo(content.length);
    }

    @Test
    void aReadFailureKeepsTheBytesThatArrivedBeforeItForTheResume() throws IOException {
        byte[] content = random(3 * MIB);
        int before = MIB + MIB / 2 + 77; // not a whole chunk, not a whole block
        InputStream failing = new InputStream() {
            private final ByteArrayInputStream delegate = new ByteArrayInputStream(content, 0, before);

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = delegate.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };
        Path file = dir.resolve("cut.log");
        AtomicLong written = new AtomicLong();

        try (FileChannel channel = open(file)) {
            assertThatThrownBy(() -> DirectCopy.copy(file, failing, channel, content.length, alignment, written,
                    n -> { }, e -> e)).hasMessage("connection reset");
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(Arrays.copyOf(content, before));
        assertThat(written.get()).isEqualTo(before);
    }

    @Test
    void aDirectWriteTheDiskRefusesIsWrittenThroughThePageCacheInstead() throws IOException {
        // An alignment of 2 makes the last direct write 1,000 bytes long: a block device refuses that (EINVAL).
        byte[] content = random(MIB + 1000);
        Path file = dir.resolve("refused.log");
        AtomicLong written = new AtomicLong();

        boolean direct;
        try (FileChannel channel = open(file)) {
            direct = DirectCopy.copy(file, new ByteArrayInputStream(content), channel, content.length, 2, written,
                    n -> { }, e -> e);
        }

        assertThat(direct).as("the caller is told, to stop trying").isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(written.get()).isEqualTo(content.length);
    }

    @Test
    void isTurnedOffBySystemProperty() {
        System.setProperty("logmirror.directWrites", "false");
        try {
            assertThat(DirectCopy.probe(dir)).isZero();
        } finally {
            System.clearProperty("logmirror.directWrites");
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
