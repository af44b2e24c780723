package io.logmirror.core.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateJournalTest {

    @TempDir
    Path temp;

    @Test
    void readsAnAbsentJournalAsAnEmptyState() throws IOException {
        StateJournal.State state = StateJournal.read(temp.resolve("state"));

        assertThat(state.categories()).isEmpty();
        assertThat(state.gone()).isEmpty();
    }

    @Test
    void readsBackASnapshotAndTheRecordsAppendedAfterIt() throws IOException {
        Path file = temp.resolve("state");
        try (StateJournal journal = new StateJournal(file)) {
            journal.writeSnapshot(Map.of("a.log", "slurm", "b.log", "vllm"), Set.of("b.log"));
            journal.category("a.log", "server");
            journal.category("dir/with space\\and-backslash.log", "logs");
            journal.gone("a.log", true);
            journal.gone("b.log", false);
        }

        StateJournal.State state = StateJournal.read(file);

        assertThat(state.categories()).containsOnly(Map.entry("a.log", "server"), Map.entry("b.log", "vllm"),
                Map.entry("dir/with space\\and-backslash.log", "logs"));
        assertThat(state.gone()).containsExactly("a.log");
    }

    @Test
    void compactsToASnapshotReplacingWhatWasThere() throws IOException {
        Path file = temp.resolve("state");
        try (StateJournal journal = new StateJournal(file)) {
            journal.writeSnapshot(Map.of("old.log", "slurm"), Set.of());
            journal.category("old.log", "server");
            journal.writeSnapshot(Map.of("new.log", "logs"), Set.of());
        }

        assertThat(StateJournal.read(file).categories()).containsOnly(Map.entry("new.log", "logs"));
        assertThat(Files.readAllLines(file)).hasSize(2).first().isEqualTo("logmirror-state 1");
    }

    @Test
    void ignoresALineCutShortByACrash() throws IOException {
        Path file = temp.resolve("state");
        try (StateJournal journal = new StateJournal(file)) {
            journal.writeSnapshot(Map.of("a.log", "slurm"), Set.of());
        }
        Files.write(file, "C\tvll".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        assertThat(StateJournal.read(file).categories()).containsOnly(Map.entry("a.log", "slurm"));
    }

    @Test
    void refusesToAppendBeforeASnapshotOpenedIt() {
        StateJournal journal = new StateJournal(temp.resolve("state"));

        assertThatThrownBy(() -> journal.gone("a.log", true)).isInstanceOf(IOException.class)
                .hasMessageContaining("is closed");
    }
}
