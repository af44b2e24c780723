package io.logmirror.core.internal.feed;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;
import io.logmirror.core.feed.FeedSubscription;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Benchmark (a main program, not a test) of the feeds.
 *
 * <ol>
 *   <li>Line feed on appended text: a 256 MiB log file (lines of about 92 bytes) in a data folder, read by an
 *   {@link LogStore#openReadOnly read-only store}; the file is announced as one {@code Added} of its first 4 MiB and
 *   then {@code Appended} events of 4 MiB each, and the time runs from the first publish until every subscriber has
 *   received the last line. With 1 and with 4 subscribers (each counts lines and bytes). Side by side, what a user
 *   would otherwise write: reading the same ranges through {@code store.open} with a {@link BufferedReader}
 *   ({@code readLine}, UTF-8) on one thread.</li>
 *   <li>Publish cost: {@link JournaledChangeFeed#publish} of {@code Appended} events, with no subscriber and with four
 *   (one of them stuck), against the floor of one {@code FileChannel.write} of the same record size.</li>
 * </ol>
 *
 * <p>Run: {@code java -cp "$CP" io.logmirror.core.internal.feed.FeedBenchmark [folder] [rounds]} (see
 * {@code docs/benchmarks.md}); it writes and deletes 256 MiB under the folder (default: the system temp folder).
 */
public final class FeedBenchmark {

    private static final long FILE_BYTES = 256L << 20;
    private static final long APPEND_BYTES = 4L << 20;

    private FeedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path parent = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path data = Files.createTempDirectory(parent, "feed-benchmark");
        try {
            long[] written = writeLog(data.resolve("logs/app/server.log"));
            System.out.printf("wrote %,d bytes (%,d lines)%n", written[0], written[1]);
            try (LogStore store = LogStore.openReadOnly(data, Categorizer.uncategorized())) {
                LogEntry whole = store.find(LogPath.of("app/server.log")).orElseThrow();
                lineFeed(data.resolve("changes-warm-up"), store, whole, 1, written[1]); // JIT warm-up, not counted
                bufferedReader(store, whole, written[1]);
                for (int round = 0; round < rounds; round++) {
                    long cpu0 = cpuNanos();
                    double one = lineFeed(data.resolve("changes-" + round + "a"), store, whole, 1, written[1]);
                    long cpu1 = cpuNanos();
                    double four = lineFeed(data.resolve("changes-" + round + "b"), store, whole, 4, written[1]);
                    long cpu2 = cpuNanos();
                    double reader = bufferedReader(store, whole, written[1]);
                    long cpu3 = cpuNanos();
                    System.out.printf("round %d: line feed, 1 subscriber %.0f MB/s (%.0f MB per CPU second); "
                                    + "4 subscribers %.0f MB/s (%.0f per CPU s); BufferedReader.readLine %.0f MB/s "
                                    + "(%.0f per CPU s); load average %.1f%n", round + 1,
                            one, perCpuSecond(whole.size(), cpu1 - cpu0), four, perCpuSecond(whole.size(), cpu2 - cpu1),
                            reader, perCpuSecond(whole.size(), cpu3 - cpu2),
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
            publishCost(data.resolve("publish-warm-up"));
            for (int round = 0; round < rounds; round++) {
                publishCost(data.resolve("publish-" + round));
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** CPU time of the whole process (all threads, GC included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double perCpuSecond(long bytes, long cpuNanos) {
        return bytes / (cpuNanos / 1e9) / 1e6;
    }

    private static long[] writeLog(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        long size = 0;
        long line = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            while (size < FILE_BYTES) {
                byte[] bytes = String.format("2026-01-01T00:00:%02d.%03dZ INFO [worker-%d] request %d finished in %d ms"
                                + " with status 200%n", line % 60, line % 1000, line % 16, line, line % 997)
                        .getBytes(StandardCharsets.UTF_8);
                out.write(bytes);
                size += bytes.length;
                line++;
            }
        }
        return new long[] {size, line};
    }

    private static LogEntry sized(LogEntry whole, long size) {
        return new LogEntry(whole.path(), whole.category(), size, whole.modified(), false, 0);
    }

    /** MB/s (10^6 bytes) from the first publish until every subscriber has the last line. */
    private static double lineFeed(Path journal, LogStore store, LogEntry whole, int subscribers, long lines)
            throws Exception {
        try (JournaledChangeFeed changes = JournaledChangeFeed.open(journal, 100_000, 1_000_000);
             DefaultLineFeed feed = new DefaultLineFeed(changes, store, DefaultLineFeed.DEFAULT_MAX_LINE_PIECE,
                     1L << 30)) {
            CountDownLatch done = new CountDownLatch(subscribers);
            List<AtomicLong> counts = new ArrayList<>();
            List<FeedSubscription> subscriptions = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                AtomicLong count = new AtomicLong();
                AtomicLong bytes = new AtomicLong();
                counts.add(count);
                subscriptions.add(feed.subscribe(line -> {
                    bytes.addAndGet(line.bytes().length);
                    if (count.incrementAndGet() == lines) {
                        done.countDown();
                    }
                }));
            }
            long start = System.nanoTime();
            changes.publish(new LogEvent.Added(sized(whole, Math.min(APPEND_BYTES, whole.size()))));
            for (long size = APPEND_BYTES; size < whole.size(); size += APPEND_BYTES) {
                changes.publish(new LogEvent.Appended(sized(whole, Math.min(size + APPEND_BYTES, whole.size())),
                        size));
            }
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("lines missing: " + counts);
            }
            long nanos = System.nanoTime() - start;
            subscriptions.forEach(FeedSubscription::close);
            return whole.size() / (nanos / 1e9) / 1e6;
        }
    }

    /** The same appended ranges read as a user would without the feed: BufferedReader.readLine on UTF-8. */
    private static double bufferedReader(LogStore store, LogEntry whole, long lines) throws IOException {
        long start = System.nanoTime();
        long count = 0;
        long chars = 0;
        for (long from = 0; from < whole.size(); from += APPEND_BYTES) {
            long length = Math.min(APPEND_BYTES, whole.size() - from);
            try (InputStream in = store.open(sized(whole, from + length), from, length);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8),
                         1 << 16)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    chars += line.length();
                    count++;
                }
            }
        }
        long nanos = System.nanoTime() - start;
        if (count < lines) {
            throw new IllegalStateException("read " + count + " lines of " + lines + " (" + chars + " chars)");
        }
        return whole.size() / (nanos / 1e9) / 1e6;
    }

    private static void publishCost(Path folder) throws Exception {
        int changes = 200_000;
        LogEntry entry = new LogEntry(LogPath.of("job-4000123/slurm-4000123.out"), Category.SLURM, 1234,
                Instant.ofEpochSecond(1_700_000_000L, 123_456_789), false, 0);
        double[] none;
        try (JournaledChangeFeed feed = JournaledChangeFeed.open(folder.resolve("none"), 10_000, 1_000_000)) {
            none = publishNanos(feed, entry, changes);
        }
        double[] four;
        CountDownLatch release = new CountDownLatch(1);
        try (JournaledChangeFeed feed = JournaledChangeFeed.open(folder.resolve("four"), 10_000, 1_000_000)) {
            AtomicLong seen = new AtomicLong();
            for (int i = 0; i < 3; i++) {
                feed.subscribe(change -> seen.incrementAndGet());
            }
            feed.subscribe(change -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            four = publishNanos(feed, entry, changes);
            release.countDown();
        }
        ByteBuffer record = ChangeCodec.newBuffer();
        ChangeCodec.encode(new io.logmirror.core.feed.Change(1, new LogEvent.Appended(entry, 1000)), record);
        int recordBytes = record.remaining();
        long start;
        long startCpu;
        try (FileChannel channel = FileChannel.open(folder.resolve("raw"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            start = System.nanoTime();
            startCpu = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < changes; i++) {
                record.rewind();
                channel.write(record);
            }
        }
        double raw = (System.nanoTime() - start) / (double) changes;
        double rawCpu = (THREADS.getCurrentThreadCpuTime() - startCpu) / (double) changes;
        System.out.printf("publish, %d changes of %d bytes, wall (publishing thread's CPU) per change: no subscriber "
                        + "%.2f µs (%.2f); 4 subscribers, 1 stuck %.2f µs (%.2f); a bare FileChannel.write of the "
                        + "record %.2f µs (%.2f)%n", changes, recordBytes, none[0] / 1000, none[1] / 1000,
                four[0] / 1000, four[1] / 1000, raw / 1000, rawCpu / 1000);
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** {wall, publishing thread's CPU} nanoseconds per publish. */
    private static double[] publishNanos(JournaledChangeFeed feed, LogEntry entry, int changes) throws IOException {
        long[] sizes = new long[changes];
        Arrays.setAll(sizes, i -> 1000L + i);
        long start = System.nanoTime();
        long startCpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < changes; i++) {
            feed.publish(new LogEvent.Appended(sized(entry, sizes[i] + 1), sizes[i]));
        }
        return new double[] {(System.nanoTime() - start) / (double) changes,
                (THREADS.getCurrentThreadCpuTime() - startCpu) / (double) changes};
    }
}
