package io.logmirror.retention.internal;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.core.spi.StoredFile;
import io.logmirror.core.spi.StoredFormat;
import io.logmirror.retention.FileCompressor;
import io.logmirror.retention.Shapes;
import io.logmirror.fakecluster.FakeRemote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class SeekableZstdStoredFormatTest {

    @TempDir
    Path folder;

    @Test
    void answersNothingForAPlainFileSoTheStoreReadsItItself() throws IOException {
        Path file = Files.write(folder.resolve("plain.log"), Shapes.logLines(10_000, 1));
        assertThat(new SeekableZstdStoredFormat().open(file)).isEmpty();
    }

    @Test
    void readsACompressedFileAtAnyPositionOneFrameAtATime() throws IOException {
        byte[] content = Shapes.logLines(20_000, 2);
        Path file = Files.write(folder.resolve("c.log"), content);
        FileCompressor.seekableZstd(Shapes.SMALL_FRAMES, folder.resolve("work")).compress(file);
        try (StoredFile stored = new SeekableZstdStoredFormat().open(file).orElseThrow()) {
            assertThat(stored.size()).isEqualTo(content.length);
            ByteBuffer buffer = ByteBuffer.allocate(10_000);
            assertThat(stored.read(buffer, 4000)).isEqualTo(96); // to the end of the first 4 KiB frame
            assertThat(Arrays.copyOf(buffer.array(), 96)).isEqualTo(Arrays.copyOfRange(content, 4000, 4096));
            assertThat(stored.read(ByteBuffer.allocate(10), content.length)).isEqualTo(-1);
        }
    }

    @Test
    void aRemoteFileMadeToLookCompressedFailsToReadWithAClearMessageAndNothingElseIsAffected() throws Exception {
        FakeRemote remote = FakeRemote.create();
        ByteBuffer fake = ByteBuffer.allocate(200).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        fake.putInt(0x184D2A5B).putInt(16).putInt(0x5A534D4C); // the header's first 12 bytes, then anything
        remote.write("mimic.log", fake.array()).write("normal.log", "a normal line\n");
        try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(folder.resolve("data"), remote).build())) {
            mirror.syncNow();
            LogStore store = mirror.store();
            LogEntry mimic = store.find(LogPath.of("mimic.log")).orElseThrow();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.open(mimic, 0, 10).readAllBytes())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("compressed file")
                    .hasMessageContaining("mimic.log cannot be read");
            LogEntry normal = store.find(LogPath.of("normal.log")).orElseThrow();
            assertThat(store.tail(normal, 5)).containsExactly("a normal line");
        }
    }

    @Test
    void isFoundByTheStoresServiceLoader() {
        assertThat(ServiceLoader.load(StoredFormat.class).stream().map(ServiceLoader.Provider::type).toList())
                .contains(SeekableZstdStoredFormat.class);
    }

    @Test
    void theStoreReadsACompressedFileBackUnchangedAndTheNextSyncFetchesNothing() throws Exception {
        FakeRemote remote = FakeRemote.create();
        byte[] content = Shapes.logLines(300_000, 3);
        content[content.length - 1] = '\n';
        remote.write("job-1/vllm_0.log", content).setModified("job-1/vllm_0.log", Instant.parse("2026-01-05T08:00:00Z"));
        try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(folder.resolve("data"), remote).build())) {
            mirror.syncNow();
            LogStore store = mirror.store();
            Path stored = folder.resolve("data/logs/job-1/vllm_0.log");
            FileCompressor.seekableZstd(Shapes.SMALL_FRAMES, folder.resolve("data/.logmirror/compress")).compress(stored);
            assertThat(Files.size(stored)).isLessThan(content.length / 3);

            LogEntry entry = store.find(LogPath.of("job-1/vllm_0.log")).orElseThrow();
            assertThat(entry.size()).isEqualTo(content.length);
            try (InputStream in = store.open(entry, 0, entry.size())) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            try (InputStream in = store.open(entry, 123_456, 70_000)) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 123_456, 193_456));
            }
            long from = store.tailOffset(entry, 100);
            List<String> expected = Arrays.asList(new String(content, (int) from, content.length - (int) from - 1,
                    StandardCharsets.UTF_8).split("\n", -1));
            assertThat(store.tail(entry, 100)).hasSize(100).isEqualTo(expected);

            int opens = remote.openCount("job-1/vllm_0.log");
            mirror.syncNow();
            assertThat(remote.openCount("job-1/vllm_0.log")).isEqualTo(opens);
            assertThat(io.logmirror.retention.StoredLogFile.isCompressed(stored)).isTrue();
        }
    }
}
