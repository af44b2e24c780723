package io.logmirror.retention.internal;

import com.github.luben.zstd.Zstd;
import io.logmirror.retention.CompressionOptions;
import io.logmirror.retention.Shapes;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeekableZstdWriterTest {

    @TempDir
    Path folder;

    @TestFactory
    Stream<DynamicTest> writesFilesTheStandardZstdToolDecompressesToTheOriginalBytes() {
        Path tool = ZstdTool.require();
        return Shapes.all().entrySet().stream().map(shape -> DynamicTest.dynamicTest(shape.getKey(), () -> {
            Path file = write(shape.getValue(), Shapes.SMALL_FRAMES);
            assertThat(ZstdTool.run(tool, "-d", "-c", "-q", file.toString())).isEqualTo(shape.getValue());
        }));
    }

    @Test
    void passesTheStandardToolsIntegrityCheckWithDefaultOptions() throws Exception {
        Path tool = ZstdTool.require();
        Path file = write(Shapes.logLines(3_000_000, 4), CompressionOptions.defaults());
        ZstdTool.run(tool, "-t", "-q", file.toString());
    }

    @Test
    void cutsTheContentIntoIndependentFramesOfTheGivenSize() throws IOException {
        byte[] content = Shapes.logLines(10_000, 1);
        Path file = write(content, Shapes.SMALL_FRAMES);
        byte[] bytes = Files.readAllBytes(file);
        try (FileChannel channel = FileChannel.open(file)) {
            SeekTable table = SeekTable.read(channel, bytes.length, content.length, file);
            assertThat(table.frames()).isEqualTo(3);
            for (int i = 0; i < table.frames(); i++) {
                int from = (int) table.compressedStart(i);
                byte[] frame = Arrays.copyOfRange(bytes, from, from + table.compressedSize(i));
                byte[] plain = Zstd.decompress(frame, table.plainSize(i));
                int start = (int) table.plainStart(i);
                assertThat(plain).as("frame %d alone", i)
                        .isEqualTo(Arrays.copyOfRange(content, start, start + table.plainSize(i)));
            }
            assertThat(table.plainSize(0)).isEqualTo(4096);
            assertThat(table.plainSize(2)).isEqualTo(10_000 - 2 * 4096);
        }
    }

    @Test
    void startsWithItsHeaderFrameAndEndsWithTheSeekableMagicNumber() throws IOException {
        byte[] content = Shapes.logLines(5000, 2);
        Path file = write(content, Shapes.SMALL_FRAMES);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.getInt(0)).isEqualTo(0x184D2A5B);
        assertThat(bytes.getLong(16)).isEqualTo(5000);
        assertThat(bytes.getInt(bytes.limit() - 4)).isEqualTo(0x8F92EAB1);
        assertThat(bytes.get(bytes.limit() - 5)).isEqualTo((byte) 0x80); // checksums present
        assertThat(bytes.getInt(bytes.limit() - 9)).isEqualTo(1 + 2); // the header frame and two data frames
    }

    @Test
    void recordsEachFramesChecksumInTheSeekTableAsTheFrameItselfCarriesIt() throws IOException {
        byte[] content = Shapes.logLines(9000, 3);
        Path file = write(content, Shapes.SMALL_FRAMES);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int frames = bytes.getInt(bytes.limit() - 9);
        int tableStart = bytes.limit() - (8 + frames * 12 + 9);
        long offset = 0;
        for (int i = 0; i < frames; i++) {
            int compressed = bytes.getInt(tableStart + 8 + i * 12);
            int checksum = bytes.getInt(tableStart + 8 + i * 12 + 8);
            int frameEnd = (int) (offset + compressed);
            if (i == 0) {
                assertThat(checksum).isEqualTo(SeekableFormat.EMPTY_CHECKSUM);
            } else {
                assertThat(checksum).as("frame %d", i).isEqualTo(bytes.getInt(frameEnd - 4));
            }
            offset = frameEnd;
        }
        assertThat(SeekableFormat.EMPTY_CHECKSUM).isEqualTo(0x51D8E999); // XXH64 of nothing, 0xEF46DB3751D8E999
    }

    @Test
    void refusesASourceThatEndsBeforeTheLengthItWasGiven() throws IOException {
        Path source = folder.resolve("short.log");
        Files.write(source, Shapes.ascii("only a few bytes\n"));
        try (FileChannel in = FileChannel.open(source);
             FileChannel out = FileChannel.open(folder.resolve("out"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> new SeekableZstdWriter(Shapes.SMALL_FRAMES).write(in, 1000, out, source))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("short.log became shorter while it was compressed");
        }
    }

    private Path write(byte[] content, CompressionOptions options) throws IOException {
        Path source = folder.resolve("source-" + System.nanoTime());
        Files.write(source, content);
        Path target = folder.resolve("target-" + System.nanoTime() + ".zst");
        try (FileChannel in = FileChannel.open(source);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            new SeekableZstdWriter(options).write(in, content.length, out, source);
        }
        return target;
    }
}
