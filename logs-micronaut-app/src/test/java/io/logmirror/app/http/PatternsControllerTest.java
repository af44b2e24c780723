package io.logmirror.app.http;

import io.logmirror.app.TestHttp;
import io.logmirror.app.errors.ErrorAnalysis;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class PatternsControllerTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("patterns-controller");
    static final FakeRemote REMOTE = FakeRemote.named("patterns");

    static {
        // Lines 1, 3, 5: one pattern; 2 and 4: another; 6: a third.
        REMOTE.write("vllm_0.log", """
                INFO 12-07 10:00:01 [loggers.py:116] Avg prompt throughput: 12.5 tokens/s, Running: 3 reqs
                INFO 12-07 10:00:02 [engine.py:300] Added request chatcmpl-17a2
                INFO 12-07 10:00:03 [loggers.py:116] Avg prompt throughput: 99.0 tokens/s, Running: 8 reqs
                INFO 12-07 10:00:04 [engine.py:300] Added request chatcmpl-9b41
                INFO 12-07 10:00:05 [loggers.py:116] Avg prompt throughput: 0.0 tokens/s, Running: 0 reqs
                WARNING 12-07 10:00:06 [scheduler.py:42] Sequence group 7 is preempted by PreemptionMode.RECOMPUTE
                """);
        REMOTE.write("slurm-1.out", "srun: error: mel2041: task 0: Exited with exit code 1\n");
    }

    @Inject
    EmbeddedServer server;

    PatternsControllerTest() {
        super(DATA, REMOTE);
    }

    @BeforeEach
    void analysed() throws Exception {
        mirror().syncNow();
        ErrorAnalysis analysis = context.getBean(ErrorAnalysis.class);
        ErrorsControllerTest.awaitTrue("the files analysed", () -> analysis.ready()
                && ErrorsControllerTest.linesOf(analysis, "vllm_0.log") == 6
                && ErrorsControllerTest.linesOf(analysis, "slurm-1.out") == 1);
    }

    private JsonNode get(String uri, int status) throws Exception {
        HttpResponse<String> response = TestHttp.exchange(client(), HttpRequest.GET(uri));
        assertThat(response.getStatus().getCode()).as(uri + ": " + TestHttp.body(response)).isEqualTo(status);
        return json.readValue(TestHttp.body(response), JsonNode.class);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(array.get(i));
        }
        return out;
    }

    @Test
    void aFilesPatternsComeWithCountsNewestFirst() throws Exception {
        List<JsonNode> patterns = list(get("/logs/patterns?path=logs/vllm_0.log", 200).get("patterns"));
        assertThat(patterns).hasSize(3);
        assertThat(patterns.stream().map(p -> p.get("count").getLongValue())).containsExactly(1L, 3L, 2L);
        assertThat(patterns.get(0).get("pattern").getStringValue()).contains("preempted");
        assertThat(patterns.get(1).get("pattern").getStringValue()).contains("Avg prompt throughput: <*>");
        assertThat(patterns.get(0).get("line_numbers").isNull()).isTrue();
    }

    @Test
    void linesTrueGivesEachPatternsLineNumbers() throws Exception {
        List<JsonNode> patterns = list(get("/logs/patterns?path=categorized/vllm/vllm_0.log&lines=true", 200).get("patterns"));
        assertThat(list(patterns.get(1).get("line_numbers")).stream().map(JsonNode::getLongValue)).containsExactly(1L, 3L, 5L);
        assertThat(list(patterns.get(2).get("line_numbers")).stream().map(JsonNode::getLongValue)).containsExactly(2L, 4L);
        assertThat(patterns.get(1).get("line_numbers_truncated").getBooleanValue()).isFalse();
    }

    @Test
    void aServiceGivesThePatternsOfItsFilesOnly() throws Exception {
        List<String> slurm = list(get("/logs/patterns?service=slurm", 200).get("patterns")).stream()
                .map(p -> p.get("pattern").getStringValue()).toList();
        assertThat(slurm).hasSize(1);
        assertThat(slurm.get(0)).startsWith("srun: error:");
        assertThat(get("/logs/patterns?service=nope", 200).get("patterns").size()).isZero();
        assertThat(get("/logs/patterns", 200).get("patterns").size()).isEqualTo(4);
    }

    @Test
    void badParametersAre422AndAnUnknownFileIs404() throws Exception {
        assertThat(get("/logs/patterns?lines=true", 422).get("detail").get(0).get("loc").get(1).getStringValue()).isEqualTo("lines");
        assertThat(get("/logs/patterns?path=logs/vllm_0.log&lines=perhaps", 422).get("detail").get(0).get("type").getStringValue())
                .isEqualTo("bool_parsing");
        assertThat(get("/logs/patterns?path=logs/vllm_0.log&service=vllm", 422).get("detail").get(0).get("loc").get(1)
                .getStringValue()).isEqualTo("service");
        assertThat(get("/logs/patterns?path=logs/none.log", 404).get("detail").getStringValue()).isEqualTo("Log file not found");
    }
}
