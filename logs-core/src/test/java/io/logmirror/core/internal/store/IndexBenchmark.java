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
 * the heap it takes per file, the time to list the newest 50 of one category and of all categories, and the
 * read side's queries: a time range (one hour of the 116 days the files span), the next page after a cursor, a folder
 * by path prefix, and browsing a folder; the time range side by side with what a user of the plain listing would
 * otherwise do (hold every entry and scan them for the range, keeping the newest 50).
 *
 * <p>Run: see {@code docs/benchmarks.md} ({@code java -Xmx2g -cp "$CP" io.logmirror.core.internal.store.IndexBenchmark
 * [files]}).
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

        // The read side. Times span 1.7e9 .. 1.7e9 + 1e7 s; an hour in the middle holds about 360 files.
        Instant since = Instant.ofEpochSecond(1_705_000_000L);
        Instant until = since.plusSeconds(3600);
        LogQuery hour = LogQuery.newest(50).modifiedSince(since).modifiedBefore(until);
        LogQuery hourSlurm = hour.inCategory(Category.SLURM);
        List<LogEntry> firstPage = index.list(hour);
        LogQuery nextPage = hour.after(firstPage.get(firstPage.size() - 1));
        String folder = index.entry(index.size() / 2).path().toString();
        folder = folder.substring(0, folder.indexOf('/') + 1);
        LogQuery byFolder = LogQuery.byPath(50).underPath(folder);
        IndexQueries queries = new IndexQueries(index);
        java.util.Optional<LogPath> browse = java.util.Optional.of(LogPath.of(folder.substring(0, folder.length() - 1)));
        double hourMicros = time(index, hour);
        double hourSlurmMicros = time(index, hourSlurm);
        double nextPageMicros = time(index, nextPage);
        double folderMicros = time(index, byFolder);
        double childrenMicros = time(() -> queries.children(browse, false).files().size());
        // What a user would otherwise do: keep every entry (as a full listing returns them) and scan for the range.
        LogEntry[] everything = index.list(LogQuery.newest(Integer.MAX_VALUE).withHidden()).toArray(new LogEntry[0]);
        double scanMicros = time(() -> scan(everything, since, until).size(), 20);
        List<LogEntry> fromScan = scan(everything, since, until);
        if (!fromScan.equals(firstPage)) {
            throw new AssertionError("the index and the scan disagree on the hour's newest 50");
        }

        System.out.printf("files indexed:                      %,d (average path %d bytes)%n", index.size(),
                averagePathBytes);
        System.out.printf("build time:                         %.2f s wall, %.2f s CPU%n", buildNanos / 1e9,
                buildCpu / 1e9);
        System.out.printf("heap per indexed file:              %.1f bytes%n", bytesPerFile);
        System.out.printf("newest 50 of one category (slurm):  %.1f us per query%n", slurmMicros);
        System.out.printf("newest 50 of all categories:        %.1f us per query%n", allMicros);
        System.out.printf("update (size+mtime, re-sort):       %.2f us per file%n", updateMicros);
        System.out.printf("time range (1 h of 116 days), newest 50, all categories:  %.1f us per query%n", hourMicros);
        System.out.printf("time range, newest 50, one category (slurm):              %.1f us per query%n", hourSlurmMicros);
        System.out.printf("time range, next page after a cursor:                     %.1f us per query%n", nextPageMicros);
        System.out.printf("path prefix (%s), first 50 by path:            %.1f us per query%n", folder, folderMicros);
        System.out.printf("children of that folder:                                  %.1f us per query%n", childrenMicros);
        System.out.printf("baseline: scan of %,d held entries for the same range:  %.0f us per query%n",
                everything.length, scanMicros);
        if (index.size() != files) {
            throw new AssertionError("index lost files");
        }
    }

    /** The newest 50 of {@code entries} modified in {@code [since, until)}: a scan with a bounded heap. */
    private static List<LogEntry> scan(LogEntry[] entries, Instant since, Instant until) {
        java.util.Comparator<LogEntry> newestFirst = java.util.Comparator.comparing(LogEntry::modified).reversed()
                .thenComparing(e -> e.path().toString());
        java.util.PriorityQueue<LogEntry> best = new java.util.PriorityQueue<>(newestFirst.reversed());
        for (LogEntry entry : entries) {
            if (!entry.modified().isBefore(since) && entry.modified().isBefore(until) && !entry.path().isHidden()) {
                best.add(entry);
                if (best.size() > 50) {
                    best.poll();
                }
            }
        }
        List<LogEntry> result = new java.util.ArrayList<>(best);
        result.sort(newestFirst);
        return result;
    }

    private static double time(java.util.function.IntSupplier query) {
        return time(query, 20_000);
    }

    private static double time(java.util.function.IntSupplier query, int rounds) {
        int sink = 0;
        for (int i = 0; i < rounds; i++) {
            sink += query.getAsInt();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += query.getAsInt();
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / rounds;
        if (sink == 42) {
            System.out.println();
        }
        return micros;
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
