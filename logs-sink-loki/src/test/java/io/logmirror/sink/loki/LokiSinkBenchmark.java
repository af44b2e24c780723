package io.logmirror.sink.loki;

import com.sun.net.httpserver.HttpServer;
import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.sink.CursorStore;
import io.logmirror.core.sink.LogSink;
import io.logmirror.core.sink.SinkOptions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Benchmark (a main program, not a test) of the Loki sink against a local receiver that reads each push and answers
 * 204 (it does not decompress: Loki's own cost is not ours to measure):
 * <ol>
 *     <li>catch-up throughput: a mirror of N lines shipped from the start (the path a restart takes);</li>
 *     <li>side by side: one uncompressed push per line, as a logging handler without batching sends;</li>
 *     <li>delay from a line committed to the mirror to Loki's 2xx, with the default 1 s batch delay and with 50 ms;</li>
 *     <li>sync time with no sink, and with a sink whose Loki is down;</li>
 *     <li>a 10-minute outage: the lines written meanwhile (at an assumed rate) and the time to ship them when Loki is
 *     back, with the sink restarted, and with the sink kept running through the outage.</li>
 * </ol>
 * Run: see the "Sinks" section of docs/benchmarks.md.
 */
public final class LokiSinkBenchmark {

    private static final String[] TEMPLATES = {
        "2025-03-04 05:06:%02d,%03d INFO  [vllm.engine] step=%d throughput=%d.4 tok/s running=32 waiting=0 gpu_kv=71.2%%",
        "2025-03-04 05:06:%02d,%03d WARN  [orchestrator] replica %d slow heartbeat after %d ms, rescheduling probe",
        "2025-03-04 05:06:%02d,%03d INFO  [loadgen] request id=%d latency_ms=%d status=200 prompt_tokens=512 out=128",
    };

    private static final AtomicLong RECEIVED_BYTES = new AtomicLong();
    private static final AtomicLong REQUESTS = new AtomicLong();
    private static volatile boolean down;
    private static long written;

    private LokiSinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int outageRate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;   // lines per second during the outage
        String only = args.length > 2 ? args[2] : "all";   // all, catch-up-only, sync-only
        Path temp = Files.createTempDirectory("loki-bench");
        HttpServer receiver = receiver();
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
        try {
            Path remote = Files.createDirectories(temp.resolve("remote"));
            try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(temp.resolve("data"),
                    LocalDirectorySource.of(remote)).build())) {
                long bytes = write(remote, lines, 8);
                mirror.syncNow();
                System.out.printf("mirror: %,d lines, %,d bytes in 8 files%n", lines, bytes);

                if (only.equals("sync-only")) {
                    syncTimes(mirror, remote, url);
                    return;
                }
                // 1. catch-up throughput
                for (int run = 1; run <= 3; run++) {
                    RECEIVED_BYTES.set(0);
                    REQUESTS.set(0);
                    long cpuStart = cpuNanos();
                    long start = System.nanoTime();
                    try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(), LokiSink.backend(settings(url)),
                            CursorStore.inMemory(), SinkOptions.defaults())) {
                        check(sink.awaitIdle(Duration.ofMinutes(10)), "catch-up did not finish");
                        double seconds = (System.nanoTime() - start) / 1e9;
                        double cpu = (cpuNanos() - cpuStart) / 1e9;
                        long delivered = sink.stats().linesDelivered();
                        System.out.printf("catch-up run %d: %,d lines in %.2f s = %,.0f lines/s (process CPU %.2f s = "
                                        + "%,.0f lines per CPU second); %,d pushes, %,d gzip bytes (%.1fx smaller)%n", run,
                                delivered, seconds, delivered / seconds, cpu, delivered / cpu, REQUESTS.get(),
                                RECEIVED_BYTES.get(), bytes / (double) RECEIVED_BYTES.get());
                    }
                }

                if (only.equals("catch-up-only")) {
                    return;
                }
                // 2. side by side: one uncompressed push per line
                perLine(url, 20_000);

                // 3. delay line -> accepted
                for (Duration delay : List.of(Duration.ofSeconds(1), Duration.ofMillis(50))) {
                    delays(mirror, remote, url, delay, 30);
                }

                // 4. sync time without a sink and with a sink whose Loki is down
                syncTimes(mirror, remote, url);

                // 5. a 10-minute outage
                outage(mirror, remote, url, temp, outageRate * 600);
            }
        } finally {
            receiver.stop(0);
            ((java.util.concurrent.ExecutorService) receiver.getExecutor()).shutdownNow();
            try (Stream<Path> walk = Files.walk(temp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static LokiSettings settings(URI url) {
        return LokiSettings.builder(url).cluster("bench").build();
    }

    private static void perLine(URI url, int count) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI push = URI.create(url + "/loki/api/v1/push");
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String body = "{\"streams\":[{\"stream\":{\"cluster\":\"bench\",\"service\":\"vllm\",\"filename\":\"f0.log\"},"
                    + "\"values\":[[\"" + System.currentTimeMillis() + "000000\",\"" + line(i) + "\"]]}]}";
            client.send(HttpRequest.newBuilder(push).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("one push per line, no gzip: %,d lines in %.2f s = %,.0f lines/s%n", count, seconds,
                count / seconds);
    }

    private static void delays(LogMirror mirror, Path remote, URI url, Duration batchDelay, int samples)
            throws Exception {
        List<Double> millis = new ArrayList<>();
        try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(), LokiSink.backend(settings(url)),
                CursorStore.inMemory(), SinkOptions.builder().maxBatchDelay(batchDelay).build())) {
            check(sink.awaitIdle(Duration.ofMinutes(10)), "catch-up did not finish");
            for (int i = 0; i < samples; i++) {
                long before = sink.stats().linesDelivered();
                append(remote.resolve("live.log"), 1);
                mirror.syncNow();
                long committed = System.nanoTime();
                while (sink.stats().linesDelivered() == before) {
                    Thread.onSpinWait();
                }
                millis.add((System.nanoTime() - committed) / 1e6);
                Thread.sleep(20);
            }
        }
        Collections.sort(millis);
        System.out.printf("delay committed -> accepted, batch delay %s: median %.1f ms, p90 %.1f ms, max %.1f ms "
                + "(%d samples)%n", batchDelay, millis.get(samples / 2), millis.get(samples * 9 / 10),
                millis.get(samples - 1), samples);
    }

    /** Sync time of an append with no line subscriber, a do-nothing one, a sink whose Loki is up, and one whose is down. */
    private static void syncTimes(LogMirror mirror, Path remote, URI url) throws Exception {
        int chunk = 100_000;
        int rounds = 7;
        String[] names = {"no line subscriber", "a line subscriber doing nothing", "a sink, Loki up",
            "a sink, Loki down"};
        List<List<Double>> times = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            times.add(new ArrayList<>());
        }
        for (int round = 0; round < rounds; round++) {
            times.get(0).add(timedSync(mirror, remote, chunk));
            try (var idle = mirror.lines().subscribe(line -> { })) {
                Thread.sleep(500);
                times.get(1).add(timedSync(mirror, remote, chunk));
            }
            for (int variant = 2; variant <= 3; variant++) {
                down = variant == 3;
                try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(), LokiSink.backend(settings(url)),
                        CursorStore.inMemory(), SinkOptions.builder().startAtBeginning(false).build())) {
                    Thread.sleep(1_000);
                    times.get(variant).add(timedSync(mirror, remote, chunk));
                    Thread.sleep(1_000);   // let the line feed and the sink finish before the next variant
                } finally {
                    down = false;
                }
            }
        }
        for (int i = 0; i < names.length; i++) {
            List<Double> t = times.get(i);
            Collections.sort(t);
            System.out.printf("sync of %,d appended lines with %s: median %.0f ms (min %.0f, max %.0f, %d rounds)%n",
                    chunk, names[i], t.get(rounds / 2), t.get(0), t.get(rounds - 1), rounds);
        }
    }

    private static double timedSync(LogMirror mirror, Path remote, int lines) throws Exception {
        for (int f = 0; f < 8; f++) {
            append(remote.resolve("f" + f + ".log"), lines / 8);
        }
        long start = System.nanoTime();
        mirror.syncNow();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void outage(LogMirror mirror, Path remote, URI url, Path temp, int outageLines) throws Exception {
        Path cursors = temp.resolve("loki.cursors");
        try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(), LokiSink.backend(settings(url)),
                CursorStore.file(cursors), SinkOptions.defaults())) {
            check(sink.awaitIdle(Duration.ofMinutes(10)), "catch-up did not finish");
        }
        // Restarted: the sink is stopped through the outage, Loki is down, the mirror goes on.
        for (int f = 0; f < 8; f++) {
            append(remote.resolve("f" + f + ".log"), outageLines / 8);
        }
        mirror.syncNow();
        long start = System.nanoTime();
        try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(), LokiSink.backend(settings(url)),
                CursorStore.file(cursors), SinkOptions.defaults())) {
            check(sink.awaitIdle(Duration.ofMinutes(10)), "catch-up did not finish");
            System.out.printf("10-minute outage, restart: %,d lines written meanwhile shipped in %.2f s after the "
                            + "restart; lines sent: %,d (resent: %,d)%n", outageLines / 8 * 8,
                    (System.nanoTime() - start) / 1e9, sink.stats().linesDelivered(),
                    sink.stats().linesDelivered() - outageLines / 8 * 8);
        }
        // Kept running: Loki is down for 70 s of wall time while 10 minutes' worth of lines arrive.
        try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(), LokiSink.backend(settings(url)),
                CursorStore.file(cursors), SinkOptions.defaults())) {
            check(sink.awaitIdle(Duration.ofMinutes(10)), "catch-up did not finish");
            long delivered = sink.stats().linesDelivered();
            down = true;
            long outageStart = System.nanoTime();
            for (int second = 0; second < 70; second++) {
                for (int f = 0; f < 8; f++) {
                    append(remote.resolve("f" + f + ".log"), outageLines / 70 / 8);
                }
                mirror.syncNow();
                long next = outageStart + (second + 1) * 1_000_000_000L;
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            }
            down = false;
            long back = System.nanoTime();
            check(sink.awaitIdle(Duration.ofMinutes(10)), "catch-up did not finish");
            long sent = sink.stats().linesDelivered() - delivered;
            System.out.printf("10-minute outage, sink running: %,d lines shipped %.2f s after Loki came back "
                            + "(retried %,d line sends while down, %d catch-ups)%n", sent,
                    (System.nanoTime() - back) / 1e9, sink.stats().linesRetried(), sink.stats().catchUps());
        }
    }

    private static long write(Path remote, int lines, int files) throws IOException {
        long bytes = 0;
        for (int f = 0; f < files; f++) {
            try (BufferedWriter out = Files.newBufferedWriter(remote.resolve("f" + f + ".log"))) {
                for (int i = 0; i < lines / files; i++) {
                    String line = line(i) + "\n";
                    out.write(line);
                    bytes += line.length();
                }
            }
        }
        written = lines;
        return bytes;
    }

    private static void append(Path file, int lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(line((int) (written++))).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String line(int i) {
        return String.format(TEMPLATES[i % 3], i % 60, i % 1000, i, 1000 + i % 5000);
    }

    private static HttpServer receiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                RECEIVED_BYTES.addAndGet(in.readAllBytes().length);
                REQUESTS.incrementAndGet();
                exchange.sendResponseHeaders(down ? 503 : 204, -1);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return server;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
