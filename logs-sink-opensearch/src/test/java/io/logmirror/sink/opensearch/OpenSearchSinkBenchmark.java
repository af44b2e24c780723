package io.logmirror.sink.opensearch;

import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.sink.CursorStore;
import io.logmirror.core.sink.LogSink;
import io.logmirror.core.sink.SinkOptions;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Benchmark (a main program, not a test): the OpenSearch sink bulk-indexing a mirror into the real in-JVM test node,
 * side by side with one index request per line; then the same lines sent again (a restart that lost its cursors) to
 * count duplicates. Run: see the "Sinks" section of docs/benchmarks.md.
 */
public final class OpenSearchSinkBenchmark {

    private OpenSearchSinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path temp = Files.createTempDirectory("os-bench");
        try (OpenSearchTestNode node = OpenSearchTestNode.start(temp.resolve("node"))) {
            Path remote = Files.createDirectories(temp.resolve("remote"));
            long bytes = 0;
            for (int f = 0; f < 4; f++) {
                try (BufferedWriter out = Files.newBufferedWriter(remote.resolve("slurm-" + (1000 + f) + ".out"))) {
                    for (int i = 0; i < lines / 4; i++) {
                        String line = String.format("2025-03-04 05:06:%02d,%03d INFO  [vllm.engine] step=%d "
                                + "throughput=%d.4 tok/s running=32 waiting=0 gpu_kv=71.2%%%n", i % 60, i % 1000, i, i);
                        out.write(line);
                        bytes += line.length();
                    }
                }
            }
            try (LogMirror mirror = LogMirror.open(LogMirrorConfig.builder(temp.resolve("data"),
                    LocalDirectorySource.of(remote)).build())) {
                mirror.syncNow();
                System.out.printf("mirror: %,d lines, %,d bytes in 4 files%n", lines, bytes);
                for (int run = 1; run <= 2; run++) {
                    OpenSearchSettings settings = OpenSearchSettings.builder(node.url()).indexPrefix("bench" + run)
                            .build();
                    long start = System.nanoTime();
                    try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(), OpenSearchSink.backend(settings),
                            CursorStore.inMemory(), SinkOptions.defaults())) {
                        check(sink.awaitIdle(Duration.ofMinutes(20)), "indexing did not finish");
                        double seconds = (System.nanoTime() - start) / 1e9;
                        System.out.printf("bulk run %d: %,d lines indexed in %.2f s = %,.0f lines/s (%d batches)%n",
                                run, sink.stats().linesDelivered(), seconds, sink.stats().linesDelivered() / seconds,
                                sink.stats().batches());
                    }
                    if (run == 2) {
                        // A restart that lost its cursors sends every line again: same ids, no new documents.
                        try (LogSink sink = LogSink.start(mirror.lines(), mirror.store(),
                                OpenSearchSink.backend(settings), CursorStore.inMemory(), SinkOptions.defaults())) {
                            check(sink.awaitIdle(Duration.ofMinutes(20)), "indexing did not finish");
                        }
                        System.out.printf("after sending all %,d lines again: %,d documents%n", lines,
                                count(node.url(), "bench2"));
                    }
                }
                perLine(node.url(), 2_000);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(temp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void perLine(URI url, int count) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String doc = "{\"time\":\"2025-03-04T05:06:07Z\",\"path\":\"slurm-1.out\",\"offset\":" + i
                    + ",\"line_number\":" + (i + 1) + ",\"message\":\"step=" + i + " throughput=1234.4 tok/s\"}";
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url
                    + "/single-2025.03.04/_doc/" + i)).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(doc)).build(), HttpResponse.BodyHandlers.ofString());
            check(response.statusCode() / 100 == 2, response.body());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("one index request per line: %,d lines in %.2f s = %,.0f lines/s%n", count, seconds,
                count / seconds);
    }

    private static long count(URI url, String prefix) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        client.send(HttpRequest.newBuilder(URI.create(url + "/" + prefix + "-*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String body = client.send(HttpRequest.newBuilder(URI.create(url + "/" + prefix + "-*/_count")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
