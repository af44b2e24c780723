package io.logmirror.testkit;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.SyncReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.logmirror.testkit.MirrorFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mirror algorithm's rules (docs/architecture.md, "The mirror algorithm"), one test each, checked through
 * the public API only: {@link LogMirror} over a {@link FakeRemote}, and the files under the data folder.
 */
class MirrorRulesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int WINDOW = LogMirrorConfig.DEFAULT_GROWTH_CHECK_WINDOW;

    @RegisterExtension
    final FakeRemoteExtension cluster = new FakeRemoteExtension();

    // ------------------------------------------------------------------ new files

    @Test
    void aNewFileAppearsOnlyWholeUnderItsFinalName() throws Exception {
        FakeRemote remote = cluster.remote();
        byte[] content = bytes(100_000, 1);
        remote.write("job-1/big.log", content);
        LogMirror mirror = cluster.openMirror();

        CompletableFuture<SyncReport> sync;
        try (FakeRemote.ReadPause pause = remote.pauseNextRead("job-1/big.log", 10_000)) {
            sync = mirror.requestSync();
            pause.awaitPaused(PATIENCE);

            assertThat(logs("job-1/big.log")).doesNotExist();
            assertThat(mirror.store().find(LogPath.of("job-1/big.log"))).isEmpty();
        }
        SyncReport report = sync.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(report.filesAdded()).isEqualTo(1);
        assertThat(Files.readAllBytes(logs("job-1/big.log"))).isEqualTo(content);
    }

    @Test
    void aNewFileWhoseReadFailsPartWayIsNotPutUnderItsFinalNameAndTheNextSyncFetchesIt() throws Exception {
        FakeRemote remote = cluster.remote();
        byte[] content = bytes(50_000, 2);
        remote.write("a.log", content).write("b.log", "other\n").failNextRead("a.log", 20_000);
        LogMirror mirror = cluster.openMirror();

        SyncReport first = mirror.syncNow();

        assertThat(first.failures()).extracting(SkippedEntry::name).containsExactly("a.log");
        assertThat(logs("a.log")).doesNotExist();
        assertThat(mirror.store().find(LogPath.of("a.log"))).isEmpty();
        assertThat(logs("b.log")).hasContent("other\n");

        SyncReport second = mirror.syncNow();

        assertThat(second.failures()).isEmpty();
        assertThat(second.filesAdded()).isEqualTo(1);
        assertThat(Files.readAllBytes(logs("a.log"))).isEqualTo(content);
    }

    // ------------------------------------------------------------------ unchanged and grown files

    @Test
    void anUnchangedFileCostsNoRead() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", bytes(10_000, 3)).write("sub/b.log", "b\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.resetCounters();

        SyncReport report = mirror.syncNow();

        assertThat(remote.openCount()).isZero();
        assertThat(remote.bytesRead()).isZero();
        assertThat(remote.listCount()).isEqualTo(1);
        assertThat(report.changedAnything()).isFalse();
        assertThat(report.bytesFetched()).isZero();
    }

    @Test
    void aGrownFileCostsOnlyItsNewBytesAndTheCheckWindowBeforeItsOldEnd() throws Exception {
        FakeRemote remote = cluster.remote();
        byte[] old = bytes(10_000, 4);
        byte[] appended = bytes(3_000, 5);
        remote.write("a.log", old);
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.append("a.log", appended).resetCounters();

        SyncReport report = mirror.syncNow();

        assertThat(remote.bytesRead("a.log")).isEqualTo(appended.length + WINDOW);
        assertThat(remote.openCount("a.log")).isEqualTo(1);
        assertThat(report.filesGrown()).isEqualTo(1);
        assertThat(report.filesReplaced()).isZero();
        assertThat(report.bytesFetched()).isEqualTo(appended.length + WINDOW);
        assertThat(Files.readAllBytes(logs("a.log"))).isEqualTo(remote.content("a.log"));
        assertThat(mirror.store().generations(LogPath.of("a.log"))).isEmpty();
    }

    @Test
    void aGrownFileSmallerThanTheWindowIsCheckedWholeBeforeAppending() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("small.log", "line 1\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.append("small.log", "line 2\n").resetCounters();

        SyncReport report = mirror.syncNow();

        assertThat(remote.bytesRead("small.log")).isEqualTo(14);
        assertThat(report.filesGrown()).isEqualTo(1);
        assertThat(logs("small.log")).hasContent("line 1\nline 2\n");
    }

    @Test
    void aGrownFileWhoseBytesBeforeTheOldEndChangedIsFetchedWholeAndItsOldGenerationKept() throws Exception {
        FakeRemote remote = cluster.remote();
        byte[] old = bytes(10_000, 6);
        byte[] rewritten = bytes(12_000, 7);
        remote.write("a.log", old);
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.rewrite("a.log", rewritten);

        SyncReport report = mirror.syncNow();

        assertThat(report.filesReplaced()).isEqualTo(1);
        assertThat(report.filesGrown()).isZero();
        assertThat(Files.readAllBytes(logs("a.log"))).isEqualTo(rewritten);
        assertThat(generationContents(mirror.store(), "a.log")).containsExactly(old);
    }

    // ------------------------------------------------------------------ rewritten, truncated, gone, rotated

    @Test
    void aFileRewrittenWithTheSameSizeIsFetchedAgainAndItsPreviousGenerationStaysReadable() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("job.out", "run 1: ok\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.rewrite("job.out", "run 2: ok\n");

        SyncReport report = mirror.syncNow();

        assertThat(report.filesReplaced()).isEqualTo(1);
        assertThat(logs("job.out")).hasContent("run 2: ok\n");
        List<LogEntry> generations = mirror.store().generations(LogPath.of("job.out"));
        assertThat(generations).singleElement().satisfies(g -> {
            assertThat(g.isCurrent()).isFalse();
            assertThat(g.size()).isEqualTo(10);
        });
        assertThat(read(mirror.store(), generations.get(0))).isEqualTo("run 1: ok\n");
        assertThat(read(mirror.store(), mirror.store().find(LogPath.of("job.out")).orElseThrow())).isEqualTo("run 2: ok\n");
    }

    @Test
    void aTruncatedFileIsFetchedAgainAndItsPreviousGenerationStaysReadable() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("server.log", "line 1\nline 2\nline 3\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.truncate("server.log", 7);

        SyncReport report = mirror.syncNow();

        assertThat(report.filesReplaced()).isEqualTo(1);
        assertThat(logs("server.log")).hasContent("line 1\n");
        assertThat(generationContents(mirror.store(), "server.log"))
                .containsExactly("line 1\nline 2\nline 3\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFileDeletedRemotelyStaysLocalAndIsMarkedGone() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", "keep me\n").write("b.log", "b\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.delete("a.log");

        SyncReport report = mirror.syncNow();

        assertThat(report.filesGone()).isEqualTo(1);
        assertThat(logs("a.log")).hasContent("keep me\n");
        LogEntry entry = mirror.store().find(LogPath.of("a.log")).orElseThrow();
        assertThat(entry.goneRemotely()).isTrue();
        assertThat(read(mirror.store(), entry)).isEqualTo("keep me\n");
        assertThat(mirror.store().find(LogPath.of("b.log")).orElseThrow().goneRemotely()).isFalse();
        assertThat(mirror.syncNow().filesGone()).as("a file is marked gone once").isZero();
    }

    @Test
    void aTouchedFileWithTheSameBytesTakesTheNewTimeWithoutANewGeneration() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", "same\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.setModified("a.log", remote.modified("a.log").plusSeconds(60));

        SyncReport report = mirror.syncNow();

        assertThat(report.filesReplaced()).isZero();
        assertThat(mirror.store().generations(LogPath.of("a.log"))).isEmpty();
        assertThat(logs("a.log")).hasContent("same\n");
        assertThat(Files.getLastModifiedTime(logs("a.log")).toInstant()).isEqualTo(remote.modified("a.log"));
        remote.resetCounters();
        mirror.syncNow();
        assertThat(remote.openCount()).as("once re-timed, the file is unchanged").isZero();
    }

    @Test
    void aFileThatComesBackIsNoLongerMarkedGone() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", "one\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.delete("a.log");
        mirror.syncNow();
        remote.write("a.log", "one\ntwo\n");

        mirror.syncNow();

        LogEntry entry = mirror.store().find(LogPath.of("a.log")).orElseThrow();
        assertThat(entry.goneRemotely()).isFalse();
        assertThat(logs("a.log")).hasContent("one\ntwo\n");
    }

    @Test
    void aRotationLosesNothing() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("vllm_0.log", "first run, line 1\nfirst run, line 2\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.append("vllm_0.log", "first run, line 3\n")
                .rename("vllm_0.log", "vllm_0.log.1")
                .write("vllm_0.log", "second run\n");

        SyncReport report = mirror.syncNow();

        assertThat(report.failures()).isEmpty();
        assertThat(logs("vllm_0.log.1")).hasContent("first run, line 1\nfirst run, line 2\nfirst run, line 3\n");
        assertThat(logs("vllm_0.log")).hasContent("second run\n");
        assertThat(generationContents(mirror.store(), "vllm_0.log"))
                .containsExactly("first run, line 1\nfirst run, line 2\n".getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ times, excludes, hostile input

    @Test
    void localModificationTimesEqualRemoteOnes() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", "a\n").write("job-7/slurm-7.out", "s\n").write("job-7/results_7.json", "{}\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.append("a.log", "more\n").rewrite("job-7/results_7.json", "{\"ok\":1}\n");
        mirror.syncNow();

        for (String path : List.of("a.log", "job-7/slurm-7.out", "job-7/results_7.json")) {
            assertThat(mirror.store().find(LogPath.of(path)).orElseThrow().modified()).as(path).isEqualTo(remote.modified(path));
            assertThat(Files.getLastModifiedTime(logs(path)).toInstant()).as(path).isEqualTo(remote.modified(path));
        }
    }

    @Test
    void excludedFilesAreNeitherReadNorMirrored() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", "a\n").write("b.tmp", "b\n").write("sub/c.tmp", "c\n").write("scratch/d.log", "d\n");
        LogMirror mirror = cluster.openMirror(config -> config.exclude("*.tmp").exclude("scratch/**"));

        mirror.syncNow();

        assertThat(mirror.store().find(LogPath.of("a.log"))).isPresent();
        for (String excluded : List.of("b.tmp", "sub/c.tmp", "scratch/d.log")) {
            assertThat(mirror.store().find(LogPath.of(excluded))).as(excluded).isEmpty();
            assertThat(logs(excluded)).doesNotExist();
            assertThat(remote.openCount(excluded)).as(excluded).isZero();
        }
    }

    @Test
    void hostileNamesSpecialFilesAndEscapingSymlinksAreSkippedAndReportedWhileTheRestSyncs() throws Exception {
        FakeRemote remote = cluster.remote();
        Files.writeString(remote.root().resolveSibling("secret.txt"), "top secret\n");
        String overLong = "x".repeat(LogPath.MAX_SEGMENT_BYTES + 1);
        remote.write("good.log", "good\n")
                .write("job-1/real.log", "real\n")
                .symlink("job-1/inside.log", "real.log")
                .write("bell\u0007.log", "control\n")
                .write(overLong, "long\n")
                .symlink("escape.log", "../secret.txt")
                .symlink("passwd.log", "/etc/passwd")
                .specialFile("pipe", FakeRemote.SpecialKind.FIFO)
                .injectListingEntry("..", 10)
                .injectListingEntry("../escape.log", 10)
                .injectListingEntry("/etc/shadow", 10)
                .injectListingEntry("a/../../b.log", 10);
        LogMirror mirror = cluster.openMirror();

        SyncReport report = mirror.syncNow();

        assertThat(report.skipped()).extracting(SkippedEntry::name).contains(
                "bell\\u0007.log", "escape.log", "passwd.log", "pipe", "..", "../escape.log", "/etc/shadow", "a/../../b.log");
        assertThat(report.skipped()).anySatisfy(s -> assertThat(s.name()).startsWith("xxxxxxxx"));
        assertThat(report.skipped()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
        assertThat(report.failures()).isEmpty();
        assertThat(logs("good.log")).hasContent("good\n");
        assertThat(logs("job-1/real.log")).hasContent("real\n");
        assertThat(logs("job-1/inside.log")).hasContent("real\n");
        assertThat(mirror.store().fileCount()).isEqualTo(3);
        assertThat(logs("escape.log")).doesNotExist();
        assertThat(logs("passwd.log")).doesNotExist();
        assertThat(cluster.dataDirectory().resolve("escape.log")).doesNotExist();
        assertThat(cluster.dataDirectory().resolveSibling("escape.log")).doesNotExist();
        assertThat(remote.openCount("escape.log")).isZero();
    }

    // ------------------------------------------------------------------ failures and restarts

    @Test
    void aReadFailingPartWayLeavesAValidPrefixThatTheNextSyncCompletes() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", bytes(10_000, 8));
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.append("a.log", bytes(20_000, 9)).failNextRead("a.log", WINDOW + 5_000);

        SyncReport failed = mirror.syncNow();

        assertThat(failed.failures()).extracting(SkippedEntry::name).containsExactly("a.log");
        byte[] full = remote.content("a.log");
        byte[] local = Files.readAllBytes(logs("a.log"));
        assertThat(local.length).isBetween(10_000, full.length);
        assertThat(local).isEqualTo(Arrays.copyOf(full, local.length));
        LogEntry entry = mirror.store().find(LogPath.of("a.log")).orElseThrow();
        assertThat(entry.size()).isEqualTo(local.length);
        remote.resetCounters();

        SyncReport resumed = mirror.syncNow();

        assertThat(resumed.failures()).isEmpty();
        assertThat(Files.readAllBytes(logs("a.log"))).isEqualTo(full);
        assertThat(remote.bytesRead("a.log")).as("resumes from the prefix on disk")
                .isEqualTo(full.length - local.length + Math.min(WINDOW, local.length));
        assertThat(Files.getLastModifiedTime(logs("a.log")).toInstant()).isEqualTo(remote.modified("a.log"));
    }

    @Test
    void anUnreadableFileIsReportedAsAFailureWhileTheRestSyncs() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("locked.log", "no\n").write("open.log", "yes\n").unreadable("locked.log");
        LogMirror mirror = cluster.openMirror();

        SyncReport report = mirror.syncNow();

        assertThat(report.failures()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("locked.log");
            assertThat(f.reason()).isNotBlank();
        });
        assertThat(logs("open.log")).hasContent("yes\n");
        assertThat(logs("locked.log")).doesNotExist();

        remote.clearFaults();
        assertThat(mirror.syncNow().failures()).isEmpty();
        assertThat(logs("locked.log")).hasContent("no\n");
    }

    @Test
    void closingTheMirrorDuringATransferLeavesNoHalfWrittenFile() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("big.log", bytes(100_000, 11));
        LogMirror mirror = LogMirror.open(cluster.configBuilder().build());
        try (FakeRemote.ReadPause pause = remote.pauseNextRead("big.log", 30_000)) {
            CompletableFuture<SyncReport> sync = mirror.requestSync();
            pause.awaitPaused(PATIENCE);

            mirror.close();

            assertThat(sync).isDone();
            assertThat(logs("big.log")).doesNotExist();
        }
        try (LogMirror reopened = LogMirror.open(cluster.configBuilder().build())) {
            assertThat(reopened.store().find(LogPath.of("big.log"))).isEmpty();
            reopened.syncNow();
            assertThat(Files.readAllBytes(logs("big.log"))).isEqualTo(remote.content("big.log"));
        }
    }

    @Test
    void aListingFailureFailsTheSyncAsAWholeAndTheNextSyncRecovers() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", "a\n").failListing(1);
        LogMirror mirror = cluster.openMirror();

        assertThatThrownBy(mirror::syncNow).isInstanceOf(IOException.class).hasMessageContaining("fake://cluster");
        assertThat(mirror.status().failedSyncs()).isEqualTo(1);
        assertThat(mirror.status().lastError()).isPresent();

        mirror.syncNow();

        assertThat(logs("a.log")).hasContent("a\n");
        assertThat(mirror.status().successfulSyncs()).isEqualTo(1);
    }

    @Test
    void restartingOnAnExistingDataFolderRebuildsTheIndexAndDownloadsNothing() throws Exception {
        FakeRemote remote = cluster.remote();
        SyntheticLogs.builder(remote).jobFolders(true).build().populate(3);
        remote.write("rewritten.log", "v1\n");
        LogMirrorConfig config = cluster.configBuilder().build();
        try (LogMirror first = LogMirror.open(config)) {
            first.syncNow();
            remote.rewrite("rewritten.log", "v2\n");
            first.syncNow();
        }
        int files = remote.paths().size();
        remote.resetCounters();

        try (LogMirror second = LogMirror.open(config)) {
            assertThat(second.store().fileCount()).isEqualTo(files);
            for (String path : remote.paths()) {
                LogEntry entry = second.store().find(LogPath.of(path)).orElseThrow();
                assertThat(entry.size()).as(path).isEqualTo(remote.size(path));
                assertThat(entry.modified()).as(path).isEqualTo(remote.modified(path));
            }
            assertThat(second.store().generations(LogPath.of("rewritten.log"))).hasSize(1);

            SyncReport report = second.syncNow();

            assertThat(remote.openCount()).isZero();
            assertThat(remote.bytesRead()).isZero();
            assertThat(report.changedAnything()).isFalse();
        }
    }

    // ------------------------------------------------------------------ layout, events, concurrency

    @Test
    void categorizedSymlinksAreRelativeAndResolveToTheMirrorFile() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("job-1/slurm-1.out", "SLURM_JOB_ID=1\n").write("server.log", "up\n");
        LogMirror mirror = cluster.openMirror(config -> config.categorizer(slurmOrServer()));

        mirror.syncNow();

        Path data = cluster.dataDirectory();
        assertRelativeLinkTo(data.resolve("categorized/slurm/job-1/slurm-1.out"), logs("job-1/slurm-1.out"));
        assertRelativeLinkTo(data.resolve("categorized/server/server.log"), logs("server.log"));
        assertThat(mirror.store().find(LogPath.of("job-1/slurm-1.out")).orElseThrow().category()).isEqualTo(Category.SLURM);
    }

    private static void assertRelativeLinkTo(Path link, Path target) throws IOException {
        assertThat(Files.isSymbolicLink(link)).as(link + " is a symlink").isTrue();
        assertThat(Files.readSymbolicLink(link).isAbsolute()).as(link + " is relative").isFalse();
        assertThat(link.toRealPath()).isEqualTo(target.toRealPath());
    }

    @Test
    void changesArePublishedAsEvents() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("grows.log", "1\n").write("rewritten.log", "aaaa\n").write("deleted.log", "x\n").write("same.log", "s\n");
        LogMirror mirror = cluster.openMirror();
        List<LogEvent> events = new CopyOnWriteArrayList<>();
        mirror.subscribe(events::add);

        mirror.syncNow();

        awaitSize(events, 4); // delivered on the feed's thread, after the sync
        assertThat(events).hasSize(4).allSatisfy(e -> assertThat(e).isInstanceOf(LogEvent.Added.class));
        assertThat(events).extracting(e -> e.entry().path().toString())
                .containsExactlyInAnyOrder("grows.log", "rewritten.log", "deleted.log", "same.log");
        events.clear();
        remote.append("grows.log", "2\n").rewrite("rewritten.log", "bbbb\n").delete("deleted.log");

        mirror.syncNow();

        awaitSize(events, 3);
        assertThat(events).hasSize(3);
        assertThat(events).filteredOn(LogEvent.Appended.class::isInstance).singleElement().satisfies(e -> {
            LogEvent.Appended appended = (LogEvent.Appended) e;
            assertThat(appended.entry().path()).isEqualTo(LogPath.of("grows.log"));
            assertThat(appended.previousSize()).isEqualTo(2);
            assertThat(appended.entry().size()).isEqualTo(4);
        });
        assertThat(events).filteredOn(LogEvent.Replaced.class::isInstance).singleElement().satisfies(e -> {
            LogEvent.Replaced replaced = (LogEvent.Replaced) e;
            assertThat(replaced.entry().path()).isEqualTo(LogPath.of("rewritten.log"));
            assertThat(replaced.previous().isCurrent()).isFalse();
            assertThat(read(mirror.store(), replaced.previous())).isEqualTo("aaaa\n");
        });
        assertThat(events).filteredOn(LogEvent.Gone.class::isInstance).singleElement().satisfies(e -> {
            assertThat(e.entry().path()).isEqualTo(LogPath.of("deleted.log"));
            assertThat(e.entry().goneRemotely()).isTrue();
        });
    }

    @Test
    void aGoneFileThatComesBackIsAnnouncedAsReturnedThenItsChangeIfAny() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("same.log", "s\n").write("grew.log", "1\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        byte[] sameContent = remote.content("same.log");
        Instant sameModified = remote.modified("same.log");
        remote.delete("same.log").delete("grew.log");
        mirror.syncNow();
        List<LogEvent> events = new CopyOnWriteArrayList<>();
        mirror.subscribe(events::add);
        remote.write("same.log", sameContent).setModified("same.log", sameModified).write("grew.log", "1\n2\n");

        SyncReport report = mirror.syncNow();

        awaitSize(events, 3);
        assertThat(events).extracting(e -> e.getClass().getSimpleName() + " " + e.entry().path())
                .containsExactlyInAnyOrder("Returned same.log", "Returned grew.log", "Appended grew.log");
        assertThat(events).filteredOn(e -> e.entry().path().equals(LogPath.of("grew.log")))
                .extracting(e -> e.getClass().getSimpleName()).as("returned first, then what changed")
                .containsExactly("Returned", "Appended");
        assertThat(events).filteredOn(LogEvent.Returned.class::isInstance)
                .allSatisfy(e -> assertThat(e.entry().goneRemotely()).isFalse());
        assertThat(mirror.store().find(LogPath.of("same.log")).orElseThrow().goneRemotely()).isFalse();
        assertThat(report.filesAdded()).as("nothing is new to the mirror").isZero();
        assertThat(report.bytesFetched()).as("the unchanged file is not fetched again").isLessThan(100);
    }

    @Test
    void aSecondSyncRequestWhileOneRunsJoinsIt() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("big.log", bytes(50_000, 10));
        LogMirror mirror = cluster.openMirror();

        CompletableFuture<SyncReport> first;
        CompletableFuture<SyncReport> second;
        try (FakeRemote.ReadPause pause = remote.pauseNextRead("big.log", 1_000)) {
            first = mirror.requestSync();
            pause.awaitPaused(PATIENCE);
            assertThat(mirror.status().running()).isTrue();
            second = mirror.requestSync();
        }

        SyncReport one = first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        SyncReport two = second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(two).isSameAs(one);
        assertThat(remote.listCount()).isEqualTo(1);
        assertThat(remote.openCount("big.log")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private Path logs(String path) {
        return LogPath.of(path).resolveAgainst(cluster.dataDirectory().resolve("logs"));
    }

    private static String read(LogStore store, LogEntry entry) throws IOException {
        try (InputStream in = store.open(entry, 0, entry.size())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<byte[]> generationContents(LogStore store, String path) throws IOException {
        List<byte[]> contents = new java.util.ArrayList<>();
        for (LogEntry generation : store.generations(LogPath.of(path))) {
            try (InputStream in = store.open(generation, 0, generation.size())) {
                contents.add(in.readAllBytes());
            }
        }
        return contents;
    }


    private static Categorizer slurmOrServer() {
        return new Categorizer() {
            @Override
            public Category categorize(LogPath path, byte[] head) {
                if (path.fileName().startsWith("slurm-")) {
                    return Category.SLURM;
                }
                return path.fileName().startsWith("server") ? Category.SERVER : Category.UNCATEGORIZED;
            }

            @Override
            public List<Category> categories() {
                return Category.STANDARD;
            }
        };
    }

    /** Waits until {@code events} holds {@code size} events: the change feed delivers them on its own thread. */
    private static void awaitSize(List<LogEvent> events, int size) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (events.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50); // and no more arrive
    }
}
