package io.logmirror.core.internal;

import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.core.SyncReport;
import io.logmirror.core.SyncStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultLogMirrorTest {

    @TempDir
    Path temp;

    Path remoteDir;
    Path data;
    ControlledSource source;
    LogMirror mirror;

    @BeforeEach
    void setUp() throws IOException {
        remoteDir = Files.createDirectories(temp.resolve("remote"));
        data = temp.resolve("data");
        source = new ControlledSource(LocalDirectorySource.of(remoteDir));
        mirror = LogMirror.open(LogMirrorConfig.builder(data, source).parallelism(2).build());
    }

    @AfterEach
    void tearDown() throws IOException {
        source.release();
        mirror.close();
    }

    @Test
    void mirrorsALocalFolderEndToEndAndReportsIt() throws Exception {
        Files.createDirectories(remoteDir.resolve("job-1"));
        Files.writeString(remoteDir.resolve("job-1/slurm-1.out"), "line\n");

        SyncReport report = mirror.syncNow();

        assertThat(report.filesListed()).isEqualTo(1);
        assertThat(report.filesAdded()).isEqualTo(1);
        assertThat(Files.readString(data.resolve("logs/job-1/slurm-1.out"))).isEqualTo("line\n");
        assertThat(mirror.store().find(LogPath.of("job-1/slurm-1.out"))).isPresent();
        SyncStatus status = mirror.status();
        assertThat(status.running()).isFalse();
        assertThat(status.successfulSyncs()).isEqualTo(1);
        assertThat(status.lastReport()).contains(report);
        assertThat(status.lastSuccess()).isPresent();
        assertThat(status.lastError()).isEmpty();
        assertThat(status.nextSync()).as("not started, so nothing is scheduled").isEmpty();
    }

    @Test
    void aSecondRequestJoinsTheRunningSync() throws Exception {
        source.blockListing();
        CompletableFuture<SyncReport> first = mirror.requestSync();
        source.awaitBlocked();

        CompletableFuture<SyncReport> second = mirror.requestSync();

        assertThat(second).isSameAs(first);
        assertThat(mirror.status().running()).isTrue();
        source.release();
        first.get(30, TimeUnit.SECONDS);
        assertThat(source.listings).isEqualTo(1);
        assertThat(mirror.status().successfulSyncs()).isEqualTo(1);
    }

    @Test
    void publishesEventsAndAFailingListenerDisturbsNeitherTheSyncNorOthers() throws Exception {
        List<LogEvent> seen = Collections.synchronizedList(new ArrayList<>());
        mirror.subscribe(event -> {
            throw new IllegalStateException("listener bug");
        });
        AutoCloseable subscription = mirror.subscribe(seen::add);
        Files.writeString(remoteDir.resolve("a.log"), "a\n");

        mirror.syncNow();

        awaitTrue(() -> !seen.isEmpty());
        assertThat(seen).singleElement().isInstanceOf(LogEvent.Added.class);
        subscription.close();
        Files.writeString(remoteDir.resolve("b.log"), "b\n");
        assertThat(mirror.syncNow().filesAdded()).isEqualTo(1);
        assertThat(seen).hasSize(1);
    }

    @Test
    void aFailedListingFailsTheSyncAndIsReportedInTheStatus() throws Exception {
        source.failListing = true;

        assertThatThrownBy(() -> mirror.syncNow()).isInstanceOf(IOException.class).hasMessageContaining("cluster unreachable");

        SyncStatus status = mirror.status();
        assertThat(status.failedSyncs()).isEqualTo(1);
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(status.lastError()).hasValueSatisfying(e -> assertThat(e).contains("cluster unreachable"));
        source.failListing = false;
        mirror.syncNow();
        assertThat(mirror.status().consecutiveFailures()).isZero();
        assertThat(mirror.status().lastError()).isEmpty();
    }

    @Test
    void startSyncsAtOnceAndSchedulesTheNextOneAnIntervalAfterItEnds() throws Exception {
        Files.writeString(remoteDir.resolve("a.log"), "a\n");

        mirror.start();
        mirror.start();

        SyncStatus status = awaitStatus(s -> s.successfulSyncs() >= 1 && s.nextSync().isPresent());
        assertThat(status.nextSync().get()).isAfterOrEqualTo(status.lastFinished().get().plusSeconds(59));
        assertThat(status.nextSync().get()).isBeforeOrEqualTo(Instant.now().plusSeconds(60));
        assertThat(Files.exists(data.resolve("logs/a.log"))).isTrue();
    }

    @Test
    void backsOffAfterAFailedScheduledSync() throws Exception {
        source.failListing = true;

        mirror.start();

        SyncStatus status = awaitStatus(s -> s.failedSyncs() >= 1 && s.nextSync().isPresent());
        assertThat(status.nextSync().get()).isAfterOrEqualTo(status.lastFinished().get().plusSeconds(119));
    }

    @Test
    void closeCancelsARunningTransferAndLeavesNoHalfWrittenFileUnderAFinalName() throws Exception {
        Files.writeString(remoteDir.resolve("big.log"), "x".repeat(100_000));
        source.blockReads = true;
        CompletableFuture<SyncReport> sync = mirror.requestSync();
        source.awaitBlocked();

        mirror.close();

        assertThatThrownBy(() -> sync.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(Files.exists(data.resolve("logs/big.log"))).isFalse();
        assertThat(source.closed).isTrue();
        assertThat(source.streamInterrupted).isTrue();
        assertThatThrownBy(() -> mirror.requestSync().get()).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> mirror.start()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        // the data folder is free again: a new engine can open it and finish the job
        source.blockReads = false;
        source.release();
        try (LogMirror again = LogMirror.open(LogMirrorConfig.builder(data, source).build())) {
            assertThat(again.syncNow().filesAdded()).isEqualTo(1);
            assertThat(Files.size(data.resolve("logs/big.log"))).isEqualTo(100_000);
        }
    }

    @Test
    void aRestartedEngineFetchesNothingAgain() throws Exception {
        Files.writeString(remoteDir.resolve("a.log"), "a\n");
        mirror.syncNow();
        mirror.close();

        mirror = LogMirror.open(LogMirrorConfig.builder(data, source).build());

        assertThat(mirror.store().fileCount()).isEqualTo(1);
        SyncReport report = mirror.syncNow();
        assertThat(report.bytesFetched()).isZero();
        assertThat(report.changedAnything()).isFalse();
    }

    @Test
    void refusesASecondEngineOnTheSameDataFolder() {
        assertThatThrownBy(() -> LogMirror.open(LogMirrorConfig.builder(data, source).build()))
                .isInstanceOf(IOException.class).hasMessageContaining("already in use");
    }

    @Test
    void readersQueryingDuringASyncSeeOnlyWholeFilesAndNeverFail() throws Exception {
        for (int i = 0; i < 200; i++) {
            Files.writeString(remoteDir.resolve("f-" + i + ".log"), ("line " + i + "\n").repeat(50));
        }
        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> problems = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    for (var entry : mirror.store().list(io.logmirror.core.LogQuery.newest(20))) {
                        long from = mirror.store().tailOffset(entry, 3);
                        try (InputStream in = mirror.store().open(entry, 0, entry.size())) {
                            byte[] bytes = in.readAllBytes();
                            if (bytes.length != entry.size() || from > entry.size()) {
                                problems.add(new AssertionError("partial view of " + entry));
                            }
                        }
                    }
                    mirror.store().statsByCategory();
                } catch (Throwable t) {
                    problems.add(t);
                }
            }
        });
        reader.start();

        SyncReport report = mirror.syncNow();
        done.set(true);
        reader.join();

        assertThat(report.filesAdded()).isEqualTo(200);
        assertThat(problems).isEmpty();
    }

    @Test
    void aListenerRunsOffTheSyncsThreadsSoItMayWaitForASyncAndAStuckOneDelaysNothing() throws Exception {
        List<SyncReport> reports = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        mirror.subscribe(event -> {
            try {
                reports.add(mirror.syncNow());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        mirror.subscribe(event -> {
            try {
                release.await(); // stuck until the end of the test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Files.writeString(remoteDir.resolve("a.log"), "a\n");

        assertThat(mirror.syncNow().filesAdded()).isEqualTo(1);
        Files.writeString(remoteDir.resolve("b.log"), "b\n");
        assertThat(mirror.syncNow().filesAdded()).as("the stuck listener delays no sync").isEqualTo(1);

        awaitTrue(() -> reports.size() >= 1);
        release.countDown();
    }

    @Test
    void numbersEveryChangeInTheChangeFeedAndReplaysFromASequenceAfterARestart() throws Exception {
        Files.writeString(remoteDir.resolve("a.log"), "a\n");
        Files.writeString(remoteDir.resolve("b.log"), "b\n");
        mirror.syncNow();
        Files.delete(remoteDir.resolve("a.log"));
        mirror.syncNow();
        assertThat(mirror.changes().latestSequence()).isEqualTo(3);
        mirror.close();
        mirror = LogMirror.open(LogMirrorConfig.builder(data, source).parallelism(2).build());
        List<io.logmirror.core.feed.Change> replayed = Collections.synchronizedList(new ArrayList<>());

        try (io.logmirror.core.feed.FeedSubscription subscription = mirror.changes().subscribe(2, replayed::add)) {
            awaitTrue(() -> replayed.size() == 2);
            assertThat(replayed).extracting(io.logmirror.core.feed.Change::sequence).containsExactly(2L, 3L);
            assertThat(replayed.get(1).event()).isInstanceOf(LogEvent.Gone.class);
        }
    }

    @Test
    void deliversTheNewCompleteLinesOfEveryFileThroughTheLineFeed() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        mirror.lines().subscribe(line -> lines.add(line.path() + ":" + line.lineNumber() + ":" + line.text()));
        Files.writeString(remoteDir.resolve("a.log"), "one\ntwo\npart");
        mirror.syncNow();
        Files.writeString(remoteDir.resolve("a.log"), "ial\n", java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(remoteDir.resolve("a.log"), java.nio.file.attribute.FileTime.fromMillis(5_000_000));

        mirror.syncNow();

        awaitTrue(() -> lines.size() == 3);
        assertThat(lines).containsExactly("a.log:1:one", "a.log:2:two", "a.log:3:partial");
    }

    @Test
    void removesAFileFromTheMirrorAndAnnouncesIt() throws Exception {
        Files.writeString(remoteDir.resolve("a.log"), "a\n");
        mirror.syncNow();
        List<LogEvent> seen = Collections.synchronizedList(new ArrayList<>());
        mirror.subscribe(seen::add);
        LogEntry entry = mirror.store().find(LogPath.of("a.log")).orElseThrow();

        assertThat(mirror.remove(entry)).isTrue();
        assertThat(mirror.remove(entry)).as("nothing left to remove").isFalse();

        assertThat(mirror.store().find(LogPath.of("a.log"))).isEmpty();
        awaitTrue(() -> !seen.isEmpty());
        assertThat(seen).singleElement().isEqualTo(new LogEvent.Removed(entry));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void refusesADataFolderInsideTheMirroredFolder() {
        LogMirrorConfig config = LogMirrorConfig.builder(remoteDir.resolve("data"), source.delegate).build();

        assertThatThrownBy(() -> LogMirror.open(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the mirrored folder").hasMessageContaining("put the data folder elsewhere");
    }

    @Test
    void refusesADataFolderInsideTheMirroredFolderWhenEitherIsNamedThroughASymlink() throws IOException {
        Path alias = Files.createSymbolicLink(temp.resolve("alias"), remoteDir);
        LogMirrorConfig throughTheLink = LogMirrorConfig.builder(alias.resolve("data"), source.delegate).build();
        LocalDirectorySource namedByTheLink = LocalDirectorySource.of(alias);
        LogMirrorConfig sourceThroughTheLink = LogMirrorConfig.builder(remoteDir.resolve("mirror/data"), namedByTheLink)
                .build();

        assertThatThrownBy(() -> LogMirror.open(throughTheLink)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the mirrored folder");
        assertThatThrownBy(() -> LogMirror.open(sourceThroughTheLink)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the mirrored folder");
        assertThat(remoteDir.resolve("data")).doesNotExist();
        assertThat(remoteDir.resolve("mirror")).doesNotExist();
    }

    private SyncStatus awaitStatus(java.util.function.Predicate<SyncStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            SyncStatus status = mirror.status();
            if (condition.test(status)) {
                return status;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("status never reached the expected state: " + mirror.status());
    }

    /** A source that can block its listing or its reads until released, fail its listing, and tell if closed. */
    static final class ControlledSource implements RemoteSource {
        final RemoteSource delegate;
        volatile boolean failListing;
        volatile boolean blockList;
        volatile boolean blockReads;
        volatile boolean closed;
        volatile boolean streamInterrupted;
        volatile int listings;
        private final CountDownLatch blocked = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicBoolean signalled = new AtomicBoolean();

        ControlledSource(RemoteSource delegate) {
            this.delegate = delegate;
        }

        void blockListing() {
            blockList = true;
        }

        void awaitBlocked() throws InterruptedException {
            assertThat(blocked.await(30, TimeUnit.SECONDS)).as("source was reached").isTrue();
        }

        void release() {
            released.countDown();
        }

        private void block() throws InterruptedIOException {
            if (signalled.compareAndSet(false, true)) {
                blocked.countDown();
            }
            try {
                released.await();
            } catch (InterruptedException e) {
                streamInterrupted = true;
                throw new InterruptedIOException("interrupted while reading");
            }
        }

        @Override
        public RemoteListing list() throws IOException {
            listings++;
            if (failListing) {
                throw new IOException("cluster unreachable (simulated)");
            }
            if (blockList) {
                block();
            }
            return delegate.list();
        }

        @Override
        public InputStream open(RemoteFile file, long offset, long length) throws IOException {
            InputStream in = delegate.open(file, offset, length);
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (blockReads) {
                        // deliver a first chunk, then hang like a stalled connection
                        int n = in.read(b, off, Math.min(len, 1000));
                        if (n > 0 && !signalled.get()) {
                            signalled.set(false);
                            block();
                        }
                        return n;
                    }
                    return in.read(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }

        @Override
        public String describe() {
            return "controlled " + delegate.describe();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
