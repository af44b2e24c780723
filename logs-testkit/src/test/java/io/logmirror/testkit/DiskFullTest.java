package io.logmirror.testkit;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;
import io.logmirror.core.LogStore;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.SyncReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.logmirror.testkit.MirrorFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mirror on a real full disk (a small tmpfs, see {@link SmallDisk}): a file that does not fit fails alone, with
 * an error that says the disk is full; what is on disk stays a valid prefix of the remote file; nothing already
 * mirrored is lost; and once space is freed the next sync completes the work.
 */
class DiskFullTest {

    private static final long DISK = 1 << 20;
    private static final int KIB = 1024;

    private SmallDisk disk;
    private FakeRemote remote;
    private Path data;
    private final List<LogMirror> mirrors = new ArrayList<>();

    @BeforeEach
    void mountASmallDisk() throws IOException {
        disk = SmallDisk.mountOrSkip(DISK);
        remote = FakeRemote.create();
        data = disk.root().resolve("data");
    }

    @AfterEach
    void unmount() throws IOException {
        try {
            for (LogMirror mirror : mirrors) {
                mirror.close();
            }
        } finally {
            try {
                if (remote != null) {
                    remote.destroy();
                }
            } finally {
                if (disk != null) {
                    disk.close();
                }
            }
        }
    }

