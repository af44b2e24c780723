package io.logmirror.retention.internal;

import io.logmirror.retention.CompressionOptions;
import io.logmirror.retention.CompressionResult;
import io.logmirror.retention.FileCompressor;
import io.logmirror.retention.StoredLogFile;
import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.fakecluster.SyntheticLogs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Compression numbers for docs/benchmarks.md, side by side with the standard tools in the same run: the synthetic
 * tree's bytes on disk before and after (ours at the default options, zstd -3, gzip -6), compression speed, then a
 * 1 GiB log: compressing it, the last 100 lines, a 1 MiB range from its middle, and a full scan for a word, each
 * compressed against plain, and against what a user would type ({@code zstd -dc | tail}).
 *
 * <p>Run with {@code bench/compression.sh} (which also offers a fresh file system); properties: {@code work} (a
 * folder, default under /tmp), {@code treeMb} (default 300), {@code bigMb} (default 1024), {@code level},
 * {@code frameKb} (default 1024), {@code rounds} (tail/range repetitions, default 2000).
 */
public final class CompressionBenchmark {

    private CompressionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(System.getProperty("work", "/tmp/compression-bench-" + ProcessHandle.current().pid()));
        long treeMb = Long.getLong("treeMb", 300);
        long bigMb = Long.getLong("bigMb", 1024);
        int rounds = Integer.getInteger("rounds", 2000);
        CompressionOptions options = CompressionOptions.defaults()
                .withLevel(Integer.getInteger("level", CompressionOptions.DEFAULT_LEVEL))
                .withFrameSize(Integer.getInteger("frameKb", CompressionOptions.DEFAULT_FRAME_SIZE >> 10) << 10);
        Files.createDirectories(work);
        System.out.printf(Locale.ROOT, "work folder %s, options %s, %d cores, java %s%n", work, options,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try {
            List<Path> tree = syntheticTree(work.resolve("tree"), treeMb << 20);
            treeSizes(work, tree, options);
            Path big = bigLog(work.resolve("big.log"), tree, bigMb << 20);
            bigFile(work, big, options, rounds);
        } finally {
            delete(work);
        }
    }

    // ------------------------------------------------------------------ the synthetic tree

