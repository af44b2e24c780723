package io.logmirror.core.internal.sink;

import io.logmirror.core.LogPath;
import io.logmirror.core.sink.SinkCursor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryCursorStoreTest {

    @Test
    void keepsCommittedCursorsAndForgetsRemovedOnes() {
        MemoryCursorStore store = new MemoryCursorStore();
        store.commit(Map.of(LogPath.of("a"), new SinkCursor(1, 2, 0), LogPath.of("b"), new SinkCursor(3, 4, 0)),
                Set.of());
        store.commit(Map.of(), Set.of(LogPath.of("a")));

        assertThat(store.load()).containsOnlyKeys(LogPath.of("b"));
    }
}
