package io.logmirror.core.internal;

import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.SyncReport;
import io.logmirror.core.feed.ChangeSubscriber;
import io.logmirror.core.feed.FeedSubscription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Benchmark (a main program, not a test): the first sync of 100,000 small files over a {@link LocalDirectorySource},
 * with no change-feed subscriber, and with four (three that count what they get, one stuck for good), alternating,
 * each on a fresh data folder, in alternating order. The claim: a stuck subscriber costs the sync nothing, because publishing never waits.
 *
 * <p>Run: {@code java -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
 * io.logmirror.core.internal.FeedSyncBenchmark [files] [rounds] [folder]}.
 */
public final class FeedSyncBenchmark {

    private FeedSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path parent = args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty("java.io.tmpdir"));
        Path root = Files.createTempDirectory(parent, "feed-sync-benchmark");
        try {
            Path remote = Files.createDirectories(root.resolve("remote"));
            byte[] content = "2026-01-01T00:00:00Z INFO job started\n".repeat(10).getBytes();
            for (int i = 0; i < files; i++) {
                Path dir = remote.resolve("job-" + (i / 100));
                if (i % 100 == 0) {
                    Files.createDirectories(dir);
                }
                Path file = Files.write(dir.resolve("slurm-" + i + ".out"), content);
                Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(1_700_000_000L + i)));
            }
            for (int round = 0; round < rounds; round++) {
                boolean fourFirst = round % 2 == 1; // alternate the order, so that neither always runs first
                run(root, remote, fourFirst ? "four, one stuck" : "none", fourFirst, round);
                run(root, remote, fourFirst ? "none" : "four, one stuck", !fourFirst, round);
            }
        } finally {
            delete(root);
        }
    }

    private static void run(Path root, Path remote, String label, boolean subscribe, int round) throws Exception {
        Path data = root.resolve("data-" + round + (subscribe ? "-four" : "-none"));
        LogMirrorConfig config = LogMirrorConfig.builder(data, LocalDirectorySource.of(remote)).parallelism(2).build();
        CountDownLatch never = new CountDownLatch(1);
        AtomicLong delivered = new AtomicLong();
        AtomicLong missed = new AtomicLong();
        List<FeedSubscription> subscriptions = new ArrayList<>();
        try (LogMirror mirror = LogMirror.open(config)) {
            if (subscribe) {
                ChangeSubscriber counting = new ChangeSubscriber() {
                    @Override
                    public void onChange(io.logmirror.core.feed.Change change) {
                        delivered.incrementAndGet();
                    }

                    @Override
                    public void onMissed(long first, long last) {
                        missed.addAndGet(last - first + 1);
                    }
                };
                for (int i = 0; i < 3; i++) {
                    subscriptions.add(mirror.changes().subscribe(counting));
                }
                subscriptions.add(mirror.changes().subscribe(change -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            SyncReport report = mirror.syncNow();
            long cpu = os.getProcessCpuTime() - cpuBefore;
            System.out.printf("round %d, subscribers: %-16s first sync %,6d ms wall, %,6d ms process CPU (%,d added); "
                            + "delivered to the three: %,d, missed: %,d, stuck one's backlog: %,d%n", round + 1, label,
                    report.duration().toMillis(), cpu / 1_000_000, report.filesAdded(), delivered.get(), missed.get(),
                    subscriptions.isEmpty() ? 0 : subscriptions.get(3).backlog());
            never.countDown();
            subscriptions.forEach(FeedSubscription::close);
        }
        delete(data);
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
