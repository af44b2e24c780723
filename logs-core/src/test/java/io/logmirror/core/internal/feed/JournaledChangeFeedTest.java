package io.logmirror.core.internal.feed;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogPath;
import io.logmirror.core.feed.Change;
import io.logmirror.core.feed.ChangeSubscriber;
import io.logmirror.core.feed.FeedSubscription;
import io.logmirror.core.feed.ResyncRequiredException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournaledChangeFeedTest {

    @TempDir
    Path temp;

    private final List<JournaledChangeFeed> opened = new ArrayList<>();

    @AfterEach
    void closeFeeds() throws IOException {
        for (JournaledChangeFeed feed : opened) {
            feed.close();
        }
    }

    private JournaledChangeFeed open(int capacity, int retained) throws IOException {
        JournaledChangeFeed feed = JournaledChangeFeed.open(temp.resolve("changes"), capacity, retained);
        opened.add(feed);
        return feed;
    }

    static LogEntry entry(String path, long size) {
        return new LogEntry(LogPath.of(path), Category.SLURM, size, Instant.ofEpochSecond(1_700_000_000L, 123_456_789),
                false, 0);
    }

    static LogEvent appended(int i) {
        return new LogEvent.Appended(entry("job-" + (i % 7) + "/out.log", 100L + i), 50L + i);
    }

    /** A subscriber that records what it receives. */
    static class Recorder implements ChangeSubscriber {
        final List<Change> changes = new CopyOnWriteArrayList<>();
        final List<long[]> missed = new CopyOnWriteArrayList<>();

        @Override
        public void onChange(Change change) {
            changes.add(change);
        }

        @Override
        public void onMissed(long first, long last) {
            missed.add(new long[] {first, last});
        }

        List<Long> sequences() {
            return changes.stream().map(Change::sequence).toList();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for: " + what).isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    @Test
    void numbersChangesOneMorePerEventStartingAtOne() throws IOException {
        JournaledChangeFeed feed = open(100, 1000);

        assertThat(feed.latestSequence()).isZero();
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sequences.add(feed.publish(appended(i)).sequence());
        }

        assertThat(sequences).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(feed.latestSequence()).isEqualTo(5);
        assertThat(feed.oldestReplayable()).isEqualTo(1);
    }

    @Test
    void continuesTheNumberingAfterARestartAndReplaysEveryKindOfEventWithAllItsFields() throws Exception {
        LogEntry previous = new LogEntry(LogPath.of("a/ü b.log"), Category.VLLM, 10, Instant.ofEpochSecond(5, 7),
                true, 2);
        List<LogEvent> events = List.of(
                new LogEvent.Added(entry("a/x.log", 1)),
                new LogEvent.Appended(entry("a/x.log", 9), 1),
                new LogEvent.Replaced(entry("a/ü b.log", 3), previous),
                new LogEvent.Gone(new LogEntry(LogPath.of("a/x.log"), Category.of("my-cat_2"), 9,
                        Instant.ofEpochSecond(-5, 999_999_999), true, 0)),
                new LogEvent.Returned(entry("a/x.log", 9)),
                new LogEvent.Removed(previous));
        JournaledChangeFeed first = open(100, 1000);
        for (LogEvent event : events.subList(0, 3)) {
            first.publish(event);
        }
        first.close();

        JournaledChangeFeed second = open(100, 1000);
        assertThat(second.latestSequence()).isEqualTo(3);
        for (LogEvent event : events.subList(3, 6)) {
            second.publish(event);
        }
        Recorder recorder = new Recorder();
        second.subscribe(1, recorder);

        await("six changes replayed", () -> recorder.changes.size() == 6);
        assertThat(recorder.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(recorder.changes.stream().map(Change::event).toList()).isEqualTo(events);
        assertThat(recorder.missed).isEmpty();
    }

    @Test
    void aSubscriberFromNowGetsOnlyLaterChanges() throws Exception {
        JournaledChangeFeed feed = open(100, 1000);
        feed.publish(appended(1));
        Recorder recorder = new Recorder();
        FeedSubscription subscription = feed.subscribe(recorder);

        feed.publish(appended(2));
        feed.publish(appended(3));

        await("two changes", () -> recorder.changes.size() == 2);
        assertThat(recorder.sequences()).containsExactly(2L, 3L);
        assertThat(subscription.lastDelivered()).isEqualTo(3);
        assertThat(subscription.backlog()).isZero();
    }

    @Test
    void replaysFromNThenGoesLiveWithNoGapAndNoDuplicateWhilePublishingGoesOn() throws Exception {
        JournaledChangeFeed feed = open(100_000, 1_000_000); // room for every live change: only the hand-off is tested
        int total = 12_000;
        for (int i = 0; i < 3_000; i++) {
            feed.publish(appended(i));
        }
        Thread publisher = new Thread(() -> {
            try {
                for (int i = 3_000; i < total; i++) {
                    feed.publish(appended(i));
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        publisher.start();
        Recorder fromStart = new Recorder();
        Recorder fromMiddle = new Recorder();
        feed.subscribe(1, fromStart);
        feed.subscribe(2_500, fromMiddle);
        publisher.join();

        await("all changes", () -> fromStart.changes.size() == total && fromMiddle.changes.size() == total - 2_499);
        assertThat(fromStart.sequences()).isEqualTo(range(1, total));
        assertThat(fromMiddle.sequences()).isEqualTo(range(2_500, total));
        assertThat(fromStart.missed).isEmpty();
        assertThat(fromMiddle.missed).isEmpty();
    }

    @Test
    void publishersOnSeveralThreadsGetDistinctSequencesThatTheJournalReplaysInTheSameOrder() throws Exception {
        JournaledChangeFeed feed = open(100_000, 1_000_000);
        Recorder live = new Recorder();
        feed.subscribe(live);
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            publishers.add(new Thread(() -> {
                for (int i = 0; i < 2_500; i++) {
                    try {
                        feed.publish(appended(thread * 10_000 + i));
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }
            }));
        }
        publishers.forEach(Thread::start);
        for (Thread publisher : publishers) {
            publisher.join();
        }
        await("all live changes", () -> live.changes.size() == 10_000);
        feed.close();

        JournaledChangeFeed reopened = open(100_000, 1_000_000);
        Recorder replayed = new Recorder();
        reopened.subscribe(1, replayed);

        await("the replay", () -> replayed.changes.size() == 10_000);
        assertThat(live.sequences()).isEqualTo(range(1, 10_000));
        assertThat(replayed.changes).isEqualTo(live.changes);
    }

    @Test
    void subscribingFromOneAfterTheLatestIsSubscribingFromNow() throws Exception {
        JournaledChangeFeed feed = open(100, 1000);
        feed.publish(appended(1));
        Recorder recorder = new Recorder();
        feed.subscribe(2, recorder);
        feed.publish(appended(2));

        await("one change", () -> recorder.changes.size() == 1);
        assertThat(recorder.sequences()).containsExactly(2L);
    }

    @Test
    void answersResyncRequiredForASequenceTheJournalNoLongerHoldsOrNeverReached() throws IOException {
        JournaledChangeFeed feed = open(100, 10);
        for (int i = 0; i < 100; i++) {
            feed.publish(appended(i));
        }
        long oldest = feed.oldestReplayable();
        assertThat(oldest).isGreaterThan(1).isLessThanOrEqualTo(100 - 10 + 1);

        assertThatThrownBy(() -> feed.subscribe(1, new Recorder()))
                .isInstanceOf(ResyncRequiredException.class)
                .hasMessageContaining("from sequence 1")
                .hasMessageContaining(oldest + "..100")
                .hasMessageContaining("resync from the store")
                .satisfies(e -> {
                    ResyncRequiredException resync = (ResyncRequiredException) e;
                    assertThat(resync.requested()).isEqualTo(1);
                    assertThat(resync.oldestAvailable()).isEqualTo(oldest);
                    assertThat(resync.latest()).isEqualTo(100);
                });
        assertThatThrownBy(() -> feed.subscribe(102, new Recorder()))
                .isInstanceOf(ResyncRequiredException.class);
    }

    @Test
    void keepsAtLeastTheRetainedChangesAndDeletesOlderSegments() throws Exception {
        JournaledChangeFeed feed = open(100, 40);
        for (int i = 0; i < 1000; i++) {
            feed.publish(appended(i));
            assertThat(feed.latestSequence() - feed.oldestReplayable() + 1)
                    .isGreaterThanOrEqualTo(Math.min(40, feed.latestSequence()))
                    .isLessThanOrEqualTo(40 + 10);
        }
        try (Stream<Path> files = Files.list(temp.resolve("changes"))) {
            assertThat(files.count()).isLessThanOrEqualTo(6);
        }
        Recorder recorder = new Recorder();
        feed.subscribe(1000 - 39, recorder);
        await("40 changes", () -> recorder.changes.size() == 40);
        assertThat(recorder.sequences()).isEqualTo(range(961, 1000));
    }

    @Test
    void retentionSurvivesARestart() throws Exception {
        JournaledChangeFeed first = open(100, 40);
        for (int i = 0; i < 500; i++) {
            first.publish(appended(i));
        }
        long oldest = first.oldestReplayable();
        first.close();

        JournaledChangeFeed second = open(100, 40);
        assertThat(second.latestSequence()).isEqualTo(500);
        assertThat(second.oldestReplayable()).isGreaterThanOrEqualTo(oldest).isLessThanOrEqualTo(500 - 40 + 1);
        assertThat(second.publish(appended(500)).sequence()).isEqualTo(501);
    }

    @Test
    void cutsOffATornLastRecordAfterACrashAndNumbersOnFromTheLastIntactChange() throws Exception {
        JournaledChangeFeed first = open(100, 1000);
        for (int i = 0; i < 10; i++) {
            first.publish(appended(i));
        }
        first.close();
        Path segment = onlySegment();
        long size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(size - 5); // the 10th record, half written
        }

        JournaledChangeFeed second = open(100, 1000);
        assertThat(second.latestSequence()).isEqualTo(9);
        assertThat(second.publish(appended(9)).sequence()).isEqualTo(10);
        Recorder recorder = new Recorder();
        second.subscribe(1, recorder);
        await("ten changes", () -> recorder.changes.size() == 10);
        assertThat(recorder.sequences()).isEqualTo(range(1, 10));
        assertThat(recorder.changes.get(9).event()).isEqualTo(appended(9));
    }

    @Test
    void cutsOffARecordWhoseChecksumDoesNotMatchAndEverythingAfterIt() throws Exception {
        JournaledChangeFeed first = open(100, 1000);
        for (int i = 0; i < 10; i++) {
            first.publish(appended(i));
        }
        first.close();
        Path segment = onlySegment();
        long recordSize = (Files.size(segment) - 8) / 10;
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xAB}), 8 + 7 * recordSize + 20); // inside the 8th
        }

        JournaledChangeFeed second = open(100, 1000);

        assertThat(second.latestSequence()).isEqualTo(7);
        assertThat(Files.size(segment)).isEqualTo(8 + 7 * recordSize);
    }

    @Test
    void aCorruptRecordInAnOlderSegmentIsReportedAsMissedWhenReplayedAndTheRestStillArrives() throws Exception {
        JournaledChangeFeed first = open(100, 40); // segments of 10 changes
        for (int i = 0; i < 30; i++) {
            first.publish(appended(i));
        }
        first.close();
        Path second = temp.resolve("changes").resolve("changes-0000000000000000011.journal");
        long recordSize = (Files.size(second) - 8) / 10;
        try (FileChannel channel = FileChannel.open(second, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {(byte) 0xAB}), 8 + 4 * recordSize + 20); // inside change 15
        }

        JournaledChangeFeed reopened = open(100, 40);
        Recorder recorder = new Recorder();
        reopened.subscribe(1, recorder);

        await("the replay", () -> recorder.changes.size() == 24);
        assertThat(recorder.sequences()).isEqualTo(
                Stream.concat(range(1, 14).stream(), range(21, 30).stream()).toList());
        assertThat(recorder.missed).hasSize(1);
        assertThat(recorder.missed.get(0)).containsExactly(15, 20);
    }

    @Test
    void refusesToOpenAJournalWrittenByAnotherVersionAndLeavesItAsItWas() throws Exception {
        JournaledChangeFeed first = open(100, 1000);
        first.publish(appended(1));
        first.close();
        Path segment = onlySegment();
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4).putInt(0, 2), 4); // version 2
        }
        byte[] before = Files.readAllBytes(segment);

        assertThatThrownBy(() -> JournaledChangeFeed.open(temp.resolve("changes"), 100, 1000))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2")
                .hasMessageContaining("reads version 1 only")
                .hasMessageContaining("move the folder");
        assertThat(Files.readAllBytes(segment)).isEqualTo(before);
    }

    @Test
    void startsAgainWhenTheOnlySegmentHasNoIntactHeader() throws Exception {
        Files.createDirectories(temp.resolve("changes"));
        Files.write(temp.resolve("changes").resolve("changes-0000000000000000001.journal"), new byte[] {1, 2, 3});

        JournaledChangeFeed feed = open(100, 1000);

        assertThat(feed.latestSequence()).isZero();
        assertThat(feed.publish(appended(1)).sequence()).isEqualTo(1);
    }

    @Test
    void aStuckSubscriberDelaysNeitherPublishNorOthersAndGetsExactlyOneMissedNotice() throws Exception {
        JournaledChangeFeed feed = open(10, 100_000);
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder() {
            @Override
            public void onChange(Change change) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onChange(change);
            }
        };
        Recorder fast = new Recorder();
        FeedSubscription slowSubscription = feed.subscribe(slow);
        feed.subscribe(fast);

        feed.publish(appended(0));
        assertThat(stuck.await(30, TimeUnit.SECONDS)).isTrue();
        long publishNanos = 0;
        for (int i = 1; i < 1000; i++) {
            long started = System.nanoTime();
            feed.publish(appended(i));
            publishNanos += System.nanoTime() - started;
            if (i % 5 == 0) {
                int published = i + 1;
                await("the fast subscriber keeps up", () -> fast.changes.size() == published);
            }
        }
        await("the fast subscriber has all", () -> fast.changes.size() == 1000);
        assertThat(slow.changes).isEmpty();
        assertThat(slowSubscription.backlog()).isEqualTo(10);
        release.countDown();

        await("the slow subscriber's missed notice", () -> slow.missed.size() == 1);
        // the change in progress (1), its full queue (2..11), then one notice for everything dropped after
        assertThat(slow.sequences()).isEqualTo(range(1, 11));
        assertThat(slow.missed.get(0)).containsExactly(12, 1000);
        feed.publish(appended(1000));
        await("delivery goes on", () -> slow.changes.size() == 12);
        assertThat(slow.changes.get(11).sequence()).isEqualTo(1001);
        assertThat(slow.missed).hasSize(1);
        assertThat(fast.missed).isEmpty();
        await("the fast subscriber's last change", () -> fast.changes.size() == 1001);
        assertThat(fast.sequences()).isEqualTo(range(1, 1001));
        assertThat(publishNanos).as("publishing did not wait for the stuck subscriber")
                .isLessThan(Duration.ofSeconds(10).toNanos());
    }

    @Test
    void aReplayingSubscriberWhoseQueueOverflowsIsFilledFromTheJournalAndMissesNothing() throws Exception {
        JournaledChangeFeed feed = open(2, 1_000_000);
        for (int i = 0; i < 2_000; i++) {
            feed.publish(appended(i));
        }
        CountDownLatch release = new CountDownLatch(1);
        Recorder slowReader = new Recorder() {
            @Override
            public void onChange(Change change) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onChange(change);
            }
        };
        FeedSubscription subscription = feed.subscribe(1, slowReader);
        for (int i = 2_000; i < 4_000; i++) {
            feed.publish(appended(i)); // while the replay is held at change 1: the queue of 2 overflows
        }
        assertThat(subscription.backlog()).isEqualTo(2);
        release.countDown();

        await("all changes", () -> slowReader.changes.size() == 4_000);
        assertThat(slowReader.sequences()).isEqualTo(range(1, 4_000));
        assertThat(slowReader.missed).isEmpty();
    }

    @Test
    void aSubscriberThatCaughtUpIsLiveAndAnOverflowThenIsReportedAsMissed() throws Exception {
        JournaledChangeFeed feed = open(2, 1_000_000);
        feed.publish(appended(0));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(1);
        Recorder recorder = new Recorder() {
            @Override
            public void onChange(Change change) {
                if (change.sequence() == 2) {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.onChange(change);
            }
        };
        feed.subscribe(1, recorder);
        await("the replay", () -> recorder.changes.size() == 1);
        feed.publish(appended(1));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 2; i < 10; i++) {
            feed.publish(appended(i));
        }
        release.countDown();

        await("the missed notice", () -> recorder.missed.size() == 1);
        assertThat(recorder.sequences()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(recorder.missed.get(0)).containsExactly(5, 10);
    }

    @Test
    void anExceptionFromASubscriberIsLoggedAndDeliveryGoesOn() throws Exception {
        JournaledChangeFeed feed = open(100, 1000);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        feed.subscribe(change -> {
            seen.add(change.sequence());
            if (change.sequence() == 2) {
                throw new IllegalStateException("subscriber bug");
            }
        });
        for (int i = 0; i < 4; i++) {
            feed.publish(appended(i));
        }

        await("four changes", () -> seen.size() == 4);
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() throws Exception {
        JournaledChangeFeed feed = open(100, 1000);
        Recorder closedOne = new Recorder();
        Recorder other = new Recorder();
        FeedSubscription subscription = feed.subscribe(closedOne);
        feed.subscribe(other);
        feed.publish(appended(1));
        await("first change", () -> closedOne.changes.size() == 1);

        subscription.close();
        subscription.close();
        feed.publish(appended(2));

        await("the other subscriber's second change", () -> other.changes.size() == 2);
        assertThat(closedOne.sequences()).containsExactly(1L);
        assertThat(feed.subscriberCount()).isEqualTo(1);
    }

    @Test
    void closeStopsTheDeliveryThreadsAndRefusesMorePublishing() throws Exception {
        JournaledChangeFeed feed = open(100, 1000);
        CountDownLatch inside = new CountDownLatch(1);
        Thread[] deliveryThread = new Thread[1];
        feed.subscribe(change -> {
            deliveryThread[0] = Thread.currentThread();
            inside.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        feed.publish(appended(1));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        feed.close();

        deliveryThread[0].join(TimeUnit.SECONDS.toMillis(30));
        assertThat(deliveryThread[0].isAlive()).as("the delivery thread ended").isFalse();
        assertThatThrownBy(() -> feed.publish(appended(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void refusesAQueueCapacityOrRetentionBelowOne() {
        assertThatThrownBy(() -> JournaledChangeFeed.open(temp.resolve("a"), 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subscriberQueueCapacity");
        assertThatThrownBy(() -> JournaledChangeFeed.open(temp.resolve("b"), 10, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retainedChanges");
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> files = Files.list(temp.resolve("changes"))) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
