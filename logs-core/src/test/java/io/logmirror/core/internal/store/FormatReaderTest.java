package io.logmirror.core.internal.store;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.spi.StoredFile;
import io.logmirror.core.spi.StoredFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormatReaderTest {

    @TempDir
    Path data;

    /** A toy stored form: the file's bytes reversed, in a sibling {@code <file>.rev}. */
    static final class Reversed implements StoredFormat {
        @Override
        public Optional<StoredFile> open(Path file) throws IOException {
            Path packed = file.resolveSibling(file.getFileName() + ".rev");
            if (!Files.exists(packed)) {
                return Optional.empty();
            }
            byte[] stored = Files.readAllBytes(packed);
            byte[] original = new byte[stored.length];
            for (int i = 0; i < stored.length; i++) {
                original[i] = stored[stored.length - 1 - i];
            }
            return Optional.of(new StoredFile() {
                @Override
                public long size() {
                    return original.length;
                }

                @Override
                public int read(ByteBuffer into, long position) {
                    if (position >= original.length) {
                        return -1;
                    }
                    int n = (int) Math.min(into.remaining(), original.length - position);
                    into.put(original, (int) position, n);
                    return n;
                }

                @Override
                public void close() {
                }
            });
        }
    }

    private static LogEntry entry(String path, long size) {
        return new LogEntry(LogPath.of(path), Category.LOGS, size, Instant.EPOCH, false, 0);
    }

    @Test
    void readsAFileStoredInAnotherFormatBackAsItsOriginalBytesThroughEveryRead() throws IOException {
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve("logs/a.log.rev"), new StringBuilder("one\ntwo\nthree\n").reverse());
        StoredReads reads = new StoredReads(new FormatReader(DataFolder.openReadOnly(data), List.of(new Reversed())));
        LogEntry entry = entry("a.log", 14);

        try (var in = reads.open(entry, 4, 100)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("two\nthree\n");
        }
        assertThat(reads.tailOffset(entry, 2)).isEqualTo(4);
        assertThat(reads.tail(entry, 2)).containsExactly("two", "three");
    }

    @Test
    void readsThePlainFileWhenNoFormatHoldsIt() throws IOException {
        Files.createDirectories(data.resolve("logs"));
        Files.writeString(data.resolve("logs/a.log"), "plain\r\nlast");
        StoredReads reads = new StoredReads(new FormatReader(DataFolder.openReadOnly(data), List.of(new Reversed())));

        assertThat(reads.tail(entry("a.log", 11), 5)).containsExactly("plain", "last");
        assertThat(reads.tail(entry("a.log", 7), 5)).as("never past the entry's size").containsExactly("plain");
    }

    @Test
    void refusesAPlainFileThatResolvesOutsideTheMirror() throws IOException {
        Files.createDirectories(data.resolve("logs"));
        Path outside = Files.writeString(data.resolve("secret"), "s");
        Files.createSymbolicLink(data.resolve("logs/a.log"), outside);
        StoredReads reads = new StoredReads(new FormatReader(DataFolder.openReadOnly(data), List.of()));

        assertThatThrownBy(() -> reads.open(entry("a.log", 1), 0, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("outside the mirror");
    }
}
