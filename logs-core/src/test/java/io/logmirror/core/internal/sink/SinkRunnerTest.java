package io.logmirror.core.internal.sink;

import io.logmirror.core.LocalDirectorySource;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.LogPath;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.LineFeed;
import io.logmirror.core.feed.LineSubscriber;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.sink.CursorStore;
import io.logmirror.core.sink.LogSink;
import io.logmirror.core.sink.SinkBackend;
import io.logmirror.core.sink.SinkLine;
import io.logmirror.core.sink.SinkOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SinkRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final LogPath JOB = LogPath.of("slurm-42.out");

    @TempDir
    Path temp;

    private Path remote;
    private LogMirror mirror;
    private final ScriptedFeed feed = new ScriptedFeed();
    private final RecordingBackend backend = new RecordingBackend();
    private final List<LogSink> sinks = new ArrayList<>();

    @BeforeEach
    void openMirror() throws IOException {
        remote = Files.createDirectories(temp.resolve("remote"));
        mirror = LogMirror.open(LogMirrorConfig.builder(temp.resolve("data"), LocalDirectorySource.of(remote)).build());
    }

    @AfterEach
    void close() throws IOException {
        sinks.forEach(LogSink::close);
        mirror.close();
    }

    @Test
    void shipsEveryLineAlreadyInTheMirrorWhenItStarts() throws Exception {
        write(JOB, "one\ntwo\r\nthree\npartial");
        write(LogPath.of("server.log"), "s1\n");

        start(CursorStore.inMemory(), quick());

        assertThat(backend.texts(JOB)).containsExactly("one", "two", "three");
        assertThat(backend.texts(LogPath.of("server.log"))).containsExactly("s1");
        assertThat(backend.lines(JOB)).extracting(LogLine::lineNumber).containsExactly(1L, 2L, 3L);
    }

    @Test
    void followsLiveLinesAndSkipsThoseTheCatchUpAlreadyRead() throws Exception {
        write(JOB, "one\n");
        LogSink sink = start(CursorStore.inMemory(), quick());

        append(JOB, "two\n");
        feed.line(JOB, 0, 1, "one");    // the feed also delivers what the catch-up read
        feed.line(JOB, 4, 2, "two");
        awaitIdle(sink);

        assertThat(backend.texts(JOB)).containsExactly("one", "two");
    }

    @Test
    void resendsNothingAcknowledgedAfterARestartAndShipsWhatArrivedMeanwhile() throws Exception {
        CursorStore cursors = CursorStore.file(temp.resolve("cursors"));
        write(JOB, "one\ntwo\n");
        LogSink first = start(cursors, quick());
        first.close();
        append(JOB, "three\n");

        start(CursorStore.file(temp.resolve("cursors")), quick());

        assertThat(backend.texts(JOB)).containsExactly("one", "two", "three");
    }

    @Test
    void keepsTheCursorBeforeABatchTheBackendNeverAcceptedSoARestartResendsIt() throws Exception {
        CursorStore cursors = CursorStore.file(temp.resolve("cursors"));
        write(JOB, "one\n");
        start(cursors, quick()).close();
        backend.script(SinkBackend.Result.retry("down"), 1000);
        append(JOB, "two\n");

        LogSink down = start(cursors, fastRetry(), false);
        waitUntil(() -> backend.attempts() > 2);
        down.close();
        backend.script(SinkBackend.Result.accepted(), 0);
        start(CursorStore.file(temp.resolve("cursors")), quick());

        assertThat(backend.texts(JOB)).containsExactly("one", "two");
    }

    @Test
    void retriesAFailingBackendUntilItAcceptsAndLosesNothing() throws Exception {
        backend.script(SinkBackend.Result.retry("503"), 3);
        write(JOB, "one\ntwo\n");

        LogSink sink = start(CursorStore.inMemory(), fastRetry());

        assertThat(backend.texts(JOB)).containsExactly("one", "two");
        assertThat(sink.stats().linesRetried()).isEqualTo(6);
        assertThat(sink.stats().linesDelivered()).isEqualTo(2);
        assertThat(sink.stats().lastError()).contains("503");
    }

    @Test
    void dropsAndCountsABatchTheBackendRefusesForGoodAndGoesOn() throws Exception {
        backend.script(SinkBackend.Result.rejected("400 bad line"), 1);
        write(JOB, "bad\n");
        LogSink sink = start(CursorStore.inMemory(), quick());

        append(JOB, "good\n");
        feed.line(JOB, 4, 2, "good");
        awaitIdle(sink);

        assertThat(sink.stats().linesDropped()).isEqualTo(1);
        assertThat(backend.texts(JOB)).containsExactly("good");
        assertThat(backend.attempts()).isEqualTo(2);
    }

    @Test
    void readsTheStoreAgainWhenTheFeedReportsMissedChanges() throws Exception {
        write(JOB, "one\n");
        LogSink sink = start(CursorStore.inMemory(), quick());

        append(JOB, "two\nthree\n");
        feed.missed(5, 9);
        awaitIdle(sink);

        assertThat(backend.texts(JOB)).containsExactly("one", "two", "three");
        assertThat(sink.stats().catchUps()).isEqualTo(2);
    }

    @Test
    void fillsAGapBetweenLiveLinesFromTheStore() throws Exception {
        write(JOB, "one\n");
        LogSink sink = start(CursorStore.inMemory(), quick());

        append(JOB, "two\nthree\n");
        feed.line(JOB, 8, 3, "three");  // "two" never came through the feed
        awaitIdle(sink);

        assertThat(backend.texts(JOB)).containsExactly("one", "two", "three");
    }

    @Test
    void startsARewrittenFileOverAtOffsetZeroAfterShippingTheRestOfItsOldContent() throws Exception {
        write(JOB, "old1\n");
        LogSink sink = start(CursorStore.inMemory(), quick());
        LogEntry before = mirror.store().find(JOB).orElseThrow();

        write(JOB, "new\n");   // shorter: a rewrite
        LogEntry previous = mirror.store().generations(JOB).get(0);
        assertThat(previous.size()).isEqualTo(before.size());
        feed.replaced(mirror.store().find(JOB).orElseThrow(), previous);
        feed.line(JOB, 0, 1, "new");
        awaitIdle(sink);

        assertThat(backend.texts(JOB)).containsExactly("old1", "new");
        assertThat(backend.lines(JOB).get(1).offset()).isZero();
    }

    @Test
    void shipsARewriteThatHappenedWhileTheSinkWasStoppedFromTheStart() throws Exception {
        CursorStore cursors = CursorStore.file(temp.resolve("cursors"));
        write(JOB, "a\n");
        start(cursors, quick()).close();
        write(JOB, "rewritten, longer than before\n");

        start(CursorStore.file(temp.resolve("cursors")), quick());

        assertThat(backend.texts(JOB)).containsExactly("a", "rewritten, longer than before");
    }

    @Test
    void forgetsTheCursorOfARemovedFile() throws Exception {
        CursorStore cursors = CursorStore.file(temp.resolve("cursors"));
        write(JOB, "one\n");
        LogSink sink = start(cursors, quick());
        LogEntry entry = mirror.store().find(JOB).orElseThrow();

        feed.removed(entry);
        waitUntil(() -> !CursorStore.file(temp.resolve("cursors")).load().containsKey(JOB));

        assertThat(sink.stats().linesDelivered()).isEqualTo(1);
    }

    @Test
    void neverMakesTheFeedWaitWhileTheBackendIsDown() throws Exception {
        backend.script(SinkBackend.Result.retry("down"), Integer.MAX_VALUE);
        write(JOB, "one\n");
        LogSink sink = start(CursorStore.inMemory(), SinkOptions.builder().queueCapacity(16).build(), false);
        waitUntil(() -> backend.attempts() > 0);

        long began = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            feed.line(JOB, 4 + i * 2L, i + 2, "x");
        }
        long tookMillis = (System.nanoTime() - began) / 1_000_000;

        assertThat(sink.stats().queueDepth()).isLessThanOrEqualTo(16);
        assertThat(tookMillis).as("feed thread blocked").isLessThan(WAIT.toMillis());
    }

    @Test
    void cutsBatchesAtTheByteLimit() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append("x".repeat(100)).append('\n');
        }
        write(JOB, text.toString());

        start(CursorStore.inMemory(), SinkOptions.builder().maxBatchBytes(2048).build());

        assertThat(backend.texts(JOB)).hasSize(100);
        assertThat(backend.batchSizes()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(13));
        assertThat(backend.batchSizes().size()).isGreaterThanOrEqualTo(8);
    }

    // ---------------------------------------------------------------- helpers

    private SinkOptions fastRetry() {
        return SinkOptions.builder().maxBatchDelay(Duration.ofMillis(20)).backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .build();
    }

    private LogSink start(CursorStore cursors, SinkOptions options) throws Exception {
        return start(cursors, options, true);
    }

    /** The defaults, with a short batch delay so that tests do not wait a second per live batch. */
    private static SinkOptions quick() {
        return SinkOptions.builder().maxBatchDelay(Duration.ofMillis(20)).build();
    }

    private LogSink start(CursorStore cursors, SinkOptions options, boolean awaitIdle) throws Exception {
        LogSink sink = LogSink.start(feed, mirror.store(), backend, cursors, options);
        sinks.add(sink);
        if (awaitIdle) {
            awaitIdle(sink);
        }
        return sink;
    }

    private static void awaitIdle(LogSink sink) throws InterruptedException {
        assertThat(sink.awaitIdle(WAIT)).as("idle: %s", sink.stats()).isTrue();
    }

    private void write(LogPath path, String text) throws Exception {
        Files.writeString(remote.resolve(path.toString()), text, StandardCharsets.UTF_8);
        mirror.syncNow();
    }

    private void append(LogPath path, String text) throws Exception {
        Files.writeString(remote.resolve(path.toString()), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        mirror.syncNow();
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

    /** A line feed driven by the test: it delivers what the test tells it to, on the test's thread. */
    private static final class ScriptedFeed implements LineFeed {
        private final List<LineSubscriber> subscribers = new CopyOnWriteArrayList<>();

        @Override
        public FeedSubscription subscribe(LineSubscriber subscriber) {
            subscribers.add(subscriber);
            return new FeedSubscription() {
                public long lastDelivered() {
                    return 0;
                }

                public int backlog() {
                    return 0;
                }

                public void close() {
                    subscribers.remove(subscriber);
                }
            };
        }

        @Override
        public FeedSubscription subscribe(long fromSequence, LineSubscriber subscriber) {
            return subscribe(subscriber);
        }

        void line(LogPath path, long offset, long number, String text) {
            LogLine line = new LogLine(path, io.logmirror.core.Category.SLURM, offset, number,
                    text.getBytes(StandardCharsets.UTF_8), false, 1);
            subscribers.forEach(s -> s.onLine(line));
        }

        void replaced(LogEntry current, LogEntry previous) {
            subscribers.forEach(s -> s.onReplaced(current, previous));
        }

        void removed(LogEntry entry) {
            subscribers.forEach(s -> s.onRemoved(entry));
        }

        void missed(long first, long last) {
            subscribers.forEach(s -> s.onMissed(first, last));
        }
    }

    /** Records what it accepted; answers from a script first. */
    private static final class RecordingBackend implements SinkBackend {
        private final List<SinkLine> accepted = new CopyOnWriteArrayList<>();
        private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        private final Deque<SinkBackend.Result> script = new ArrayDeque<>();
        private volatile int attempts;

        private SinkBackend.Result always;

        /** The next {@code times} answers; {@code Integer.MAX_VALUE} means every answer from now on. */
        synchronized void script(SinkBackend.Result result, int times) {
            script.clear();
            always = times == Integer.MAX_VALUE ? result : null;
            for (int i = 0; always == null && i < times; i++) {
                script.add(result);
            }
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public synchronized Result send(List<SinkLine> batch) {
            attempts++;
            Result result = always != null ? always : script.isEmpty() ? Result.accepted() : script.poll();
            if (result.status() == SinkBackend.Status.ACCEPTED) {
                accepted.addAll(batch);
                batchSizes.add(batch.size());
            }
            return result;
        }

        int attempts() {
            return attempts;
        }

        List<Integer> batchSizes() {
            return Collections.unmodifiableList(batchSizes);
        }

        List<LogLine> lines(LogPath path) {
            return accepted.stream().map(SinkLine::line).filter(l -> l.path().equals(path)).collect(Collectors.toList());
        }

        List<String> texts(LogPath path) {
            return lines(path).stream().map(LogLine::text).collect(Collectors.toList());
        }
    }
}
