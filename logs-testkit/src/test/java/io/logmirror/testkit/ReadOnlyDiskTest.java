package io.logmirror.testkit;

import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.core.Categorizer;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mirror on a read-only disk (a failing disk remounted {@code ro} between two runs, a wrong mount): a clear error
 * naming the folder, or the mirror serving what it holds. Uses a real tmpfs ({@link SmallDisk}), so it runs as root
 * and fails instead of skipping when {@code CI=true}. (A disk turning read-only while the mirror runs cannot be
 * simulated this way: Linux refuses to remount a file system read-only while files on it are open for writing.)
 */
class ReadOnlyDiskTest {

    private SmallDisk disk;
    private FakeRemote remote;
    private Path data;

    @BeforeEach
    void mountASmallDisk() throws IOException {
        disk = SmallDisk.mountOrSkip(1 << 20);
        remote = FakeRemote.create();
        data = disk.root().resolve("data");
    }

    @AfterEach
    void unmount() throws IOException {
        try {
            if (remote != null) {
                remote.destroy();
            }
        } finally {
            if (disk != null) {
                disk.close();
            }
        }
    }

    @Test
    void aDataFolderThatCannotBeCreatedIsRefusedNamingItAndWhatToDo() {
        disk.readOnly(true);

        assertThatThrownBy(() -> LogMirror.open(LogMirrorConfig.builder(data, remote).build()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(data.toString())
                .hasMessageContaining("writable");
    }

    @Test
    void reopeningTheMirrorOnADiskThatTurnedReadOnlyEitherServesWhatItHoldsOrSaysWhichFolderIsReadOnly() throws Exception {
        remote.write("a.log", "kept\n");
        LogMirrorConfig config = LogMirrorConfig.builder(data, remote).build();
        try (LogMirror first = LogMirror.open(config)) {
            first.syncNow();
        }
        disk.readOnly(true);

        try (LogMirror reopened = LogMirror.open(config)) {
            assertThat(reopened.store().find(LogPath.of("a.log"))).isPresent();
        } catch (IOException e) {
            assertThat(e).hasMessageContaining(data.toString());
            if (e.getMessage().contains("openReadOnly")) {
                // The advice given must work: a read-only store serves what the mirror holds.
                try (LogStore store = LogStore.openReadOnly(data, Categorizer.uncategorized())) {
                    LogEntry entry = store.find(LogPath.of("a.log")).orElseThrow();
                    try (InputStream in = store.open(entry, 0, entry.size())) {
                        assertThat(in.readAllBytes()).isEqualTo("kept\n".getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }
}
