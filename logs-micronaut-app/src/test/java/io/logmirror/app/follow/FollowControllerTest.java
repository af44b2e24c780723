package io.logmirror.app.follow;

import io.logmirror.app.config.VariableSource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.RemoteSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import jakarta.inject.Inject;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /logs/follow}: every line exactly once, in order, through appends, rewrites, removals and reconnects. */
@MicronautTest
class FollowControllerTest {

    static final Path DATA = tempDir();
    static final FakeRemote REMOTE = FakeRemote.named("follow");

    @Inject
    ApplicationContext context;

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

    LogMirror mirror() {
        return context.getBean(LogMirror.class);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("follow-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    SseClient follow(String query) throws Exception {
        return follow(query, Map.of());
    }

    SseClient follow(String query, Map<String, String> headers) throws Exception {
        return SseClient.open(URI.create(context.getBean(EmbeddedServer.class).getURI() + "/logs/follow?" + query), headers);
    }

    static String path(String file) {
        return "path=" + URLEncoder.encode("logs/" + file, StandardCharsets.UTF_8);
    }

    JsonNode data(SseClient.Received event) throws IOException {
        return json.readValue(event.data(), JsonNode.class);
    }

    String lineOf(SseClient.Received event) throws IOException {
        assertThat(event.name()).as(event.toString()).isEqualTo("line");
        return data(event).get("line").getStringValue();
    }

    void sync() throws Exception {
        mirror().syncNow();
    }

    @Test
    void sendsTheLastTenLinesFirstWithTheirNumbersAndOffsets() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            text.append("line ").append(i).append('\n');
        }
        REMOTE.write("tail.log", text.toString());
        sync();
        try (SseClient client = follow(path("tail.log"))) {
            List<SseClient.Received> first = client.next(10);
            assertThat(lineOf(first.get(0))).isEqualTo("line 3");
            JsonNode third = data(first.get(0));
            assertThat(third.get("line_number").getLongValue()).isEqualTo(3);
            long offset = text.indexOf("line 3\n");
            assertThat(third.get("offset").getLongValue()).isEqualTo(offset);
            assertThat(first.get(0).id()).isEqualTo(Long.toString(offset));
            assertThat(third.get("path").getStringValue()).isEqualTo("logs/tail.log");
            assertThat(lineOf(first.get(9))).isEqualTo("line 12");
            assertThat(client.quietFor(300)).isTrue();
        }
    }

    @Test
    void deliversEveryAppendedLineOnceAcrossPiecesCrLfPartialLinesAndNonUtf8Bytes() throws Exception {
        REMOTE.write("pieces.log", "start\n");
        sync();
        try (SseClient client = follow(path("pieces.log") + "&tail=0")) {
            REMOTE.append("pieces.log", "one\r\ntw");
            sync();
            REMOTE.append("pieces.log", "o\nthree with a \r inside\n");
            sync();
            REMOTE.append("pieces.log", new byte[] {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, '\n', 'p', 'a', 'r'});
            sync();
            REMOTE.append("pieces.log", "tial\n");
            sync();
            List<SseClient.Received> events = client.next(5);
            assertThat(events.stream().map(e -> { try { return lineOf(e); } catch (IOException x) { throw new AssertionError(x); } }))
                    .containsExactly("one", "two", "three with a \r inside", "bad\uFFFD\uFFFD", "partial");
            assertThat(data(events.get(0)).get("line_number").getLongValue()).isEqualTo(2);
            assertThat(data(events.get(4)).get("line_number").getLongValue()).isEqualTo(6);
            assertThat(client.quietFor(300)).isTrue();
        }
    }

    @Test
    void resumesFromLastEventIdWithNoGapAndNoDuplicate() throws Exception {
        REMOTE.write("resume.log", "a\nb\n");
        sync();
        String lastId;
        try (SseClient client = follow(path("resume.log"))) {
            List<SseClient.Received> first = client.next(2);
            lastId = first.get(1).id();
            assertThat(lineOf(first.get(1))).isEqualTo("b");
        }
        REMOTE.append("resume.log", "c\nd\n");
        sync();
        try (SseClient client = follow(path("resume.log"), Map.of("Last-Event-ID", lastId))) {
            List<SseClient.Received> rest = client.next(2);
            assertThat(lineOf(rest.get(0))).isEqualTo("c");
            assertThat(lineOf(rest.get(1))).isEqualTo("d");
            REMOTE.append("resume.log", "e\n");
            sync();
            assertThat(lineOf(client.next())).isEqualTo("e");
            assertThat(client.quietFor(300)).isTrue();
        }
        try (SseClient client = follow(path("resume.log") + "&since_id=" + lastId)) {
            assertThat(lineOf(client.next())).isEqualTo("c");
        }
    }

    @Test
    void aRewrittenFileSendsReplacedThenItsNewContent() throws Exception {
        REMOTE.write("rewrite.log", "old one\nold two\n");
        sync();
        try (SseClient client = follow(path("rewrite.log") + "&tail=0")) {
            REMOTE.rewrite("rewrite.log", "new\n");
            sync();
            SseClient.Received replaced = client.next();
            assertThat(replaced.name()).isEqualTo("replaced");
            assertThat(data(replaced).get("path").getStringValue()).isEqualTo("logs/rewrite.log");
            SseClient.Received line = client.next();
            assertThat(lineOf(line)).isEqualTo("new");
            assertThat(data(line).get("line_number").getLongValue()).isEqualTo(1);
            assertThat(data(line).get("offset").getLongValue()).isZero();
        }
    }

    @Test
    void aFileGoneFromTheRemoteSendsGone() throws Exception {
        REMOTE.write("gone.log", "here\n");
        sync();
        try (SseClient client = follow(path("gone.log") + "&tail=0")) {
            REMOTE.delete("gone.log");
            sync();
            SseClient.Received gone = client.next();
            assertThat(gone.name()).isEqualTo("gone");
            assertThat(data(gone).get("path").getStringValue()).isEqualTo("logs/gone.log");
        }
    }

    @Test
    void aSetFollowsTheFilesItsGlobMatchesAndResumesBySequence() throws Exception {
        REMOTE.write("set/a.err", "").write("set/b.out", "");
        sync();
        String lastId;
        try (SseClient client = follow("glob=" + URLEncoder.encode("*.err", StandardCharsets.UTF_8) + "&tail=0")) {
            REMOTE.append("set/a.err", "e1\ne2\n").append("set/b.out", "o1\n");
            sync();
            List<SseClient.Received> two = client.next(2);
            assertThat(lineOf(two.get(0))).isEqualTo("e1");
            assertThat(lineOf(two.get(1))).isEqualTo("e2");
            assertThat(data(two.get(0)).get("path").getStringValue()).isEqualTo("logs/set/a.err");
            assertThat(client.quietFor(300)).isTrue();
            lastId = two.get(0).id();
        }
        REMOTE.append("set/a.err", "e3\n");
        sync();
        try (SseClient client = follow("glob=*.err&tail=0", Map.of("Last-Event-ID", lastId))) {
            assertThat(lineOf(client.next())).isEqualTo("e2");
            assertThat(lineOf(client.next())).isEqualTo("e3");
            assertThat(client.quietFor(300)).isTrue();
        }
    }

    @Test
    void levelKeepsOnlyLinesAtThatLevelOrWorseAndTagsThem() throws Exception {
        REMOTE.write("levels.log", "");
        sync();
        try (SseClient client = follow(path("levels.log") + "&level=warning")) {
            REMOTE.append("levels.log", "INFO fine\nWARN careful\nERROR broken\nplain\n");
            sync();
            SseClient.Received warn = client.next();
            assertThat(lineOf(warn)).isEqualTo("WARN careful");
            assertThat(data(warn).get("level").getStringValue()).isEqualTo("warning");
            assertThat(data(client.next()).get("level").getStringValue()).isEqualTo("error");
            assertThat(client.quietFor(300)).isTrue();
        }
    }

    @Test
    void badParametersAnswer400AndAnUnknownFile404() throws Exception {
        for (String query : List.of("tail=-1", "tail=x", "level=loud", "path=logs/a&glob=*", "service=nope",
                "path=logs/a&since_id=x", "since_id=x", "path=" + URLEncoder.encode("../etc", StandardCharsets.UTF_8))) {
            try (SseClient client = follow(query)) {
                assertThat(client.status).as(query).isEqualTo(400);
                assertThat(client.body).as(query).contains("detail");
            }
        }
        try (SseClient client = follow(path("missing.log"))) {
            assertThat(client.status).isEqualTo(404);
        }
    }
}
