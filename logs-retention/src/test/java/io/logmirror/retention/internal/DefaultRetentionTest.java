package io.logmirror.retention.internal;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.retention.FileCompressor;
import io.logmirror.retention.PlannedAction.Kind;
import io.logmirror.retention.Retention;
import io.logmirror.retention.RetentionPolicy;
import io.logmirror.retention.RetentionReport;
import io.logmirror.retention.RetentionReport.Status;
import io.logmirror.retention.RetentionRule;
import io.logmirror.retention.RetentionRules;
import io.logmirror.retention.Shapes;
import io.logmirror.retention.StoredLogFile;
import io.logmirror.fakecluster.FakeRemote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultRetentionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** vllm-* files are vllm, the rest slurm. */
    private static final Categorizer CATEGORIZER = new Categorizer() {
        @Override
        public Category categorize(LogPath path, byte[] head) {
            return path.fileName().startsWith("vllm") ? Category.VLLM : Category.SLURM;
        }

        @Override
        public List<Category> categories() {
            return List.of(Category.VLLM, Category.SLURM);
        }
    };

    @TempDir
    Path folder;

    private final FakeRemote remote = FakeRemote.create();
    private final List<LogEntry> removed = new ArrayList<>();
    private LogMirror mirror;

    @BeforeEach
    void mirrorOfOldAndNewLogs() throws Exception {
        file("vllm-old-gone.log", 40);
        file("vllm-old-present.log", 40);
        file("vllm-new-gone.log", 2);
        file("slurm-9.out", 10);
        mirror = LogMirror.open(LogMirrorConfig.builder(folder.resolve("data"), remote).categorizer(CATEGORIZER).build());
        mirror.syncNow();
        remote.delete("vllm-old-gone.log").delete("vllm-new-gone.log");
        mirror.syncNow();
    }

    @AfterEach
    void close() throws IOException {
        mirror.close();
    }

    @Test
    void removesOnlyOldFilesGoneFromTheRemoteOneCallEach() throws IOException {
        Retention retention = retention(maxAge(30).withoutCompression(), this::record);
        RetentionReport report = retention.run();
        assertThat(removed).extracting(e -> e.path().toString()).containsExactly("vllm-old-gone.log");
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(report.bytesFreed()).isEqualTo(remoteSize());
        assertThat(report.dryRun()).isFalse();
        assertThat(retention.lastRun()).contains(report);
    }

    @Test
    void aDryRunSaysWhatWouldGoAndDoesNothing() throws IOException {
        Retention retention = retention(maxAge(30).withCompressAfter(Duration.ofDays(7)), this::record);
        RetentionReport report = retention.dryRun();
        assertThat(report.dryRun()).isTrue();
        assertThat(report.outcomes()).isEmpty();
        assertThat(report.plan().deletions()).extracting(a -> a.entry().path().toString())
                .containsExactly("vllm-old-gone.log");
        assertThat(report.plan().compressions()).extracting(a -> a.entry().path().toString())
                .containsExactlyInAnyOrder("vllm-old-present.log", "slurm-9.out");
        assertThat(removed).isEmpty();
        assertThat(StoredLogFile.isCompressed(stored("slurm-9.out"))).isFalse();
        assertThat(retention.lastRun()).isEmpty();
    }

    @Test
    void compressesIdleFilesInPlaceSoTheyReadBackUnchangedAndTheNextRunLeavesThem() throws IOException {
        byte[] before = Files.readAllBytes(stored("slurm-9.out"));
        Instant modified = Files.getLastModifiedTime(stored("slurm-9.out")).toInstant();
        Retention retention = retention(RetentionPolicy.defaults(), this::record);
        RetentionReport report = retention.run();
        assertThat(report.compressed()).isEqualTo(3);
        assertThat(report.bytesFreed()).isPositive();
        try (StoredLogFile file = StoredLogFile.open(stored("slurm-9.out")); InputStream in = file.open(0, file.size())) {
            assertThat(file.compressed()).isTrue();
            assertThat(in.readAllBytes()).isEqualTo(before);
        }
        assertThat(Files.getLastModifiedTime(stored("slurm-9.out")).toInstant()).isEqualTo(modified);
        assertThat(retention.plan().actions()).isEmpty();
    }

    @Test
    void reportsARemovalASyncWonAndOneTheDiskRefusedAndGoesOn() throws Exception {
        file("vllm-old-gone-2.log", 50);
        mirror.syncNow();
        remote.delete("vllm-old-gone-2.log");
        mirror.syncNow();
        Retention retention = retention(maxAge(30).withoutCompression(), entry -> {
            if (entry.path().toString().equals("vllm-old-gone-2.log")) {
                throw new IOException("Read-only file system");
            }
            return false;
        });
        RetentionReport report = retention.run();
        assertThat(report.outcomes()).extracting(o -> o.action().entry().path() + " " + o.status())
                .containsExactly("vllm-old-gone-2.log FAILED", "vllm-old-gone.log SKIPPED");
        assertThat(report.outcomes().get(0).detail()).isEqualTo("Read-only file system");
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.deleted()).isZero();
    }

    @Test
    void leavesAFileThatASyncChangedAfterThePlanUncompressed() throws IOException {
        Path slurm = stored("slurm-9.out");
        Retention retention = retention(maxAge(30).withCompressAfter(Duration.ofDays(7)), entry -> {
            Files.write(slurm, Shapes.ascii("appended meanwhile\n"), StandardOpenOption.APPEND);
            return true;
        });
        RetentionReport report = retention.run();
        assertThat(report.outcomes()).filteredOn(o -> o.action().entry().path().toString().equals("slurm-9.out"))
                .singleElement().satisfies(o -> {
                    assertThat(o.action().kind()).isEqualTo(Kind.COMPRESS);
                    assertThat(o.status()).isEqualTo(Status.SKIPPED);
                    assertThat(o.detail()).isEqualTo("it changed since it was planned");
                });
        assertThat(StoredLogFile.isCompressed(slurm)).isFalse();
    }

    @Test
    void leavesOutAPlantedSymlinkAndSaysSo() throws IOException {
        Path outside = Files.writeString(folder.resolve("outside.log"), "x".repeat(10_000));
        Path slurm = stored("slurm-9.out");
        Files.delete(slurm);
        Files.createSymbolicLink(slurm, outside);
        RetentionReport report = retention(RetentionPolicy.defaults(), this::record).run();
        assertThat(report.outcomes()).noneMatch(o -> o.action().entry().path().toString().equals("slurm-9.out"));
        assertThat(report.plan().notes()).containsExactly("logs/slurm-9.out cannot be read (it is not a regular file;"
                + " if it is a symlink someone planted, remove it); left out");
        assertThat(report.compressed()).isEqualTo(2);
        assertThat(Files.readString(outside)).isEqualTo("x".repeat(10_000));
    }

    @Test
    void refusesToCompressThroughAPlantedSymlinkedFolder() throws Exception {
        file("job/slurm-10.out", 20);
        mirror.syncNow();
        Path outside = Files.createDirectories(folder.resolve("outside"));
        Files.write(outside.resolve("slurm-10.out"), Files.readAllBytes(stored("job/slurm-10.out")));
        Files.setLastModifiedTime(outside.resolve("slurm-10.out"), Files.getLastModifiedTime(stored("job/slurm-10.out")));
        Files.delete(stored("job/slurm-10.out"));
        Files.delete(stored("job"));
        Files.createSymbolicLink(stored("job"), outside);
        RetentionReport report = retention(RetentionPolicy.defaults(), this::record).run();
        assertThat(report.outcomes()).filteredOn(o -> o.action().entry().path().toString().equals("job/slurm-10.out"))
                .singleElement().satisfies(o -> {
                    assertThat(o.status()).isEqualTo(Status.FAILED);
                    assertThat(o.detail()).contains("someone planted a symlink there, remove it");
                });
        assertThat(StoredLogFile.isCompressed(outside.resolve("slurm-10.out"))).isFalse();
    }

    @Test
    void removesThroughTheRealMirrorWithOneRemovedEventPerFileAndGeneration() throws Exception {
        remote.rewrite("vllm-old-present.log", Shapes.logLines(5000, 99));
        remote.setModified("vllm-old-present.log", NOW.minus(Duration.ofDays(35)));
        mirror.syncNow(); // the old content is kept as generation 1
        List<LogEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AutoCloseable subscription = mirror.subscribe(events::add)) {
            RetentionPolicy policy = RetentionPolicy.defaults().withoutCompression().withRules(new RetentionRules(
                    RetentionRule.NONE.withMaxAge(Duration.ofDays(30)).withGenerationsKept(0), Map.of()));
            RetentionReport report = Retention.of(policy, mirror.store(), mirror::remove,
                    FileCompressor.seekableZstd(Shapes.SMALL_FRAMES, folder.resolve("data/.logmirror/compress")),
                    CLOCK).run();
            assertThat(report.outcomes()).extracting(o -> o.action().entry().path() + "@"
                    + o.action().entry().generation() + " " + o.status())
                    .containsExactlyInAnyOrder("vllm-old-present.log@1 DONE", "vllm-old-gone.log@0 DONE");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (events.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(events).allMatch(e -> e instanceof LogEvent.Removed)
                .extracting(e -> e.entry().path() + "@" + e.entry().generation())
                .containsExactlyInAnyOrder("vllm-old-present.log@1", "vllm-old-gone.log@0");
        assertThat(mirror.store().find(LogPath.of("vllm-old-gone.log"))).isEmpty();
        assertThat(Files.exists(stored("vllm-old-gone.log"))).isFalse();
        assertThat(mirror.store().generations(LogPath.of("vllm-old-present.log"))).isEmpty();
        assertThat(mirror.store().find(LogPath.of("vllm-old-present.log"))).isPresent();
    }

    // ------------------------------------------------------------------ helpers

    private Retention retention(RetentionPolicy policy, Retention.Remover remover) {
        FileCompressor compressor = FileCompressor.seekableZstd(Shapes.SMALL_FRAMES,
                folder.resolve("data/.logmirror/compress"));
        return Retention.of(policy, mirror.store(), remover, compressor, CLOCK);
    }

    private static RetentionPolicy maxAge(int days) {
        return RetentionPolicy.defaults().withRules(
                new RetentionRules(RetentionRule.NONE.withMaxAge(Duration.ofDays(days)), Map.of()));
    }

    private boolean record(LogEntry entry) {
        removed.add(entry);
        return true;
    }

    private void file(String path, int daysAgo) {
        remote.write(path, Shapes.logLines(20_000, path.hashCode()));
        remote.setModified(path, NOW.minus(Duration.ofDays(daysAgo)));
    }

    private long remoteSize() {
        return 20_000;
    }

    private Path stored(String path) {
        return folder.resolve("data/logs").resolve(path);
    }
}
