package io.logmirror.core.internal.store;

import io.logmirror.core.Category;
import io.logmirror.core.CategoryStats;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogIndexTest {

    private record Model(Category category, long size, Instant modified, boolean gone) { }

    private static final Comparator<Map.Entry<String, Model>> NEWEST_FIRST =
            Comparator.<Map.Entry<String, Model>, Instant>comparing(e -> e.getValue().modified()).reversed()
                    .thenComparing(Map.Entry::getKey);

    @Test
    void agreesWithASimpleModelAfterManyRandomUpdates() {
        LogIndex index = new LogIndex(Category.STANDARD, 4);
        Map<String, Model> model = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 20_000; step++) {
            String path = "job-" + random.nextInt(50) + "/file-" + random.nextInt(40) + (random.nextInt(20) == 0 ? "/.h" : "");
            Category category = Category.STANDARD.get(random.nextInt(Category.STANDARD.size()));
            // few distinct times so that ties by path are exercised
            Instant modified = Instant.ofEpochSecond(random.nextInt(300), random.nextInt(3) * 7);
            long size = random.nextInt(1000);
            boolean gone = random.nextInt(10) == 0;
            if (random.nextInt(4) == 0) { // removals free ids that later files reuse, and hash slots
                assertThat(index.remove(LogPath.of(path))).isEqualTo(model.remove(path) != null);
                continue;
            }
            index.put(LogPath.of(path), category, size, modified, gone);
            model.put(path, new Model(category, size, modified, gone));
        }

        assertThat(index.size()).isEqualTo(model.size());
        for (Category category : Category.STANDARD) {
            List<String> expected = model.entrySet().stream()
                    .filter(e -> e.getValue().category().equals(category))
                    .filter(e -> !LogPath.of(e.getKey()).isHidden())
                    .sorted(NEWEST_FIRST).limit(50).map(Map.Entry::getKey).toList();
            assertThat(paths(index.list(LogQuery.newest(50).inCategory(category)))).containsExactlyElementsOf(expected);
        }
        List<String> all = model.entrySet().stream().sorted(NEWEST_FIRST).map(Map.Entry::getKey).toList();
        assertThat(paths(index.list(LogQuery.newest(100_000).withHidden()))).containsExactlyElementsOf(all);
        for (CategoryStats stats : index.stats(Category.STANDARD)) {
            List<Model> in = model.entrySet().stream()
                    .filter(e -> e.getValue().category().equals(stats.category()))
                    .filter(e -> !LogPath.of(e.getKey()).isHidden())
                    .map(Map.Entry::getValue).toList();
            assertThat(stats.fileCount()).isEqualTo(in.size());
            assertThat(stats.totalBytes()).isEqualTo(in.stream().mapToLong(Model::size).sum());
            assertThat(stats.latestModified()).isEqualTo(in.stream().map(Model::modified).max(Comparator.naturalOrder()));
        }
        model.forEach((path, m) -> {
            LogEntry entry = index.find(LogPath.of(path)).orElseThrow();
            assertThat(entry.size()).isEqualTo(m.size());
            assertThat(entry.goneRemotely()).isEqualTo(m.gone());
        });
    }

    @Test
    void keepsUnknownCategoriesAfterTheKnownOnesInStats() {
        LogIndex index = new LogIndex(List.of(Category.SERVER), 1);
        index.put(LogPath.of("a"), Category.of("custom"), 5, Instant.EPOCH, false);

        assertThat(index.stats(List.of(Category.SERVER))).extracting(CategoryStats::category)
                .containsExactly(Category.SERVER, Category.of("custom"));
    }

    @Test
    void numbersGenerationsAfterTheNewestKeptOne() {
        LogIndex index = new LogIndex(Category.STANDARD, 1);
        LogPath path = LogPath.of("a.log");
        index.put(path, Category.LOGS, 1, Instant.EPOCH, false);
        assertThat(index.nextGenerationNumber(path)).isEqualTo(1);

        index.setGenerations(path, new ArrayList<>(List.of(new LogIndex.Generation(2, 7, Instant.EPOCH, java.util.Optional.empty()))));

        assertThat(index.nextGenerationNumber(path)).isEqualTo(3);
        assertThat(index.generations(path)).extracting(LogEntry::generation).containsExactly(2);
    }

    @Test
    void removingAFileForgetsItAndItsGenerationsAndLeavesTheOthersFindable() {
        LogIndex index = new LogIndex(Category.STANDARD, 2);
        for (int i = 0; i < 100; i++) {
            index.put(LogPath.of("f-" + i), Category.LOGS, i, Instant.ofEpochSecond(i), false);
        }
        index.addGeneration(LogPath.of("f-7"), 1, 3, Instant.EPOCH, Category.LOGS);

        assertThat(index.remove(LogPath.of("f-7"))).isTrue();
        assertThat(index.remove(LogPath.of("f-7"))).isFalse();

        assertThat(index.find(LogPath.of("f-7"))).isEmpty();
        assertThat(index.generations(LogPath.of("f-7"))).isEmpty();
        assertThat(index.size()).isEqualTo(99);
        for (int i = 0; i < 100; i++) {
            assertThat(index.find(LogPath.of("f-" + i)).isPresent()).as("f-" + i).isEqualTo(i != 7);
        }
        assertThat(index.stats(List.of(Category.LOGS)).get(0).fileCount()).isEqualTo(99);
        index.put(LogPath.of("new"), Category.LOGS, 1, Instant.ofEpochSecond(1000), false);
        assertThat(index.generations(LogPath.of("new"))).as("a reused id brings no old generation").isEmpty();
        assertThat(paths(index.list(LogQuery.newest(2)))).containsExactly("new", "f-99");
    }

    @Test
    void removesOneKeptGenerationAndKeepsTheOthers() {
        LogIndex index = new LogIndex(Category.STANDARD, 2);
        LogPath path = LogPath.of("a.log");
        index.put(path, Category.LOGS, 1, Instant.EPOCH, false);
        index.addGeneration(path, 1, 3, Instant.EPOCH, Category.LOGS);
        index.addGeneration(path, 2, 4, Instant.EPOCH, Category.LOGS);

        assertThat(index.removeGeneration(path, 1)).isTrue();
        assertThat(index.removeGeneration(path, 1)).isFalse();

        assertThat(index.generations(path)).extracting(LogEntry::generation).containsExactly(2);
        assertThat(index.nextGenerationNumber(path)).isEqualTo(3);
    }

    private static List<String> paths(List<LogEntry> entries) {
        return entries.stream().map(e -> e.path().toString()).toList();
    }

    @Test
    void journalStateHoldsEveryFilesCategoryAndTheGoneMarksAfterUpdates() {
        LogIndex index = new LogIndex(Category.STANDARD, 4);
        index.put(LogPath.of("a.log"), Category.SLURM, 1, Instant.ofEpochSecond(1), false);
        index.put(LogPath.of("dir/.hidden"), Category.of("custom"), 2, Instant.ofEpochSecond(2), true);
        index.put(LogPath.of("b.log"), Category.SERVER, 3, Instant.ofEpochSecond(3), true);
        index.put(LogPath.of("b.log"), Category.VLLM, 4, Instant.ofEpochSecond(4), false);

        StateJournal.State state = index.journalState();

        assertThat(state.categories()).containsOnly(Map.entry("a.log", "slurm"), Map.entry("dir/.hidden", "custom"),
                Map.entry("b.log", "vllm"));
        assertThat(state.gone()).containsOnly("dir/.hidden");
    }
}
