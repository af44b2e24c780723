package io.logmirror.app.follow;

import io.logmirror.app.config.VariableSource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.RemoteSource;
import io.logmirror.fakecluster.FakeRemote;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The followers together: a slow client delays nobody, 200 followers lose no line, the cap answers 429, the gauge
 * counts them, heartbeats go out, and the WebSocket sends the same events.
 */
@MicronautTest
class FollowersTest {

    static final Path DATA = tempDir();
    static final FakeRemote REMOTE = FakeRemote.named("followers");
    static final int CAP = 210;

    @Inject
    ApplicationContext context;

    @Inject
    JsonMapper json;

    @MockBean(VariableSource.class)
    VariableSource variables() {
        return () -> Map.of("DATA_DIR", DATA.toString(), "LOGS_MODE", "demo", "SYNC_INTERVAL", "3600",
                "FOLLOW_MAX_CLIENTS", Integer.toString(CAP), "FOLLOW_BUFFER_EVENTS", "8192", "FOLLOW_HEARTBEAT", "1");
    }

    @MockBean(RemoteSource.class)
    RemoteSource remote() {
        return REMOTE;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("followers-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create(context.getBean(EmbeddedServer.class).getURI() + pathAndQuery);
    }

    Followers followers() {
        return context.getBean(Followers.class);
    }

    void awaitNoFollowers() throws InterruptedException {
        for (int i = 0; i < 200 && followers().count() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(followers().count()).isZero();
    }

    static String lines(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append("line ").append(i).append(" ").append("x".repeat(60)).append('\n');
        }
        return text.toString();
    }

    @Test
    void aClientThatStopsReadingDelaysNeitherASyncNorAnotherClientAndGetsOneDroppedEvent() throws Exception {
        int total = 100_000;
        REMOTE.write("slow.log", "");
        context.getBean(LogMirror.class).syncNow();
        try (SseClient stalled = SseClient.openPaused(uri("/logs/follow?path=logs/slow.log&tail=0"));
             SseClient reader = SseClient.open(uri("/logs/follow?path=logs/slow.log&tail=0"), Map.of())) {
            int batch = 2_000;
            for (int from = 0; from < total; from += batch) {
                REMOTE.append("slow.log", lines(from, from + batch));
                context.getBean(LogMirror.class).syncNow(); // returns: the stalled client does not hold the sync
                for (int i = from; i < from + batch; i++) {
                    SseClient.Received event = reader.next();
                    assertThat(event.name()).isEqualTo("line");
                    assertThat(json.readValue(event.data(), JsonNode.class).get("line").getStringValue())
                            .startsWith("line " + i + " ");
                }
            }
            stalled.startReading();
            int received = 0;
            SseClient.Received event;
            while ((event = stalled.next()).name().equals("line")) {
                assertThat(json.readValue(event.data(), JsonNode.class).get("line").getStringValue())
                        .startsWith("line " + received + " ");
                received++;
            }
            assertThat(event.name()).isEqualTo("dropped");
            JsonNode dropped = json.readValue(event.data(), JsonNode.class);
            assertThat(received).isLessThan(total);
            assertThat(dropped.get("count").getLongValue()).isEqualTo(total - received);
            assertThat(dropped.get("offset").getLongValue()).isEqualTo((long) lines(0, received).length());
            assertThat(dropped.get("since_id").getStringValue()).isEqualTo(Long.toString(lines(0, received).length() - 1));
        }
        awaitNoFollowers();
    }

    @Test
    void twoHundredFollowersOfEverythingDuringAFullSyncLoseNoLine() throws Exception {
        int files = 10;
        int perFile = 20;
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                clients.add(SseClient.open(uri("/logs/follow?glob=many/*&tail=0"), Map.of()));
            }
            assertThat(followers().count()).isEqualTo(200);
            assertThat(context.getBean(MeterRegistry.class).get("logmirror.followers").gauge().value()).isEqualTo(200.0);
            for (int f = 0; f < files; f++) {
                REMOTE.write("many/file-" + f + ".log", lines(0, perFile));
            }
            context.getBean(LogMirror.class).syncNow();
            for (SseClient client : clients) {
                Map<String, Integer> next = new java.util.HashMap<>();
                for (int n = 0; n < files * perFile; n++) {
                    SseClient.Received event = client.next();
                    assertThat(event.name()).isEqualTo("line");
                    JsonNode data = json.readValue(event.data(), JsonNode.class);
                    String path = data.get("path").getStringValue();
                    int expected = next.merge(path, 1, Integer::sum) - 1;
                    assertThat(data.get("line").getStringValue()).startsWith("line " + expected + " ");
                }
                assertThat(next).hasSize(files).allSatisfy((path, count) -> assertThat(count).isEqualTo(perFile));
            }
            assertThat(clients.get(0).quietFor(300)).isTrue();
        } finally {
            for (SseClient client : clients) {
                client.close();
            }
        }
        awaitNoFollowers();
    }

    @Test
    void followersBeyondTheCapGet429AndTheCountComesBackWhenTheyLeave() throws Exception {
        REMOTE.write("cap.log", "x\n");
        context.getBean(LogMirror.class).syncNow();
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                SseClient client = SseClient.open(uri("/logs/follow?path=logs/cap.log&tail=0"), Map.of());
                assertThat(client.status).isEqualTo(200);
                clients.add(client);
            }
            try (SseClient refused = SseClient.open(uri("/logs/follow?path=logs/cap.log"), Map.of())) {
                assertThat(refused.status).isEqualTo(429);
                assertThat(refused.body).contains("FOLLOW_MAX_CLIENTS=" + CAP);
            }
        } finally {
            for (SseClient client : clients) {
                client.close();
            }
        }
        awaitNoFollowers();
        try (SseClient again = SseClient.open(uri("/logs/follow?path=logs/cap.log"), Map.of())) {
            assertThat(again.status).isEqualTo(200);
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        REMOTE.write("idle.log", "");
        context.getBean(LogMirror.class).syncNow();
        try (SseClient client = SseClient.open(uri("/logs/follow?path=logs/idle.log"), Map.of())) {
            Thread.sleep(2500);
            assertThat(client.comments.get()).isGreaterThanOrEqualTo(1);
            assertThat(client.events).noneMatch(e -> e.name().equals("line"));
        }
    }

    @Test
    void theWebSocketSendsTheSameEventsAsJsonTextFrames() throws Exception {
        REMOTE.write("ws.log", "first\n");
        context.getBean(LogMirror.class).syncNow();
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(uri("/logs/stream?path=logs/ws.log").toString().replaceFirst("^http", "ws")),
                        new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    frames.add(text.toString());
                                    text.setLength(0);
                                }
                                ws.request(1);
                                return CompletableFuture.completedFuture(null);
                            }
                        }).get(10, TimeUnit.SECONDS);
        try {
            JsonNode first = json.readValue(frames.poll(20, TimeUnit.SECONDS), JsonNode.class);
            assertThat(first.get("event").getStringValue()).isEqualTo("line");
            assertThat(first.get("id").getStringValue()).isEqualTo("0");
            assertThat(first.get("data").get("line").getStringValue()).isEqualTo("first");
            REMOTE.append("ws.log", "second\n");
            context.getBean(LogMirror.class).syncNow();
            JsonNode second = json.readValue(frames.poll(20, TimeUnit.SECONDS), JsonNode.class);
            assertThat(second.get("data").get("line").getStringValue()).isEqualTo("second");
            assertThat(second.get("data").get("line_number").getLongValue()).isEqualTo(2);
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
        awaitNoFollowers();
    }
}
