package io.logmirror.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.logmirror.core.LogPath;
import io.logmirror.patterns.LogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TracebackTrackerTest {

    private final List<TracebackTracker.Pending> closed = new ArrayList<>();
    private final List<String> passedThrough = new ArrayList<>();
    private long number;

    private void feed(TracebackTracker tracker, String... lines) {
        for (String text : lines) {
            LogLine line = new LogLine(LogPath.of("x.log"), number * 10, ++number, text, Instant.EPOCH);
            if (!tracker.offer(line, "p" + number, closed::add)) {
                passedThrough.add(text);
            }
        }
    }

    @Test
    void keepsAChainedTracebackAsOneEventEndingAtTheLastException() {
        TracebackTracker tracker = new TracebackTracker(200);
        feed(tracker,
                "Traceback (most recent call last):",
                "  File \"a.py\", line 1, in <module>",
                "KeyError: 'x'",
                "",
                "During handling of the above exception, another exception occurred:",
                "",
                "Traceback (most recent call last):",
                "  File \"a.py\", line 3, in <module>",
                "RuntimeError: lookup failed",
                "INFO next record");
        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).exceptionBody).isEqualTo("RuntimeError: lookup failed");
        assertThat(closed.get(0).lines).hasSize(9);
        assertThat(passedThrough).containsExactly("INFO next record");
    }

    @Test
    void waitsForTheRestOfATracebackAcrossCalls() {
        TracebackTracker tracker = new TracebackTracker(200);
        feed(tracker, "Traceback (most recent call last):", "  File \"a.py\", line 1, in <module>");
        assertThat(closed).isEmpty();
        feed(tracker, "    main()", "ValueError: bad");
        tracker.closeFinished(closed::add);
        assertThat(closed).singleElement().satisfies(tb -> {
            assertThat(tb.start.lineNumber()).isEqualTo(1);
            assertThat(tb.exceptionLine.lineNumber()).isEqualTo(4);
        });
    }

    @Test
    void closesATracebackWithoutItsExceptionLineWhenInputEnds() {
        TracebackTracker tracker = new TracebackTracker(200);
        feed(tracker, "Traceback (most recent call last):", "  File \"a.py\", line 1, in <module>");
        tracker.closeFinished(closed::add);
        assertThat(closed).isEmpty();
        tracker.closeAll(closed::add);
        assertThat(closed).singleElement().satisfies(tb -> assertThat(tb.complete()).isFalse());
    }

    @Test
    void closesATracebackAtItsLineLimit() {
        TracebackTracker tracker = new TracebackTracker(3);
        feed(tracker, "Traceback (most recent call last):", "  File \"a.py\", line 1", "  File \"b.py\", line 2",
                "  File \"c.py\", line 3");
        assertThat(closed).singleElement().satisfies(tb -> {
            assertThat(tb.lines).hasSize(3);
            assertThat(tb.truncated).isTrue();
        });
    }

    @Test
    void givesUpOnATracebackAfterTooManyInterleavedLines() {
        TracebackTracker tracker = new TracebackTracker(200);
        feed(tracker, "Traceback (most recent call last):");
        for (int i = 0; i <= TracebackTracker.MAX_INTERLEAVED; i++) {
            feed(tracker, "2026-12-07 INFO unrelated " + i);
        }
        assertThat(closed).hasSize(1);
        assertThat(passedThrough).hasSize(TracebackTracker.MAX_INTERLEAVED + 1);
    }

    @Test
    void followsTwoPrefixedWorkersWhoseLinesInterleave() {
        TracebackTracker tracker = new TracebackTracker(200);
        feed(tracker,
                "(Worker pid=11) Traceback (most recent call last):",
                "(Worker pid=22) Traceback (most recent call last):",
                "(Worker pid=22)   File \"b.py\", line 2, in g",
                "(Worker pid=11)   File \"a.py\", line 1, in f",
                "(Worker pid=11) RuntimeError: one",
                "(Worker pid=22) RuntimeError: two",
                "done");
        assertThat(closed).extracting(tb -> tb.exceptionBody).containsExactly("RuntimeError: one", "RuntimeError: two");
        assertThat(closed).allSatisfy(tb -> assertThat(tb.lines).hasSize(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RuntimeError: x", "torch.OutOfMemoryError: CUDA out of memory.", "KeyboardInterrupt",
        "asyncio.exceptions.CancelledError", "ValueError:", "SystemExit"})
    void recognizesExceptionLines(String line) {
        assertThat(TracebackTracker.isExceptionLine(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"srun: error: task 0", "INFO: started", "Killed", "2026-12-07 ERROR x", "  File \"a.py\"",
        "ERROR: failed", "hello world"})
    void tellsOtherLinesFromExceptionLines(String line) {
        assertThat(TracebackTracker.isExceptionLine(line)).isFalse();
    }
}
