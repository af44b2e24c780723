package io.logmirror.retention.internal;

import io.logmirror.retention.FileCompressor;
import io.logmirror.retention.Shapes;
import io.logmirror.retention.StoredLogFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeekableZstdFileTest {

    @TempDir
    Path folder;

    @Test
    void readsTheTailAndALateRangeWithoutTouchingADamagedEarlierFrame() throws IOException {
        byte[] content = Shapes.logLines(40_000, 1);
        Path file = compressed(content);
        damageFrame(file, 1);
        try (StoredLogFile stored = StoredLogFile.open(file)) {
            long tail = stored.tailOffset(stored.size(), 10);
            assertThat(read(stored, tail, Long.MAX_VALUE)).isEqualTo(Arrays.copyOfRange(content, (int) tail, content.length));
            assertThat(read(stored, 30_000, 5000)).isEqualTo(Arrays.copyOfRange(content, 30_000, 35_000));
            assertThat(read(stored, 0, 4096)).isEqualTo(Arrays.copyOf(content, 4096));
        }
    }

    @Test
    void reportsADamagedFrameWithTheBytesItHoldsWhenARangeNeedsIt() throws IOException {
        Path file = compressed(Shapes.logLines(40_000, 1));
        damageFrame(file, 1);
        try (StoredLogFile stored = StoredLogFile.open(file)) {
            assertThatThrownBy(() -> read(stored, 5000, 10)).isInstanceOf(IOException.class)
                    .hasMessageContaining("frame 1 (bytes 4096 to 8192) does not decompress");
        }
    }

    @Test
    void keepsTheLastTwoFramesSoATailAndItsReadDecompressEachOnce() throws IOException {
        byte[] content = Shapes.logLines(40_000, 2);
        Path file = compressed(content);
        try (SeekableZstdFile stored = (SeekableZstdFile) StoredLogFile.of(FileChannel.open(file), file)) {
            assertThat(stored.frames()).isEqualTo(10);
            byte[] last = stored.frame(9);
            assertThat(stored.frame(9)).isSameAs(last);
            byte[] before = stored.frame(8);
            assertThat(stored.frame(9)).isSameAs(last);
            assertThat(stored.frame(8)).isSameAs(before);
            stored.frame(7);
            assertThat(stored.frame(9)).isNotSameAs(last);
        }
    }

    @Test
    void servesManyThreadsReadingRangesAtOnce() throws Exception {
        byte[] content = Shapes.logLines(200_000, 3);
        Path file = compressed(content);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (StoredLogFile stored = StoredLogFile.open(file)) {
            List<Future<?>> reads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                reads.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    for (int i = 0; i < 200; i++) {
                        int from = random.nextInt(content.length);
                        int length = random.nextInt(20_000);
                        int to = Math.min(content.length, from + length);
                        assertThat(read(stored, from, length)).isEqualTo(Arrays.copyOfRange(content, from, to));
                    }
                    return null;
                }));
            }
            for (Future<?> read : reads) {
                read.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void damageFrame(Path file, int frame) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (FileChannel channel = FileChannel.open(file); StoredLogFile stored = StoredLogFile.open(file)) {
            SeekTable table = SeekTable.read(channel, bytes.length, stored.size(), file);
            int middle = (int) (table.compressedStart(frame) + table.compressedSize(frame) / 2);
            bytes[middle] ^= 0x5a;
            bytes[middle + 1] ^= 0x5a;
        }
        Files.write(file, bytes);
    }

    private static byte[] read(StoredLogFile stored, long offset, long length) throws IOException {
        try (InputStream in = stored.open(offset, length)) {
            return in.readAllBytes();
        }
    }

    private Path compressed(byte[] content) throws IOException {
        Path file = folder.resolve("f.log");
        Files.write(file, content);
        FileCompressor.seekableZstd(Shapes.SMALL_FRAMES, folder.resolve("work")).compress(file);
        return file;
    }
}
