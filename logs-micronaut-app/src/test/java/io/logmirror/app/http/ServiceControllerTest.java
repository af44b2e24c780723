package io.logmirror.app.http;

import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ServiceControllerTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("service-controller");
    static final FakeRemote REMOTE = SampleCluster.create();

    ServiceControllerTest() {
        super(DATA, REMOTE);
    }

    @BeforeEach
    void synced() throws Exception {
        mirror().syncNow();
    }

    private JsonNode get(String uri) throws Exception {
        HttpResponse<String> response = TestHttp.exchange(client(), HttpRequest.GET(uri));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        return json.readValue(TestHttp.body(response), JsonNode.class);
    }

    @Test
    void rootDescribesTheServiceItsEndpointsAndTheMode() throws Exception {
        JsonNode root = get("/");
        assertThat(root.get("service").getStringValue()).isEqualTo("Logs Service");
        assertThat(root.get("version").getStringValue()).isEqualTo("1.0.0");
        assertThat(root.get("endpoints").get("trigger_sync").getStringValue()).isEqualTo("/sync/trigger (POST)");
        assertThat(root.get("mode").getStringValue()).isEqualTo("demo");
    }

    @Test
    void healthIsHealthyAndSaysSshIsNotConfiguredInDemoMode() throws Exception {
        JsonNode health = get("/health");
        assertThat(health.get("status").getStringValue()).isEqualTo("healthy");
        assertThat(health.get("service").getStringValue()).isEqualTo("logs");
        assertThat(health.get("ssh_configured").getBooleanValue()).isFalse();
        assertThat(health.get("sync_running").isBoolean()).isTrue();
    }

    @Test
    void statusCountsSyncsAndReportsTheLastChanges() throws Exception {
        JsonNode status = get("/status");
        assertThat(status.get("sync_enabled").getBooleanValue()).isTrue();
        assertThat(status.get("sync_interval_seconds").getIntValue()).isEqualTo(3600);
        assertThat(status.get("total_syncs").getLongValue()).isGreaterThanOrEqualTo(1);
        assertThat(status.get("failed_syncs").getLongValue()).isZero();
        assertThat(status.get("logs_directory").getStringValue()).isEqualTo(DATA.resolve("logs").toString());
        assertThat(status.get("categorized_directory").getStringValue()).isEqualTo(DATA.resolve("categorized").toString());
        assertThat(status.get("last_sync_time").getStringValue()).as("Python's naive isoformat(), as the original")
                .matches(ContractTest.ISO_LOCAL);
        assertThat(java.time.LocalDateTime.parse(status.get("last_sync_time").getStringValue()))
                .isCloseTo(java.time.LocalDateTime.now(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.HOURS));
        assertThat(status.get("mode").getStringValue()).isEqualTo("demo");
        assertThat(status.get("last_error").isNull()).isTrue();
        assertThat(status.get("last_duration_seconds").isNumber()).isTrue();
        assertThat(status.get("last_changes").get("files_added").isNumber()).isTrue();
        assertThat(status.get("progress").get("files_done").isNumber()).isTrue();
        assertThat(status.get("indexed_files").getIntValue()).isEqualTo(SampleCluster.FILES.length);
    }

    @Test
    void triggeringASyncAnswersWithTheFileCountOfEverySevenCategories() throws Exception {
        HttpResponse<String> response = TestHttp.exchange(client(), HttpRequest.POST("/sync/trigger", ""));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        String body = TestHttp.body(response);
        JsonNode result = json.readValue(body, JsonNode.class);
        assertThat(result.get("status").getStringValue()).isEqualTo("success");
        assertThat(result.get("message").getStringValue()).isEqualTo("Log sync completed");
        assertThat(TestHttp.keysAt(body, List.of("categories")))
                .containsExactly("server", "client", "monitoring", "vllm", "slurm", "logs", "uncategorized");
        assertThat(result.get("categories").get("slurm").getIntValue()).isEqualTo(2);
        assertThat(result.get("categories").get("server").getIntValue()).isEqualTo(1);
        assertThat(result.get("categories").get("client").getIntValue()).isEqualTo(1);
    }

    @Test
    void healthSaysTheSyncLoopRunsBetweenSyncsAsTheOriginalsBackgroundFlagDid() throws Exception {
        // The original's sync_running was its background loop's flag: true all the time the service ran.
        assertThat(mirror().status().running()).isFalse();
        assertThat(get("/health").get("sync_running").getBooleanValue()).isTrue();
        assertThat(get("/status").get("sync_running").getBooleanValue()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "application/octet-stream",
            "application/json"})
    void triggeringASyncAcceptsAnyContentTypeAsTheOriginalDid(String contentType) throws Exception {
        // curl -d '' and Python's urllib send application/x-www-form-urlencoded; the original answered them 200.
        HttpResponse<String> response = TestHttp.exchange(client(),
                HttpRequest.POST("/sync/trigger", "").header("Content-Type", contentType));
        assertThat(response.status().getCode()).as(contentType).isEqualTo(HttpStatus.OK.getCode());
        assertThat(json.readValue(TestHttp.body(response), JsonNode.class).get("status").getStringValue())
                .isEqualTo("success");
    }

    @Test
    void servicesListsTheSevenCategoriesInTheOriginalOrder() {
        HttpResponse<String> response = TestHttp.exchange(client(), HttpRequest.GET("/services"));
        assertThat(TestHttp.body(response))
                .isEqualTo("[\"server\",\"client\",\"monitoring\",\"vllm\",\"slurm\",\"logs\",\"uncategorized\"]");
    }

    @Test
    void serviceStatsGiveCountsSizesAndTheNewestTimePerCategory() throws Exception {
        HttpResponse<String> response = TestHttp.exchange(client(), HttpRequest.GET("/services/stats"));
        String body = TestHttp.body(response);
        assertThat(TestHttp.keys(body))
                .containsExactly("server", "client", "monitoring", "vllm", "slurm", "logs", "uncategorized");
        JsonNode slurm = json.readValue(body, JsonNode.class).get("slurm");
        assertThat(slurm.get("service").getStringValue()).isEqualTo("slurm");
        assertThat(slurm.get("file_count").getIntValue()).isEqualTo(2);
        assertThat(slurm.get("total_size_bytes").getLongValue())
                .isEqualTo(("line 1\nline 2\nline 3\n" + "SLURM_JOB_ID=9\n").length());
        assertThat(slurm.get("latest_modified").getStringValue())
                .isEqualTo(Times.iso(SampleCluster.T0.plusSeconds(3600L * 6)));
    }

    @Test
    void anUnknownRouteAnswers404WithADetail() {
        HttpResponse<String> response = TestHttp.exchange(client(), HttpRequest.GET("/nope"));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(TestHttp.body(response)).isEqualTo("{\"detail\":\"Not Found\"}");
    }

    @Test
    void aWrongMethodAnswers405WithADetail() {
        HttpResponse<String> response = TestHttp.exchange(client(), HttpRequest.GET("/sync/trigger"));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED.getCode());
        assertThat(TestHttp.body(response)).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
    }
}
