package io.logmirror.core.internal.sync;

import io.logmirror.core.Categorizer;
import io.logmirror.core.FetchedRange;
import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogPath;
import io.logmirror.core.RangeReceiver;
import io.logmirror.core.RangeRequest;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.core.SyncReport;
import io.logmirror.core.internal.store.FsLogStore;
import io.logmirror.core.internal.store.RecordingPublisher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BatchedTransfersTest {

    @TempDir
    Path temp;

    Path remoteDir;
    BatchingSource source;
    FsLogStore store;
    MirrorSyncer syncer;
    final RecordingPublisher published = new RecordingPublisher();

    @BeforeEach
    void setUp() throws IOException {
        remoteDir = Files.createDirectories(temp.resolve("remote"));
        source = new BatchingSource(LocalDirectorySource.of(remoteDir));
        store = FsLogStore.open(temp.resolve("data"), Categorizer.uncategorized(), false, dir -> published);
        syncer = new MirrorSyncer(source, store, Categorizer.uncategorized(), 2, 8, List.of());
    }

    @AfterEach
    void tearDown() throws IOException {
        syncer.close();
        store.close();
    }

    private void remote(String name, String content, long seconds) throws IOException {
        Path file = remoteDir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(seconds)));
    }

    @Test
    void fetchesManyFilesInAFewBatchesSplitAcrossTheWorkers() throws Exception {
        for (int i = 0; i < 600; i++) {
            remote("job-" + (i % 7) + "/f-" + i + ".log", "line " + i + "\n", 1000);
        }

        SyncReport report = syncer.sync(p -> { });

        assertThat(report.filesAdded()).isEqualTo(600);
        assertThat(source.batches).as("about four chunks per worker, one fetch each").hasSizeBetween(2, 10);
        assertThat(source.batches.stream().mapToInt(List::size).sum()).isEqualTo(600);
        assertThat(source.batches).allSatisfy(batch -> assertThat(batch).hasSizeGreaterThanOrEqualTo(64));
    }

    @Test
    void asksForAnAppendWithItsCheckWindowBeforeTheOldEndAndOneBytePastTheNewEndInOneRange() throws Exception {
        remote("a.log", "0123456789\n", 1000);
        syncer.sync(p -> { });
        Files.writeString(remoteDir.resolve("a.log"), "more\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(remoteDir.resolve("a.log"), FileTime.from(Instant.ofEpochSecond(2000)));
        source.batches.clear();

        SyncReport report = syncer.sync(p -> { });

        assertThat(report.filesGrown()).isEqualTo(1);
        assertThat(source.batches).singleElement().satisfies(batch -> assertThat(batch).singleElement().satisfies(r -> {
            assertThat(r.offset()).as("old size 11 minus the window of 8").isEqualTo(3);
            assertThat(r.length()).as("to the new end of 16, plus one byte").isEqualTo(14);
        }));
        assertThat(report.bytesFetched()).isEqualTo(8 + 5);
    }

    @Test
    void aFileShorterAtReadTimeThanItsMirrorCopyIsReplacedInTheSameSync() throws Exception {
        remote("job.out", "first run, a long line\n", 1000);
        syncer.sync(p -> { });
        // Listed as grown, but rewritten shorter by the time it is read: the source says so in the range it returns.
        remote("job.out", "re-run\n", 3000);
        source.listed = files -> files.stream()
                .map(f -> new RemoteFile(f.path(), 40, Instant.ofEpochSecond(2000), f.sourceName())).toList();
        published.clear();

        SyncReport report = syncer.sync(p -> { });

        assertThat(report.failures()).isEmpty();
        assertThat(report.filesReplaced()).isEqualTo(1);
        assertThat(Files.readString(temp.resolve("data/logs/job.out"))).isEqualTo("re-run\n");
        assertThat(store.find(LogPath.of("job.out")).orElseThrow().modified()).isEqualTo(Instant.ofEpochSecond(3000));
        assertThat(store.generations(LogPath.of("job.out"))).singleElement()
                .satisfies(g -> assertThat(g.size()).isEqualTo(23));
        source.listed = UnaryOperator.identity();
        assertThat(syncer.sync(p -> { }).bytesFetched()).as("in sync now").isZero();
    }

    /** A source that records each fetch batch and reports the size and time at read from the disk. */
    static final class BatchingSource implements RemoteSource {
        final RemoteSource delegate;
        final List<List<RangeRequest>> batches = Collections.synchronizedList(new ArrayList<>());
        volatile UnaryOperator<List<RemoteFile>> listed = UnaryOperator.identity();

        BatchingSource(RemoteSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public RemoteListing list() throws IOException {
            RemoteListing listing = delegate.list();
            return new RemoteListing(listed.apply(listing.files()), listing.skipped());
        }

        @Override
        public InputStream open(RemoteFile file, long offset, long length) throws IOException {
            return delegate.open(file, offset, length);
        }

        @Override
        public void fetch(List<RangeRequest> requests, RangeReceiver receiver) throws IOException {
            batches.add(List.copyOf(requests));
            for (RangeRequest request : requests) {
                Path file = ((LocalDirectorySource) delegate).folder().resolve(request.file().sourceName());
                byte[] all = Files.readAllBytes(file);
                int from = (int) Math.min(all.length, request.offset());
                int to = (int) Math.min(all.length, request.offset() + request.length());
                receiver.onRange(new FetchedRange(request, all.length, Files.getLastModifiedTime(file).toInstant(),
                        new ByteArrayInputStream(all, from, to - from)));
            }
        }

        @Override
        public int preferredParallelism() {
            return 2;
        }

        @Override
        public String describe() {
            return "batching " + delegate.describe();
        }
    }
}
