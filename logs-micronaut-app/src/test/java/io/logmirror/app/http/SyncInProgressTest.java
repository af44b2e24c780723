package io.logmirror.app.http;

import io.logmirror.fakecluster.ReadPause;
import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** While a sync is stuck on a slow transfer the API keeps answering from the index and shows the sync's progress. */
@MicronautTest
class SyncInProgressTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("in-progress");
    static final FakeRemote REMOTE = SampleCluster.create();

    SyncInProgressTest() {
        super(DATA, REMOTE);
    }

    private String get(String uri) {
        return TestHttp.body(TestHttp.exchange(http.toBlocking(), HttpRequest.GET(uri)));
    }

    @Test
    void theApiAnswersAndShowsProgressWhileASyncIsStuck() throws Exception {
        mirror().syncNow();
        REMOTE.write("big.out", "x".repeat(100_000) + "\n");
        try (ReadPause pause = REMOTE.pauseNextRead("big.out", 1024)) {
            CompletableFuture<HttpResponse<String>> trigger = CompletableFuture.supplyAsync(
                    () -> TestHttp.exchange(http.toBlocking(), HttpRequest.POST("/sync/trigger", "")));
            pause.awaitPaused(Duration.ofSeconds(30));

            JsonNode status = json.readValue(get("/status"), JsonNode.class);
            assertThat(status.get("sync_running").getBooleanValue()).isTrue();
            assertThat(status.get("progress").get("files_total").getIntValue()).isEqualTo(1);
            assertThat(status.get("progress").get("bytes_total").getLongValue()).isEqualTo(100_001);
            assertThat(get("/health")).contains("\"sync_running\":true");
            assertThat(get("/logs?limit=100")).contains("categorized/slurm/slurm-100.out").doesNotContain("big.out");
            assertThat(get("/logs/content?path=logs/slurm-100.out&tail=1")).isEqualTo("line 3\n");
            assertThat(get("/logs/content?path=logs/big.out").contains("Log file not found")).as("a half-fetched new file is invisible").isTrue();
            assertThat(trigger).isNotDone();

            pause.release();
            HttpResponse<String> done = trigger.get(30, TimeUnit.SECONDS);
            assertThat(done.status().getCode()).isEqualTo(200);
        }
        assertThat(get("/logs/content?path=logs/big.out")).hasSize(100_001);
        assertThat(get("/status")).contains("\"sync_running\":false", "\"files_done\":0");
    }
}
