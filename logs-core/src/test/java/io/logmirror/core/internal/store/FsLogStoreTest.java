package io.logmirror.core.internal.store;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.CategoryStats;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;
import io.logmirror.core.LogStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FsLogStoreTest {

    @TempDir
    Path temp;

    Path data;
    FsLogStore store;
    final Categorizer categorizer = Categorizer.uncategorized();
    final RecordingPublisher published = new RecordingPublisher();

    @BeforeEach
    void setUp() throws IOException {
        data = temp.resolve("data");
        store = FsLogStore.open(data, categorizer, true, dir -> published);
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
    }

    private LogEntry add(String path, String content, long mtime, Category category) throws IOException {
        return add(store, path, content.getBytes(StandardCharsets.UTF_8), mtime, category);
    }

    static LogEntry add(FsLogStore store, String path, byte[] content, long mtime, Category category)
            throws IOException {
        LogPath logPath = LogPath.of(path);
        store.staging().write(logPath, 0, new ByteArrayInputStream(content), content.length, n -> { });
        if (store.find(logPath).isPresent()) {
            return store.writer().commitReplace(logPath, category, Instant.ofEpochSecond(mtime)).entry();
        }
        return store.writer().commitNew(logPath, category, Instant.ofEpochSecond(mtime));
    }

    private String read(LogEntry entry, long offset, long length) throws IOException {
        try (InputStream in = store.open(entry, offset, length)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String tail(String content, int lines) throws IOException {
        LogEntry entry = add("t.log", content, 100, Category.LOGS);
        long from = store.tailOffset(entry, lines);
        return read(entry, from, entry.size() - from);
    }

    private static List<String> paths(List<LogEntry> entries) {
        return entries.stream().map(e -> e.path().toString()).toList();
    }

    @Test
    void listsNewestFirstWithTiesByPathAndHonoursTheLimit() throws IOException {
        add("b.log", "x", 100, Category.SERVER);
        add("a.log", "x", 100, Category.SERVER);
        add("c.log", "x", 300, Category.CLIENT);
        add("d.log", "x", 200, Category.SERVER);

        assertThat(paths(store.list(LogQuery.newest(10)))).containsExactly("c.log", "d.log", "a.log", "b.log");
        assertThat(paths(store.list(LogQuery.newest(2)))).containsExactly("c.log", "d.log");
        assertThat(paths(store.list(LogQuery.newest(10).inCategory(Category.SERVER))))
                .containsExactly("d.log", "a.log", "b.log");
        assertThat(store.list(LogQuery.newest(10).inCategory(Category.of("nothing-here")))).isEmpty();
    }

    @Test
    void hidesFilesWhoseNameStartsWithADotFromListingsAndTotalsUnlessAsked() throws IOException {
        add(".hidden.log", "x", 300, Category.SERVER);
        add("dir/.cache/x.log", "x", 200, Category.SERVER);
        add("visible.log", "x", 100, Category.SERVER);

        assertThat(paths(store.list(LogQuery.newest(10)))).containsExactly("dir/.cache/x.log", "visible.log");
        assertThat(paths(store.list(LogQuery.newest(10).inCategory(Category.SERVER).withHidden())))
                .containsExactly(".hidden.log", "dir/.cache/x.log", "visible.log");
        assertThat(store.fileCount()).isEqualTo(3);
        CategoryStats server = store.statsByCategory().stream()
                .filter(stats -> stats.category().equals(Category.SERVER)).findFirst().orElseThrow();
        assertThat(server.fileCount()).as("totals count what listings show").isEqualTo(2);
        assertThat(server.totalBytes()).isEqualTo(2);
        assertThat(server.latestModified()).contains(store.find(LogPath.of("dir/.cache/x.log")).orElseThrow().modified());
    }

    @Test
    void reordersAFileWhenItsModificationTimeChanges() throws IOException {
        add("a.log", "x", 100, Category.SERVER);
        add("b.log", "x", 200, Category.SERVER);

        store.writer().commitTouch(LogPath.of("a.log"), Instant.ofEpochSecond(300));

        assertThat(paths(store.list(LogQuery.newest(10)))).containsExactly("a.log", "b.log");
    }

    @Test
    void statsCoverEveryKnownCategoryInOrderIncludingEmptyOnes() throws IOException {
        add("a.log", "12345", 100, Category.SLURM);
        add("b.log", "123", 200, Category.SLURM);

        List<CategoryStats> stats = store.statsByCategory();

        assertThat(stats).extracting(CategoryStats::category).containsExactlyElementsOf(Category.STANDARD);
        CategoryStats slurm = stats.stream().filter(s -> s.category().equals(Category.SLURM)).findFirst().orElseThrow();
        assertThat(slurm.fileCount()).isEqualTo(2);
        assertThat(slurm.totalBytes()).isEqualTo(8);
        assertThat(slurm.latestModified()).contains(Instant.ofEpochSecond(200));
        assertThat(stats.get(0).latestModified()).isEmpty();
    }

    @Test
    void tailGivesExactlyTheLastLinesOfAFileEndingInANewline() throws IOException {
        assertThat(tail("1\n2\n3\n4\n", 2)).isEqualTo("3\n4\n");
    }

    @Test
    void tailCountsAFinalLineWithoutNewline() throws IOException {
        assertThat(tail("1\n2\n3", 2)).isEqualTo("2\n3");
    }

    @Test
    void tailOfAnEmptyFileIsEmpty() throws IOException {
        assertThat(tail("", 5)).isEmpty();
    }

    @Test
    void tailReturnsTheWholeFileWhenItHasFewerLines() throws IOException {
        assertThat(tail("1\n2\n", 10)).isEqualTo("1\n2\n");
        assertThat(tail("only", 1)).isEqualTo("only");
    }

    @Test
    void tailKeepsCarriageReturnsOfCrlfLines() throws IOException {
        assertThat(tail("a\r\nb\r\nc\r\n", 2)).isEqualTo("b\r\nc\r\n");
    }

    @Test
    void tailCountsEmptyLines() throws IOException {
        assertThat(tail("a\n\n\nb\n", 3)).isEqualTo("\n\nb\n");
    }

    @Test
    void tailFindsLinesAcrossReadBlocks() throws IOException {
        String longLine = "x".repeat(150_000);
        String content = "first\n" + longLine + "\nsecond\n" + longLine + "\n";

        assertThat(tail(content, 2)).isEqualTo("second\n" + longLine + "\n");
        assertThat(tail(content, 4)).isEqualTo(content);
    }

    @Test
    void tailRejectsLessThanOneLine() throws IOException {
        LogEntry entry = add("a.log", "x\n", 100, Category.LOGS);

        assertThatThrownBy(() -> store.tailOffset(entry, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lines must be at least 1");
    }

    @Test
    void opensAByteRangeAndStopsAtTheEndOfTheFile() throws IOException {
        LogEntry entry = add("a.log", "0123456789", 100, Category.LOGS);

        assertThat(read(entry, 2, 3)).isEqualTo("234");
        assertThat(read(entry, 8, 100)).isEqualTo("89");
        assertThat(read(entry, 20, 5)).isEmpty();
        assertThatThrownBy(() -> store.open(entry, -1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.log");
    }

    @Test
    void keepsEveryPreviousGenerationReadableOldestFirst() throws IOException {
        add("a.log", "first", 100, Category.LOGS);
        add("a.log", "second", 200, Category.LOGS);
        add("a.log", "third", 300, Category.LOGS);

        List<LogEntry> generations = store.generations(LogPath.of("a.log"));

        assertThat(generations).extracting(LogEntry::generation).containsExactly(1, 2);
        assertThat(read(generations.get(0), 0, 100)).isEqualTo("first");
        assertThat(read(generations.get(1), 0, 100)).isEqualTo("second");
        assertThat(generations.get(0).modified()).isEqualTo(Instant.ofEpochSecond(100));
        LogEntry current = store.find(LogPath.of("a.log")).orElseThrow();
        assertThat(current.isCurrent()).isTrue();
        assertThat(read(current, 0, 100)).isEqualTo("third");
        assertThat(store.fileCount()).isEqualTo(1);
    }

    @Test
    void replacingWithNothingStagedFailsAndKeepsTheCurrentFile() throws IOException {
        add("a.log", "first", 100, Category.LOGS);

        assertThatThrownBy(() -> store.writer().commitReplace(LogPath.of("a.log"), Category.LOGS, Instant.ofEpochSecond(200)))
                .isInstanceOf(IOException.class);
        assertThat(store.generations(LogPath.of("a.log"))).isEmpty();
        assertThat(read(store.find(LogPath.of("a.log")).orElseThrow(), 0, 100)).isEqualTo("first");
    }

    @Test
    void linksEveryFileIntoItsCategoryWithARelativeSymlink() throws IOException {
        add("job-1/deep/slurm-1.out", "s", 100, Category.SLURM);
        add("top.log", "t", 100, Category.SERVER);

        Path link = data.resolve("categorized/slurm/job-1/deep/slurm-1.out");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link).toString()).isEqualTo("../../../../logs/job-1/deep/slurm-1.out");
        assertThat(Files.readString(link)).isEqualTo("s");
        assertThat(Files.readSymbolicLink(data.resolve("categorized/server/top.log")).toString())
                .isEqualTo("../../logs/top.log");
    }

    @Test
    void linksNoHiddenFileAsTheOriginalListedNone() throws IOException {
        add("dir/.hidden.log", "h", 100, Category.SERVER);
        add(".cache/visible.log", "v", 100, Category.SERVER);

        assertThat(Files.exists(data.resolve("categorized/server/dir/.hidden.log"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(Files.readString(data.resolve("categorized/server/.cache/visible.log"))).isEqualTo("v");
        store.close();
        store = FsLogStore.open(data, categorizer, true, dir -> published);
        assertThat(Files.exists(data.resolve("categorized/server/dir/.hidden.log"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .as("not created by the repair on open either").isFalse();
        assertThat(store.find(LogPath.of("dir/.hidden.log"))).isPresent();
    }

    @Test
    void movesTheLinkWhenAFileChangesCategory() throws IOException {
        add("a.log", "x", 100, Category.SERVER);

        store.writer().commitAppend(LogPath.of("a.log"), 1, 1, Optional.empty(), Optional.of(Category.CLIENT));

        assertThat(Files.exists(data.resolve("categorized/server/a.log"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(Files.readString(data.resolve("categorized/client/a.log"))).isEqualTo("x");
        assertThat(store.list(LogQuery.newest(5).inCategory(Category.CLIENT))).hasSize(1);
        assertThat(store.list(LogQuery.newest(5).inCategory(Category.SERVER))).isEmpty();
    }

    @Test
    void createsNoLinksWhenTheyAreTurnedOff() throws IOException {
        store.close();
        store = FsLogStore.open(data, categorizer, false, dir -> published);

        add("a.log", "x", 100, Category.SERVER);

        assertThat(Files.exists(data.resolve("categorized/server/a.log"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void rebuildsIndexCategoriesGoneMarksAndGenerationsOnRestart() throws IOException {
        add("a.log", "one", 100, Category.SLURM);
        add("a.log", "two", 200, Category.SLURM);
        add("dir/b.log", "bbb", 300, Category.VLLM);
        store.writer().markGone(LogPath.of("dir/b.log"));
        Files.delete(data.resolve("categorized/slurm/a.log"));
        store.close();

        store = FsLogStore.open(data, categorizer, true, dir -> published);

        assertThat(paths(store.list(LogQuery.newest(10)))).containsExactly("dir/b.log", "a.log");
        LogEntry b = store.find(LogPath.of("dir/b.log")).orElseThrow();
        assertThat(b.category()).isEqualTo(Category.VLLM);
        assertThat(b.goneRemotely()).isTrue();
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.modified()).isEqualTo(Instant.ofEpochSecond(300));
        assertThat(store.generations(LogPath.of("a.log"))).extracting(LogEntry::size).containsExactly(3L);
        assertThat(Files.readString(data.resolve("categorized/slurm/a.log"))).isEqualTo("two");
    }

    @Test
    void categorizesFilesTheJournalDoesNotKnowWhenRebuilding() throws IOException {
        store.close();
        Files.createDirectories(data.resolve("logs/x"));
        Files.writeString(data.resolve("logs/x/slurm-9.out"), "hi");
        Categorizer bySlurm = new Categorizer() {
            @Override
            public Category categorize(LogPath path, byte[] head) {
                return path.fileName().startsWith("slurm") ? Category.SLURM : Category.UNCATEGORIZED;
            }

            @Override
            public List<Category> categories() {
                return Category.STANDARD;
            }
        };

        store = FsLogStore.open(data, bySlurm, true, dir -> published);

        assertThat(store.find(LogPath.of("x/slurm-9.out")).orElseThrow().category()).isEqualTo(Category.SLURM);
        assertThat(Files.readString(data.resolve("categorized/slurm/x/slurm-9.out"))).isEqualTo("hi");
    }

    @Test
    void categorizesAgainOnOpenAFileWhoseJournaledCategoryTheRulesNoLongerHave() throws IOException {
        Category gpu = Category.of("gpu");
        store.close();
        store = FsLogStore.open(data, withCategories(List.of(gpu, Category.UNCATEGORIZED), gpu), true, dir -> published);
        add("job/gpu-0.log", "x", 100, gpu);
        store.writer().flush();
        store.close();

        store = FsLogStore.open(data, withCategories(List.of(Category.SLURM, Category.UNCATEGORIZED), Category.SLURM),
                true, dir -> published);

        LogEntry entry = store.find(LogPath.of("job/gpu-0.log")).orElseThrow();
        assertThat(entry.category()).isEqualTo(Category.SLURM);
        assertThat(store.list(LogQuery.newest(10).inCategory(gpu))).isEmpty();
        assertThat(Files.exists(data.resolve("categorized/gpu/job/gpu-0.log"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .as("listing and reading agree: no link under the dropped category").isFalse();
        assertThat(Files.readString(data.resolve("categorized/slurm/job/gpu-0.log"))).isEqualTo("x");
    }

    private static Categorizer withCategories(List<Category> categories, Category always) {
        return new Categorizer() {
            @Override
            public Category categorize(LogPath path, byte[] head) {
                return always;
            }

            @Override
            public List<Category> categories() {
                return categories;
            }
        };
    }

    @Test
    void keepsJournaledCategoriesAndDerivesAgainOneWhoseNameIsNotACategory() throws IOException {
        add("a.log", "a", 100, Category.SLURM);
        add("b.log", "b", 100, Category.SLURM);
        store.close();
        Files.writeString(data.resolve(".logmirror/state"), "logmirror-state 1\nC\tslurm\ta.log\nC\tNot A Name\tb.log\n");

        store = FsLogStore.open(data, categorizer, true, dir -> published);

        assertThat(store.find(LogPath.of("a.log")).orElseThrow().category()).isEqualTo(Category.SLURM);
        assertThat(store.find(LogPath.of("b.log")).orElseThrow().category()).isEqualTo(Category.UNCATEGORIZED);
    }

    @Test
    void refusesToReadThroughASymlinkPlantedToPointOutOfTheDataFolder() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "secret");
        LogEntry entry = add("a.log", "x", 100, Category.LOGS);
        Files.delete(data.resolve("logs/a.log"));
        Files.createSymbolicLink(data.resolve("logs/a.log"), secret);

        assertThatThrownBy(() -> store.open(entry, 0, 100)).isInstanceOf(IOException.class)
                .hasMessageContaining("refusing to read").hasMessageContaining("outside the mirror");
        assertThatThrownBy(() -> store.tailOffset(entry, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("refusing to read");
    }

    @Test
    void refusesToReadThroughAPlantedSymlinkedFolder() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("a.log"), "secret");
        LogEntry entry = add("dir/a.log", "x", 100, Category.LOGS);
        Files.delete(data.resolve("logs/dir/a.log"));
        Files.delete(data.resolve("logs/dir"));
        Files.createSymbolicLink(data.resolve("logs/dir"), outside);

        assertThatThrownBy(() -> store.open(entry, 0, 100)).isInstanceOf(IOException.class)
                .hasMessageContaining("refusing to read");
        assertThatThrownBy(() -> add("dir/b.log", "x", 100, Category.LOGS)).isInstanceOf(IOException.class)
                .hasMessageContaining("refusing to write");
        assertThat(outside.resolve("b.log")).doesNotExist();
    }

    @Test
    void ignoresPlantedSymlinksWhenRebuilding() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(data.resolve("logs/planted.log"), secret);
        store.close();

        store = FsLogStore.open(data, categorizer, true, dir -> published);

        assertThat(store.find(LogPath.of("planted.log"))).isEmpty();
    }

    @Test
    void opensReadOnlyBesideTheWriterAndRefusesWrites() throws IOException {
        add("a.log", "x", 100, Category.SLURM);
        store.writer().flush(); // as the syncer does at the end of each sync

        try (LogStore readOnly = LogStore.openReadOnly(data, categorizer)) {
            assertThat(readOnly.find(LogPath.of("a.log")).orElseThrow().category()).isEqualTo(Category.SLURM);
            assertThatThrownBy(() -> add((FsLogStore) readOnly, "b.log", new byte[1], 1, Category.LOGS))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void readOnlyOpenOfAMissingFolderSaysWhatToDo() {
        assertThatThrownBy(() -> LogStore.openReadOnly(temp.resolve("nope"), categorizer))
                .isInstanceOf(java.nio.file.NoSuchFileException.class).hasMessageContaining("data folder does not exist");
    }

    @Test
    void refusesASecondWriterOnTheSameDataFolder() {
        assertThatThrownBy(() -> FsLogStore.open(data, categorizer, true, dir -> published)).isInstanceOf(IOException.class)
                .hasMessageContaining("already in use by another LogMirror");
    }

    @Test
    void keepsATimeBefore1970WithAFractionAsWholeSecondsOnDiskAndInTheIndex() throws IOException {
        Instant remote = Instant.parse("1960-02-29T12:34:56.789Z");

        LogEntry entry = store.writer().commitNew(stage("old.log"), Category.LOGS, remote);

        assertThat(entry.modified()).isEqualTo(Instant.parse("1960-02-29T12:34:56Z"));
        assertThat(java.nio.file.Files.getLastModifiedTime(data.resolve("logs/old.log")).toInstant())
                .isEqualTo(entry.modified());
        assertThat(store.localPrecision(remote)).isEqualTo(entry.modified());
        assertThat(store.localPrecision(Instant.parse("2024-01-01T00:00:00.123456789Z")))
                .isEqualTo(Instant.parse("2024-01-01T00:00:00.123456789Z"));
    }

    @Test
    void flushingWritesTheBufferedRecordsToTheStateJournal() throws IOException {
        add("a.log", "x", 100, Category.SLURM);
        store.writer().flush();

        assertThat(StateJournal.read(data.resolve(".logmirror/state")).categories()).containsEntry("a.log", "slurm");
    }

    private LogPath stage(String path) throws IOException {
        LogPath logPath = LogPath.of(path);
        store.staging().write(logPath, 0, new ByteArrayInputStream(new byte[] {'x'}), 1, n -> { });
        return logPath;
    }

    @Test
    void findsNothingForAnUnknownPath() {
        assertThat(store.find(LogPath.of("nope.log"))).isEqualTo(Optional.empty());
        assertThat(store.generations(LogPath.of("nope.log"))).isEmpty();
    }
}
