package io.logmirror.retention.internal;

import io.logmirror.retention.FileCompressor;
import io.logmirror.retention.Shapes;
import io.logmirror.retention.StoredLogFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeekTableTest {

    @TempDir
    Path folder;

    @Test
    void findsTheFrameHoldingEachOffset() throws IOException {
        byte[] content = Shapes.logLines(10_000, 1);
        Path file = compressed(content);
        try (var channel = java.nio.channels.FileChannel.open(file)) {
            SeekTable table = SeekTable.read(channel, Files.size(file), content.length, file);
            assertThat(table.frameAt(0)).isZero();
            assertThat(table.frameAt(4095)).isZero();
            assertThat(table.frameAt(4096)).isEqualTo(1);
            assertThat(table.frameAt(9999)).isEqualTo(2);
            assertThat(table.plainSize()).isEqualTo(10_000);
        }
    }

    @Test
    void refusesACutFileSayingItIsCutOrUnfinished() throws IOException {
        Path file = compressed(Shapes.logLines(10_000, 1));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> StoredLogFile.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("compressed file " + file + " cannot be read")
                .hasMessageContaining("a cut or unfinished file")
                .hasMessageContaining("restore it from the remote");
    }

    @Test
    void refusesAFileCutToLessThanASeekTable() throws IOException {
        Path file = compressed(Shapes.logLines(10_000, 1));
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 30));
        assertThatThrownBy(() -> StoredLogFile.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("it is 30 bytes, too short to hold a seek table");
    }

    @Test
    void refusesReservedDescriptorBits() throws IOException {
        Path file = compressed(Shapes.logLines(10_000, 1));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] |= 0x04;
        Files.write(file, bytes);
        assertThatThrownBy(() -> StoredLogFile.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("sets reserved bits");
    }

    @Test
    void refusesASeekTableWhoseFramesDoNotCoverTheFile() throws IOException {
        Path file = compressed(Shapes.logLines(10_000, 1));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int tableStart = bytes.limit() - (8 + 4 * 12 + 9);
        bytes.putInt(tableStart + 8 + 12, bytes.getInt(tableStart + 8 + 12) + 1); // first data frame one byte longer
        Files.write(file, bytes.array());
        assertThatThrownBy(() -> StoredLogFile.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("its frames add up to");
    }

    @Test
    void refusesAHeaderWhosePlainSizeDisagreesWithTheSeekTable() throws IOException {
        Path file = compressed(Shapes.logLines(10_000, 1));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(16, 12_345);
        Files.write(file, bytes.array());
        assertThatThrownBy(() -> StoredLogFile.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("its frames hold 10000 plain bytes but its header says 12345");
    }

    @Test
    void refusesATableFrameHeaderThatDoesNotMatchItsFooter() throws IOException {
        Path file = compressed(Shapes.logLines(10_000, 1));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(bytes.limit() - 9, 2); // footer now claims two frames
        Files.write(file, bytes.array());
        assertThatThrownBy(() -> StoredLogFile.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("does not match its footer");
    }

    @Test
    void refusesAFrameCountLargerThanTheFile() throws IOException {
        Path file = compressed(Shapes.logLines(10_000, 1));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(bytes.limit() - 9, -1);
        Files.write(file, bytes.array());
        assertThatThrownBy(() -> StoredLogFile.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("more than the file can hold");
    }

    private Path compressed(byte[] content) throws IOException {
        Path file = folder.resolve("f.log");
        Files.write(file, content);
        FileCompressor.seekableZstd(Shapes.SMALL_FRAMES, folder.resolve("work")).compress(file);
        return file;
    }
}
