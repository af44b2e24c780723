package io.logmirror.app.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP benchmark of {@code docs/benchmarks.md} (a program, not a test). It starts the built service jar
 * ({@code target/logs-service.jar}) as its own process in offline mode over a prepared data folder, then measures:
 * <ol>
 *   <li>{@code GET /logs?limit=50} requests per second with 2,500 and with 100,000 files indexed, with {@code wrk}
 *       when it is installed ({@code apt-get install -y wrk}), otherwise with a Java client (which competes with the
 *       server for the same cores and so under-reports);</li>
 *   <li>the time to tail 100 lines of a 1 GB file over HTTP ({@code /logs/content?tail=100}), sequential requests
 *       on one keep-alive connection, after a warm-up.</li>
 * </ol>
 * Run it with {@code logs-micronaut-app/bench/http-bench.sh}; arguments: {@code [files...]}, default {@code 2500 100000}.
 */
public final class HttpBenchmark {

    private static final Path JAR = Path.of("logs-micronaut-app/target/logs-service.jar");
    private static final String[] NAMES = {"slurm-%d.out", "orchestrator_job-%d.err", "vllm-replicas_%d.out",
            "loadgen-%d.out", "client-%d.log", "vllm_%d.log", "prometheus-%d.log", "results_%d.json"};

