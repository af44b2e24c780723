package io.logmirror.core.internal.store;

import io.logmirror.core.Categorizer;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Benchmark (a main program, not a test): the last 100 lines of a 1 GiB log file, through the store's
 * {@code tailOffset} and {@code open}, as the HTTP {@code tail} parameter uses them.
 *
 * <p>Run: {@code java -cp logs-core/target/classes:logs-core/target/test-classes:$(cat logs-core/target/cp.txt)
 * io.logmirror.core.internal.TailBenchmark [folder]}; it writes (and deletes) a 1 GiB file under the folder
 * (default: the system temp folder).
 */
public final class TailBenchmark {

    private TailBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path parent = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"));
        Path data = Files.createTempDirectory(parent, "tail-benchmark");
        try {
            Path file = data.resolve("logs/big.log");
            Files.createDirectories(file.getParent());
            long size = 0;
            long line = 0;
            long writeStart = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                while (size < (1L << 30)) {
                    byte[] bytes = String.format("2026-01-01T00:00:00.000Z INFO [worker-%d] request %d finished in %d ms "
                            + "with status 200%n", line % 16, line, line % 997).getBytes(StandardCharsets.UTF_8);
                    out.write(bytes);
                    size += bytes.length;
                    line++;
                }
            }
            System.out.printf("wrote %,d bytes (%,d lines) in %.1f s%n", size, line, (System.nanoTime() - writeStart) / 1e9);
            try (FsLogStore store = FsLogStore.open(data, Categorizer.uncategorized(), false, dir -> new RecordingPublisher())) {
                LogEntry entry = store.find(LogPath.of("big.log")).orElseThrow();
                long[] nanos = new long[2_000];
                byte[] tail = new byte[0];
                for (int round = 0; round < 2; round++) { // first round warms up
                    for (int i = 0; i < nanos.length; i++) {
                        long start = System.nanoTime();
                        long from = store.tailOffset(entry, 100);
                        try (InputStream in = store.open(entry, from, entry.size() - from)) {
                            tail = in.readAllBytes();
                        }
                        nanos[i] = System.nanoTime() - start;
                    }
                }
                long lines = new String(tail, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
                if (lines != 100) {
                    throw new AssertionError("expected 100 lines, got " + lines);
                }
                Arrays.sort(nanos);
                System.out.printf("last 100 lines of a %,d-byte file (%,d bytes returned): median %.1f us, p99 %.1f us, "
                                + "max %.1f us over %d runs%n", entry.size(), tail.length, nanos[nanos.length / 2] / 1e3,
                        nanos[nanos.length * 99 / 100] / 1e3, nanos[nanos.length - 1] / 1e3, nanos.length);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
