package io.logmirror.app.http;

import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds every answer against the original service's contract ({@code seed-api-contract.md}) field by field:
 * names, JSON types, and order (the original fields first, in their order; added fields after them).
 */
@MicronautTest
class ContractTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("contract");
    static final FakeRemote REMOTE = SampleCluster.create();
    /** Python's naive {@code isoformat()}: no offset, microseconds only when not zero. */
    static final String ISO_LOCAL = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?";
    static final List<String> CATEGORIES = List.of("server", "client", "monitoring", "vllm", "slurm", "logs", "uncategorized");

    static final Predicate<JsonNode> STRING = JsonNode::isString;
    static final Predicate<JsonNode> BOOLEAN = JsonNode::isBoolean;
    static final Predicate<JsonNode> INTEGER = node -> node.isNumber() && node.getNumberValue() instanceof Integer
            || node.isNumber() && node.getNumberValue() instanceof Long;
    static final Predicate<JsonNode> NUMBER = JsonNode::isNumber;
    static final Predicate<JsonNode> OBJECT = JsonNode::isObject;
    static final Predicate<JsonNode> ARRAY = JsonNode::isArray;
    static final Predicate<JsonNode> TIME = node -> node.isString() && node.getStringValue().matches(ISO_LOCAL);
    static final Predicate<JsonNode> TIME_OR_NULL = node -> node.isNull() || TIME.test(node);
    static final Predicate<JsonNode> STRING_OR_NULL = node -> node.isNull() || node.isString();
    static final Predicate<JsonNode> NUMBER_OR_NULL = node -> node.isNull() || node.isNumber();
    static final Predicate<JsonNode> OBJECT_OR_NULL = node -> node.isNull() || node.isObject();

    ContractTest() {
        super(DATA, REMOTE);
    }

    @BeforeEach
    void synced() throws Exception {
        mirror().syncNow();
    }

    private String body(HttpRequest<?> request, int status) {
        HttpResponse<String> response = TestHttp.exchange(http.toBlocking(), request);
        assertThat(response.status().getCode()).as(request.getPath()).isEqualTo(status);
        if (response.getHeaders().contains(HttpHeaders.CONTENT_TYPE) && status != 200) {
            assertThat(response.getHeaders().get(HttpHeaders.CONTENT_TYPE)).startsWith("application/json");
        }
        return TestHttp.body(response);
    }

    private void assertFields(String body, List<String> path, Object... namesAndTypes) throws Exception {
        JsonNode node = json.readValue(body, JsonNode.class);
        for (String step : path) {
            node = node.get(step);
        }
        String[] names = new String[namesAndTypes.length / 2];
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            String name = (String) namesAndTypes[i];
            @SuppressWarnings("unchecked")
            Predicate<JsonNode> type = (Predicate<JsonNode>) namesAndTypes[i + 1];
            names[i / 2] = name;
            assertThat(node.get(name)).as(path + " " + name + " present").isNotNull();
            assertThat(type.test(node.get(name))).as(path + " " + name + " has the contract's type: " + node.get(name)).isTrue();
        }
        assertThat(TestHttp.keysAt(body, path)).as("fields of " + path).containsExactly(names);
    }

    @Test
    void rootHasTheOriginalFieldsThenMode() throws Exception {
        String body = body(HttpRequest.GET("/"), 200);
        assertFields(body, List.of(), "service", STRING, "version", STRING, "description", STRING, "endpoints", OBJECT,
                "mode", STRING);
        assertThat(TestHttp.keysAt(body, List.of("endpoints"))).containsExactly("health", "status", "trigger_sync",
                "list_services", "service_stats", "list_logs", "log_content");
        JsonNode root = json.readValue(body, JsonNode.class);
        assertThat(root.get("service").getStringValue()).isEqualTo("Logs Service");
        assertThat(root.get("version").getStringValue()).isEqualTo("1.0.0");
        assertThat(root.get("description").getStringValue())
                .isEqualTo("Microservice for syncing and categorizing logs from MeluXina HPC");
        JsonNode endpoints = root.get("endpoints");
        assertThat(endpoints.get("health").getStringValue()).isEqualTo("/health");
        assertThat(endpoints.get("status").getStringValue()).isEqualTo("/status");
        assertThat(endpoints.get("list_services").getStringValue()).isEqualTo("/services");
        assertThat(endpoints.get("service_stats").getStringValue()).isEqualTo("/services/stats");
        assertThat(endpoints.get("list_logs").getStringValue()).isEqualTo("/logs");
        assertThat(endpoints.get("log_content").getStringValue()).isEqualTo("/logs/content");
    }

    @Test
    void healthHasExactlyTheOriginalFields() throws Exception {
        assertFields(body(HttpRequest.GET("/health"), 200), List.of(),
                "status", STRING, "service", STRING, "ssh_configured", BOOLEAN, "sync_running", BOOLEAN);
    }

    @Test
    void statusHasTheOriginalSevenFieldsFirstThenTheAddedOnes() throws Exception {
        String body = body(HttpRequest.GET("/status"), 200);
        assertFields(body, List.of(),
                "sync_enabled", BOOLEAN, "last_sync_time", TIME_OR_NULL, "sync_interval_seconds", INTEGER,
                "total_syncs", INTEGER, "failed_syncs", INTEGER, "logs_directory", STRING, "categorized_directory", STRING,
                "mode", STRING, "sync_running", BOOLEAN, "last_error", STRING_OR_NULL, "last_duration_seconds", NUMBER_OR_NULL,
                "next_sync_time", TIME_OR_NULL, "last_changes", OBJECT_OR_NULL, "progress", OBJECT, "indexed_files", INTEGER);
        assertFields(body, List.of("last_changes"), "files_added", INTEGER, "files_grown", INTEGER,
                "files_replaced", INTEGER, "files_gone", INTEGER, "bytes_fetched", INTEGER,
                "files_failed", INTEGER, "failures", ARRAY, "files_skipped", INTEGER, "skipped", ARRAY);
        assertFields(body, List.of("progress"), "files_done", INTEGER, "files_total", INTEGER,
                "bytes_done", INTEGER, "bytes_total", INTEGER);
        assertThat(TIME.test(json.readValue(body, JsonNode.class).get("last_sync_time"))).isTrue();
    }

    @Test
    void syncTriggerHasStatusMessageAndAllSevenCategoryCounts() throws Exception {
        String body = body(HttpRequest.POST("/sync/trigger", ""), 200);
        assertFields(body, List.of(), "status", STRING, "message", STRING, "categories", OBJECT,
                "files_failed", INTEGER, "failures", ARRAY);
        Object[] counts = new Object[CATEGORIES.size() * 2];
        for (int i = 0; i < CATEGORIES.size(); i++) {
            counts[2 * i] = CATEGORIES.get(i);
            counts[2 * i + 1] = INTEGER;
        }
        assertFields(body, List.of("categories"), counts);
    }

    @Test
    void servicesIsTheArrayOfTheSevenCategoriesInOrder() throws Exception {
        JsonNode services = json.readValue(body(HttpRequest.GET("/services"), 200), JsonNode.class);
        assertThat(services.isArray()).isTrue();
        assertThat(services.size()).isEqualTo(7);
        for (int i = 0; i < 7; i++) {
            assertThat(services.get(i).getStringValue()).isEqualTo(CATEGORIES.get(i));
        }
    }

    @Test
    void serviceStatsIsKeyedByCategoryInOrderWithTheOriginalFields() throws Exception {
        String body = body(HttpRequest.GET("/services/stats"), 200);
        assertThat(TestHttp.keys(body)).containsExactlyElementsOf(CATEGORIES);
        for (String category : CATEGORIES) {
            assertFields(body, List.of(category), "service", STRING, "file_count", INTEGER, "total_size_bytes", INTEGER,
                    "latest_modified", TIME_OR_NULL);
        }
    }

    @Test
    void logsIsAnArrayOfFilesWithTheOriginalFieldsThenErrorCounts() throws Exception {
        String body = body(HttpRequest.GET("/logs"), 200);
        JsonNode files = json.readValue(body, JsonNode.class);
        assertThat(files.isArray()).isTrue();
        assertThat(files.size()).isPositive();
        for (int i = 0; i < files.size(); i++) {
            String element = json.writeValueAsString(files.get(i));
            assertFields(element, List.of(), "filename", STRING, "path", STRING, "size_bytes", INTEGER,
                    "modified_time", TIME, "service", STRING, "error_count", INTEGER, "warning_count", INTEGER);
            assertThat(files.get(i).get("path").getStringValue()).startsWith("categorized/" + files.get(i).get("service").getStringValue() + "/");
        }
    }

    @Test
    void contentIsPlainText() {
        HttpResponse<String> response = TestHttp.exchange(http.toBlocking(), HttpRequest.GET("/logs/content?path=logs/slurm-100.out"));
        assertThat(response.getHeaders().get(HttpHeaders.CONTENT_TYPE)).startsWith("text/plain");
    }

    @Test
    void errorsAreDetailObjects() throws Exception {
        assertFields(body(HttpRequest.GET("/logs/content?path=logs/missing"), 404), List.of(), "detail", STRING);
        assertFields(body(HttpRequest.GET("/logs/content?path=..%2Fx"), 400), List.of(), "detail", STRING);
        assertFields(body(HttpRequest.GET("/logs/content?path=logs"), 400), List.of(), "detail", STRING);
    }

    @Test
    void validationErrorsAre422WithFastApisDetailList() throws Exception {
        String body = body(HttpRequest.GET("/logs?limit=0"), 422);
        JsonNode detail = json.readValue(body, JsonNode.class).get("detail");
        assertThat(detail.isArray()).isTrue();
        String issue = json.writeValueAsString(detail.get(0));
        assertFields(issue, List.of(), "type", STRING, "loc", ARRAY, "msg", STRING, "input", STRING, "ctx", OBJECT, "url", STRING);
        assertThat(json.readValue(issue, JsonNode.class).get("url").getStringValue())
                .isEqualTo("https://errors.pydantic.dev/2.5/v/greater_than_equal");
    }
}
