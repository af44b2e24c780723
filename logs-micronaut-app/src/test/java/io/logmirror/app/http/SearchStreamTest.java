package io.logmirror.app.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SearchStreamTest {

    @Test
    void handsOverWhatWasWrittenWithoutWaitingForMore() throws IOException {
        SearchStream stream = new SearchStream(4);
        stream.write("one\n".getBytes(StandardCharsets.UTF_8));
        stream.write("two\n".getBytes(StandardCharsets.UTF_8));

        byte[] buffer = new byte[100];
        int n = stream.read(buffer, 0, buffer.length);

        assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
    }

    @Test
    void splitsAChunkLargerThanTheReadersBuffer() throws IOException {
        SearchStream stream = new SearchStream(4);
        stream.write("abcdef".getBytes(StandardCharsets.UTF_8));
        stream.finish();

        byte[] buffer = new byte[4];
        assertThat(stream.read(buffer, 0, 4)).isEqualTo(4);
        assertThat(stream.read(buffer, 0, 4)).isEqualTo(2);
        assertThat(stream.read(buffer, 0, 4)).isEqualTo(-1);
    }

    @Test
    void endsAfterFinish() throws IOException {
        SearchStream stream = new SearchStream(4);
        stream.finish();

        assertThat(stream.read()).isEqualTo(-1);
    }

    @Test
    void waitsForTheFirstChunk() throws Exception {
        SearchStream stream = new SearchStream(4);
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertThat(read).isNotDone();

        stream.write(new byte[] {'x'});

        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo('x');
    }

    @Test
    void tellsTheWriterWhenTheReaderIsGoneEvenWhileTheQueueIsFull() throws Exception {
        SearchStream stream = new SearchStream(1);
        assertThat(stream.write(new byte[] {1})).isTrue();
        CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(() -> stream.write(new byte[] {2}));
        Thread.sleep(50);
        assertThat(blocked).isNotDone();

        stream.close();

        assertThat(blocked.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(stream.closed()).isTrue();
        assertThat(stream.write(new byte[] {3})).isFalse();
    }
}
