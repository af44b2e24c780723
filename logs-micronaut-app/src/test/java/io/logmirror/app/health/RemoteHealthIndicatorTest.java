package io.logmirror.app.health;

import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.app.config.VariableSource;
import io.logmirror.testkit.FakeRemote;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /management/health}'s {@code remote}: files the last sync could not sync show in its details (how many, and
 * the first by path with its reason, as {@code /status} lists it) while it stays UP, since one file the remote will not
 * let us read must not keep the service DOWN; once they sync, the details say so.
 */
class RemoteHealthIndicatorTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeRemote remote;
    private EmbeddedServer server;
    private JsonMapper json;

    @BeforeEach
    void startTheServiceOnAFakeCluster() {
        remote = SampleCluster.create();
        Map<String, String> variables = Map.of("DATA_DIR", TestHttp.tempDir("remote-health").resolve("data").toString(),
                "LOGS_MODE", "demo", "SYNC_INTERVAL", "3600");
        ApplicationContext context = ApplicationContext.builder()
                .singletons((VariableSource) () -> variables, remote)
                .properties(Map.of("micronaut.server.port", -1))
                .start();
        server = context.getBean(EmbeddedServer.class).start();
        json = context.getBean(JsonMapper.class);
    }

    @AfterEach
    void stop() throws Exception {
        try (AutoCloseable destroyedRemote = remote::destroy;
             AutoCloseable stoppedServer = server == null ? null : server.getApplicationContext()::close) {
            // nothing else to do
        }
    }

    @Test
    void filesTheLastSyncCouldNotSyncShowTheirCountAndTheFirstReasonWhileTheRemoteStaysUp() throws Exception {
        assertThat(trigger().get("files_failed").getLongValue()).as("joins or follows the start-up sync").isZero();
        assertThat(health(200).get("details").get("remote").get("details").get("first_failure")).isNull();
        remote.write("job-b/slurm-2.out", "b\n").unreadable("job-b/slurm-2.out")
                .write("job-a/slurm-1.out", "a\n").unreadable("job-a/slurm-1.out");
        assertThat(trigger().get("files_failed").getLongValue()).isEqualTo(2);

        JsonNode health = health(200);

        assertThat(health.get("status").getStringValue()).isEqualTo("UP");
        JsonNode remoteHealth = health.get("details").get("remote");
        assertThat(remoteHealth.get("status").getStringValue()).isEqualTo("UP");
        JsonNode details = remoteHealth.get("details");
        assertThat(details.get("reachable").getBooleanValue()).isTrue();
        assertThat(details.get("files_failed").getLongValue()).isEqualTo(2);
        JsonNode first = details.get("first_failure");
        assertThat(first.get("path").getStringValue()).as("the first by path").isEqualTo("logs/job-a/slurm-1.out");
        assertThat(first.get("reason").getStringValue()).contains("job-a/slurm-1.out");
        JsonNode listed = json.readValue(get("/status").body(), JsonNode.class).get("last_changes").get("failures").get(0);
        assertThat(first).as("the same as /status lists first").isEqualTo(listed);
        HttpResponse<String> original = get("/health");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).contains("\"status\":\"healthy\"");

        remote.clearFaults();
        assertThat(trigger().get("files_failed").getLongValue()).isZero();

        JsonNode healed = health(200).get("details").get("remote").get("details");
        assertThat(healed.get("files_failed").getLongValue()).isZero();
        assertThat(healed.get("first_failure")).isNull();
    }

    private JsonNode trigger() throws Exception {
        HttpResponse<String> response = http.send(request("/sync/trigger").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /sync/trigger: " + response.body()).isEqualTo(200);
        return json.readValue(response.body(), JsonNode.class);
    }

    private JsonNode health(int expectedStatus) throws Exception {
        HttpResponse<String> response = get("/management/health");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return json.readValue(response.body(), JsonNode.class);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.getURL() + path));
    }
}
