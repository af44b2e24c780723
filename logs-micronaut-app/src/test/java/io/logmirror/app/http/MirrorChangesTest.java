package io.logmirror.app.http;

import io.logmirror.app.TestHttp;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API shows after the remote changed: new files, grown files, rewritten files and their earlier generation. */
@MicronautTest
class MirrorChangesTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("mirror-changes");
    static final FakeRemote REMOTE = FakeRemote.named("changes");

    MirrorChangesTest() {
        super(DATA, REMOTE);
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
    void remoteEntriesLeftOutOnPurposeAreCountedAndNamedWithTheirReason() throws Exception {
        REMOTE.write("kept.log", "kept\n").injectListingEntry("evil\nname.log", 5).injectListingEntry("../escape.log", 5);
        try {
            mirror().syncNow();

            JsonNode changes = json.readValue(get("/status"), JsonNode.class).get("last_changes");
            assertThat(changes.get("files_skipped").getIntValue()).isEqualTo(2);
            JsonNode skipped = changes.get("skipped");
            assertThat(skipped.size()).isEqualTo(2);
            assertThat(skipped.get(0).get("name").getStringValue()).isEqualTo("../escape.log");
            assertThat(skipped.get(1).get("name").getStringValue()).isEqualTo("evil\\u000aname.log");
            assertThat(skipped.get(1).get("reason").getStringValue()).isNotBlank();
            assertThat(changes.get("files_failed").getIntValue()).isZero();
            assertThat(get("/logs/content?path=logs/kept.log")).isEqualTo("kept\n");
        } finally {
            REMOTE.clearInjectedEntries();
        }
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
