package io.logmirror.app.demo;

import io.logmirror.app.TestHttp;
import io.logmirror.app.config.VariableSource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.SyncReport;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Without any configuration the service mirrors the built-in fake cluster, whose logs keep growing. */
@MicronautTest
class DemoRemoteTest {

    /** Made per test, not injected: an injected {@code @Client("/")} asks for the port before the server has one. */
    HttpClient http;

    @Inject
    EmbeddedServer embeddedServer;

    @BeforeEach
    void openClient() {
        http = HttpClient.create(embeddedServer.getURL());
    }

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Inject
    ApplicationContext context;

    @MockBean(VariableSource.class)
    VariableSource variables() {
        // Nothing but a private data folder: no SSH_HOST, no LOGS_MODE.
        return () -> Map.of("DATA_DIR", TestHttp.tempDir("demo").toString());
    }

    private String get(String uri) {
        return TestHttp.body(TestHttp.exchange(http.toBlocking(), HttpRequest.GET(uri)));
    }

    @Test
    void runsInDemoModeWithSyntheticLogsOfSeveralCategories() throws Exception {
        context.getBean(LogMirror.class).syncNow();
        assertThat(get("/")).contains("\"mode\":\"demo\"");
        assertThat(get("/status")).contains("\"mode\":\"demo\"", "\"sync_enabled\":true");
        assertThat(get("/logs?limit=5")).contains("\"service\":");
        assertThat(get("/logs?service=slurm&limit=1")).contains("categorized/slurm/");
        assertThat(get("/logs?service=vllm&limit=1")).contains("categorized/vllm/");
        assertThat(get("/logs?service=client&limit=1")).contains("categorized/client/");
    }

    @Test
    void theDemoClusterKeepsGrowing() throws Exception {
        LogMirror mirror = context.getBean(LogMirror.class);
        mirror.syncNow();
        long fetched = 0;
        // The generator moves on every 5 s; a few syncs later some files must have grown.
        for (int attempt = 0; attempt < 40 && fetched == 0; attempt++) {
            Thread.sleep(500);
            SyncReport report = mirror.syncNow();
            fetched = report.filesGrown() + report.filesAdded() + report.filesReplaced();
        }
        assertThat(fetched).as("files that changed on the demo cluster within 20 s").isPositive();
    }
}
