package io.logmirror.core.internal.store;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CopyTest {

    @TempDir
    Path temp;

    @Test
    void countsTheBytesThatMadeItAndKeepsTheReadFailureThatStoppedIt() throws IOException {
        Path file = temp.resolve("f");
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(new byte[100])) {
            int reads;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (reads++ == 1) {
                    throw new IOException("connection lost (simulated)");
                }
                return super.read(b, off, Math.min(len, 30));
            }
        };
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            Copy copy = Copy.of(file, failing, channel, 0, 100, n -> { });

            assertThat(copy.bytes()).isEqualTo(30);
            assertThat(copy.failure()).hasValueSatisfying(e -> assertThat(e).hasMessageContaining("connection lost"));
            assertThat(copy.localWriteFailed()).isFalse();
            assertThat(copy.cancelled()).isFalse();
        }
        assertThat(Files.size(file)).isEqualTo(30);
    }

    @Test
    void stopsAtMaxAndReportsNoFailure() throws IOException {
        Path file = temp.resolve("f");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            Copy copy = Copy.of(file, new ByteArrayInputStream(new byte[100]), channel, 5, 40, n -> { });

            assertThat(copy.bytes()).isEqualTo(40);
            assertThat(copy.failure()).isEmpty();
        }
        assertThat(Files.size(file)).isEqualTo(45);
    }

    @Test
    void anInterruptedCopyIsCancelled() throws IOException {
        Path file = temp.resolve("f");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            Thread.currentThread().interrupt();
            Copy copy = Copy.of(file, new ByteArrayInputStream(new byte[10]), channel, 0, 10, n -> { });

            assertThat(copy.cancelled()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