    private static List<Path> syntheticTree(Path folder, long bytes) throws IOException {
        FakeRemote remote = FakeRemote.create();
        SyntheticLogs.builder(remote).seed(42).jobFolders(true).build().populateToSize(bytes);
        List<Path> files = new ArrayList<>();
        for (String path : remote.paths()) {
            Path file = folder.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, remote.content(path));
            files.add(file);
        }
        sync();
        System.out.printf(Locale.ROOT, "synthetic tree: %d files, %s (SyntheticLogs seed 42, job folders)%n",
                files.size(), mib(apparent(files)));
        return files;
    }

    private static void treeSizes(Path work, List<Path> tree, CompressionOptions options) throws Exception {
        long apparent = apparent(tree);
        long allocated = du(work.resolve("tree"));
        System.out.println();
        System.out.println("| tree | files | apparent bytes (× plain) | on disk (du) | × plain (du) | wall / CPU time | MB/s of CPU |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| plain | %d | %s | %s | 1.000 | | |%n", tree.size(), mib(apparent), mib(allocated));

        // ours, in place, on a copy
        Path ours = copyTree(work.resolve("tree"), work.resolve("ours"));
        FileCompressor compressor = FileCompressor.seekableZstd(options, work.resolve("ours-work"));
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long small = 0;
        try (Stream<Path> files = Files.walk(ours)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.size(file) < RetentionPlanner.MIN_COMPRESS_BYTES) {
                    small++;
                    continue; // retention leaves these plain
                }
                compressor.compress(file);
            }
        }
        long took = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        row("ours (seekable, level " + options.level() + ", in place, fsync each)", tree.size(), apparent(ours),
                du(ours), allocated, took, cpu, apparent);
        System.out.printf(Locale.ROOT, "(ours left %d files under %d bytes plain)%n", small,
                RetentionPlanner.MIN_COMPRESS_BYTES);
        delete(ours);

        for (String[] tool : List.of(new String[] {"zstd -3 (zstd -q -3 --rm, one file each)", "zstd", "-q", "-3", "-T1", "--rm"},
                new String[] {"gzip -6 (logrotate's default)", "gzip", "-6"})) {
            Path copy = copyTree(work.resolve("tree"), work.resolve("tool"));
            List<Path> files;
            try (Stream<Path> walk = Files.walk(copy)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            long start = System.nanoTime();
            long toolCpu = 0;
            for (int i = 0; i < files.size(); i += 200) {
                List<String> command = new ArrayList<>(Arrays.asList(tool).subList(1, tool.length));
                files.subList(i, Math.min(files.size(), i + 200)).forEach(f -> command.add("'" + f + "'"));
                toolCpu += timed(String.join(" ", command))[1];
            }
            sync();
            row(tool[0], files.size(), apparent(copy), du(copy), allocated, System.nanoTime() - start, toolCpu,
                    apparent);
            delete(copy);
        }
    }

    private static void row(String what, int files, long apparent, long allocated, long plainAllocated, long nanos,
                            long cpuNanos, long plainBytes) {
        System.out.printf(Locale.ROOT, "| %s | %d | %s (%.3f) | %s | %.3f | %.1f s / %.1f s | %.0f |%n", what, files,
                mib(apparent), (double) apparent / plainBytes, mib(allocated), (double) allocated / plainAllocated,
                nanos / 1e9, cpuNanos / 1e9, plainBytes / 1e6 / (cpuNanos / 1e9));
    }

    /** Runs a shell command line; its wall and CPU (user + system) nanoseconds, from bash's {@code time}. */
    private static long[] timed(String commandLine) throws Exception {
        String out = run(List.of("bash", "-c", "TIMEFORMAT='%R %U %S'; { time ( " + commandLine
                + " > /dev/null 2>&1 ) ; } 2>&1"));
        String[] f = out.trim().split("\\s+");
        int n = f.length;
        return new long[] {(long) (Double.parseDouble(f[n - 3]) * 1e9),
                (long) ((Double.parseDouble(f[n - 2]) + Double.parseDouble(f[n - 1])) * 1e9)};
    }

    // ------------------------------------------------------------------ the 1 GiB file

    /** The tree's text files one after the other, again and again, up to {@code bytes}, cut after a newline. */
    private static Path bigLog(Path file, List<Path> tree, long bytes) throws IOException {
        List<Path> texts = tree.stream().filter(p -> !p.toString().endsWith(".json")).sorted().toList();
        byte[] last = new byte[0];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            outer:
            while (true) {
                for (Path text : texts) {
                    byte[] content = Files.readAllBytes(text);
                    if (written + content.length >= bytes) {
                        int end = (int) (bytes - written);
                        while (end > 0 && content[end - 1] != '\n') {
                            end--;
                        }
                        out.write(content, 0, end);
                        written += end;
                        break outer;
                    }
                    out.write(content);
                    written += content.length;
                    last = content;
                }
            }
        }
        sync();
        System.out.printf(Locale.ROOT, "%nbig log: %s, the tree's text files repeated (%d bytes of the last one)%n",
                mib(Files.size(file)), last.length);
        return file;
    }

    private static void bigFile(Path work, Path plain, CompressionOptions options, int rounds) throws Exception {
        long size = Files.size(plain);
        Path packed = work.resolve("big.packed");
        Files.copy(plain, packed);
        sync();
        FileCompressor compressor = FileCompressor.seekableZstd(options, work.resolve("big-work"));
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        CompressionResult result = compressor.compress(packed);
        long ours = System.nanoTime() - t0;
        long oursCpu = threads.getCurrentThreadCpuTime() - cpu0;
        long[] tool = timed("zstd -q -" + options.level() + " -T1 -f -o '" + work.resolve("big.zst") + "' '" + plain
                + "' && sync");
        System.out.println();
        System.out.println("| compressing the big log | bytes after | × plain | wall / CPU time | MB/s of CPU |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| ours (level %d, %d KiB frames, fsync) | %s | %.3f | %.2f s / %.2f s | %.0f |%n",
                options.level(), options.frameSize() >> 10, mib(result.storedBytes()),
                (double) result.storedBytes() / size, ours / 1e9, oursCpu / 1e9, size / 1e6 / (oursCpu / 1e9));
        long zst = Files.size(work.resolve("big.zst"));
        System.out.printf(Locale.ROOT, "| zstd -%d -T1 (one stream, not seekable) | %s | %.3f | %.2f s / %.2f s | %.0f |%n",
                options.level(), mib(zst), (double) zst / size, tool[0] / 1e9, tool[1] / 1e9, size / 1e6 / (tool[1] / 1e9));

        System.out.println();
        System.out.println("| read | plain file | compressed (ours) | what a user types on the .zst |");
        System.out.println("|---|---|---|---|");
        long[] plainTail = time(rounds, () -> tail(plain));
        String plainTailCpu = cpu();
        long[] packedTail = time(rounds, () -> tail(packed));
        String packedTailCpu = cpu();
        long[] toolTail = time(3, () -> run(List.of("bash", "-c", "zstd -dc '" + work.resolve("big.zst")
                + "' | tail -n 100 > /dev/null")));
        System.out.printf(Locale.ROOT, "| last 100 lines (open, tailOffset, read, close): median (CPU) / p99 | %s (%s) / %s"
                + " | %s (%s) / %s | `zstd -dc f.zst \\| tail -n 100`: %s |%n", ms(plainTail, 50), plainTailCpu,
                ms(plainTail, 99), ms(packedTail, 50), packedTailCpu, ms(packedTail, 99), ms(toolTail, 50));
        Random random = new Random(1);
        long[] plainRange = time(rounds / 4, () -> range(plain, middle(size, random)));
        String plainRangeCpu = cpu();
        long[] packedRange = time(rounds / 4, () -> range(packed, middle(size, random)));
        String packedRangeCpu = cpu();
        long[] toolRange = time(3, () -> run(List.of("bash", "-c", "zstd -dc '" + work.resolve("big.zst")
                + "' | tail -c +" + (size / 2 + 1) + " | head -c 1048576 > /dev/null")));
        System.out.printf(Locale.ROOT, "| 1 MiB from the middle third (open, read, close): median (CPU) / p99 | %s (%s) / %s"
                + " | %s (%s) / %s | `zstd -dc \\| tail -c \\| head -c`: %s |%n", ms(plainRange, 50), plainRangeCpu,
                ms(plainRange, 99), ms(packedRange, 50), packedRangeCpu, ms(packedRange, 99), ms(toolRange, 50));
        long[] plainScan = time(3, () -> scan(plain));
        String plainScanCpu = cpu();
        long[] packedScan = time(3, () -> scan(packed));
        String packedScanCpu = cpu();
        long[] toolScan = time(3, () -> run(List.of("bash", "-c", "zstd -dc '" + work.resolve("big.zst")
                + "' | grep -c ERROR | cat > /dev/null"))); // grep stops at the first match when its output is /dev/null
        long[] grepScan = time(3, () -> run(List.of("bash", "-c", "grep -c ERROR '" + plain + "' | cat > /dev/null")));
        System.out.printf(Locale.ROOT, "| scan for \"ERROR\" (whole file, lines counted): median of 3 (CPU) | %s (%s);"
                + " `grep -c`: %s | %s (%s) | `zstd -dc \\| grep -c`: %s |%n", ms(plainScan, 50), plainScanCpu,
                ms(grepScan, 50), ms(packedScan, 50), packedScanCpu, ms(toolScan, 50));
        check(plain, packed, size);
        run(List.of("bash", "-c", "set -o pipefail; zstd -dc '" + packed + "' | cmp - '" + plain + "'"));
        System.out.println("(checked: the compressed file reads back byte for byte, through StoredLogFile and through"
                + " `zstd -dc | cmp`; its tail, range and scan equal the plain file's)");
    }

    private static long middle(long size, Random random) {
        return size / 3 + (long) (random.nextDouble() * (size / 3));
    }

    private static void tail(Path file) throws IOException {
        try (StoredLogFile stored = StoredLogFile.open(file)) {
            long from = stored.tailOffset(stored.size(), 100);
            try (InputStream in = stored.open(from, stored.size() - from)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    private static void range(Path file, long offset) throws IOException {
        try (StoredLogFile stored = StoredLogFile.open(file); InputStream in = stored.open(offset, 1 << 20)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Lines containing ERROR: the shape of a search without an index (a literal, line by line). */
    private static long scan(Path file) throws IOException {
        byte[] word = "ERROR".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long lines = 0;
        boolean matched = false;
        int at = 0;
        try (StoredLogFile stored = StoredLogFile.open(file); InputStream in = stored.open(0, stored.size())) {
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        at = 0;
                        if (matched) {
                            lines++;
                        }
                        matched = false;
                    } else if (!matched) {
                        at = b == word[at] ? at + 1 : (b == word[0] ? 1 : 0);
                        matched = at == word.length;
                    }
                }
            }
        }
        return lines;
    }

    private static void check(Path plain, Path packed, long size) throws IOException {
        try (StoredLogFile a = StoredLogFile.open(plain); StoredLogFile b = StoredLogFile.open(packed);
             InputStream x = a.open(0, size); InputStream y = b.open(0, size)) {
            byte[] one = new byte[1 << 20];
            byte[] two = new byte[1 << 20];
            for (long at = 0; at < size; ) {
                int n = x.readNBytes(one, 0, one.length);
                if (y.readNBytes(two, 0, n) != n || !Arrays.equals(one, 0, n, two, 0, n)) {
                    throw new IllegalStateException("the compressed file differs from the plain one near byte " + at);
                }
                at += n;
            }
            if (y.read() != -1) {
                throw new IllegalStateException("the compressed file is longer than the plain one");
            }
        }
        if (scan(plain) != scan(packed)) {
            throw new IllegalStateException("scan results differ");
        }
        try (StoredLogFile a = StoredLogFile.open(plain); StoredLogFile b = StoredLogFile.open(packed)) {
            if (a.tailOffset(size, 100) != b.tailOffset(size, 100)) {
                throw new IllegalStateException("tails differ");
            }
            try (InputStream x = a.open(size / 2, 1 << 20); InputStream y = b.open(size / 2, 1 << 20)) {
                if (!Arrays.equals(x.readAllBytes(), y.readAllBytes())) {
                    throw new IllegalStateException("ranges differ");
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private interface Step {
        void run() throws Exception;
    }

    /** CPU nanoseconds of the last {@link #time} call's timed runs (this thread), sorted. */
    private static long[] lastCpu = new long[0];

    /** Runs {@code step} {@code n} times as warm-up, then {@code n} times timed; wall nanoseconds, sorted. */
    private static long[] time(int n, Step step) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) {
            step.run();
        }
        long[] times = new long[n];
        long[] cpu = new long[n];
        for (int i = 0; i < n; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            step.run();
            times[i] = System.nanoTime() - t;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        lastCpu = cpu;
        return times;
    }

    /** The median CPU time of the last {@link #time} call, for "wall (CPU)" cells. */
    private static String cpu() {
        return ms(lastCpu, 50);
    }

    private static String ms(long[] sorted, int percentile) {
        long value = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percentile / 100.0) - 1)];
        return value >= 1_000_000_000 ? String.format(Locale.ROOT, "%.2f s", value / 1e9)
                : String.format(Locale.ROOT, "%.2f ms", value / 1e6);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static long apparent(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    private static long apparent(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return apparent(files.filter(Files::isRegularFile).toList());
        }
    }

    private static long du(Path folder) throws Exception {
        String out = run(List.of("du", "-s", "--block-size=1", folder.toString()));
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static Path copyTree(Path from, Path to) throws Exception {
        run(List.of("cp", "-a", from.toString(), to.toString()));
        sync();
        return to;
    }

    private static void sync() {
        try {
            run(List.of("sync"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(command + " failed: " + out);
        }
        return out;
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
