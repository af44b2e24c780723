package io.logmirror.app.http;

import io.logmirror.app.TestHttp;
import io.logmirror.app.config.VariableSource;
import io.logmirror.core.LogMirror;
import io.micronaut.context.ApplicationContext;
import io.logmirror.core.RemoteSource;
import io.logmirror.testkit.FakeRemote;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API shows after the remote changed: new files, grown files, rewritten files and their earlier generation. */
@MicronautTest
class MirrorChangesTest {

    static final Path DATA = TestHttp.tempDir("mirror-changes");
    static final FakeRemote REMOTE = FakeRemote.named("changes");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationContext context;

    /** Looked up, not injected: the test instance makes the replacement beans, which the engine needs. */
    private LogMirror mirror() {
        return context.getBean(LogMirror.class);
    }

    @Inject
    JsonMapper json;

    @MockBean(VariableSource.class)
    VariableSource variables() {
        return () -> Map.of("DATA_DIR", DATA.toString(), "LOGS_MODE", "demo", "SYNC_INTERVAL", "3600");
    }

    @MockBean(RemoteSource.class)
    RemoteSource remote() {
        return REMOTE;
    }

    private String get(String uri) {
        return TestHttp.body(TestHttp.exchange(http.toBlocking(), HttpRequest.GET(uri)));
    }

    @Test
    void aTriggeredSyncFetchesANewFileAndStatusCountsIt() throws Exception {
        mirror().syncNow();
        REMOTE.write("client-8.log", "new client\n");
        HttpResponse<String> trigger = TestHttp.exchange(http.toBlocking(), HttpRequest.POST("/sync/trigger", ""));
        assertThat(trigger.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        JsonNode status = json.readValue(get("/status"), JsonNode.class);
        assertThat(status.get("last_changes").get("files_added").getIntValue()).isEqualTo(1);
        assertThat(get("/logs/content?path=logs/client-8.log")).isEqualTo("new client\n");
    }

    @Test
    void aGrownFileServesItsNewBytes() throws Exception {
        REMOTE.write("growing.out", "one\n");
        mirror().syncNow();
        REMOTE.append("growing.out", "two\n");
        mirror().syncNow();
        assertThat(get("/logs/content?path=logs/growing.out&tail=1")).isEqualTo("two\n");
        JsonNode status = json.readValue(get("/status"), JsonNode.class);
        assertThat(status.get("last_changes").get("files_grown").getIntValue()).isEqualTo(1);
    }

    @Test
    void anEarlierGenerationIsReadableAfterTheRemoteFileWasRewritten() throws Exception {
        REMOTE.write("rewritten.out", "first version\n");
        mirror().syncNow();
        REMOTE.rewrite("rewritten.out", "second\n");
        mirror().syncNow();
        assertThat(get("/logs/content?path=logs/rewritten.out")).isEqualTo("second\n");
        assertThat(get("/logs/content?path=logs/rewritten.out&generation=1")).isEqualTo("first version\n");
        assertThat(TestHttp.exchange(http.toBlocking(), HttpRequest.GET("/logs/content?path=logs/rewritten.out&generation=2"))
                .status().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    }
}
