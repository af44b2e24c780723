package io.logmirror.app.health;

import io.logmirror.app.RunningService;
import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /management/health}'s {@code remote}: files the last sync could not sync show in its details (how many, and
 * the first by path with its reason, as {@code /status} lists it) while it stays UP, since one file the remote will not
 * let us read must not keep the service DOWN; once they sync, the details say so.
 */
class RemoteHealthIndicatorTest {

    private FakeRemote remote;
    private RunningService service;

    @BeforeEach
    void startTheServiceOnAFakeCluster() {
        remote = SampleCluster.create();
        service = RunningService.start(Map.of("DATA_DIR", TestHttp.tempDir("remote-health").resolve("data").toString(),
                "LOGS_MODE", "demo", "SYNC_INTERVAL", "3600"), remote);
    }

    @AfterEach
    void stop() throws Exception {
        RunningService.closeInOrder(service, remote::destroy);
    }

    @Test
    void filesTheLastSyncCouldNotSyncShowTheirCountAndTheFirstReasonWhileTheRemoteStaysUp() throws Exception {
        assertThat(service.trigger().get("files_failed").getLongValue()).as("joins or follows the start-up sync").isZero();
        assertThat(remoteDetails().get("first_failure")).isNull();
        remote.write("job-b/slurm-2.out", "b\n").unreadable("job-b/slurm-2.out")
                .write("job-a/slurm-1.out", "a\n").unreadable("job-a/slurm-1.out");
        assertThat(service.trigger().get("files_failed").getLongValue()).isEqualTo(2);

        JsonNode health = service.json("/management/health", 200);

        assertThat(health.get("status").getStringValue()).isEqualTo("UP");
        JsonNode remoteHealth = health.get("details").get("remote");
        assertThat(remoteHealth.get("status").getStringValue()).isEqualTo("UP");
        JsonNode details = remoteHealth.get("details");
        assertThat(details.get("reachable").getBooleanValue()).isTrue();
        assertThat(details.get("files_failed").getLongValue()).isEqualTo(2);
        JsonNode first = details.get("first_failure");
        assertThat(first.get("path").getStringValue()).as("the first by path").isEqualTo("logs/job-a/slurm-1.out");
        assertThat(first.get("reason").getStringValue()).contains("job-a/slurm-1.out");
        JsonNode listed = service.json("/status", 200).get("last_changes").get("failures").get(0);
        assertThat(first).as("the same as /status lists first").isEqualTo(listed);
        HttpResponse<String> original = service.get("/health");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).contains("\"status\":\"healthy\"");

        remote.clearFaults();
        assertThat(service.trigger().get("files_failed").getLongValue()).isZero();

        JsonNode healed = remoteDetails();
        assertThat(healed.get("files_failed").getLongValue()).isZero();
        assertThat(healed.get("first_failure")).isNull();
    }

    private JsonNode remoteDetails() throws Exception {
        return service.json("/management/health", 200).get("details").get("remote").get("details");
    }
}
