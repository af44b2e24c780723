package io.logmirror.retention;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredLogFileTest {

    @TempDir
    Path folder;

    @TestFactory
    Stream<DynamicTest> readsEveryShapeBackByteForByteAfterCompression() {
        return Shapes.all().entrySet().stream().map(shape -> DynamicTest.dynamicTest(shape.getKey(), () -> {
            byte[] content = shape.getValue();
            Path file = compressed(shape.getKey(), content, Shapes.SMALL_FRAMES);
            try (StoredLogFile stored = StoredLogFile.open(file)) {
                assertThat(stored.compressed()).isTrue();
                assertThat(stored.size()).isEqualTo(content.length);
                assertThat(read(stored, 0, Long.MAX_VALUE)).isEqualTo(content);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> givesTheSameRangesAsThePlainFile() {
        return Shapes.all().entrySet().stream().map(shape -> DynamicTest.dynamicTest(shape.getKey(), () -> {
            byte[] content = shape.getValue();
            Path file = compressed(shape.getKey(), content, Shapes.SMALL_FRAMES);
            try (StoredLogFile stored = StoredLogFile.open(file)) {
                for (long[] range : ranges(content.length)) {
                    int from = (int) Math.min(range[0], content.length);
                    int to = (int) Math.min(content.length, Math.max(from, range[0] + range[1]));
                    assertThat(read(stored, range[0], range[1]))
                            .as("range %d+%d", range[0], range[1])
                            .isEqualTo(Arrays.copyOfRange(content, from, to));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> findsTheSameTailAsThePlainFile() {
        return Shapes.all().entrySet().stream().map(shape -> DynamicTest.dynamicTest(shape.getKey(), () -> {
            byte[] content = shape.getValue();
            Path plain = plain(shape.getKey(), content);
            Path file = compressed(shape.getKey(), content, Shapes.SMALL_FRAMES);
            try (StoredLogFile p = StoredLogFile.open(plain); StoredLogFile c = StoredLogFile.open(file)) {
                assertThat(p.compressed()).isFalse();
                for (long end : new long[] {content.length, content.length / 2, content.length / 3 + 1, 1, 0}) {
                    for (int lines : new int[] {1, 2, 3, 10, 100, 1000, 100_000}) {
                        long expected = p.tailOffset(end, lines);
                        assertThat(c.tailOffset(end, lines)).as("end %d, %d lines", end, lines).isEqualTo(expected);
                    }
                }
            }
        }));
    }

    @Test
    void countsAFinalLineWithoutNewlineAndNotAnEmptyLineAfterTheLastNewline() throws IOException {
        byte[] withNewline = Shapes.ascii("a\nb\nc\n");
        byte[] without = Shapes.ascii("a\nb\nc");
        try (StoredLogFile one = StoredLogFile.open(compressed("with", withNewline, Shapes.SMALL_FRAMES));
             StoredLogFile two = StoredLogFile.open(compressed("without", without, Shapes.SMALL_FRAMES))) {
            assertThat(one.tailOffset(one.size(), 2)).isEqualTo(2);
            assertThat(two.tailOffset(two.size(), 2)).isEqualTo(2);
            assertThat(one.tailOffset(one.size(), 3)).isZero();
            assertThat(one.tailOffset(one.size(), 4)).isZero();
        }
    }

    @Test
    void findsATailThatStartsSeveralFramesBeforeTheEnd() throws IOException {
        byte[] content = Shapes.logLines(100_000, 7);
        try (StoredLogFile plain = StoredLogFile.open(plain("p", content));
             StoredLogFile stored = StoredLogFile.open(compressed("c", content, Shapes.SMALL_FRAMES))) {
            long offset = stored.tailOffset(stored.size(), 1000);
            assertThat(content.length - offset).isGreaterThan(3 * 4096);
            assertThat(offset).isEqualTo(plain.tailOffset(plain.size(), 1000));
            assertThat(new String(read(stored, offset, Long.MAX_VALUE), "ISO-8859-1").split("\n", -1)).hasSize(1000);
        }
    }

    @Test
    void roundTripsALargerFileWithDefaultOptionsByteForByte() throws IOException {
        byte[] content = Shapes.logLines(24 << 20, 11);
        try (StoredLogFile stored = StoredLogFile.open(compressed("large.log", content, CompressionOptions.defaults()))) {
            assertThat(stored.size()).isEqualTo(content.length);
            assertThat(read(stored, 0, Long.MAX_VALUE)).isEqualTo(content);
            assertThat(read(stored, (12 << 20) - 100, 1 << 20))
                    .isEqualTo(Arrays.copyOfRange(content, (12 << 20) - 100, (13 << 20) - 100));
        }
    }

    @Test
    void readsAPlainFileAsItIs() throws IOException {
        byte[] content = Shapes.logLines(10_000, 1);
        try (StoredLogFile stored = StoredLogFile.open(plain("plain.log", content))) {
            assertThat(stored.compressed()).isFalse();
            assertThat(stored.size()).isEqualTo(content.length);
            assertThat(stored.storedBytes()).isEqualTo(content.length);
            assertThat(read(stored, 100, 50)).isEqualTo(Arrays.copyOfRange(content, 100, 150));
        }
    }

    @Test
    void takesFewerBytesOnDiskThanItsContentForLogLines() throws IOException {
        byte[] content = Shapes.logLines(2_000_000, 5);
        try (StoredLogFile stored = StoredLogFile.open(compressed("big.log", content, CompressionOptions.defaults()))) {
            assertThat(stored.storedBytes()).isLessThan(content.length / 3);
            assertThat(StoredLogFile.isCompressed(folder.resolve("big.log"))).isTrue();
        }
    }

    @Test
    void refusesANegativeRangeOrTailNamingTheFile() throws IOException {
        try (StoredLogFile stored = StoredLogFile.open(compressed("f.log", Shapes.ascii("a\n"), Shapes.SMALL_FRAMES))) {
            assertThatThrownBy(() -> stored.open(-1, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("f.log");
            assertThatThrownBy(() -> stored.tailOffset(2, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lines must be at least 1");
            assertThatThrownBy(() -> stored.tailOffset(-1, 3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("end must not be negative");
        }
    }

    @Test
    void readsAFileItWasHandedAsAChannel() throws IOException {
        byte[] content = Shapes.logLines(20_000, 9);
        Path file = compressed("c.log", content, Shapes.SMALL_FRAMES);
        try (StoredLogFile stored = StoredLogFile.of(java.nio.channels.FileChannel.open(file), "c.log")) {
            assertThat(read(stored, 0, Long.MAX_VALUE)).isEqualTo(content);
        }
    }

    private static long[][] ranges(int size) {
        return new long[][] {{0, 0}, {0, 1}, {0, size}, {size, 10}, {size + 5L, 10}, {size / 2, 1},
                {size / 2, 4096}, {Math.max(0, size - 1), 1}, {4095, 2}, {4096, 4096}, {1, size * 2L},
                {size / 3, size / 3 + 4097}};
    }

    static byte[] read(StoredLogFile stored, long offset, long length) throws IOException {
        try (InputStream in = stored.open(offset, length)) {
            return in.readAllBytes();
        }
    }

    private Path plain(String name, byte[] content) throws IOException {
        Path file = folder.resolve("plain-" + name.replace(' ', '-'));
        Files.write(file, content);
        return file;
    }

    private Path compressed(String name, byte[] content, CompressionOptions options) throws IOException {
        Path file = folder.resolve(name.replace(' ', '-'));
        Files.write(file, content);
        FileCompressor.seekableZstd(options, folder.resolve("work")).compress(file);
        return file;
    }

}
