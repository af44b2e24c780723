package io.logmirror.core.internal.sync;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.core.SyncReport;
import io.logmirror.core.internal.store.FsLogStore;
import io.logmirror.core.internal.store.RecordingPublisher;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MirrorSyncerTest {

    @TempDir
    Path temp;

    Path remoteDir;
    Path data;
    CountingSource source;
    FsLogStore store;
    MirrorSyncer syncer;
    final RecordingPublisher published = new RecordingPublisher();
    Categorizer categorizer = new Categorizer() {
        @Override
        public Category categorize(LogPath path, byte[] head) {
            if (path.fileName().startsWith("slurm")) {
                return Category.SLURM;
            }
            return new String(head, StandardCharsets.UTF_8).startsWith("vLLM") ? Category.VLLM : Category.UNCATEGORIZED;
        }

        @Override
        public int headBytesWanted() {
            return 4;
        }

        @Override
        public List<Category> categories() {
            return Category.STANDARD;
        }
    };

    @BeforeEach
    void setUp() throws IOException {
        remoteDir = Files.createDirectories(temp.resolve("remote"));
        data = temp.resolve("data");
        source = new CountingSource(LocalDirectorySource.of(remoteDir));
        open(List.of(), 8);
    }

    @AfterEach
    void tearDown() throws IOException {
        syncer.close();
        store.close();
    }

    private void open(List<String> excludes, int window) throws IOException {
        store = FsLogStore.open(data, categorizer, true, dir -> published);
        syncer = new MirrorSyncer(source, store, categorizer, 2, window, excludes);
    }

    private void reopen() throws IOException {
        syncer.close();
        store.close();
        open(List.of(), 8);
    }

    private Path remote(String name, String content, long mtimeSeconds) throws IOException {
        Path file = remoteDir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(mtimeSeconds, 123_456_789)));
        return file;
    }

    private void appendRemote(String name, String more, long mtimeSeconds) throws IOException {
        Path file = remoteDir.resolve(name);
        Files.writeString(file, more, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(mtimeSeconds)));
    }

    private SyncReport sync() throws Exception {
        published.clear();
        source.reset();
        return syncer.sync(p -> { });
    }

    private String local(String name) throws IOException {
        return Files.readString(data.resolve("logs").resolve(name));
    }

    @Test
    void addsNewFilesWithTheRemoteModificationTimeAndACategory() throws Exception {
        remote("job-1/slurm-1.out", "hello\n", 1000);
        remote("vllm_0.log", "vLLM starting\n", 2000);

        SyncReport report = sync();

        assertThat(report.filesAdded()).isEqualTo(2);
        assertThat(local("job-1/slurm-1.out")).isEqualTo("hello\n");
        assertThat(Files.getLastModifiedTime(data.resolve("logs/job-1/slurm-1.out")).toInstant())
                .isEqualTo(Instant.ofEpochSecond(1000, 123_456_789));
        assertThat(store.find(LogPath.of("vllm_0.log")).orElseThrow().category()).isEqualTo(Category.VLLM);
        assertThat(store.find(LogPath.of("job-1/slurm-1.out")).orElseThrow().category()).isEqualTo(Category.SLURM);
        assertThat(published.events()).hasSize(2).allMatch(e -> e instanceof LogEvent.Added);
        assertThat(Files.readSymbolicLink(data.resolve("categorized/slurm/job-1/slurm-1.out")).toString())
                .isEqualTo("../../../logs/job-1/slurm-1.out");
        assertThat(Files.readString(data.resolve("categorized/slurm/job-1/slurm-1.out"))).isEqualTo("hello\n");
    }

    @Test
    void resumesAFailedNewFileFromItsPartialDownload() throws Exception {
        String content = "0123456789".repeat(20_000);
        remote("big.log", content, 1000);
        source.failAfter = 70_000;

        SyncReport failed = sync();

        assertThat(failed.failures()).hasSize(1);
        assertThat(store.find(LogPath.of("big.log"))).isEmpty();
        assertThat(Files.exists(data.resolve("logs/big.log"))).isFalse();
        source.failAfter = -1;

        SyncReport resumed = sync();

        assertThat(resumed.filesAdded()).isEqualTo(1);
        assertThat(resumed.bytesFetched()).isLessThan(content.length() - 60_000);
        assertThat(local("big.log")).isEqualTo(content);
    }

    @Test
    void discardsAPartialDownloadWhoseBytesNoLongerMatchTheRemote() throws Exception {
        remote("big.log", "a".repeat(200_000), 1000);
        source.failAfter = 70_000;
        sync();
        source.failAfter = -1;
        remote("big.log", "b".repeat(200_000), 2000);

        SyncReport report = sync();

        assertThat(report.filesAdded()).isEqualTo(1);
        assertThat(local("big.log")).isEqualTo("b".repeat(200_000));
        assertThat(store.find(LogPath.of("big.log")).orElseThrow().modified()).isEqualTo(Instant.ofEpochSecond(2000, 123_456_789));
    }

    @Test
    void publishesTheBytesThatArrivedWhenAnAppendFailsPartWay() throws Exception {
        remote("a.log", "start\n", 1000);
        sync();
        appendRemote("a.log", "m".repeat(200_000), 2000);
        source.failAfter = 70_000;

        sync();

        LogEntry partial = store.find(LogPath.of("a.log")).orElseThrow();
        assertThat(published.events()).singleElement().isInstanceOfSatisfying(LogEvent.Appended.class, e -> {
            assertThat(e.previousSize()).isEqualTo(6);
            assertThat(e.entry().size()).isEqualTo(partial.size());
        });
    }

    @Test
    void categorizesAFileAgainWhenItGrowsPastTheHeadItWasFirstSortedBy() throws Exception {
        remote("worker.log", "", 1000);
        sync();
        assertThat(store.find(LogPath.of("worker.log")).orElseThrow().category()).isEqualTo(Category.UNCATEGORIZED);
        appendRemote("worker.log", "vLLM engine started\n", 2000);

        sync();

        assertThat(store.find(LogPath.of("worker.log")).orElseThrow().category()).isEqualTo(Category.VLLM);
        assertThat(Files.readString(data.resolve("categorized/vllm/worker.log"))).isEqualTo("vLLM engine started\n");
        assertThat(Files.exists(data.resolve("categorized/uncategorized/worker.log"))).isFalse();
    }

    @Test
    void transfersManyFilesInParallelAndReportsProgressToTheEnd() throws Exception {
        for (int i = 0; i < 60; i++) {
            remote("job-" + (i % 5) + "/f-" + i + ".log", "content " + i + "\n".repeat(i), 1000 + i);
        }
        List<io.logmirror.core.SyncProgress> progress = Collections.synchronizedList(new ArrayList<>());

        SyncReport report = syncer.sync(progress::add);

        assertThat(report.filesAdded()).isEqualTo(60);
        assertThat(store.fileCount()).isEqualTo(60);
        io.logmirror.core.SyncProgress last = progress.stream()
                .max(java.util.Comparator.comparingInt(io.logmirror.core.SyncProgress::filesDone)).orElseThrow();
        assertThat(last.filesDone()).isEqualTo(60);
        assertThat(last.filesTotal()).isEqualTo(60);
        assertThat(last.bytesDone()).isEqualTo(report.bytesFetched());
        for (int i = 0; i < 60; i++) {
            assertThat(local("job-" + (i % 5) + "/f-" + i + ".log")).isEqualTo("content " + i + "\n".repeat(i));
        }
    }

    @Test
    void replacesAFileAgainAndAgainKeepingEveryGeneration() throws Exception {
        remote("a.log", "one\n", 1000);
        sync();
        remote("a.log", "2\n", 2000);
        sync();
        remote("a.log", "3\n", 3000);

        SyncReport report = sync();

        assertThat(report.filesReplaced()).isEqualTo(1);
        assertThat(published.events()).singleElement().isInstanceOfSatisfying(LogEvent.Replaced.class, e -> {
            assertThat(e.previous().generation()).isEqualTo(2);
            assertThat(e.previous().size()).isEqualTo(2);
            assertThat(e.entry().isCurrent()).isTrue();
        });
        assertThat(store.generations(LogPath.of("a.log"))).extracting(LogEntry::size).containsExactly(4L, 2L);
    }

    @Test
    void neverMarksAnExcludedFileAsGone() throws Exception {
        remote("a.tmp", "x", 1000);
        sync();
        syncer.close();
        store.close();
        open(List.of("*.tmp"), 8);

        SyncReport report = sync();

        assertThat(report.filesGone()).isZero();
        assertThat(store.find(LogPath.of("a.tmp")).orElseThrow().goneRemotely()).isFalse();
    }

    @Test
    void fetchesAgainALocalCopyDeletedByHand() throws Exception {
        remote("a.log", "one\n", 1000);
        sync();
        Files.delete(data.resolve("logs/a.log"));
        appendRemote("a.log", "two\n", 2000);

        SyncReport report = sync();

        assertThat(report.failures()).isEmpty();
        assertThat(report.filesAdded()).isEqualTo(1);
        assertThat(local("a.log")).isEqualTo("one\ntwo\n");
        assertThat(store.find(LogPath.of("a.log")).orElseThrow().size()).isEqualTo(8);
    }

    @Test
    void fetchesWholeALocalCopyChangedByHandAndKeepsTheChangedOneAsAGeneration() throws Exception {
        remote("a.log", "one\n", 1000);
        sync();
        Files.writeString(data.resolve("logs/a.log"), "local edit\n", StandardOpenOption.APPEND);
        appendRemote("a.log", "two\n", 2000);

        SyncReport report = sync();

        assertThat(report.failures()).isEmpty();
        assertThat(local("a.log")).isEqualTo("one\ntwo\n");
        assertThat(store.generations(LogPath.of("a.log"))).singleElement()
                .satisfies(g -> assertThat(g.size()).isEqualTo("one\nlocal edit\n".length()));
    }

    @Test
    void doesNotMarkFilesGoneUnderARefusedFolderWhosePathIsLongerThanTheDisplayedName() throws Exception {
        String folder = "a-folder-with-a-long-name/".repeat(9) + "locked"; // 240 characters, more than a displayed name
        remote(folder + "/a.log", "x", 1000);
        sync();
        source.unreadableFolder = folder;

        SyncReport report = sync();

        assertThat(report.filesGone()).isZero();
        assertThat(report.skipped()).singleElement().satisfies(s -> assertThat(s.rawName()).isEqualTo(folder));
        assertThat(store.find(LogPath.of(folder + "/a.log")).orElseThrow().goneRemotely()).isFalse();
    }

    @Test
    void doesNotMarkFilesGoneThatTheRemoteReportedButCouldNotRead() throws Exception {
        remote("locked/a.log", "x", 1000);
        remote("other.log", "y", 1000);
        sync();
        source.unreadableFolder = "locked";

        SyncReport report = sync();

        assertThat(report.filesGone()).isZero();
        assertThat(report.skipped()).extracting(s -> s.name()).containsExactly("locked");
        assertThat(store.find(LogPath.of("locked/a.log")).orElseThrow().goneRemotely()).isFalse();
    }

    @Test
    void aReplacedFileCanChangeCategoryAndItsPreviousGenerationKeepsTheOldOne() throws Exception {
        remote("worker.log", "abcdefgh\n", 1000);
        sync();
        remote("worker.log", "vLLM up\n", 2000);

        sync();

        assertThat(published.events()).singleElement().isInstanceOfSatisfying(LogEvent.Replaced.class, e -> {
            assertThat(e.entry().category()).isEqualTo(Category.VLLM);
            assertThat(e.previous().category()).isEqualTo(Category.UNCATEGORIZED);
        });
        assertThat(Files.readString(data.resolve("categorized/vllm/worker.log"))).isEqualTo("vLLM up\n");
        assertThat(Files.exists(data.resolve("categorized/uncategorized/worker.log"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void anAppendDuringWhichTheFileIsRewrittenIsCutBackAndTheNextSyncReplacesTheFile() throws Exception {
        String first = "a".repeat(10_000);
        remote("job.out", first, 1000);
        sync();
        appendRemote("job.out", "b".repeat(10_000), 2000);
        String rerun = "c".repeat(30_000);
        source.changeAfter = 8 + 1_000; // the window, then some new bytes
        source.change = () -> {
            try {
                Files.writeString(remoteDir.resolve("job.out"), rerun); // same inode, truncated and rewritten
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        SyncReport during = sync();

        assertThat(during.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("changed on the remote"));
        assertThat(local("job.out")).as("cut back to the whole previous version").isEqualTo(first);
        assertThat(published.events()).isEmpty();

        SyncReport next = sync();

        assertThat(next.filesReplaced()).isEqualTo(1);
        assertThat(local("job.out")).isEqualTo(rerun);
        assertThat(store.generations(LogPath.of("job.out"))).singleElement()
                .satisfies(g -> assertThat(g.size()).isEqualTo(10_000));
    }

    @Test
    void aNewFileRewrittenWhileItIsReadIsNotPutInPlaceMixed() throws Exception {
        remote("job.out", "a".repeat(20_000), 1000);
        String rerun = "c".repeat(30_000);
        source.changeAfter = 5_000;
        source.change = () -> {
            try {
                Files.writeString(remoteDir.resolve("job.out"), rerun);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        SyncReport during = sync();

        assertThat(during.failures()).hasSize(1);
        assertThat(store.find(LogPath.of("job.out"))).isEmpty();
        assertThat(sync().filesAdded()).isEqualTo(1);
        assertThat(local("job.out")).isEqualTo(rerun);
    }

    @Test
    void aFileThatOnlyGrewWhileItWasReadIsAcceptedAfterOneSmallCheck() throws Exception {
        remote("live.log", "x".repeat(10_000), 1000);
        sync();
        appendRemote("live.log", "y".repeat(10_000), 2000);
        source.changeAfter = 5_000;
        source.change = () -> {
            try {
                Files.writeString(remoteDir.resolve("live.log"), "z".repeat(100), StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        SyncReport report = sync();

        assertThat(report.failures()).isEmpty();
        assertThat(report.filesGrown()).isEqualTo(1);
        assertThat(source.opens.get()).as("the transfer, then one check of the window").isEqualTo(2);
        assertThat(local("live.log")).isEqualTo("x".repeat(10_000) + "y".repeat(10_000));
        assertThat(sync().filesGrown()).isEqualTo(1);
        assertThat(local("live.log")).isEqualTo("x".repeat(10_000) + "y".repeat(10_000) + "z".repeat(100));
    }

    /** A source that counts opens and can fail a stream after a number of bytes. */
    static final class CountingSource implements RemoteSource {
        final RemoteSource delegate;
        final AtomicInteger opens = new AtomicInteger();
        volatile long failAfter = -1;
        volatile String failOpenOf = "";
        volatile String unreadableFolder = "";
        volatile boolean listTwice;
        /** Run once, after this many bytes of the next read: simulates a change to the remote file while it is read. */
        volatile long changeAfter = -1;
        volatile Runnable change = () -> { };

        CountingSource(RemoteSource delegate) {
            this.delegate = delegate;
        }

        void reset() {
            opens.set(0);
        }

        @Override
        public RemoteListing list() throws IOException {
            RemoteListing listing = delegate.list();
            if (listTwice) {
                List<RemoteFile> twice = new ArrayList<>(listing.files());
                twice.addAll(listing.files());
                listing = new RemoteListing(twice, listing.skipped());
            }
            String folder = unreadableFolder;
            if (folder.isEmpty()) {
                return listing;
            }
            List<io.logmirror.core.SkippedEntry> skipped = new ArrayList<>(listing.skipped());
            skipped.add(new io.logmirror.core.SkippedEntry(folder, "cannot be read (simulated)"));
            return new RemoteListing(listing.files().stream()
                    .filter(f -> !f.path().toString().startsWith(folder + "/")).toList(), skipped);
        }

        @Override
        public InputStream open(RemoteFile file, long offset, long length) throws IOException {
            opens.incrementAndGet();
            if (file.path().toString().equals(failOpenOf)) {
                throw new IOException("permission denied (simulated)");
            }
            InputStream in = delegate.open(file, offset, length);
            if (changeAfter >= 0) {
                long after = changeAfter;
                changeAfter = -1;
                Runnable action = change;
                AtomicLong delivered = new AtomicLong();
                return new FilterInputStream(in) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        long left = after - delivered.get();
                        if (left == 0) {
                            action.run();
                            delivered.incrementAndGet();
                        }
                        int n = super.read(b, off, left > 0 ? (int) Math.min(len, left) : len);
                        if (n > 0 && left > 0) {
                            delivered.addAndGet(n);
                        }
                        return n;
                    }
                };
            }
            long limit = failAfter;
            if (limit < 0) {
                return in;
            }
            AtomicLong read = new AtomicLong();
            return new FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    long left = limit - read.get();
                    if (left <= 0) {
                        throw new IOException("connection lost (simulated)");
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        read.addAndGet(n);
                    }
                    return n;
                }
            };
        }

        @Override
        public String describe() {
            return "counting " + delegate.describe();
        }
    }
}
