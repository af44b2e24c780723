package io.logmirror.app.http;

import io.logmirror.app.TestHttp;
import io.logmirror.app.errors.ErrorAnalysis;
import io.logmirror.core.LogPath;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ErrorsControllerTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("errors-controller");
    static final FakeRemote REMOTE = FakeRemote.named("errors");

    /** vLLM replicas of job 4711: a CUDA out-of-memory traceback at line 3, then srun's exit code. */
    static final String OOM_JOB = """
            INFO 12-07 10:00:00 [api_server.py:1] vLLM API server version 0.6.4
            INFO 12-07 10:00:01 [model_runner.py:2] Loading model weights took 14.99 GB
            Traceback (most recent call last):
              File "/opt/venv/lib/python3.12/site-packages/vllm/worker/worker.py", line 212, in determine_num_available_blocks
                self.model_runner.profile_run()
            torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 63.98 GiB
            INFO 12-07 10:00:09 [launcher.py:3] Shutting down
            srun: error: mel2041: task 0: Exited with exit code 1
            """;
    /** Job 4712 cut at its time limit. */
    static final String TIME_LIMIT_JOB = """
            step 1 loss=2.31
            step 2 loss=2.12
            slurmstepd: error: *** JOB 4712 ON mel2050 CANCELLED AT 2026-12-07T14:03:12 DUE TO TIME LIMIT ***
            """;
    /** A client of job 4714 flooded with timeouts: one pattern, three times. */
    static final String TIMEOUTS = """
            2026-12-07 10:00:01,100 - loadgen - INFO - sending 500 requests
            2026-12-07 10:00:02,200 - loadgen - ERROR - request 17 timed out after 30.0 s
            2026-12-07 10:00:03,300 - loadgen - ERROR - request 18 timed out after 30.5 s
            2026-12-07 10:00:04,400 - loadgen - ERROR - request 242 timed out after 31.0 s
            2026-12-07 10:00:05,500 - loadgen - WARNING - retrying with a longer timeout
            """;

    static {
        REMOTE.write("vllm-replicas_4711.err", OOM_JOB);
        REMOTE.write("slurm-4712.out", TIME_LIMIT_JOB);
        REMOTE.write("loadgen-4714.out", TIMEOUTS);
        REMOTE.write("notes.txt", "nothing wrong here\n");
    }

    @Inject
    EmbeddedServer server;

    ErrorsControllerTest() {
        super(DATA, REMOTE);
    }

    @BeforeEach
    void synced() throws Exception {
        mirror().syncNow();
        ErrorAnalysis analysis = context.getBean(ErrorAnalysis.class);
        awaitTrue("the planted files analysed", () -> analysis.ready()
                && linesOf(analysis, "vllm-replicas_4711.err") == 8 && linesOf(analysis, "loadgen-4714.out") == 5
                && linesOf(analysis, "slurm-4712.out") == 3);
    }

    static long linesOf(ErrorAnalysis analysis, String path) {
        return analysis.analysis().file(LogPath.of(path)).map(f -> f.lines()).orElse(0L);
    }

    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
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

    private static JsonNode groupOfKind(JsonNode groups, String kind) {
        return list(groups).stream().filter(g -> g.get("kind").getStringValue().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no group of kind " + kind + " in " + groups));
    }

    @Test
    void aPlantedTracebackIsOneCudaOutOfMemoryGroupWithItsLocation() throws Exception {
        JsonNode groups = get("/errors?path=logs/vllm-replicas_4711.err", 200).get("groups");
        JsonNode oom = groupOfKind(groups, "cuda-out-of-memory");
        assertThat(oom.get("count").getLongValue()).isEqualTo(1);
        assertThat(oom.get("level").getStringValue()).isEqualTo("error");
        assertThat(oom.get("pattern").getStringValue()).startsWith("torch.OutOfMemoryError: CUDA out of memory.");
        assertThat(oom.get("files").get(0).getStringValue()).isEqualTo("categorized/vllm/vllm-replicas_4711.err");
        JsonNode sample = oom.get("samples").get(0);
        assertThat(sample.get("path").getStringValue()).isEqualTo("categorized/vllm/vllm-replicas_4711.err");
        assertThat(sample.get("line_number").getLongValue()).isEqualTo(3);
        long offset = OOM_JOB.indexOf("Traceback");
        assertThat(sample.get("offset").getLongValue()).isEqualTo(offset);
        assertThat(groupOfKind(groups, "srun-exit-code").get("samples").get(0).get("line_number").getLongValue()).isEqualTo(8);
    }

    @Test
    void aSampleOpensTheContentAtItsLine() throws Exception {
        JsonNode sample = groupOfKind(get("/errors?path=logs/slurm-4712.out", 200).get("groups"), "slurm-time-limit")
                .get("samples").get(0);
        HttpResponse<String> content = TestHttp.exchange(client(), HttpRequest.GET("/logs/content?path="
                + sample.get("path").getStringValue() + "&offset=" + sample.get("offset").getLongValue()));
        assertThat(TestHttp.body(content)).startsWith("slurmstepd: error: *** JOB 4712");
    }

    @Test
    void linesOfOnePatternAreOneGroupWithTheirCount() throws Exception {
        JsonNode groups = get("/errors?path=categorized/client/loadgen-4714.out&level=error", 200).get("groups");
        assertThat(groups.size()).isEqualTo(1);
        JsonNode timeouts = groups.get(0);
        assertThat(timeouts.get("count").getLongValue()).isEqualTo(3);
        assertThat(timeouts.get("pattern").getStringValue()).contains("timed out after");
        assertThat(list(timeouts.get("samples")).stream().map(s -> s.get("line_number").getLongValue()))
                .containsExactly(2L, 3L, 4L);
        assertThat(timeouts.get("first_seen").getStringValue()).isNotBlank();
    }

    @Test
    void theLevelParameterKeepsOrDropsWarnings() throws Exception {
        List<String> withWarnings = list(get("/errors?path=logs/loadgen-4714.out", 200).get("groups")).stream()
                .map(g -> g.get("level").getStringValue()).toList();
        assertThat(withWarnings).contains("warning", "error");
        assertThat(get("/errors?path=logs/notes.txt", 200).get("groups").size()).isZero();
    }

    @Test
    void groupsHaveTheFieldsTheWebPageReads() throws Exception {
        String body = TestHttp.body(TestHttp.exchange(client(), HttpRequest.GET("/errors?path=logs/slurm-4712.out")));
        assertThat(TestHttp.keys(body)).containsExactly("groups", "complete");
        JsonNode group = json.readValue(body, JsonNode.class).get("groups").get(0);
        assertThat(TestHttp.keys(json.writeValueAsString(group))).containsExactly("pattern", "level", "count", "first_seen",
                "last_seen", "files", "samples", "pattern_id", "kind", "example");
    }

    @Test
    void aServiceSelectsItsCategoryAndAnUnknownOneIsEmpty() throws Exception {
        List<String> kinds = list(get("/errors?service=slurm", 200).get("groups")).stream()
                .map(g -> g.get("kind").getStringValue()).toList();
        assertThat(kinds).contains("slurm-time-limit").doesNotContain("cuda-out-of-memory");
        assertThat(get("/errors?service=nope", 200).get("groups").size()).isZero();
    }

    @Test
    void badSinceUntilOrLevelAre422InTheOriginalsShape() throws Exception {
        JsonNode detail = get("/errors?since=yesterday-ish", 422).get("detail").get(0);
        assertThat(detail.get("type").getStringValue()).isEqualTo("value_error");
        assertThat(list(detail.get("loc")).stream().map(JsonNode::getStringValue)).containsExactly("query", "since");
        assertThat(detail.get("msg").getStringValue()).contains("yesterday-ish").contains("15m");
        assertThat(get("/errors?until=2026-13-45", 422).get("detail").get(0).get("loc").get(1).getStringValue())
                .isEqualTo("until");
        assertThat(get("/errors?level=loud", 422).get("detail").get(0).get("type").getStringValue()).isEqualTo("literal_error");
        assertThat(get("/errors?since=1h&until=2h", 422).get("detail").get(0).get("loc").get(1).getStringValue())
                .isEqualTo("until");
    }

    @Test
    void sinceAndUntilSelectByTheEventsTime() throws Exception {
        // The loadgen lines carry their own times (2026-12-07 10:00:02 to :04, in the service's zone).
        assertThat(get("/errors?path=logs/loadgen-4714.out&since=2030-01-01", 200).get("groups").size()).isZero();
        assertThat(get("/errors?path=logs/loadgen-4714.out&until=2020-01-01", 200).get("groups").size()).isZero();
        assertThat(get("/errors?path=logs/loadgen-4714.out&since=2026-12-06&until=2026-12-09", 200).get("groups").size())
                .isPositive();
    }

    @Test
    void anUnknownPathIs404AndATraversalIs400() throws Exception {
        assertThat(get("/errors?path=logs/missing.log", 404).get("detail").getStringValue()).isEqualTo("Log file not found");
        assertThat(get("/errors?path=..%2Fetc%2Fpasswd", 400).get("detail").getStringValue()).isEqualTo("Invalid path");
    }

    @Test
    void aJobShowsItsStateExitCodeFirstErrorAndGroups() throws Exception {
        JsonNode job = get("/jobs/4711", 200);
        assertThat(job.get("state").getStringValue()).isEqualTo("out_of_memory");
        assertThat(job.get("exit_code").getIntValue()).isEqualTo(1);
        JsonNode first = job.get("first_error");
        assertThat(first.get("path").getStringValue()).isEqualTo("categorized/vllm/vllm-replicas_4711.err");
        assertThat(first.get("line_number").getLongValue()).isEqualTo(3);
        assertThat(first.get("line").getStringValue()).startsWith("torch.OutOfMemoryError");
        assertThat(job.get("files").get(0).get("path").getStringValue()).isEqualTo("categorized/vllm/vllm-replicas_4711.err");
        assertThat(job.get("files").get(0).get("error_count").getLongValue()).isEqualTo(2);
        assertThat(list(job.get("error_groups")).stream().map(g -> g.get("kind").getStringValue()))
                .contains("cuda-out-of-memory", "srun-exit-code");
    }

    @Test
    void aTimeLimitIsItsOwnState() throws Exception {
        assertThat(get("/jobs/4712", 200).get("state").getStringValue()).isEqualTo("time_limit");
    }

    @Test
    void theJobListHasEveryJobWithItsState() throws Exception {
        JsonNode jobs = get("/jobs", 200).get("jobs");
        assertThat(list(jobs).stream().map(j -> j.get("job_id").getStringValue())).contains("4711", "4712", "4714")
                .doesNotContain("");
        JsonNode oom = list(jobs).stream().filter(j -> j.get("job_id").getStringValue().equals("4711")).findFirst().orElseThrow();
        assertThat(TestHttp.keys(json.writeValueAsString(oom))).startsWith("job_id", "state", "exit_code", "file_count",
                "last_modified", "first_error");
        assertThat(oom.get("state").getStringValue()).isEqualTo("out_of_memory");
        assertThat(oom.get("file_count").getIntValue()).isEqualTo(1);
        assertThat(oom.get("first_error").get("line_number").getLongValue()).isEqualTo(3);
    }

    @Test
    void anUnknownJobIs404() throws Exception {
        assertThat(get("/jobs/999999", 404).get("detail").getStringValue()).contains("999999");
    }
}
