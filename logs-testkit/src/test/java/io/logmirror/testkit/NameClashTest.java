package io.logmirror.testkit;

import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.SyncReport;
import io.logmirror.testkit.internal.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote name that clashes with what the mirror keeps: a file replaced by a folder of the same name, or a folder
 * replaced by a file. The mirror keeps files gone remotely, so the old shape is still on disk when the new one
 * arrives. Either the new file is mirrored and the old content stays readable through the store, or the sync
 * reports the clash naming the local path in the way (not the mirror's internal folders); either way nothing is
 * lost and the other files sync.
 */
class NameClashTest {

    @RegisterExtension
    final FakeRemoteExtension cluster = new FakeRemoteExtension();

    @Test
    void aFileReplacedByAFolderOfTheSameNameLosesNothingAndIsEitherMirroredOrReportedClearly() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("job-1", "old file\n").write("other.log", "1\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.delete("job-1").write("job-1/slurm-1.out", "new file in a folder\n").append("other.log", "2\n");

        SyncReport first = mirror.syncNow();
        SyncReport second = mirror.syncNow();

        assertThat(logs("other.log")).hasContent("1\n2\n");
        assertThat(readable(mirror.store(), "job-1")).as("the old file stays readable").contains("old file\n");
        assertMirroredOrClashReported(mirror.store(), second, "job-1/slurm-1.out", "new file in a folder\n", "job-1");
        assertThat(first.failures()).extracting(SkippedEntry::name).doesNotContain("other.log");
        if (!assertAdviceToRestartWorks(mirror, second, "job-1/slurm-1.out")) {
            assertMovingThePathInTheWayOutLetsTheNextSyncMirrorIt(mirror, second, "job-1/slurm-1.out",
                    "new file in a folder\n", "job-1", "old file\n");
        }
    }

    @Test
    void aFolderReplacedByAFileOfTheSameNameLosesNothingAndIsEitherMirroredOrReportedClearly() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("job-1/slurm-1.out", "old file in a folder\n").write("other.log", "1\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.delete("job-1").write("job-1", "new file\n").append("other.log", "2\n");

        SyncReport first = mirror.syncNow();
        SyncReport second = mirror.syncNow();

        assertThat(logs("other.log")).hasContent("1\n2\n");
        assertThat(readable(mirror.store(), "job-1/slurm-1.out")).as("the old file stays readable")
                .contains("old file in a folder\n");
        assertMirroredOrClashReported(mirror.store(), second, "job-1", "new file\n", "job-1");
        assertThat(first.failures()).extracting(SkippedEntry::name).doesNotContain("other.log");
        if (!assertAdviceToRestartWorks(mirror, second, "job-1")) {
            assertMovingThePathInTheWayOutLetsTheNextSyncMirrorIt(mirror, second, "job-1", "new file\n",
                    "job-1", "old file in a folder\n");
        }
    }

    // ------------------------------------------------------------------ helpers

    private void assertMirroredOrClashReported(LogStore store, SyncReport report, String path, String content,
                                               String inTheWay) throws IOException {
        Optional<LogEntry> entry = store.find(LogPath.of(path));
        if (entry.isPresent() && !entry.get().goneRemotely()) {
            assertThat(read(store, entry.get())).isEqualTo(content);
            assertThat(report.failures()).extracting(SkippedEntry::name).doesNotContain(path);
            return;
        }
        assertThat(report.failures()).as("%s is neither mirrored nor reported", path)
                .filteredOn(f -> f.name().equals(path)).singleElement().satisfies(failure -> {
                    assertThat(failure.reason()).as("names the local path in the way")
                            .contains(inTheWay);
                    assertThat(failure.reason()).as("does not blame the mirror's internal folders")
                            .doesNotContain(".logmirror");
                });
    }

    /** A reason that tells the user to restart must be right: after a restart the file syncs. Whether it checked. */
    private boolean assertAdviceToRestartWorks(LogMirror mirror, SyncReport report, String path) throws Exception {
        Optional<SkippedEntry> failure = report.failures().stream().filter(f -> f.name().equals(path)).findFirst();
        if (failure.isEmpty() || !failure.get().reason().toLowerCase(java.util.Locale.ROOT).contains("restart")) {
            return false;
        }
        mirror.close();
        try (LogMirror restarted = LogMirror.open(cluster.configBuilder().build())) {
            assertThat(restarted.syncNow().failures()).as("the reason said '%s', so a restart should fix it",
                    failure.get().reason()).extracting(SkippedEntry::name).doesNotContain(path);
        }
        return true;
    }

    /**
     * What a user does with a reported clash: move the kept file or folder out of the data folder. Then the next
     * sync mirrors the remote's new shape, and the moved copy is intact.
     */
    private void assertMovingThePathInTheWayOutLetsTheNextSyncMirrorIt(LogMirror mirror, SyncReport report, String path,
                                                                       String content, String inTheWay,
                                                                       String oldContent) throws Exception {
        if (report.failures().stream().noneMatch(f -> f.name().equals(path))) {
            return;
        }
        Path outside = Files.createTempDirectory("logmirror-clash-");
        try {
            Path moved = outside.resolve("kept");
            Files.move(logs(inTheWay), moved);

            SyncReport next = mirror.syncNow();

            assertThat(next.failures()).extracting(SkippedEntry::name).doesNotContain(path);
            assertThat(logs(path)).hasContent(content);
            try (var walk = Files.walk(moved)) {
                assertThat(walk.filter(Files::isRegularFile).map(NameClashTest::text))
                        .as("the moved copy").containsExactly(oldContent);
            }
        } finally {
            Folders.deleteTree(outside);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The contents of {@code path} the store can still serve: its current file, if any, and its kept generations. */
    private static List<String> readable(LogStore store, String path) throws IOException {
        List<String> contents = new ArrayList<>();
        Optional<LogEntry> current = store.find(LogPath.of(path));
        if (current.isPresent()) {
            contents.add(read(store, current.get()));
        }
        for (LogEntry generation : store.generations(LogPath.of(path))) {
            contents.add(read(store, generation));
        }
        return contents;
    }

    private static String read(LogStore store, LogEntry entry) throws IOException {
        try (InputStream in = store.open(entry, 0, entry.size())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private Path logs(String path) {
        return LogPath.of(path).resolveAgainst(cluster.dataDirectory().resolve("logs"));
    }
}
