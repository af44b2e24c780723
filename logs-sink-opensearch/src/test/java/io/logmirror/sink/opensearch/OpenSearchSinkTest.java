package io.logmirror.sink.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.sink.CursorStore;
import io.logmirror.core.sink.LogSink;
import io.logmirror.core.sink.SinkCursor;
import io.logmirror.core.sink.SinkLine;
import io.logmirror.core.sink.SinkOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenSearch sink and search backend against a real OpenSearch 2.19 node started in this JVM (no mock). A node
 * that cannot start fails these tests, with {@code CI=true} or without.
 */
class OpenSearchSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final LogPath JOB = LogPath.of("orchestrator_job-777.out");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OpenSearchTestNode node;
    private static int testNumber;

    @TempDir
    Path temp;

    private Path remote;
    private LogMirror mirror;
    private OpenSearchSettings settings;
    private final List<LogSink> sinks = new ArrayList<>();
    private int written;

    @BeforeAll
    static void startNode(@TempDir Path home) throws Exception {
        node = OpenSearchTestNode.start(home);
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    @BeforeEach
    void openMirror() throws IOException {
        remote = Files.createDirectories(temp.resolve("remote"));
        mirror = LogMirror.open(LogMirrorConfig.builder(temp.resolve("data"), LocalDirectorySource.of(remote)).build());
        settings = OpenSearchSettings.builder(node.url()).cluster("meluxina").indexPrefix("test" + (++testNumber))
                .build();
    }

    @AfterEach
    void close() throws IOException {
        sinks.forEach(LogSink::close);
        mirror.close();
    }

    @Test
    void indexesEveryLineWithItsFieldsIntoADailyIndex() throws Exception {
        appendLines(3);
        await(sink(CursorStore.inMemory()));

        JsonNode hits = rawSearch();
        assertThat(hits.path("total").path("value").asInt()).isEqualTo(3);
        JsonNode first = hits.path("hits").get(0);
        assertThat(first.path("_index").asText()).matches("test\\d+-\\d{4}\\.\\d{2}\\.\\d{2}");
        JsonNode doc = first.path("_source");
        assertThat(doc.path("cluster").asText()).isEqualTo("meluxina");
        assertThat(doc.path("category").asText()).isEqualTo("uncategorized");
        assertThat(doc.path("path").asText()).isEqualTo(JOB.toString());
        assertThat(doc.path("job_id").asText()).isEqualTo("777");
        assertThat(doc.path("line_number").asLong()).isEqualTo(1);
        assertThat(doc.path("offset").asLong()).isZero();
        assertThat(doc.path("message").asText()).isEqualTo("line 1 of the job");
        assertThat(Instant.parse(doc.path("time").asText())).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void aRestartThatResendsAcceptedLinesCreatesNoDuplicates() throws Exception {
        // The backend accepts, but the cursors are never saved: the restart resends every line.
        CursorStore forgetful = new CursorStore() {
            @Override
            public Map<LogPath, SinkCursor> load() {
                return Map.of();
            }

            @Override
            public void commit(Map<LogPath, SinkCursor> updated, Set<LogPath> forgotten) throws IOException {
                throw new IOException("disk full");
            }
        };
        appendLines(50);
        LogSink first = sink(forgetful);
        waitUntil(() -> first.stats().linesDelivered() >= 50);
        first.close();
        appendLines(10);

        LogSink second = sink(forgetful);
        waitUntil(() -> second.stats().linesDelivered() >= 60);

        assertThat(rawSearch().path("total").path("value").asInt()).isEqualTo(60);
    }

    @Test
    void searchesTheIndexedLinesByTextJobLevelAndTime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        appendLines(5);
        Files.writeString(remote.resolve("server.log"), "GPU error: CUDA out of memory\nall good\n");
        mirror.syncNow();
        SinkOptions errorLevels = SinkOptions.builder().maxBatchDelay(Duration.ofMillis(50))
                .annotator((line, arrival) -> new SinkLine(line, arrival,
                        line.text().contains("error") ? Optional.of("error") : Optional.empty(), Optional.empty()))
                .build();
        await(sink(CursorStore.inMemory(), errorLevels));
        refresh();
        OpenSearchLogSearch search = OpenSearchSink.search(settings);

        SearchResult memory = search.search(SearchRequest.text("out of memory"));
        SearchResult job = search.search(SearchRequest.all().ofJob("777").limit(2));
        SearchResult errors = search.search(SearchRequest.all().withLevel("error"));
        SearchResult earlier = search.search(SearchRequest.all().between(before.minusSeconds(3600), before));

        assertThat(memory.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.path()).isEqualTo("server.log");
            assertThat(hit.lineNumber()).isEqualTo(1);
            assertThat(hit.line()).isEqualTo("GPU error: CUDA out of memory");
            assertThat(hit.level()).contains("error");
        });
        assertThat(job.total()).isEqualTo(5);
        assertThat(job.hits()).hasSize(2).allSatisfy(hit -> assertThat(hit.jobId()).contains("777"));
        assertThat(errors.hits()).extracting(SearchResult.Hit::line).containsExactly("GPU error: CUDA out of memory");
        assertThat(earlier.total()).isZero();
    }

    @Test
    void aSearchBeforeAnythingWasIndexedFindsNothing() throws Exception {
        SearchResult result = OpenSearchSink.search(settings).search(SearchRequest.text("anything"));

        assertThat(result.hits()).isEmpty();
        assertThat(result.total()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private LogSink sink(CursorStore cursors) throws IOException {
        return sink(cursors, SinkOptions.builder().maxBatchDelay(Duration.ofMillis(50))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(200)).build());
    }

    private LogSink sink(CursorStore cursors, SinkOptions options) throws IOException {
        LogSink sink = LogSink.start(mirror.lines(), mirror.store(), OpenSearchSink.backend(settings), cursors, options);
        sinks.add(sink);
        return sink;
    }

    private void appendLines(int count) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("line ").append(++written).append(" of the job\n");
        }
        Files.writeString(remote.resolve(JOB.toString()), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        mirror.syncNow();
    }

    private void refresh() throws Exception {
        send("POST", "/" + settings.indexPrefix() + "-*/_refresh", null);
    }

    private JsonNode rawSearch() throws Exception {
        refresh();
        return JSON.readTree(send("POST", "/" + settings.indexPrefix() + "-*/_search",
                "{\"size\":100,\"track_total_hits\":true,\"sort\":[{\"line_number\":\"asc\"}]}")).path("hits");
    }

    private String send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static void await(LogSink sink) throws InterruptedException {
        assertThat(sink.awaitIdle(WAIT)).as("idle: %s", sink.stats()).isTrue();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.holds()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
