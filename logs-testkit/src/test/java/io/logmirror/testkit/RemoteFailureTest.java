package io.logmirror.testkit;

import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.fakecluster.ReadPause;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.SyncReport;
import io.logmirror.core.SyncStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.logmirror.testkit.MirrorFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A remote that keeps failing or changes under a running sync: repeated listing failures, a connection that drops on
 * every read, a read dropped while a rewritten file is fetched, a file truncated or deleted between the listing and
 * its read. The rules: the status tells what is wrong, nothing already mirrored is lost or marked gone by mistake,
 * and the mirror catches up once the remote behaves. ({@link MirrorRulesTest} has the single-failure cases.)
 */
class RemoteFailureTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int WINDOW = LogMirrorConfig.DEFAULT_GROWTH_CHECK_WINDOW;

    @RegisterExtension
    final FakeRemoteExtension cluster = new FakeRemoteExtension();

    @Test
    void aListingFailingAgainAndAgainShowsInTheStatusAndLosesNothingUntilTheRemoteRecovers() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", "a\n").write("b.log", "b\n");
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        SyncReport lastGood = mirror.status().lastReport().orElseThrow();
        remote.append("a.log", "more\n").failListing(3);

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(mirror::syncNow).as("attempt " + attempt)
                    .isInstanceOf(IOException.class).hasMessageContaining("fake://cluster");
            SyncStatus status = mirror.status();
            assertThat(status.failedSyncs()).isEqualTo(attempt);
            assertThat(status.consecutiveFailures()).isEqualTo(attempt);
            assertThat(status.successfulSyncs()).isEqualTo(1);
            assertThat(status.lastError()).hasValueSatisfying(error -> assertThat(error).contains("fake://cluster"));
            assertThat(status.lastReport()).as("the last good report stays").contains(lastGood);
            assertThat(status.running()).isFalse();
        }
        assertThat(mirror.store().find(LogPath.of("a.log")).orElseThrow().goneRemotely())
                .as("a failed listing marks nothing gone").isFalse();
        assertThat(logs("a.log")).hasContent("a\n");
        assertThat(logs("b.log")).hasContent("b\n");

        SyncReport recovered = mirror.syncNow();

        SyncStatus status = mirror.status();
        assertThat(status.successfulSyncs()).isEqualTo(2);
        assertThat(status.failedSyncs()).isEqualTo(3);
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(status.lastError()).isEmpty();
        assertThat(status.lastReport()).contains(recovered);
        assertThat(recovered.filesGrown()).isEqualTo(1);
        assertThat(recovered.filesGone()).isZero();
        assertThat(logs("a.log")).hasContent("a\nmore\n");
    }

    @Test
    void aConnectionThatDropsOnEveryReadStillBringsANewFileInOverSeveralSyncsAndNeverShowsItHalfWritten() throws Exception {
        FakeRemote remote = cluster.remote();
        byte[] content = bytes(60_000, 1);
        remote.write("big.log", content).failEveryRead("big.log", WINDOW + 10_000);
        LogMirror mirror = cluster.openMirror();

        int syncs = 0;
        while (!Files.exists(logs("big.log")) && syncs < 20) {
            SyncReport report = mirror.syncNow();
            syncs++;
            if (!Files.exists(logs("big.log"))) {
                assertThat(report.failures()).extracting(SkippedEntry::name).containsExactly("big.log");
                assertThat(mirror.store().find(LogPath.of("big.log"))).isEmpty();
            }
        }

        assertThat(syncs).as("each sync resumes where the last one stopped").isBetween(2, 10);
        assertThat(Files.readAllBytes(logs("big.log"))).isEqualTo(content);
        assertThat(mirror.status().failedSyncs()).as("a file failing does not fail the sync").isZero();
    }

    @Test
    void aConnectionThatDropsOnEveryReadStillCompletesAGrowingFileAndEachStepIsAValidPrefix() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("vllm_0.log", bytes(10_000, 2));
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.append("vllm_0.log", bytes(50_000, 3)).failEveryRead("vllm_0.log", WINDOW + 10_000);
        byte[] full = remote.content("vllm_0.log");

        long before = Files.size(logs("vllm_0.log"));
        int syncs = 0;
        while (Files.size(logs("vllm_0.log")) < full.length && syncs < 20) {
            mirror.syncNow();
            syncs++;
            byte[] local = Files.readAllBytes(logs("vllm_0.log"));
            assertThat(local.length).as("sync " + syncs + " made progress").isGreaterThan((int) before);
            assertThat(local).as("sync " + syncs + " left a valid prefix").isEqualTo(Arrays.copyOf(full, local.length));
            assertThat(mirror.store().find(LogPath.of("vllm_0.log")).orElseThrow().size()).isEqualTo(local.length);
            before = local.length;
        }

        assertThat(Files.readAllBytes(logs("vllm_0.log"))).isEqualTo(full);
        assertThat(mirror.store().generations(LogPath.of("vllm_0.log"))).isEmpty();
    }

    @Test
    void aReadDroppedWhileARewrittenFileIsFetchedKeepsTheOldContentCurrentAndTheNextSyncReplacesIt() throws Exception {
        FakeRemote remote = cluster.remote();
        byte[] first = bytes(30_000, 4);
        byte[] second = bytes(30_000, 5);
        remote.write("job.out", first);
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.rewrite("job.out", second).failNextRead("job.out", 12_000);

        SyncReport failed = mirror.syncNow();

        assertThat(failed.failures()).extracting(SkippedEntry::name).containsExactly("job.out");
        assertThat(Files.readAllBytes(logs("job.out"))).isEqualTo(first);
        LogEntry current = mirror.store().find(LogPath.of("job.out")).orElseThrow();
        assertThat(current.size()).isEqualTo(first.length);
        assertThat(read(mirror.store(), current)).isEqualTo(first);
        assertThat(mirror.store().generations(LogPath.of("job.out"))).isEmpty();

        SyncReport next = mirror.syncNow();

        assertThat(next.failures()).isEmpty();
        assertThat(next.filesReplaced()).isEqualTo(1);
        assertThat(Files.readAllBytes(logs("job.out"))).isEqualTo(second);
        assertThat(mirror.store().generations(LogPath.of("job.out")))
                .singleElement().satisfies(g -> assertThat(read(mirror.store(), g)).isEqualTo(first));
    }

    @Test
    void aFileRewrittenWhileItsNewBytesAreReadEndsUpEqualToTheRemoteNotAMixOfBothVersions() throws Exception {
        FakeRemote remote = cluster.remote();
        byte[] first = bytes(10_000, 10);
        remote.write("job.out", first);
        LogMirror mirror = cluster.openMirror();
        mirror.syncNow();
        remote.append("job.out", bytes(10_000, 11));

        // The growth is read from the check window before the old end; pause once a few new bytes are through,
        // then the job is run again and rewrites its log (a shell's '>'), longer than before.
        syncChangingMidRead(mirror, "job.out", WINDOW + 1_000, () -> remote.rewrite("job.out", bytes(30_000, 12)));
        mirror.syncNow();
        mirror.syncNow();

        assertThat(Files.readAllBytes(logs("job.out"))).as("the mirror equals the remote once it stops changing")
                .isEqualTo(remote.content("job.out"));
        assertThat(mirror.store().generations(LogPath.of("job.out"))).as("the first run is kept")
                .anySatisfy(g -> assertThat(read(mirror.store(), g)).startsWith(Arrays.copyOf(first, 1_000)));
    }

    @Test
    void aNewFileRewrittenWhileItIsReadEndsUpEqualToTheRemoteNotAMixOfBothVersions() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("job.out", bytes(20_000, 13));
        LogMirror mirror = cluster.openMirror();

        syncChangingMidRead(mirror, "job.out", 5_000, () -> remote.rewrite("job.out", bytes(30_000, 14)));
        mirror.syncNow();
        mirror.syncNow();

        assertThat(Files.readAllBytes(logs("job.out"))).as("the mirror equals the remote once it stops changing")
                .isEqualTo(remote.content("job.out"));
    }

    @Test
    void aFileTruncatedWhileItIsReadIsReportedAndTheNextSyncMirrorsItsNewContent() throws Exception {
        FakeRemote remote = cluster.remote();
        byte[] content = bytes(40_000, 6);
        remote.write("server.log", content);
        LogMirror mirror = cluster.openMirror();

        SyncReport report = syncChangingMidRead(mirror, "server.log", 10_000, () -> remote.truncate("server.log", 5_000));

        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.name()).isEqualTo("server.log");
            assertThat(failure.reason()).contains("truncated");
        });
        assertThat(logs("server.log")).as("never put in place short").doesNotExist();

        mirror.syncNow();

        assertThat(Files.readAllBytes(logs("server.log"))).isEqualTo(Arrays.copyOf(content, 5_000));
    }

    @Test
    void aFileDeletedBetweenTheListingAndItsReadIsReportedAndItsLocalCopyIsKeptAndMarkedGone() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("big.log", bytes(40_000, 7)).write("small.log", "v1\n");
        AtomicBoolean deleteAfterListing = new AtomicBoolean();
        RemoteSource source = MirrorFixtures.listingFrom(remote, () -> {
            RemoteListing listing = remote.list();
            if (deleteAfterListing.getAndSet(false)) {
                remote.delete("small.log");
            }
            return listing;
        });
        LogMirror mirror = cluster.openMirror(config -> LogMirrorConfig.builder(cluster.dataDirectory(), source));
        mirror.syncNow();
        remote.append("big.log", bytes(10_000, 8)).append("small.log", "v2\n");
        deleteAfterListing.set(true);

        SyncReport report = mirror.syncNow();

        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.name()).isEqualTo("small.log");
            assertThat(failure.reason()).contains("small.log");
        });
        assertThat(logs("small.log")).hasContent("v1\n");
        assertThat(Files.readAllBytes(logs("big.log"))).isEqualTo(remote.content("big.log"));

        SyncReport next = mirror.syncNow();

        assertThat(next.failures()).isEmpty();
        assertThat(next.filesGone()).isEqualTo(1);
        assertThat(logs("small.log")).hasContent("v1\n");
        assertThat(mirror.store().find(LogPath.of("small.log")).orElseThrow().goneRemotely()).isTrue();
    }

    @Test
    void aListedFileThatCannotBeOpenedFailsOnlyItselfEverySyncUntilItCanBe() throws Exception {
        FakeRemote remote = cluster.remote();
        remote.write("a.log", "a\n").injectListingEntry("ghost.log", 10);
        LogMirror mirror = cluster.openMirror();

        for (int i = 0; i < 2; i++) {
            SyncReport report = mirror.syncNow();
            assertThat(report.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.name()).isEqualTo("ghost.log");
                assertThat(failure.reason()).contains("ghost.log");
            });
        }
        assertThat(logs("a.log")).hasContent("a\n");
        assertThat(mirror.store().find(LogPath.of("ghost.log"))).isEmpty();
        assertThat(mirror.status().consecutiveFailures()).isZero();
        remote.clearInjectedEntries();

        assertThat(mirror.syncNow().failures()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Starts a sync, holds its read of {@code path} once {@code afterBytes} bytes are through, makes {@code change} on
     * the remote meanwhile, lets the read go on and returns the sync's report.
     */
    private SyncReport syncChangingMidRead(LogMirror mirror, String path, long afterBytes, Runnable change)
            throws Exception {
        CompletableFuture<SyncReport> sync;
        try (ReadPause pause = cluster.remote().pauseNextRead(path, afterBytes)) {
            sync = mirror.requestSync();
            pause.awaitPaused(PATIENCE);
            change.run();
        }
        return sync.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private Path logs(String path) {
        return LogPath.of(path).resolveAgainst(cluster.dataDirectory().resolve("logs"));
    }

    private static byte[] read(LogStore store, LogEntry entry) {
        try (InputStream in = store.open(entry, 0, entry.size())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
