package io.logmirror.app;

import io.logmirror.app.config.VariableSource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.RemoteSource;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up syncs on its own; shutdown (what SIGTERM triggers) closes the engine and its source; local mode works. */
class MirrorLifecycleTest {

    private static EmbeddedServer start(Map<String, String> variables, RemoteSource... remote) {
        ApplicationContext context = ApplicationContext.builder()
                .singletons((VariableSource) () -> variables)
                .singletons((Object[]) remote)
                .properties(Map.of("micronaut.server.port", -1))
                .start();
        return context.getBean(EmbeddedServer.class).start();
    }

    private static String get(EmbeddedServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void syncsAtStartUpWithoutBeingAsked() throws Exception {
        FakeRemote remote = SampleCluster.create();
        EmbeddedServer server = start(Map.of("DATA_DIR", TestHttp.tempDir("lifecycle").toString(), "LOGS_MODE", "demo"), remote);
        try {
            LogMirror mirror = server.getApplicationContext().getBean(LogMirror.class);
            for (int i = 0; i < 200 && mirror.status().successfulSyncs() == 0; i++) {
                Thread.sleep(50);
            }
            assertThat(mirror.status().successfulSyncs()).as("syncs after start-up").isPositive();
            assertThat(remote.listCount()).isPositive();
        } finally {
            server.getApplicationContext().close();
        }
    }

    @Test
    void shuttingDownClosesTheEngineAndItsSource() {
        FakeRemote remote = SampleCluster.create();
        EmbeddedServer server = start(Map.of("DATA_DIR", TestHttp.tempDir("lifecycle").toString(), "LOGS_MODE", "demo"), remote);
        server.getApplicationContext().getBean(LogMirror.class);
        assertThat(remote.closeCount()).isZero();
        server.getApplicationContext().close();
        assertThat(remote.closeCount()).isEqualTo(1);
    }

    @Test
    void mirrorsALocalFolderInLocalMode() throws Exception {
        Path folder = TestHttp.tempDir("local-cluster");
        Files.createDirectories(folder.resolve("job-3"));
        Files.writeString(folder.resolve("job-3").resolve("slurm-3.out"), "SLURM_JOB_ID=3\n");
        EmbeddedServer server = start(Map.of("DATA_DIR", TestHttp.tempDir("local-data").toString(),
                "LOCAL_LOGS_DIR", folder.toString()));
        try {
            server.getApplicationContext().getBean(LogMirror.class).syncNow();
            assertThat(get(server, "/")).contains("\"mode\":\"local\"");
            assertThat(get(server, "/logs")).contains("\"path\":\"categorized/slurm/job-3/slurm-3.out\"");
            assertThat(get(server, "/logs/content?path=logs/job-3/slurm-3.out")).isEqualTo("SLURM_JOB_ID=3\n");
        } finally {
            server.getApplicationContext().close();
        }
    }
}
