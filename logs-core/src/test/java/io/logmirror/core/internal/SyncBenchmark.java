package io.logmirror.core.internal;

import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.SyncReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Benchmark (a main program, not a test): the engine over a {@link LocalDirectorySource} with many small files.
 * Measures the first sync (everything new), a sync with nothing changed (the steady state: listing and
 * comparing only), a sync where 1% of the files grew, and reopening the data folder (rebuilding the index
 * from disk).
 *
 * <p>Run: {@code java -cp "$CP" io.logmirror.core.internal.SyncBenchmark [files] [folder]} (default 100,000 files
 * under the system temp folder; everything is deleted afterwards).
 */
public final class SyncBenchmark {

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path parent = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
        Path root = Files.createTempDirectory(parent, "sync-benchmark");
        try {
            Path remote = Files.createDirectories(root.resolve("remote"));
            Path data = root.resolve("data");
            byte[] content = "2026-01-01T00:00:00Z INFO job started\n".repeat(10).getBytes();
            for (int i = 0; i < files; i++) {
                Path dir = remote.resolve("job-" + (i / 100));
                if (i % 100 == 0) {
                    Files.createDirectories(dir);
                }
                Path file = Files.write(dir.resolve("slurm-" + i + ".out"), content);
                Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + i, 123_456_789)));
            }
            LogMirrorConfig config = LogMirrorConfig.builder(data, LocalDirectorySource.of(remote)).parallelism(2).build();
            try (LogMirror mirror = LogMirror.open(config)) {
                print("first sync (all new)", mirror.syncNow());
                print("sync, nothing changed", mirror.syncNow());
                print("sync, nothing changed", mirror.syncNow());
                for (int i = 0; i < files; i += 100) {
                    Path file = remote.resolve("job-" + (i / 100)).resolve("slurm-" + i + ".out");
                    Files.write(file, "one more line\n".getBytes(), StandardOpenOption.APPEND);
                }
                print("sync, 1% of the files grew", mirror.syncNow());
            }
            long start = System.nanoTime();
            try (LogMirror mirror = LogMirror.open(config)) {
                System.out.printf("%-28s %8.0f ms (%,d files indexed)%n", "reopen (rebuild the index)",
                        (System.nanoTime() - start) / 1e6, mirror.store().fileCount());
                print("sync after reopen", mirror.syncNow());
            }
        } finally {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void print(String what, SyncReport report) throws IOException {
        System.out.printf("%-28s %8d ms  listed %,d, added %,d, grown %,d, bytes fetched %,d%n", what,
                report.duration().toMillis(), report.filesListed(), report.filesAdded(), report.filesGrown(),
                report.bytesFetched());
    }
}
