package io.logmirror.testkit;

import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.fakecluster.ReadPause;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.SyncReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listing that does not add up: a name listed twice, a file that grows between the listing and its read,
 * modification times far from now. The mirror stays a faithful, valid copy and says what it left alone.
 */
class HostileListingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    final FakeRemoteExtension cluster = new FakeRemoteExtension();

    @Test
    void aNameListedTwiceIsMirroredOnceAndTheDuplicateIsReported() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", "real\n").write("b.log", "b\n").injectListingEntry("a.log", 5);
        LogMirror mirror = cluster.openMirror();

        SyncReport report = mirror.syncNow();

        assertThat(report.skipped()).filteredOn(s -> s.name().equals("a.log")).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("twice"));
        assertThat(report.failures()).isEmpty();
        assertThat(logs("a.log")).hasContent("real\n");
        assertThat(logs("b.log")).hasContent("b\n");
        assertThat(mirror.store().fileCount()).isEqualTo(2);
    }

    @Test
    void aFileAppendedWhileItIsReadIsMirroredUpToItsListedSizeAndTheRestNextTime() throws Exception {
        FakeRemote remote = cluster.remote();
        byte[] listed = "line\n".repeat(4_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        remote.write("server.log", listed);
        LogMirror mirror = cluster.openMirror();

        CompletableFuture<SyncReport> sync;
        try (ReadPause pause = remote.pauseNextRead("server.log", 1_000)) {
            sync = mirror.requestSync();
            pause.awaitPaused(PATIENCE);
            remote.append("server.log", "appended during the read\n");
        }
        SyncReport report = sync.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(report.failures()).isEmpty();
        assertThat(Files.readAllBytes(logs("server.log"))).as("exactly the listed bytes").isEqualTo(listed);
        assertThat(mirror.store().find(LogPath.of("server.log")).orElseThrow().size()).isEqualTo(listed.length);

        SyncReport next = mirror.syncNow();

        assertThat(next.filesGrown()).isEqualTo(1);
        assertThat(Files.readAllBytes(logs("server.log"))).isEqualTo(remote.content("server.log"));
        assertThat(Files.getLastModifiedTime(logs("server.log")).toInstant()).isEqualTo(remote.modified("server.log"));
    }

    @Test
    void aModificationTimeFarInTheFutureIsKeptAcrossARestartAndCostsNoRead() throws Exception {
        assertTimeKeptAndUnchangedFileNotReadAgain(Instant.parse("2100-01-01T00:00:00.001Z"));
    }

    @Test
    void aModificationTimeBeforeTheEpochIsKeptAcrossARestartAndCostsNoRead() throws Exception {
        assertTimeKeptAndUnchangedFileNotReadAgain(Instant.parse("1960-02-29T12:34:56Z"));
    }

    /** Java 17's Files.setLastModifiedTime sets such a time (negative, with a fraction of a second) to the epoch. */
    @Test
    void aModificationTimeBeforeTheEpochWithAFractionOfASecondIsKeptAcrossARestartAndCostsNoRead() throws Exception {
        assertTimeKeptAndUnchangedFileNotReadAgain(Instant.parse("1960-02-29T12:34:56.789Z"));
    }

    private void assertTimeKeptAndUnchangedFileNotReadAgain(Instant modified) throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", "a\n").setModified("a.log", modified);
        LogMirror mirror = cluster.openMirror();

        SyncReport first = mirror.syncNow();

        assertThat(first.failures()).isEmpty();
        assertThat(logs("a.log")).hasContent("a\n");
        assertThat(Files.getLastModifiedTime(logs("a.log")).toInstant()).as("local time, at the disk's precision")
                .isEqualTo(mirror.store().find(LogPath.of("a.log")).orElseThrow().modified());
        assertThat(mirror.store().find(LogPath.of("a.log")).orElseThrow().modified())
                .isBetween(modified.minusSeconds(1), modified);
        remote.resetCounters();

        SyncReport second = mirror.syncNow();

        assertThat(remote.openCount()).as("an unchanged file is not read again").isZero();
        assertThat(second.changedAnything()).isFalse();
        Instant indexed = mirror.store().find(LogPath.of("a.log")).orElseThrow().modified();
        mirror.close();

        try (LogMirror reopened = LogMirror.open(cluster.configBuilder().build())) {
            assertThat(reopened.store().find(LogPath.of("a.log")).orElseThrow().modified())
                    .as("the time the index rebuilds from the disk").isEqualTo(indexed);
            assertThat(reopened.syncNow().changedAnything()).isFalse();
            assertThat(remote.openCount()).as("nor after a restart").isZero();
        }
    }

    @Test
    void hostileNamesAreReportedEverySyncWithoutEverBeingOpened() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("ok.log", "ok\n").write("tab\there.log", "x\n").injectListingEntry("../../etc/passwd", 10);
        LogMirror mirror = cluster.openMirror();

        for (int i = 0; i < 2; i++) {
            SyncReport report = mirror.syncNow();
            assertThat(report.skipped()).extracting(SkippedEntry::name)
                    .containsExactlyInAnyOrder("tab\\u0009here.log", "../../etc/passwd");
            assertThat(report.failures()).isEmpty();
        }
        assertThat(remote.openCount("tab\there.log")).isZero();
        assertThat(mirror.status().lastReport().orElseThrow().skipped()).hasSize(2);
        assertThat(Arrays.asList(cluster.dataDirectory().resolve("logs").toFile().list())).containsExactly("ok.log");
    }

    @Test
    void aValidPathTooLongForTheLocalDiskFailsAloneWithAClearReasonEverySync() throws Exception {
        FakeRemote remote = cluster.remote();
        String deep = ("d".repeat(199) + "/").repeat(20) + "x".repeat(86) + ".log";
        assertThat(LogPath.parse(deep)).as("a valid log path, close to the 4096-byte limit").isPresent();
        remote.write("ok.log", "ok\n").write(deep, "deep\n");
        LogMirror mirror = cluster.openMirror();

        for (int i = 0; i < 2; i++) {
            SyncReport report = mirror.syncNow();
            if (report.failures().isEmpty()) {
                assertThat(logs(deep)).hasContent("deep\n");
            } else {
                assertThat(report.failures()).singleElement().satisfies(failure -> {
                    // Reports cut a name after 200 characters and add "...".
                    assertThat(deep).startsWith(failure.name().substring(0, 200));
                    assertThat(failure.reason()).containsIgnoringCase("too long");
                });
            }
        }
        assertThat(logs("ok.log")).hasContent("ok\n");
        assertThat(mirror.status().failedSyncs()).isZero();
        mirror.close();

        try (LogMirror reopened = LogMirror.open(cluster.configBuilder().build())) {
            assertThat(reopened.store().find(LogPath.of("ok.log"))).as("a restart is not disturbed").isPresent();
            assertThat(reopened.syncNow().failures()).extracting(SkippedEntry::name).doesNotContain("ok.log");
        }
    }

    @Test
    void namesThatLookLikeTheMirrorsOwnFoldersStayUnderLogsAndTouchNothingElse() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write(".logmirror/state", "C\tslurm\t../../escape\n")
                .write(".logmirror/lock", "not a lock\n")
                .write("categorized/slurm/x.out", "fake link\n")
                .write("generations/1/a.log", "fake generation\n")
                .write("a.log", "real\n");
        LogMirror mirror = cluster.openMirror();

        SyncReport report = mirror.syncNow();
        mirror.close();

        assertThat(report.failures()).isEmpty();
        Path data = cluster.dataDirectory();
        assertThat(data.resolve("logs/.logmirror/state")).hasContent("C\tslurm\t../../escape\n");
        assertThat(data.resolve("logs/categorized/slurm/x.out")).hasContent("fake link\n");
        assertThat(data.resolve("logs/generations/1/a.log")).hasContent("fake generation\n");
        assertThat(Files.readString(data.resolve(".logmirror/state"))).doesNotContain("escape");
        try (LogMirror reopened = LogMirror.open(cluster.configBuilder().build())) {
            assertThat(reopened.store().generations(LogPath.of("a.log"))).as("no fake generation").isEmpty();
            assertThat(reopened.store().fileCount()).isEqualTo(5);
            assertThat(reopened.syncNow().changedAnything()).isFalse();
        }
    }

    @Test
    void binaryContentWithEveryByteValueIsMirroredAndGrownExactly() throws Exception {
        FakeRemote remote = cluster.remote();
        byte[] every = new byte[256 * 40];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        remote.write("core.bin", every).write("crlf.log", "a\r\nb\r\n\u0000\r\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.append("core.bin", every).append("crlf.log", "\r");

        SyncReport report = mirror.syncNow();

        assertThat(report.filesGrown()).isEqualTo(2);
        assertThat(Files.readAllBytes(logs("core.bin"))).isEqualTo(remote.content("core.bin"));
        assertThat(Files.readAllBytes(logs("crlf.log"))).isEqualTo(remote.content("crlf.log"));
    }

    @Test
    void aListingThatOverstatesASizeFailsThatFileClearlyAndNothingHalfWrittenAppears() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("liar.log", "five\n").write("honest.log", "ok\n");
        RemoteSource overstating = MirrorFixtures.listingFrom(remote, () -> {
            List<RemoteFile> files = new ArrayList<>();
            for (RemoteFile file : remote.list().files()) {
                files.add(file.path().toString().equals("liar.log")
                        ? new RemoteFile(file.path(), 1_000, file.modified(), file.sourceName()) : file);
            }
            return new RemoteListing(files, List.of());
        });
        LogMirror mirror = cluster.openMirror(config -> LogMirrorConfig.builder(cluster.dataDirectory(), overstating));

        for (int i = 0; i < 2; i++) {
            SyncReport report = mirror.syncNow();
            assertThat(report.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.name()).isEqualTo("liar.log");
                assertThat(failure.reason()).contains("5 of 1000 bytes");
            });
        }
        assertThat(logs("liar.log")).doesNotExist();
        assertThat(mirror.store().find(LogPath.of("liar.log"))).isEmpty();
        assertThat(logs("honest.log")).hasContent("ok\n");
    }

    @Test
    void aFloodOfSmallFilesIsMirroredWholeAndASecondSyncReadsNothing() throws Exception {
        FakeRemote remote = cluster.remote();
        for (int folder = 0; folder < 50; folder++) {
            for (int file = 0; file < 20; file++) {
                remote.write("step-" + folder + "/part-" + file + ".log", folder + "/" + file + "\n");
            }
        }
        LogMirror mirror = cluster.openMirror();

        SyncReport first = mirror.syncNow();

        assertThat(first.failures()).isEmpty();
        assertThat(first.filesAdded()).isEqualTo(1_000);
        assertThat(mirror.store().fileCount()).isEqualTo(1_000);
        assertThat(logs("step-49/part-19.log")).hasContent("49/19\n");
        remote.resetCounters();

        SyncReport second = mirror.syncNow();

        assertThat(remote.openCount()).isZero();
        assertThat(second.changedAnything()).isFalse();
    }

    private Path logs(String path) {
        return LogPath.of(path).resolveAgainst(cluster.dataDirectory().resolve("logs"));
    }
}