    private HttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] counts = args.length == 0 ? new int[] {2_500, 100_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build it first with "
                    + "./mvnw -q -pl logs-micronaut-app -am package -DskipTests (run from the repository's root)");
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        boolean wrk = hasWrk();
        System.out.println("load generator: " + (wrk ? "wrk" : "Java HttpClient (wrk not found)"));
        for (int files : counts) {
            Path data = Files.createTempDirectory("bench-data-");
            long started = System.nanoTime();
            writeMirror(data, files);
            System.out.printf(Locale.ROOT, "%n== %,d files (written in %.1f s)%n", files, (System.nanoTime() - started) / 1e9);
            try (Server server = Server.start(data)) {
                String url = server.base() + "/logs?limit=50";
                check(url, files);
                if (wrk) {
                    runWrk(url, Duration.ofSeconds(5));        // warm-up
                    for (int connections : new int[] {16, 64, 256}) {
                        double rate = runWrk(url, Duration.ofSeconds(15), connections);
                        System.out.printf(Locale.ROOT, "GET /logs?limit=50  %,d files  %3d connections: %,.0f requests/s%n",
                                files, connections, rate);
                    }
                } else {
                    javaLoad(url, Duration.ofSeconds(5), 64);
                    double rate = javaLoad(url, Duration.ofSeconds(15), 64);
                    System.out.printf(Locale.ROOT, "GET /logs?limit=50  %,d files  64 clients: %,.0f requests/s%n", files, rate);
                }
            } finally {
                deleteTree(data);
            }
        }
        tailBenchmark(wrk);
    }

    /** Files under {@code data/logs}, as a sync leaves them: jobs in folders, remote times one second apart. */
    private static void writeMirror(Path data, int files) throws IOException {
        Path logs = Files.createDirectories(data.resolve("logs"));
        Instant base = Instant.parse("2025-01-01T00:00:00Z");
        byte[] content = "2025-01-01 00:00:00,000 INFO step done\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < files; i++) {
            int job = i / NAMES.length;
            Path folder = logs.resolve("job-" + (job / 100));
            if (i % (NAMES.length * 100) == 0) {
                Files.createDirectories(folder);
            }
            Path file = folder.resolve(String.format(Locale.ROOT, NAMES[i % NAMES.length], 1_000_000 + job));
            Files.write(file, content);
            Files.setLastModifiedTime(file, FileTime.from(base.plusSeconds(i)));
        }
    }

    private static void check(String url, int files) throws Exception {
        HttpResponse<String> response = client().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        int listed = response.body().split("\"filename\"", -1).length - 1;
        String status = client().send(HttpRequest.newBuilder(URI.create(url.replace("/logs?limit=50", "/status"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher indexed = Pattern.compile("\"indexed_files\":(\\d+)").matcher(status);
        if (response.statusCode() != 200 || listed != 50 || !indexed.find() || Integer.parseInt(indexed.group(1)) != files) {
            throw new IllegalStateException("the service does not list what was written: " + response.statusCode() + " "
                    + listed + " entries; status " + status);
        }
        System.out.printf(Locale.ROOT, "indexed: %s files; one answer: %,d bytes%n", indexed.group(1), response.body().length());
    }

    /** Runs wrk with its latency distribution and returns what it printed. */
    private static String wrk(String url, Duration duration, int threads, int connections) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--latency", url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        return out;
    }

    /** One line of wrk's "Latency Distribution" ({@code 50}, {@code 90}, {@code 99}), as wrk wrote it. */
    private static String percentile(String wrkOutput, int percent) {
        Matcher line = Pattern.compile("(?m)^\\s+" + percent + "%\\s+(\\S+)").matcher(wrkOutput);
        return line.find() ? line.group(1) : "?";
    }

    private static boolean hasWrk() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static double runWrk(String url, Duration duration) throws Exception {
        return runWrk(url, duration, 64);
    }

    private static double runWrk(String url, Duration duration, int connections) throws Exception {
        String out = wrk(url, duration, 2, connections);
        Matcher rate = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("wrk said: " + out);
        }
        if (out.contains("Non-2xx") || out.contains("Socket errors")) {
            System.out.println("  wrk reported errors: " + out.lines().filter(l -> l.contains("Non-2xx") || l.contains("Socket errors")).toList());
        }
        if (duration.toSeconds() > 5) {
            System.out.print("  (p99 latency " + percentile(out, 99) + ") ");
        }
        return Double.parseDouble(rate.group(1));
    }

    private static double javaLoad(String url, Duration duration, int clients) throws Exception {
        HttpClient client = client();
        long deadline = System.nanoTime() + duration.toNanos();
        long[] counts = new long[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread thread = new Thread(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
                while (System.nanoTime() < deadline) {
                    try {
                        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                            counts[id]++;
                        }
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return Arrays.stream(counts).sum() / (double) duration.toSeconds();
    }

    /**
     * 100 lines of a 1 GB file over HTTP: sequential requests after a warm-up; the median and the tail of the
     * distribution, measured by Java's HttpClient in this process and, when installed, by wrk on one connection (a C
     * client: the tail of Java's distribution is partly the client's own pauses).
     */
    private static void tailBenchmark(boolean wrk) throws Exception {
        Path data = Files.createTempDirectory("bench-tail-");
        try {
            Path logs = Files.createDirectories(data.resolve("logs"));
            Path big = logs.resolve("vllm_0.log");
            long started = System.nanoTime();
            byte[] line = "INFO 01-01 00:00:00 metrics.py:455 Avg prompt throughput: 1234.5 tokens/s, Avg generation throughput: 321.0 tokens/s\n"
                    .getBytes(StandardCharsets.UTF_8);
            byte[] block = new byte[line.length * 8192];
            for (int i = 0; i < 8192; i++) {
                System.arraycopy(line, 0, block, i * line.length, line.length);
            }
            long target = 1L << 30;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big), 1 << 20)) {
                for (long written = 0; written < target; written += block.length) {
                    out.write(block);
                }
            }
            System.out.printf(Locale.ROOT, "%n== tail 100 lines of a %,d byte file (written in %.1f s)%n", Files.size(big),
                    (System.nanoTime() - started) / 1e9);
            try (Server server = Server.start(data)) {
                HttpClient client = client();
                HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/logs/content?path=logs/vllm_0.log&tail=100")).build();
                HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
                long lines = first.body().lines().count();
                if (first.statusCode() != 200 || lines != 100) {
                    throw new IllegalStateException("tail answered " + first.statusCode() + " with " + lines + " lines");
                }
                for (int i = 0; i < 2_000; i++) {
                    client.send(request, HttpResponse.BodyHandlers.ofString());
                }
                int n = 1_000;
                long[] nanos = new long[n];
                for (int i = 0; i < n; i++) {
                    long t = System.nanoTime();
                    client.send(request, HttpResponse.BodyHandlers.ofString());
                    nanos[i] = System.nanoTime() - t;
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "tail=100 of 1 GB over HTTP, %d sequential requests (Java HttpClient): median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        n, nanos[n / 2] / 1e6, nanos[n * 9 / 10] / 1e6, nanos[n * 99 / 100] / 1e6, nanos[n - 1] / 1e6);
                if (wrk) {
                    String url = request.uri().toString();
                    String out = wrk(url, Duration.ofSeconds(20), 1, 1);
                    Matcher requests = Pattern.compile("(\\d+) requests in").matcher(out);
                    Matcher max = Pattern.compile("Latency\\s+\\S+\\s+\\S+\\s+(\\S+)").matcher(out);
                    System.out.printf(Locale.ROOT, "tail=100 of 1 GB over HTTP, %s sequential requests in 20 s (wrk, 1 connection):"
                                    + " median %s, p90 %s, p99 %s, max %s%n", requests.find() ? requests.group(1) : "?",
                            percentile(out, 50), percentile(out, 90), percentile(out, 99), max.find() ? max.group(1) : "?");
                }
            }
        } finally {
            deleteTree(data);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The service jar running in its own JVM, offline over {@code data}. */
    private record Server(Process process, String base) implements AutoCloseable {

        static Server start(Path data) throws Exception {
            int port;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx1g", "-jar", JAR.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(data.resolveSibling(data.getFileName() + ".server.log").toFile());
            builder.environment().put("LOGS_MODE", "offline");
            builder.environment().put("DATA_DIR", data.toString());
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().put("LOG_LEVEL", "WARNING");
            long started = System.nanoTime();
            Process process = builder.start();
            String base = "http://127.0.0.1:" + port;
            HttpClient client = client();
            for (int i = 0; i < 600; i++) {
                try {
                    HttpResponse<String> status = client.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (status.statusCode() == 200) {
                        if (!status.body().contains(data.resolve("logs").toString())) {
                            process.destroyForcibly();
                            throw new IllegalStateException("another service answers on port " + port + ": " + status.body());
                        }
                        System.out.printf(Locale.ROOT, "service up in %.1f s (index rebuilt from disk)%n", (System.nanoTime() - started) / 1e9);
                        return new Server(process, base);
                    }
                } catch (IOException e) {
                    Thread.sleep(200);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited with " + process.exitValue() + "; see its log next to " + data);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("the service did not answer /status within 2 minutes");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
