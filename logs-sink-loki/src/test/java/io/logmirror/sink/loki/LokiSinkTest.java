package io.logmirror.sink.loki;

import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.sink.CursorStore;
import io.logmirror.core.sink.LogSink;
import io.logmirror.core.sink.SinkOptions;
import io.logmirror.core.sink.SinkStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Loki sink end to end: a real mirror and its line feed, the sink, and a local receiver speaking Loki's push API. */
class LokiSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final LogPath JOB = LogPath.of("slurm-4242.out");

    @TempDir
    Path temp;

    private Path remote;
    private LogMirror mirror;
    private LokiReceiver receiver;
    private final List<LogSink> sinks = new ArrayList<>();
    private int written;

    @BeforeEach
    void start() throws Exception {
        remote = Files.createDirectories(temp.resolve("remote"));
        mirror = LogMirror.open(LogMirrorConfig.builder(temp.resolve("data"), LocalDirectorySource.of(remote)).build());
        receiver = new LokiReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        sinks.forEach(LogSink::close);
        receiver.close();
        mirror.close();
    }

    @Test
    void pushesEveryLineWithTheLabelsAndTimestampsLokiExpects() throws Exception {
        appendLines(3);
        LogSink sink = sink();

        await(sink);

        assertThat(receiver.storedLines()).containsExactly("line 1", "line 2", "line 3");
        LokiReceiver.Entry first = receiver.stored().get(0);
        assertThat(first.labels()).containsEntry("cluster", "meluxina").containsEntry("service", "uncategorized")
                .containsEntry("filename", "slurm-4242.out").containsEntry("job", "4242").hasSize(4);
        assertThat(Long.parseLong(first.nanos())).isGreaterThan(1_600_000_000_000_000_000L);
        assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.headers().get("Content-encoding"))
                .containsExactly("gzip"));
    }

    @Test
    void losesNoLineAcrossAnOutageAndRetriesWithBackOff() throws Exception {
        LogSink sink = sink();
        appendLines(5);
        await(sink);
        receiver.down(true);
        appendLines(20);   // the feed keeps delivering while Loki is down
        waitUntil(() -> sink.stats().linesRetried() > 0);

        receiver.down(false);
        appendLines(5);
        await(sink);

        assertThat(receiver.storedLines()).isEqualTo(expectedLines(30));
        SinkStats stats = sink.stats();
        assertThat(stats.linesDelivered()).isEqualTo(30);
        assertThat(stats.linesDropped()).isZero();
        assertThat(stats.lastError()).hasValueSatisfying(e -> assertThat(e).contains("503"));
    }

    @Test
    void retriesOn429And500AndDropsA400BatchCountingItsLines() throws Exception {
        receiver.script(429, 500, 204, 400);
        appendLines(2);
        LogSink sink = sink();
        await(sink);   // 429, 500, then 204 for lines 1-2

        appendLines(1);
        await(sink);   // 400: line 3 dropped
        appendLines(1);
        await(sink);   // 204

        assertThat(receiver.storedLines()).containsExactly("line 1", "line 2", "line 4");
        assertThat(receiver.requests()).extracting(LokiReceiver.Request::answered)
                .containsExactly(429, 500, 204, 400, 204);
        assertThat(sink.stats().linesRetried()).isEqualTo(4);
        assertThat(sink.stats().linesDropped()).isEqualTo(1);
    }

    @Test
    void aRestartResendsAtMostTheUnacknowledgedBatch() throws Exception {
        LogSink first = sink();
        appendLines(10);
        await(first);
        receiver.down(true);
        appendLines(10);   // lines 11-20 never accepted
        waitUntil(() -> first.stats().linesRetried() > 0);
        first.close();     // the process stops while Loki is down
        appendLines(10);   // lines 21-30 arrive while the sink is stopped

        receiver.down(false);
        LogSink second = sink();
        await(second);

        assertThat(receiver.storedLines()).isEqualTo(expectedLines(30));   // nothing lost, nothing twice
        assertThat(second.stats().linesDelivered()).isEqualTo(20);
    }

    @Test
    void duplicatesAtMostTheBatchWhoseAnswerWasLost() throws Exception {
        LogSink sink = sink();
        appendLines(10);
        await(sink);
        receiver.storeThenFail(1);   // Loki wrote lines 11-15 but the answer said 500

        appendLines(5);
        await(sink);
        appendLines(5);
        await(sink);

        List<String> lines = receiver.storedLines();
        assertThat(lines).containsAll(expectedLines(20));
        assertThat(lines.size() - 20).as("duplicates").isBetween(1, 5);
        assertThat(lines.stream().distinct().toList()).isEqualTo(expectedLines(20));
    }

    @Test
    void shipsARewrittenFileFromItsFirstLineAgain() throws Exception {
        LogSink sink = sink();
        appendLines(3);
        await(sink);

        Files.writeString(remote.resolve(JOB.toString()), "rewritten\n", StandardCharsets.UTF_8);
        mirror.syncNow();
        await(sink);

        assertThat(receiver.storedLines()).containsExactly("line 1", "line 2", "line 3", "rewritten");
    }

    @Test
    void shipsThePartialLastLineOfAFileThatIsGoneFromTheCluster() throws Exception {
        LogSink sink = sink();
        Files.writeString(remote.resolve(JOB.toString()), "done\nno newline at the end", StandardCharsets.UTF_8);
        mirror.syncNow();
        await(sink);
        assertThat(receiver.storedLines()).containsExactly("done");

        Files.delete(remote.resolve(JOB.toString()));
        mirror.syncNow();
        await(sink);

        assertThat(receiver.storedLines()).containsExactly("done", "no newline at the end");
    }

    @Test
    void forgetsTheCursorOfAFileRemovedFromTheMirror() throws Exception {
        LogSink sink = sink();
        appendLines(2);
        await(sink);
        assertThat(CursorStore.file(temp.resolve("loki.cursors")).load()).containsKey(JOB);

        mirror.remove(mirror.store().find(JOB).orElseThrow());

        waitUntil(() -> !CursorStore.file(temp.resolve("loki.cursors")).load().containsKey(JOB));
        assertThat(receiver.storedLines()).containsExactly("line 1", "line 2");
    }

    @Test
    void sendsTheTenantAndBasicAuth() throws Exception {
        appendLines(1);
        LokiSettings settings = LokiSettings.builder(receiver.url()).tenant("team-a").basicAuth("u", "p").build();
        LogSink sink = LogSink.start(mirror.lines(), mirror.store(), LokiSink.backend(settings), CursorStore.inMemory(),
                options());
        sinks.add(sink);
        await(sink);

        LokiReceiver.Request request = receiver.requests().get(0);
        assertThat(request.headers().get("X-scope-orgid")).containsExactly("team-a");
        assertThat(request.headers().get("Authorization")).containsExactly("Basic dTpw");
    }

    // ---------------------------------------------------------------- helpers

    private LogSink sink() throws Exception {
        LokiSettings settings = LokiSettings.builder(receiver.url()).cluster("meluxina").build();
        LogSink sink = LogSink.start(mirror.lines(), mirror.store(), LokiSink.backend(settings),
                CursorStore.file(temp.resolve("loki.cursors")), options());
        sinks.add(sink);
        return sink;
    }

    private static SinkOptions options() {
        return SinkOptions.builder().maxBatchDelay(Duration.ofMillis(50))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(50)).build();
    }

    private void appendLines(int count) throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("line ").append(++written).append('\n');
        }
        Files.writeString(remote.resolve(JOB.toString()), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        mirror.syncNow();
    }

    private static List<String> expectedLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i).toList();
    }

    private static void await(LogSink sink) throws InterruptedException {
        assertThat(sink.awaitIdle(WAIT)).as("idle: %s", sink.stats()).isTrue();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!check.holds()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
