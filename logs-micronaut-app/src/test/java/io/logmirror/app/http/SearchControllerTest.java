package io.logmirror.app.http;

import io.logmirror.app.TestHttp;
import io.logmirror.app.config.VariableSource;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class SearchControllerTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("search-controller");
    static final FakeRemote REMOTE = FakeRemote.named("search");
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    static final int MAX_LIMIT = 500;

    static {
        REMOTE.write("old.log", "2026-12-07T09:00:00Z error one\nfine\n2026-12-07T10:30:00Z Error two\n  error continued\n");
        REMOTE.setModified("old.log", T0.plusSeconds(3600));
        REMOTE.write("job-1/slurm-1.out", "a\nb\nerror in job\nc\nd\n");
        REMOTE.setModified("job-1/slurm-1.out", T0.plusSeconds(7200));
        REMOTE.write("vllm_0.log", "INFO 12-07 10:00:00 started\nERROR 12-07 10:00:01 CUDA error: out of memory\n"
                + "x".repeat(10_000) + "\n");
        REMOTE.setModified("vllm_0.log", T0.plusSeconds(1800));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 400_000; i++) {
            many.append("hit number ").append(i).append('\n');
        }
        for (int f = 0; f < 6; f++) {
            REMOTE.write("big/many-" + f + ".txt", many.toString());
            REMOTE.setModified("big/many-" + f + ".txt", T0.minusSeconds(86_400 + f));
        }
    }

    @Inject
    EmbeddedServer server;

    SearchControllerTest() {
        super(DATA, REMOTE);
    }

    @Override
    @MockBean(VariableSource.class)
    VariableSource variables() {
        return () -> Map.of("DATA_DIR", DATA.toString(), "LOGS_MODE", "demo", "SYNC_INTERVAL", "3600",
                "SEARCH_MAX_LIMIT", Integer.toString(MAX_LIMIT));
    }

    @BeforeEach
    void synced() throws Exception {
        mirror().syncNow();
    }

    private HttpResponse<String> get(String query) {
        return TestHttp.exchange(client(), HttpRequest.GET("/logs/search?" + query));
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private List<JsonNode> ndjson(String query) throws Exception {
        HttpResponse<String> response = get(query);
        assertThat(response.status().getCode()).isEqualTo(200);
        assertThat(response.getContentType().orElseThrow().toString()).isEqualTo("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : TestHttp.body(response).split("\n")) {
            lines.add(json.readValue(line, JsonNode.class));
        }
        return lines;
    }

    private static List<String> paths(List<JsonNode> lines) {
        return lines.stream().filter(l -> l.get("path") != null)
                .map(l -> l.get("path").getStringValue() + ":" + l.get("line_number").getLongValue()).toList();
    }

    @Test
    void streamsMatchesNewestFileFirstThenASummary() throws Exception {
        List<JsonNode> lines = ndjson("q=error&path=logs/old.log&limit=10");

        assertThat(paths(lines)).containsExactly("logs/old.log:1", "logs/old.log:3", "logs/old.log:4");
        JsonNode summary = lines.get(lines.size() - 1).get("summary");
        assertThat(summary.get("matches").getLongValue()).isEqualTo(3);
        assertThat(summary.get("stopped").getStringValue()).isEqualTo("completed");
        assertThat(paths(ndjson("q=error&glob=*.log"))).containsExactly("logs/old.log:1", "logs/old.log:3",
                "logs/old.log:4", "logs/vllm_0.log:2");
        assertThat(paths(ndjson("q=error&glob=*.log&case=sensitive"))).containsExactly("logs/old.log:1",
                "logs/old.log:4", "logs/vllm_0.log:2");
    }

    @Test
    void describesEachMatchWithOffsetTimeServiceAndContext() throws Exception {
        JsonNode match = ndjson("q=" + q("Error two") + "&context=1").get(0);

        assertThat(match.get("path").getStringValue()).isEqualTo("logs/old.log");
        assertThat(match.get("service").getStringValue()).isEqualTo("uncategorized");
        assertThat(match.get("line_number").getLongValue()).isEqualTo(3);
        assertThat(match.get("byte_offset").getLongValue()).isEqualTo("2026-12-07T09:00:00Z error one\nfine\n".length());
        assertThat(match.get("line").getStringValue()).isEqualTo("2026-12-07T10:30:00Z Error two");
        assertThat(match.get("time").getStringValue()).isEqualTo(Times.iso(Instant.parse("2026-12-07T10:30:00Z")));
        assertThat(match.get("before").get(0).get("line").getStringValue()).isEqualTo("fine");
        assertThat(match.get("before").get(0).get("line_number").getLongValue()).isEqualTo(2);
        assertThat(match.get("after").get(0).get("line").getStringValue()).isEqualTo("  error continued");
    }

    @Test
    void writesTextLikeRipgrep() {
        HttpResponse<String> response = get("q=error&format=text&path=categorized/slurm&before=1");

        assertThat(response.getContentType().orElseThrow().toString()).startsWith("text/plain");
        assertThat(TestHttp.body(response)).isEqualTo("logs/job-1/slurm-1.out:3:error in job\n");
    }

    @Test
    void searchesRegexesWithTheServiceFilter() throws Exception {
        assertThat(paths(ndjson("q=" + q("CUDA error: .* memory$") + "&regex=true&service=vllm"))).containsExactly("logs/vllm_0.log:2");
        assertThat(paths(ndjson("q=error&service=server"))).isEmpty();
        assertThat(paths(ndjson("q=error&service=nonsense"))).isEmpty();
        assertThat(paths(ndjson("q=error&path=categorized/nonsense/x.log"))).isEmpty();
    }

    @Test
    void filtersByTheLinesOwnTimes() throws Exception {
        assertThat(paths(ndjson("q=error&path=logs/old.log&since=" + q("2026-12-07T10:00:00Z"))))
                .containsExactly("logs/old.log:3", "logs/old.log:4");
        assertThat(paths(ndjson("q=error&path=logs/old.log&until=" + q("2026-12-07T10:00:00Z"))))
                .containsExactly("logs/old.log:1");
    }

    @Test
    void stopsAtTheLimitAndSaysSo() throws Exception {
        List<JsonNode> lines = ndjson("q=hit&limit=7");

        assertThat(paths(lines)).hasSize(7).allMatch(p -> p.startsWith("logs/big/many-0.txt:"));
        assertThat(lines.get(7).get("summary").get("stopped").getStringValue()).isEqualTo("limit");
    }

    @ParameterizedTest(name = "{0} gives 422 {1} on {2}")
    @CsvSource(delimiter = '|', value = {
            "regex=true|missing|q",
            "q=|value_error|q",
            "q=(a&regex=true|value_error|q",
            "q=x&regex=maybe|bool_parsing|regex",
            "q=x&case=upper|literal_error|case",
            "q=x&format=json|literal_error|format",
            "q=x&since=yesterday|value_error|since",
            "q=x&until=2026-13-01|value_error|until",
            "q=x&since=1h&until=2h|value_error|until",
            "q=x&limit=501|less_than_equal|limit",
            "q=x&limit=0|greater_than_equal|limit",
            "q=x&context=101|less_than_equal|context",
            "q=x&before=-1|greater_than_equal|before",
            "q=x&glob=[a|value_error|glob",
            "q=x&path=../etc|value_error|path",
            "q=x&path=elsewhere/x.log|value_error|path",
            "q=((((a{100}){100}){100}){100})&regex=true|value_error|q",
    })
    void refusesBadParametersWith422InTheOriginalsShape(String query, String type, String field) throws Exception {
        HttpResponse<String> response = get(query.replace("[", "%5B").replace("{", "%7B").replace("}", "%7D"));

        assertThat(response.status().getCode()).isEqualTo(422);
        JsonNode issue = json.readValue(TestHttp.body(response), JsonNode.class).get("detail").get(0);
        assertThat(issue.get("type").getStringValue()).isEqualTo(type);
        assertThat(issue.get("loc").get(1).getStringValue()).isEqualTo(field);
        assertThat(issue.get("msg").getStringValue()).isNotBlank();
    }

    @Test
    void answersAPathologicalRegexInsteadOfBacktracking() throws Exception {
        // (x+x+)+y against a long run of x without y takes a backtracking engine exponential time; RE2/J is linear
        List<JsonNode> lines = ndjson("q=" + q("(x+x+)+y") + "&regex=true&glob=*.log");

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("summary").get("stopped").getStringValue()).isEqualTo("completed");
    }

    @Test
    void stopsTheSearchWhenTheClientGoesAway() throws Exception {
        SearchController controller = context.getBean(SearchController.class);
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /logs/search?q=hit&limit=" + MAX_LIMIT + "&context=100 HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] first = new byte[256];
            assertThat(in.read(first)).isPositive();
            assertThat(controller.runningSearches()).isEqualTo(1);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (controller.runningSearches() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(controller.runningSearches()).isZero();
    }
}
