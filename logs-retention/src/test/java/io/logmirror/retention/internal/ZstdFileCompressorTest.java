package io.logmirror.retention.internal;

import io.logmirror.retention.CompressionResult;
import io.logmirror.retention.CompressionResult.Outcome;
import io.logmirror.retention.Shapes;
import io.logmirror.retention.StoredLogFile;
import io.logmirror.retention.internal.ZstdFileCompressor.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZstdFileCompressorTest {

    private static final FileTime MODIFIED = FileTime.from(Instant.parse("2026-01-05T08:00:00.123456789Z"));

    /** Stands for the process dying at a step: no exception handler runs. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash(Step step) {
            super("crash at " + step);
        }
    }

    @TempDir
    Path folder;

    @Test
    void compressesInPlaceKeepingTheNameAndModificationTime() throws IOException {
        byte[] content = Shapes.logLines(100_000, 1);
        Path file = plain("a.log", content);
        CompressionResult result = compressor().compress(file);
        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(result.plainBytes()).isEqualTo(content.length);
        assertThat(result.storedBytes()).isEqualTo(Files.size(file)).isLessThan(content.length / 3);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(MODIFIED);
        assertThat(readAll(file)).isEqualTo(content);
        assertThat(workFolderFiles()).isEmpty();
    }

    @Test
    void restoresTheExactPlainBytesAndTime() throws IOException {
        byte[] content = Shapes.random(30_000, 2);
        Path file = plain("a.bin", content);
        compressor().compress(file);
        CompressionResult result = compressor().restore(file);
        assertThat(result.outcome()).isEqualTo(Outcome.DONE);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(MODIFIED);
    }

    @Test
    void leavesAFileAlreadyInTheWantedFormAlone() throws IOException {
        Path file = plain("a.log", Shapes.logLines(10_000, 3));
        assertThat(compressor().restore(file).outcome()).isEqualTo(Outcome.ALREADY);
        compressor().compress(file);
        byte[] compressed = Files.readAllBytes(file);
        assertThat(compressor().compress(file).outcome()).isEqualTo(Outcome.ALREADY);
        assertThat(Files.readAllBytes(file)).isEqualTo(compressed);
    }

    @Test
    void aCompressedFileThatGrowsAgainIsRestoredAppendedAndCompressedWithNothingLost() throws IOException {
        byte[] first = Shapes.logLines(50_000, 4);
        first[first.length - 1] = '\n';
        byte[] more = Shapes.ascii("a late line written after the file was compressed\nand another without newline");
        Path file = plain("grows.log", first);
        compressor().compress(file);
        compressor().restore(file); // what the store does before appending to a compressed file
        Files.write(file, more, StandardOpenOption.APPEND);
        compressor().compress(file);
        byte[] expected = new byte[first.length + more.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(more, 0, expected, first.length, more.length);
        assertThat(readAll(file)).isEqualTo(expected);
        try (StoredLogFile stored = StoredLogFile.open(file)) {
            assertThat(stored.compressed()).isTrue();
            long tail = stored.tailOffset(stored.size(), 2);
            try (InputStream in = stored.open(tail, stored.size())) {
                assertThat(new String(in.readAllBytes(), "ISO-8859-1"))
                        .isEqualTo("a late line written after the file was compressed\nand another without newline");
            }
        }
    }

    @Test
    void leavesAFileThatIsNoLongerWhatTheStoreListed() throws IOException {
        byte[] content = Shapes.logLines(10_000, 5);
        Path file = plain("a.log", content);
        CompressionResult bySize = compressor().compress(file, content.length - 1, MODIFIED.toInstant());
        CompressionResult byTime = compressor().compress(file, content.length, MODIFIED.toInstant().plusSeconds(1));
        assertThat(bySize.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(byTime.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(compressor().compress(file, content.length, MODIFIED.toInstant()).outcome()).isEqualTo(Outcome.DONE);
    }

    @Test
    void dropsItsCopyWhenTheFileGrowsWhileItIsCompressed() throws IOException {
        byte[] content = Shapes.logLines(10_000, 6);
        Path file = plain("a.log", content);
        ZstdFileCompressor compressor = new ZstdFileCompressor(Shapes.SMALL_FRAMES, work(), (step, staged) -> {
            if (step == Step.WRITTEN) {
                append(file, "appended by a sync meanwhile\n");
            }
        });
        assertThat(compressor.compress(file).outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(new String(Files.readAllBytes(file), "ISO-8859-1")).endsWith("appended by a sync meanwhile\n");
        assertThat(StoredLogFile.isCompressed(file)).isFalse();
        assertThat(workFolderFiles()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aCrashWhileCompressingLeavesOneReadableCopyAndTheNextRunFinishes(Step crashAt) throws IOException {
        byte[] content = Shapes.logLines(40_000, 7);
        Path file = plain("a.log", content);
        ZstdFileCompressor crashing = new ZstdFileCompressor(Shapes.SMALL_FRAMES, work(), (step, staged) -> {
            if (step == crashAt) {
                throw new SimulatedCrash(step);
            }
        });
        assertThatThrownBy(() -> crashing.compress(file)).isInstanceOf(SimulatedCrash.class);

        assertThat(readAll(file)).isEqualTo(content);
        assertThat(StoredLogFile.isCompressed(file)).isEqualTo(crashAt == Step.RENAMED);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(MODIFIED);
        assertThat(workFolderFiles()).hasSize(crashAt == Step.RENAMED ? 0 : 1);

        ZstdFileCompressor restarted = compressor();
        restarted.cleanUp();
        assertThat(workFolderFiles()).isEmpty();
        assertThat(restarted.compress(file).outcome()).isIn(Outcome.DONE, Outcome.ALREADY);
        assertThat(readAll(file)).isEqualTo(content);
        assertThat(StoredLogFile.isCompressed(file)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aCrashWhileRestoringLeavesOneReadableCopyAndTheNextRunFinishes(Step crashAt) throws IOException {
        byte[] content = Shapes.logLines(40_000, 8);
        Path file = plain("a.log", content);
        compressor().compress(file);
        ZstdFileCompressor crashing = new ZstdFileCompressor(Shapes.SMALL_FRAMES, work(), (step, staged) -> {
            if (step == crashAt) {
                throw new SimulatedCrash(step);
            }
        });
        assertThatThrownBy(() -> crashing.restore(file)).isInstanceOf(SimulatedCrash.class);

        assertThat(readAll(file)).isEqualTo(content);
        assertThat(StoredLogFile.isCompressed(file)).isEqualTo(crashAt != Step.RENAMED);
        ZstdFileCompressor restarted = compressor();
        restarted.cleanUp();
        restarted.restore(file);
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void aTornCopyLeftByAPowerLossIsDeletedByCleanUpAndNeverRead() throws IOException {
        byte[] content = Shapes.logLines(40_000, 9);
        Path file = plain("a.log", content);
        Files.createDirectories(work());
        Files.write(work().resolve("compress-torn.tmp"), Arrays.copyOf(Files.readAllBytes(file), 1000));
        assertThat(readAll(file)).isEqualTo(content);
        compressor().cleanUp();
        assertThat(workFolderFiles()).isEmpty();
    }

    @Test
    void readersRacingRepeatedCompressionsAndRestoresAlwaysReadTheSameBytes() throws Exception {
        byte[] content = Shapes.logLines(300_000, 10);
        Path file = plain("busy.log", content);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int seed = t;
            Thread reader = new Thread(() -> {
                java.util.Random random = new java.util.Random(seed);
                try {
                    while (!done.get()) {
                        try (StoredLogFile stored = StoredLogFile.open(file)) {
                            assertThat(stored.size()).isEqualTo(content.length);
                            int from = random.nextInt(content.length);
                            try (InputStream in = stored.open(from, 50_000)) {
                                assertThat(in.readAllBytes()).isEqualTo(
                                        Arrays.copyOfRange(content, from, Math.min(content.length, from + 50_000)));
                            }
                            long tail = stored.tailOffset(stored.size(), 5);
                            assertThat(content[(int) tail - 1]).isEqualTo((byte) '\n');
                        }
                        reads.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            reader.start();
            readers.add(reader);
        }
        ZstdFileCompressor compressor = compressor();
        for (int i = 0; i < 20 && failure.get() == null; i++) {
            compressor.compress(file);
            compressor.restore(file);
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void refusesASymlinkOrAFolder() throws IOException {
        Path target = plain("real.log", Shapes.ascii("x\n"));
        Path link = Files.createSymbolicLink(folder.resolve("link.log"), target);
        assertThatThrownBy(() -> compressor().compress(link)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a regular file");
        assertThatThrownBy(() -> compressor().compress(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("is not a regular file");
        assertThat(Files.readAllBytes(target)).isEqualTo(Shapes.ascii("x\n"));
    }

    @Test
    void saysWhichFileIsMissing() {
        assertThatThrownBy(() -> compressor().compress(folder.resolve("gone.log")))
                .isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining("gone.log");
    }

    private ZstdFileCompressor compressor() {
        return new ZstdFileCompressor(Shapes.SMALL_FRAMES, work());
    }

    private Path work() {
        return folder.resolve("work");
    }

    private List<Path> workFolderFiles() throws IOException {
        if (!Files.isDirectory(work())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(work())) {
            return files.toList();
        }
    }

    private Path plain(String name, byte[] content) throws IOException {
        Path file = folder.resolve(name);
        Files.write(file, content);
        Files.setLastModifiedTime(file, MODIFIED);
        return file;
    }

    private static void append(Path file, String text) {
        try {
            Files.write(file, Shapes.ascii(text), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] readAll(Path file) throws IOException {
        try (StoredLogFile stored = StoredLogFile.open(file); InputStream in = stored.open(0, stored.size())) {
            return in.readAllBytes();
        }
    }
}
