package io.logmirror.core.internal.feed;

import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.LineSubscriber;
import io.logmirror.core.feed.LogLine;
import io.logmirror.core.feed.ResyncRequiredException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.logmirror.core.internal.feed.JournaledChangeFeedTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultLineFeedTest {

    @TempDir
    Path temp;

    final MemoryStore files = new MemoryStore();
    JournaledChangeFeed changes;
    DefaultLineFeed lines;

    @BeforeEach
    void open() throws IOException {
        changes = JournaledChangeFeed.open(temp.resolve("changes"), 10_000, 100_000);
        lines = new DefaultLineFeed(changes, files.store, 64 * 1024);
    }

    @AfterEach
    void close() throws IOException {
        lines.close();
        changes.close();
    }

    /** Records what it receives as readable strings, in order. */
    static class Recorder implements LineSubscriber {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final List<LogLine> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onLine(LogLine line) {
            lines.add(line);
            seen.add(line.path() + ":" + line.lineNumber() + "@" + line.offset() + " " + line.text()
                    + (line.continues() ? " ..." : ""));
        }

        @Override
        public void onReplaced(LogEntry current, LogEntry previous) {
            seen.add("replaced " + current.path() + " (kept generation " + previous.generation() + ")");
        }

        @Override
        public void onGone(LogEntry entry) {
            seen.add("gone " + entry.path());
        }

        @Override
        public void onRemoved(LogEntry entry) {
            seen.add("removed " + entry.path() + " generation " + entry.generation());
        }

        @Override
        public void onMissed(long first, long last) {
            seen.add("missed " + first + ".." + last);
        }
    }

    private Recorder subscribe() {
        Recorder recorder = new Recorder();
        lines.subscribe(recorder);
        return recorder;
    }

    private void added(String path, String content) throws IOException {
        changes.publish(new LogEvent.Added(files.put(path, content)));
    }

    private static void awaitSeen(Recorder recorder, int count) throws InterruptedException {
        await(count + " deliveries", () -> recorder.seen.size() >= count);
    }

    @Test
    void deliversEachCompleteLineWithItsOffsetAndLineNumber() throws Exception {
        Recorder recorder = subscribe();

        added("a.log", "first\nsecond line\n\nfourth\n");

        awaitSeen(recorder, 4);
        assertThat(recorder.seen).containsExactly(
                "a.log:1@0 first", "a.log:2@6 second line", "a.log:3@18 ", "a.log:4@19 fourth");
        assertThat(recorder.lines).allSatisfy(line -> assertThat(line.sequence()).isEqualTo(1));
        assertThat(recorder.lines.get(1).endOffset()).isEqualTo(17);
    }

    @Test
    void holdsBackAPartialLastLineUntilALaterAppendCompletesIt() throws Exception {
        Recorder recorder = subscribe();

        changes.publish(new LogEvent.Added(files.put("a.log", "one\npar")));
        changes.publish(new LogEvent.Appended(files.append("a.log", "tial\ntwo"), 7));
        changes.publish(new LogEvent.Appended(files.append("a.log", "\n"), 15));

        awaitSeen(recorder, 3);
        assertThat(recorder.seen).containsExactly("a.log:1@0 one", "a.log:2@4 partial", "a.log:3@12 two");
        assertThat(recorder.lines.stream().map(LogLine::sequence).toList()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void endsALineAtCrLfAndDropsTheCrEvenWhenTheCrAndLfArriveInDifferentAppends() throws Exception {
        Recorder recorder = subscribe();

        changes.publish(new LogEvent.Added(files.put("w.log", "dos\r\nsplit\r")));
        changes.publish(new LogEvent.Appended(files.append("w.log", "\nlast\n"), 11));

        awaitSeen(recorder, 3);
        assertThat(recorder.lines.stream().map(LogLine::text).toList()).containsExactly("dos", "split", "last");
        assertThat(recorder.lines.get(2).offset()).isEqualTo(12);
    }

    @Test
    void aLoneCrDoesNotSplitALine() throws Exception {
        Recorder recorder = subscribe();

        added("pip.log", "Downloading  10%\r Downloading  55%\r Downloading 100%\ndone\n");

        awaitSeen(recorder, 2);
        assertThat(recorder.lines.get(0).text()).isEqualTo("Downloading  10%\r Downloading  55%\r Downloading 100%");
        assertThat(recorder.lines.get(1).text()).isEqualTo("done");
        assertThat(recorder.lines.get(1).lineNumber()).isEqualTo(2);
    }

    @Test
    void aReplacedFileFlushesItsPartialLineThenStartsOverFromOffsetZeroAfterAMarker() throws Exception {
        Recorder recorder = subscribe();
        changes.publish(new LogEvent.Added(files.put("r.log", "old one\nold unfinished")));
        awaitSeen(recorder, 1); // the feed reads the store as it is when it gets to a change
        LogEntry kept = files.keep("r.log", 1);

        changes.publish(new LogEvent.Replaced(files.put("r.log", "new one\nnew two\n"), kept));

        awaitSeen(recorder, 5);
        assertThat(recorder.seen).containsExactly(
                "r.log:1@0 old one",
                "r.log:2@8 old unfinished",
                "replaced r.log (kept generation 1)",
                "r.log:1@0 new one",
                "r.log:2@8 new two");
    }

    @Test
    void aGoneFileFlushesItsPartialLineBeforeTheMarker() throws Exception {
        Recorder recorder = subscribe();
        changes.publish(new LogEvent.Added(files.put("g.log", "done\nhalf")));
        LogEntry gone = MemoryStore.entry("g.log", 9, 0);

        changes.publish(new LogEvent.Gone(new LogEntry(gone.path(), gone.category(), 9, gone.modified(), true, 0)));

        awaitSeen(recorder, 3);
        assertThat(recorder.seen).containsExactly("g.log:1@0 done", "g.log:2@5 half", "gone g.log");
    }

    @Test
    void aRemovedFileOrGenerationGetsAMarkerAndNoLines() throws Exception {
        Recorder recorder = subscribe();
        changes.publish(new LogEvent.Added(files.put("x.log", "a\n")));
        changes.publish(new LogEvent.Removed(MemoryStore.entry("x.log", 2, 1)));
        changes.publish(new LogEvent.Removed(MemoryStore.entry("x.log", 2, 0)));

        awaitSeen(recorder, 3);
        assertThat(recorder.seen).containsExactly("x.log:1@0 a", "removed x.log generation 1",
                "removed x.log generation 0");
    }

    @Test
    void deliversBytesThatAreNotUtf8IntactAndDecodesThemWithReplacementCharacters() throws Exception {
        Recorder recorder = subscribe();
        byte[] latin1 = "caf\u00e9 \u00fc\n".getBytes(StandardCharsets.ISO_8859_1);

        changes.publish(new LogEvent.Added(files.put("l.log", latin1)));

        awaitSeen(recorder, 1);
        LogLine line = recorder.lines.get(0);
        assertThat(line.bytes()).containsExactly((byte) 'c', (byte) 'a', (byte) 'f', (byte) 0xE9, (byte) ' ',
                (byte) 0xFC);
        assertThat(line.text()).isEqualTo("caf\uFFFD \uFFFD");
    }

    @Test
    void cutsALineLongerThanThePieceLimitIntoPiecesThatShareItsLineNumber() throws Exception {
        lines.close();
        lines = new DefaultLineFeed(changes, files.store, 4);
        Recorder recorder = subscribe();

        changes.publish(new LogEvent.Added(files.put("p.log", "abcdefghij\nxy")));
        changes.publish(new LogEvent.Appended(files.append("p.log", "z\n"), 13));

        awaitSeen(recorder, 4);
        assertThat(recorder.seen).containsExactly("p.log:1@0 abcd ...", "p.log:1@4 efgh ...", "p.log:1@8 ij",
                "p.log:2@11 xyz");
    }

    @Test
    void deliversAFiftyMegabyteLineInPiecesWithoutHoldingItWhole() throws Exception {
        lines.close();
        lines = new DefaultLineFeed(changes, files.store, 64 * 1024, 64L * 1024 * 1024);
        long size = 50L * 1024 * 1024 + 1;
        AtomicLong bytes = new AtomicLong();
        AtomicLong pieces = new AtomicLong();
        AtomicLong largestPiece = new AtomicLong();
        AtomicLong nextOffset = new AtomicLong();
        List<String> problems = new CopyOnWriteArrayList<>();
        CRC32 crc = new CRC32();
        CountDownLatch last = new CountDownLatch(1);
        lines.subscribe(line -> {
            if (line.offset() != nextOffset.get() || line.lineNumber() != 1) {
                problems.add("piece at " + line.offset() + " line " + line.lineNumber());
            }
            nextOffset.addAndGet(line.bytes().length);
            crc.update(line.bytes());
            bytes.addAndGet(line.bytes().length);
            pieces.incrementAndGet();
            largestPiece.accumulateAndGet(line.bytes().length, Math::max);
            if (!line.continues()) {
                last.countDown();
            }
        });

        changes.publish(new LogEvent.Added(files.put("big.json", new MemoryStore.OneLongLine(size))));

        assertThat(last.await(60, TimeUnit.SECONDS)).isTrue();
        CRC32 expected = new CRC32();
        byte[] chunk = new byte[1 << 16];
        for (long position = 0; position < size - 1; position += chunk.length) {
            int n = (int) Math.min(chunk.length, size - 1 - position);
            for (int i = 0; i < n; i++) {
                chunk[i] = MemoryStore.OneLongLine.byteAt(position + i, size);
            }
            expected.update(chunk, 0, n);
        }
        assertThat(problems).isEmpty();
        assertThat(bytes.get()).isEqualTo(size - 1);
        assertThat(crc.getValue()).isEqualTo(expected.getValue());
        assertThat(largestPiece.get()).isEqualTo(64 * 1024);
        assertThat(pieces.get()).isEqualTo(800);
    }

    @Test
    void countsTheLinesBeforeAnAppendToAFileItFirstSeesMidwaySoLineNumbersAreTheFilesOwn() throws Exception {
        changes.publish(new LogEvent.Added(files.put("m.log", "l1\nl2\nl3 par")));
        Recorder recorder = subscribe();

        changes.publish(new LogEvent.Appended(files.append("m.log", "tial\nl4\n"), 12));

        awaitSeen(recorder, 2);
        assertThat(recorder.seen).containsExactly("m.log:3@6 l3 partial", "m.log:4@17 l4");
    }

    @Test
    void readsEachChangeOnceHoweverManySubscribersListenAndTwoHundredOfThemLoseNothing() throws Exception {
        List<Recorder> recorders = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            recorders.add(subscribe());
        }
        int filesCount = 10;
        int rounds = 50;
        for (int f = 0; f < filesCount; f++) {
            added("f" + f + ".log", "");
        }
        long[] sizes = new long[filesCount];
        for (int round = 0; round < rounds; round++) {
            for (int f = 0; f < filesCount; f++) {
                StringBuilder more = new StringBuilder();
                for (int l = 0; l < 20; l++) {
                    more.append("file ").append(f).append(" round ").append(round).append(" line ").append(l)
                            .append('\n');
                }
                LogEntry entry = files.append("f" + f + ".log", more.toString());
                changes.publish(new LogEvent.Appended(entry, sizes[f]));
                sizes[f] = entry.size();
            }
        }
        int expected = filesCount * rounds * 20;

        for (Recorder recorder : recorders) {
            awaitSeen(recorder, expected);
        }
        for (Recorder recorder : recorders) {
            assertThat(recorder.seen).hasSize(expected).noneMatch(s -> s.startsWith("missed"));
            for (int f = 0; f < filesCount; f++) {
                String path = "f" + f + ".log";
                List<Long> numbers = recorder.lines.stream().filter(line -> line.path().toString().equals(path))
                        .map(LogLine::lineNumber).toList();
                assertThat(numbers).hasSize(rounds * 20);
                for (int i = 0; i < numbers.size(); i++) {
                    assertThat(numbers.get(i)).isEqualTo(i + 1L);
                }
            }
        }
        assertThat(files.opens.get()).isEqualTo(filesCount * rounds); // the empty Added read nothing
    }

    @Test
    void aSubscriberThatFallsBehindGetsOneMissedNoticeAndTheOthersEverything() throws Exception {
        lines.close();
        lines = new DefaultLineFeed(changes, files.store, 1024, 1000);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder() {
            @Override
            public void onLine(LogLine line) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onLine(line);
            }
        };
        Recorder fast = subscribe();
        lines.subscribe(slow);
        added("s.log", "first\n");
        assertThat(stuck.await(30, TimeUnit.SECONDS)).isTrue();
        long size = 6;
        for (int i = 0; i < 100; i++) {
            LogEntry entry = files.append("s.log", "line " + i + " " + "x".repeat(100) + "\n");
            changes.publish(new LogEvent.Appended(entry, size));
            size = entry.size();
            int count = i + 2;
            awaitSeen(fast, count);
        }
        release.countDown();

        await("the slow subscriber's notice", () -> slow.seen.stream().anyMatch(s -> s.startsWith("missed")));
        Thread.sleep(100);
        List<String> notices = slow.seen.stream().filter(s -> s.startsWith("missed")).toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).endsWith("..101");
        assertThat(slow.seen.get(slow.seen.size() - 1)).startsWith("missed");
        assertThat(fast.seen).hasSize(101).noneMatch(s -> s.startsWith("missed"));
    }

    @Test
    void whenTheFeedFallsBehindTheChangeFeedItsSubscribersAreToldAndLaterLineNumbersStayRight() throws Exception {
        lines.close();
        changes.close();
        changes = JournaledChangeFeed.open(temp.resolve("small"), 2, 1000);
        lines = new DefaultLineFeed(changes, files.store, 1024);
        Recorder recorder = subscribe();
        CountDownLatch gate = new CountDownLatch(1);
        files.gate = gate;
        changes.publish(new LogEvent.Added(files.put("a.log", "l1\n")));
        assertThat(files.waiting.await(30, TimeUnit.SECONDS)).isTrue();
        long size = 3;
        for (int i = 2; i <= 6; i++) { // the reader is held: 2 changes wait in its queue, 3 are dropped
            LogEntry entry = files.append("a.log", "l" + i + "\n");
            changes.publish(new LogEvent.Appended(entry, size));
            size = entry.size();
        }
        files.gate = null;
        gate.countDown();
        awaitSeen(recorder, 4);

        changes.publish(new LogEvent.Appended(files.append("a.log", "l7\n"), size));

        awaitSeen(recorder, 5);
        assertThat(recorder.seen).containsExactly("a.log:1@0 l1", "a.log:2@3 l2", "a.log:3@6 l3", "missed 4..6",
                "a.log:7@18 l7");
    }

    @Test
    void aSubscriberFromASequenceGetsTheLinesOfEarlierChangesReadFromTheStore() throws Exception {
        changes.publish(new LogEvent.Added(files.put("h.log", "one\ntw")));
        changes.publish(new LogEvent.Appended(files.append("h.log", "o\n"), 6));
        Recorder recorder = new Recorder();

        try (FeedSubscription subscription = lines.subscribe(1, recorder)) {
            changes.publish(new LogEvent.Appended(files.append("h.log", "three\n"), 8));

            awaitSeen(recorder, 3);
            assertThat(recorder.seen).containsExactly("h.log:1@0 one", "h.log:2@4 two", "h.log:3@8 three");
            await("the cursor", () -> subscription.lastDelivered() == 3);
        }
    }

    @Test
    void aSubscriberFromASequenceTheJournalNoLongerHoldsMustResync() throws Exception {
        lines.close();
        changes.close();
        changes = JournaledChangeFeed.open(temp.resolve("short"), 100, 4);
        lines = new DefaultLineFeed(changes, files.store, 1024);
        for (int i = 0; i < 20; i++) {
            changes.publish(new LogEvent.Added(files.put("f" + i + ".log", "x\n")));
        }

        assertThatThrownBy(() -> lines.subscribe(1, new Recorder()))
                .isInstanceOf(ResyncRequiredException.class)
                .hasMessageContaining("resync from the store");
    }

    @Test
    void anExceptionFromASubscriberIsLoggedAndTheNextLinesStillArrive() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        lines.subscribe(line -> {
            seen.add(line.text());
            if (line.text().equals("bad")) {
                throw new IllegalStateException("subscriber bug");
            }
        });

        added("e.log", "ok\nbad\nfine\n");

        await("three lines", () -> seen.size() == 3);
        assertThat(seen).containsExactly("ok", "bad", "fine");
    }

    @Test
    void closingTheFeedStopsLiveSubscriptionsAndThoseFromASequence() throws Exception {
        Recorder live = subscribe();
        Recorder replaying = new Recorder();
        lines.subscribe(1, replaying);
        changes.publish(new LogEvent.Added(files.put("c.log", "a\n")));
        awaitSeen(live, 1);
        awaitSeen(replaying, 1);

        lines.close();
        changes.publish(new LogEvent.Appended(files.append("c.log", "b\n"), 2));
        Thread.sleep(200);

        assertThat(live.seen).hasSize(1);
        assertThat(replaying.seen).hasSize(1);
        assertThat(changes.subscriberCount()).isZero();
    }

    @Test
    void refusesAPieceLimitBelowTwoBytes() {
        assertThatThrownBy(() -> new DefaultLineFeed(changes, files.store, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLinePiece");
    }
}
