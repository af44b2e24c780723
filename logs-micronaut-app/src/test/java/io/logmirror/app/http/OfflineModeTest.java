package io.logmirror.app.http;

import io.logmirror.app.TestHttp;
import io.logmirror.app.config.VariableSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With no remote at all (LOGS_MODE=offline) the data folder is served as it is and a sync cannot be asked for. */
@MicronautTest
class OfflineModeTest {

    static final Path DATA = TestHttp.tempDir("offline");

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

    @MockBean(VariableSource.class)
    VariableSource variables() {
        return () -> Map.of("DATA_DIR", DATA.toString(), "LOGS_MODE", "offline");
    }

    @Test
    void triggeringASyncAnswers503AsTheOriginalDidWithoutSsh() {
        HttpResponse<String> response = TestHttp.exchange(http.toBlocking(), HttpRequest.POST("/sync/trigger", ""));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
        assertThat(TestHttp.body(response)).isEqualTo("{\"detail\":\"SSH manager not initialized\"}");
    }

    @Test
    void statusSaysSyncIsDisabledAndNothingSynced() {
        String body = TestHttp.body(TestHttp.exchange(http.toBlocking(), HttpRequest.GET("/status")));
        assertThat(body).contains("\"sync_enabled\":false", "\"last_sync_time\":null", "\"total_syncs\":0",
                "\"mode\":\"offline\"", "\"last_changes\":null");
    }

    @Test
    void healthSaysSshIsNotConfigured() {
        String body = TestHttp.body(TestHttp.exchange(http.toBlocking(), HttpRequest.GET("/health")));
        assertThat(body).isEqualTo("{\"status\":\"healthy\",\"service\":\"logs\",\"ssh_configured\":false,\"sync_running\":false}");
    }

    @Test
    void listingAnEmptyMirrorGivesAnEmptyArray() {
        assertThat(TestHttp.body(TestHttp.exchange(http.toBlocking(), HttpRequest.GET("/logs")))).isEqualTo("[]");
    }
}
