package io.logmirror.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedChannelInputStreamTest {

    @TempDir
    Path temp;

    private InputStream range(long offset, long length) throws IOException {
        Path file = Files.writeString(temp.resolve("f"), "0123456789");
        return new BoundedChannelInputStream(FileChannel.open(file, StandardOpenOption.READ), offset, length);
    }

    @Test
    void readsExactlyTheRange() throws IOException {
        try (InputStream in = range(2, 5)) {
            assertThat(in.read()).isEqualTo('2');
            assertThat(new String(in.readAllBytes())).isEqualTo("3456");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void endsAtTheEndOfTheFileWhenTheRangeIsLonger() throws IOException {
        try (InputStream in = range(7, 100)) {
            assertThat(new String(in.readAllBytes())).isEqualTo("789");
        }
    }

    @Test
    void skipsWithinTheRangeOnly() throws IOException {
        try (InputStream in = range(0, 4)) {
            assertThat(in.skip(2)).isEqualTo(2);
            assertThat(in.skip(10)).isEqualTo(2);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void tellsHowManyBytesAreAvailableWithoutBlocking() throws IOException {
        try (InputStream in = range(8, 100)) {
            assertThat(in.available()).isEqualTo(2);
        }
    }

    @Test
    void closingClosesTheChannel() throws IOException {
        Path file = Files.writeString(temp.resolve("g"), "x");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);

        new BoundedChannelInputStream(channel, 0, 1).close();

        assertThat(channel.isOpen()).isFalse();
    }
}
