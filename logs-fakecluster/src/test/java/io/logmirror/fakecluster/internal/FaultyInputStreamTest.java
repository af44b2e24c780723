package io.logmirror.fakecluster.internal;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultyInputStreamTest {

    private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
    private final Path file = fs.getPath("/f");
    private final AtomicLong counted = new AtomicLong();

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    private InputStream stream(String content, long offset, long length, ReadFaults.StreamFaults faults) throws IOException {
        Files.writeString(file, content);
        var channel = Files.newByteChannel(file, StandardOpenOption.READ);
        channel.position(offset);
        return new FaultyInputStream("fake://t/f", channel, length, faults, counted::addAndGet);
    }

    @Test
    void stopsAtTheLengthAndCountsWhatItDelivered() throws IOException {
        try (InputStream in = stream("0123456789", 2, 5, ReadFaults.StreamFaults.NONE)) {
            assertThat(in.read()).isEqualTo('2');
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("3456");
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(counted.get()).isEqualTo(5);
    }

    @Test
    void answersZeroForAZeroLengthRead() throws IOException {
        try (InputStream in = stream("abc", 0, 3, ReadFaults.StreamFaults.NONE)) {
            assertThat(in.read(new byte[4], 0, 0)).isZero();
        }
    }

    @Test
    void endsEarlyWhenTheFileIsShorterThanAsked() throws IOException {
        try (InputStream in = stream("abc", 1, 100, ReadFaults.StreamFaults.NONE)) {
            assertThat(in.readAllBytes()).hasSize(2);
        }
    }

    @Test
    void failsRightAwayWhenTheFailureIsAtZeroBytes() throws IOException {
        try (InputStream in = stream("abc", 0, 3, new ReadFaults.StreamFaults(0, -1, null, Duration.ZERO))) {
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("fake://t/f");
        }
        assertThat(counted.get()).isZero();
    }

    @Test
    void neverDeliversMoreThanTheBytesBeforeTheFailure() throws IOException {
        byte[] buffer = new byte[100];
        try (InputStream in = stream("0123456789", 0, 10, new ReadFaults.StreamFaults(4, -1, null, Duration.ZERO))) {
            assertThat(in.read(buffer)).isEqualTo(4);
            assertThatThrownBy(() -> in.read(buffer)).isInstanceOf(IOException.class);
        }
    }
}