    @Test
    void aNewFileLargerThanTheFreeSpaceFailsAloneAndTheNextSyncCompletesItOnceSpaceIsFreed() throws Exception {
        byte[] big = bytes(512 * KIB, 1);
        remote.write("job-1/big.log", big).write("a.log", "small a\n").write("job-1/b.log", "small b\n");
        // One transfer at a time, largest first (the syncer's order): the small files come after the big one has
        // filled the disk, the harshest order for them.
        LogMirror mirror = open(config -> config.parallelism(1));
        disk.leaveFree(256 * KIB);

        SyncReport report = mirror.syncNow();

        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.name()).isEqualTo("job-1/big.log");
            assertThat(failure.reason()).containsIgnoringCase("no space").as("says what to do").containsIgnoringCase("free");
        });
        assertThat(logs("job-1/big.log")).as("no half-written file under the final name").doesNotExist();
        assertThat(mirror.store().find(LogPath.of("job-1/big.log"))).isEmpty();
        assertThat(logs("a.log")).hasContent("small a\n");
        assertThat(logs("job-1/b.log")).hasContent("small b\n");
        assertThat(mirror.status().successfulSyncs()).as("one file failing does not fail the sync").isEqualTo(1);
        assertIndexMatchesDisk(mirror.store());

        disk.removeFiller();
        SyncReport next = mirror.syncNow();

        assertThat(next.failures()).isEmpty();
        assertThat(next.filesAdded()).isEqualTo(1);
        assertThat(Files.readAllBytes(logs("job-1/big.log"))).isEqualTo(big);
        assertThat(Files.getLastModifiedTime(logs("job-1/big.log")).toInstant()).isEqualTo(remote.modified("job-1/big.log"));
        assertIndexMatchesDisk(mirror.store());
    }

    @Test
    void aNewFileThatDoesNotFitDoesNotStopAppendsToTheLiveLogs() throws Exception {
        // Whole pages, so that every append needs a new page of the disk.
        byte[] server = bytes(2 * SmallDisk.PAGE, 2);
        byte[] slurm = bytes(SmallDisk.PAGE, 3);
        remote.write("server.log", server).write("job-1/slurm-1.out", slurm);
        LogMirror mirror = open(config -> config.parallelism(1));
        mirror.syncNow();
        disk.leaveFree(128 * KIB);
        remote.write("job-2/huge.log", bytes(512 * KIB, 4))
                .append("server.log", bytes(SmallDisk.PAGE, 5))
                .append("job-1/slurm-1.out", bytes(SmallDisk.PAGE, 6));

        SyncReport first = mirror.syncNow();

        assertThat(first.failures()).extracting(SkippedEntry::name).containsExactly("job-2/huge.log");
        assertThat(Files.readAllBytes(logs("server.log"))).isEqualTo(remote.content("server.log"));
        assertThat(Files.readAllBytes(logs("job-1/slurm-1.out"))).isEqualTo(remote.content("job-1/slurm-1.out"));
        remote.append("server.log", bytes(SmallDisk.PAGE, 7));

        SyncReport second = mirror.syncNow();

        assertThat(second.failures()).extracting(SkippedEntry::name).containsExactly("job-2/huge.log");
        assertThat(Files.readAllBytes(logs("server.log"))).as("a sync after the failed one still appends")
                .isEqualTo(remote.content("server.log"));
        assertIndexMatchesDisk(mirror.store());
    }

    @Test
    void aGrownFileWhoseNewBytesDoNotFitStaysAValidPrefixAndIsCompletedOnceSpaceIsFreed() throws Exception {
        byte[] old = bytes(128 * KIB, 3);
        remote.write("vllm_0.log", old);
        LogMirror mirror = open(config -> config);
        mirror.syncNow();
        disk.leaveFree(64 * KIB);
        remote.append("vllm_0.log", bytes(256 * KIB, 4));
        byte[] full = remote.content("vllm_0.log");

        SyncReport report = mirror.syncNow();

        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.name()).isEqualTo("vllm_0.log");
            assertThat(failure.reason()).containsIgnoringCase("no space").as("says what to do").containsIgnoringCase("free");
        });
        byte[] local = Files.readAllBytes(logs("vllm_0.log"));
        assertThat(local.length).isBetween(old.length, full.length - 1);
        assertThat(local).as("a valid prefix of the remote file, earlier bytes intact").isEqualTo(Arrays.copyOf(full, local.length));
        assertIndexMatchesDisk(mirror.store());

        disk.removeFiller();
        SyncReport next = mirror.syncNow();

        assertThat(next.failures()).isEmpty();
        assertThat(next.filesGrown()).isEqualTo(1);
        assertThat(next.filesReplaced()).as("the prefix is resumed, not fetched again").isZero();
        assertThat(Files.readAllBytes(logs("vllm_0.log"))).isEqualTo(full);
        assertThat(Files.getLastModifiedTime(logs("vllm_0.log")).toInstant()).isEqualTo(remote.modified("vllm_0.log"));
        assertThat(mirror.store().generations(LogPath.of("vllm_0.log"))).isEmpty();
        assertIndexMatchesDisk(mirror.store());
    }

    @Test
    void aRewrittenFileWhoseNewContentDoesNotFitKeepsItsCurrentContentUntilSpaceIsFreed() throws Exception {
        byte[] first = bytes(300 * KIB, 5);
        byte[] second = bytes(300 * KIB, 6);
        remote.write("job.out", first);
        LogMirror mirror = open(config -> config);
        mirror.syncNow();
        disk.leaveFree(100 * KIB);
        remote.rewrite("job.out", second);

        SyncReport report = mirror.syncNow();

        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.name()).isEqualTo("job.out");
            assertThat(failure.reason()).containsIgnoringCase("no space").as("says what to do").containsIgnoringCase("free");
        });
        assertThat(Files.readAllBytes(logs("job.out"))).as("the current content is not lost").isEqualTo(first);
        LogEntry current = mirror.store().find(LogPath.of("job.out")).orElseThrow();
        assertThat(read(mirror.store(), current)).isEqualTo(first);
        for (LogEntry generation : mirror.store().generations(LogPath.of("job.out"))) {
            assertThat(read(mirror.store(), generation)).as("a kept generation is the old content").isEqualTo(first);
        }
        assertIndexMatchesDisk(mirror.store());

        disk.resize(4 * DISK);
        SyncReport next = mirror.syncNow();

        assertThat(next.failures()).isEmpty();
        assertThat(next.filesReplaced()).isEqualTo(1);
        assertThat(Files.readAllBytes(logs("job.out"))).isEqualTo(second);
        List<LogEntry> generations = mirror.store().generations(LogPath.of("job.out"));
        assertThat(generations).singleElement().satisfies(g -> assertThat(read(mirror.store(), g)).isEqualTo(first));
        assertIndexMatchesDisk(mirror.store());
    }

    @Test
    void aTruncatedFileOnAFullDiskKeepsItsPreviousContentAndBecomesAGenerationOnceSpaceIsFreed() throws Exception {
        byte[] first = bytes(400 * KIB, 7);
        remote.write("server.log", first);
        LogMirror mirror = open(config -> config);
        mirror.syncNow();
        disk.leaveFree(0);
        remote.truncate("server.log", 0).append("server.log", "restarted\n");

        SyncReport report = mirror.syncNow();

        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.name()).isEqualTo("server.log");
            assertThat(failure.reason()).containsIgnoringCase("no space").as("says what to do").containsIgnoringCase("free");
        });
        assertThat(Files.readAllBytes(logs("server.log"))).as("the previous content is not lost").isEqualTo(first);
        assertIndexMatchesDisk(mirror.store());

        disk.removeFiller();
        mirror.syncNow();

        assertThat(logs("server.log")).hasContent("restarted\n");
        assertThat(mirror.store().generations(LogPath.of("server.log")))
                .singleElement().satisfies(g -> assertThat(read(mirror.store(), g)).isEqualTo(first));
        assertIndexMatchesDisk(mirror.store());
    }

    @Test
    void reopeningTheMirrorOnAFullDiskEitherServesWhatItHoldsOrSaysWhichFolderIsFull() throws Exception {
        remote.write("a.log", "kept\n");
        LogMirrorConfig config = LogMirrorConfig.builder(data, remote).build();
        try (LogMirror first = LogMirror.open(config)) {
            first.syncNow();
        }
        disk.leaveFree(0);

        LogMirror reopened;
        try {
            reopened = LogMirror.open(config);
        } catch (IOException e) {
            assertThat(e).as("an error that names the data folder and says the disk is full")
                    .hasMessageContaining(data.toString()).hasMessageContaining("No space left on device");
            return;
        }
        try (reopened) {
            LogEntry entry = reopened.store().find(LogPath.of("a.log")).orElseThrow();
            assertThat(read(reopened.store(), entry)).isEqualTo("kept\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertIndexMatchesDisk(reopened.store());
        }
    }

    @Test
    void aDiskOutOfInodesFailsNewFilesClearlyWhileExistingFilesKeepGrowingAndCatchesUpOnceInodesAreFree() throws Exception {
        disk.close();
        disk = SmallDisk.mountOrSkip(DISK, 200);
        data = disk.root().resolve("data");
        remote.write("server.log", "up\n").write("job-1/slurm-1.out", "SLURM_JOB_ID=1\n");
        LogMirror mirror = open(config -> config);
        mirror.syncNow();
        assertThat(disk.useUpInodes()).as("inodes left for the filler").isPositive();
        remote.write("job-2/slurm-2.out", "SLURM_JOB_ID=2\n").write("new.log", "new\n")
                .append("server.log", "request 1\n").append("job-1/slurm-1.out", "step 1\n");

        SyncReport report = mirror.syncNow();

        // The mirror may free an inode or two of its own (an empty staging folder), so which new file fails varies.
        assertThat(report.failures()).isNotEmpty().extracting(SkippedEntry::name)
                .isSubsetOf("job-2/slurm-2.out", "new.log");
        assertThat(report.failures()).allSatisfy(f -> assertThat(f.reason()).containsIgnoringCase("no space")
                .as("says what to do (the disk has space: it is out of inodes)").containsIgnoringCase("free"));
        for (String path : List.of("job-2/slurm-2.out", "new.log")) {
            if (report.failures().stream().anyMatch(f -> f.name().equals(path))) {
                assertThat(logs(path)).as("not half-written under its final name").doesNotExist();
            } else {
                assertThat(Files.readAllBytes(logs(path))).isEqualTo(remote.content(path));
            }
        }
        assertThat(logs("server.log")).hasContent("up\nrequest 1\n");
        assertThat(logs("job-1/slurm-1.out")).hasContent("SLURM_JOB_ID=1\nstep 1\n");
        assertIndexMatchesDisk(mirror.store());

        disk.freeInodes(50);
        SyncReport next = mirror.syncNow();

        assertThat(next.failures()).isEmpty();
        assertThat(logs("job-2/slurm-2.out")).hasContent("SLURM_JOB_ID=2\n");
        assertThat(logs("new.log")).hasContent("new\n");
        assertIndexMatchesDisk(mirror.store());
    }

    @Test
    void aNewFileIsAnnouncedExactlyOnceEvenWhenTheStateJournalCannotGrow() throws Exception {
        LogMirror mirror = open(config -> config.categorizedLinks(false));
        List<LogEvent> events = new CopyOnWriteArrayList<>();
        mirror.subscribe(events::add);
        fillTheStateJournalToAPageBoundary(mirror);
        disk.leaveFree(0);
        // Empty, so that only the journal record of the new file needs a new page of the disk.
        remote.write("late.log", new byte[0]);
        events.clear();

        mirror.syncNow();

        assertThat(mirror.store().find(LogPath.of("late.log")).isPresent())
                .as("the index knows late.log exactly when it is on disk").isEqualTo(Files.exists(logs("late.log")));
        assertIndexMatchesDisk(mirror.store());

        disk.removeFiller();
        SyncReport next = mirror.syncNow();

        assertThat(next.failures()).isEmpty();
        assertThat(logs("late.log")).exists();
        long deadline = System.nanoTime() + 10_000_000_000L; // the feed delivers on its own thread
        while (events.stream().noneMatch(e -> e.entry().path().equals(LogPath.of("late.log")))
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        assertThat(events).filteredOn(e -> e.entry().path().equals(LogPath.of("late.log")))
                .as("a subscriber (live tail, search index) hears of the new file once")
                .singleElement().isInstanceOf(LogEvent.Added.class);
    }

    // ------------------------------------------------------------------ helpers

    private LogMirror open(java.util.function.UnaryOperator<LogMirrorConfig.Builder> customize) throws IOException {
        LogMirror mirror = LogMirror.open(customize.apply(LogMirrorConfig.builder(data, remote)).build());
        mirrors.add(mirror);
        return mirror;
    }

    /**
     * Adds empty files until the state journal ({@code .logmirror/state}, one record per new file) ends exactly on
     * a page, so that the next record needs a new page. Learns the record size from the first file.
     */
    private void fillTheStateJournalToAPageBoundary(LogMirror mirror) throws Exception {
        Path journal = data.resolve(".logmirror").resolve("state");
        assertThat(journal).as("this test relies on the store's state journal at " + journal).exists();
        int files = 0;
        long before = Files.size(journal);
        remote.write(fillerName(files++, 20), new byte[0]);
        mirror.syncNow();
        long overhead = Files.size(journal) - before - 20;
        assertThat(overhead).as("bytes a journal record adds besides the path").isBetween(1L, 200L);
        while (Files.size(journal) % SmallDisk.PAGE != 0) {
            assertThat(files).as("files needed to fill the journal to a page").isLessThan(500);
            long left = SmallDisk.PAGE - Files.size(journal) % SmallDisk.PAGE;
            long length;
            if (left - overhead >= 8 && left - overhead <= 200) {
                length = left - overhead;
            } else if (left - overhead > 200) {
                length = Math.min(200, left - 2 * overhead - 8);
            } else {
                length = 200;
            }
            remote.write(fillerName(files++, (int) length), new byte[0]);
            mirror.syncNow();
        }
    }

    private static String fillerName(int number, int length) {
        String prefix = String.format("f%05d-", number);
        return prefix + "x".repeat(length - prefix.length());
    }

    private Path logs(String path) {
        return LogPath.of(path).resolveAgainst(data.resolve("logs"));
    }

    /** Every indexed file, current and kept generations, has the size the index says. */
    private void assertIndexMatchesDisk(LogStore store) throws IOException {
        List<LogEntry> entries = store.list(LogQuery.newest(10_000).withHidden());
        assertThat(entries).hasSize(store.fileCount());
        for (LogEntry entry : entries) {
            assertThat(Files.size(logs(entry.path().toString()))).as("size of " + entry.path()).isEqualTo(entry.size());
            for (LogEntry generation : store.generations(entry.path())) {
                assertThat(read(store, generation)).as("generation " + generation.generation() + " of " + entry.path())
                        .hasSize((int) generation.size());
            }
        }
    }

    private static byte[] read(LogStore store, LogEntry entry) {
        try (InputStream in = store.open(entry, 0, Long.MAX_VALUE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
