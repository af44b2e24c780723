package io.logmirror.core.internal.sink;

import io.logmirror.core.LogPath;
import io.logmirror.core.sink.SinkCursor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileCursorStoreTest {

    @TempDir
    Path temp;

    @Test
    void readsBackWhatItCommittedAfterARestart() throws IOException {
        Path file = temp.resolve("sinks/loki.cursors");
        FileCursorStore store = new FileCursorStore(file);
        store.load();
        store.commit(Map.of(LogPath.of("a b/c.log"), new SinkCursor(10, 3, 1), LogPath.of("d.log"),
                new SinkCursor(5, 2, 0)), Set.of());
        store.commit(Map.of(LogPath.of("d.log"), new SinkCursor(7, 3, 0)), Set.of());

        Map<LogPath, SinkCursor> loaded = new FileCursorStore(file).load();

        assertThat(loaded).containsOnly(Map.entry(LogPath.of("a b/c.log"), new SinkCursor(10, 3, 1)),
                Map.entry(LogPath.of("d.log"), new SinkCursor(7, 3, 0)));
        assertThat(Files.exists(temp.resolve("sinks/loki.cursors.tmp"))).isFalse();
    }

    @Test
    void forgetsRemovedFiles() throws IOException {
        Path file = temp.resolve("cursors");
        FileCursorStore store = new FileCursorStore(file);
        store.commit(Map.of(LogPath.of("a.log"), new SinkCursor(1, 2, 0)), Set.of());
        store.commit(Map.of(), Set.of(LogPath.of("a.log")));

        assertThat(new FileCursorStore(file).load()).isEmpty();
    }

    @Test
    void startsEmptyWhenTheFileDoesNotExist() throws IOException {
        assertThat(new FileCursorStore(temp.resolve("none")).load()).isEmpty();
    }

    @Test
    void refusesADamagedFileNamingTheLine() throws IOException {
        Path file = temp.resolve("cursors");
        Files.writeString(file, "# logmirror sink cursors v1\n12\t1\t0\tok.log\nnot-a-number\t1\t0\tb.log\n");

        assertThatThrownBy(() -> new FileCursorStore(file).load()).isInstanceOf(IOException.class)
                .hasMessageContaining("line 3").hasMessageContaining(file.toString());
    }

    @Test
    void refusesAFileThatIsNotACursorFile() throws IOException {
        Path file = temp.resolve("cursors");
        Files.writeString(file, "hello\n");

        assertThatThrownBy(() -> new FileCursorStore(file).load()).isInstanceOf(IOException.class)
                .hasMessageContaining("not a cursor file");
    }

    @Test
    void refusesAPathThatWouldLeaveTheMirror() throws IOException {
        Path file = temp.resolve("cursors");
        Files.writeString(file, "# logmirror sink cursors v1\n1\t1\t0\t../etc/passwd\n");

        assertThatThrownBy(() -> new FileCursorStore(file).load()).isInstanceOf(IOException.class)
                .hasMessageContaining("line 2");
    }
}
