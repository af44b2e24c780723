package io.logmirror.core.internal.store;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogQuery;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Benchmark (a main program, not a test): builds the store's index with a million files and measures
 * the heap it takes per file and the time to list the newest 50 of one category and of all categories.
 *
 * <p>Run: {@code ./mvnw -o -q -pl logs-core test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.logmirror.core.internal.IndexBenchmark} (optional argument: the number of files).
 */
public final class IndexBenchmark {

    private IndexBenchmark() {
    }

    public static void main(String[] args) {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Random random = new Random(1);
        // Paths are made before measuring: the store gets them from the disk walk or the listing, then drops them.
        String[] names = new String[files];
        String[] kinds = {"orchestrator_job-%d.out", "orchestrator_job-%d.err", "vllm-replicas_%d.out",
                "slurm-%d.out", "loadgen-%d.out", "vllm_%d.log", "results-%d.json"};
        for (int i = 0; i < files; i++) {
            int job = 4_000_000 + i / 7;
            names[i] = "job-" + job + "/" + String.format(kinds[i % kinds.length], job);
        }
        long averagePathBytes = Arrays.stream(names).mapToLong(String::length).sum() / files;
        long before = usedHeap(memory);
        LogIndex index = new LogIndex(Category.STANDARD, 16);
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long cpuStart = cpu.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < files; i++) {
            Category category = Category.STANDARD.get(i % Category.STANDARD.size());
            index.put(LogPath.of(names[i]), category, random.nextInt(1 << 20),
                    Instant.ofEpochSecond(1_700_000_000L + random.nextInt(10_000_000), random.nextInt(1_000_000_000)),
                    false);
        }
        long buildNanos = System.nanoTime() - start;
        long buildCpu = cpu.getCurrentThreadCpuTime() - cpuStart;
        long after = usedHeap(memory);
        double bytesPerFile = (double) (after - before) / files;
        if (names[files - 1].isEmpty()) { // keeps the names reachable until the heap was measured
            throw new AssertionError();
        }
        names = null;

        LogQuery slurm = LogQuery.newest(50).inCategory(Category.SLURM);
        LogQuery all = LogQuery.newest(50);
        double slurmMicros = time(index, slurm);
        double allMicros = time(index, all);
        // Updates as a sync makes them: a file grows and moves to the front of its category.
        long updateStart = System.nanoTime();
        int updates = 100_000;
        for (int i = 0; i < updates; i++) {
            int id = random.nextInt(index.size());
            LogEntry entry = index.entry(id);
            index.put(entry.path(), entry.category(), entry.size() + 100, entry.modified().plusSeconds(1), false);
        }
        double updateMicros = (System.nanoTime() - updateStart) / 1_000.0 / updates;

        System.out.printf("files indexed:                      %,d (average path %d bytes)%n", index.size(),
                averagePathBytes);
        System.out.printf("build time:                         %.2f s wall, %.2f s CPU%n", buildNanos / 1e9,
                buildCpu / 1e9);
        System.out.printf("heap per indexed file:              %.1f bytes%n", bytesPerFile);
        System.out.printf("newest 50 of one category (slurm):  %.1f us per query%n", slurmMicros);
        System.out.printf("newest 50 of all categories:        %.1f us per query%n", allMicros);
        System.out.printf("update (size+mtime, re-sort):       %.2f us per file%n", updateMicros);
        if (index.size() != files) {
            throw new AssertionError("index lost files");
        }
    }

    private static double time(LogIndex index, LogQuery query) {
        int sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += index.list(query).size();
        }
        int rounds = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            List<LogEntry> page = index.list(query);
            sink += page.size();
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / rounds;
        if (sink == 42) {
            System.out.println();
        }
        return micros;
    }

    private static long usedHeap(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
