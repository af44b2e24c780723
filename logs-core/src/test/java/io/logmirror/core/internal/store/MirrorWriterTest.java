package io.logmirror.core.internal.store;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogEvent;
import io.logmirror.core.LogPath;
import io.logmirror.core.feed.Change;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MirrorWriterTest {

    @TempDir
    Path temp;

    Path data;
    FsLogStore store;
    MirrorWriter writer;
    /** What the index said at the moment each event was published. */
    final List<String> seenAtPublish = new ArrayList<>();
    final RecordingPublisher published = new RecordingPublisher() {
        @Override
        public synchronized Change publish(LogEvent event) {
            LogPath path = event.entry().path();
            seenAtPublish.add(event.getClass().getSimpleName() + " " + path + " indexed="
                    + store.find(path).map(e -> e.size() + (e.goneRemotely() ? " gone" : "")).orElse("no")
                    + " linked=" + Files.exists(data.resolve("categorized/logs").resolve(path.toString()),
                    LinkOption.NOFOLLOW_LINKS));
            return super.publish(event);
        }
    };

    @BeforeEach
    void setUp() throws IOException {
        data = temp.resolve("data");
        store = FsLogStore.open(data, Categorizer.uncategorized(), true, dir -> published);
        writer = store.writer();
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
    }

    private void stage(String path, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        store.staging().write(LogPath.of(path), 0, new ByteArrayInputStream(bytes), bytes.length, n -> { });
    }

    @Test
    void everyCommitUpdatesIndexAndLinksBeforeItsEventIsPublished() throws IOException {
        stage("a.log", "one\n");
        writer.commitNew(LogPath.of("a.log"), Category.LOGS, Instant.ofEpochSecond(10));
        byte[] more = "two\n".getBytes(StandardCharsets.UTF_8);
        store.currentFiles().append(LogPath.of("a.log"), 4, new ByteArrayInputStream(more), 4, n -> { });
        writer.commitAppend(LogPath.of("a.log"), 4, 8, Optional.of(Instant.ofEpochSecond(20)), Optional.empty());
        writer.markGone(LogPath.of("a.log"));
        writer.markReturned(LogPath.of("a.log"));

        assertThat(seenAtPublish).containsExactly(
                "Added a.log indexed=4 linked=true",
                "Appended a.log indexed=8 linked=true",
                "Gone a.log indexed=8 gone linked=true",
                "Returned a.log indexed=8 linked=true");
        assertThat(published.changes()).extracting(Change::sequence).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aReplaceKeepsTheOldGenerationAndAnnouncesBoth() throws IOException {
        stage("a.log", "old\n");
        writer.commitNew(LogPath.of("a.log"), Category.LOGS, Instant.ofEpochSecond(10));
        stage("a.log", "new!\n");

        LogEvent.Replaced replaced = writer.commitReplace(LogPath.of("a.log"), Category.LOGS, Instant.ofEpochSecond(20));

        assertThat(replaced.previous().generation()).isEqualTo(1);
        assertThat(replaced.previous().size()).isEqualTo(4);
        assertThat(replaced.entry().size()).isEqualTo(5);
        assertThat(published.events()).last().isEqualTo(replaced);
    }

    @Test
    void aTouchChangesOnlyTheSyncStateAndAnnouncesNothing() throws IOException {
        stage("a.log", "x");
        writer.commitNew(LogPath.of("a.log"), Category.LOGS, Instant.ofEpochSecond(10));
        published.clear();

        LogEntry touched = writer.commitTouch(LogPath.of("a.log"), Instant.ofEpochSecond(99));

        assertThat(touched.modified()).isEqualTo(Instant.ofEpochSecond(99));
        assertThat(published.events()).isEmpty();
    }

    @Test
    void markingGoneTwiceOrAFileNotInTheMirrorChangesNothingAndAnnouncesNothing() throws IOException {
        stage("a.log", "x");
        writer.commitNew(LogPath.of("a.log"), Category.LOGS, Instant.ofEpochSecond(10));
        writer.markGone(LogPath.of("a.log"));
        published.clear();

        assertThat(writer.markGone(LogPath.of("a.log"))).isEmpty();
        assertThat(writer.markGone(LogPath.of("never.log"))).isEmpty();
        assertThat(writer.markReturned(LogPath.of("never.log"))).isEmpty();
        assertThat(published.events()).isEmpty();
    }

    @Test
    void removingTheCurrentFileRemovesItsGenerationsFromDiskIndexJournalAndLinks() throws IOException {
        stage("dir/a.log", "old\n");
        writer.commitNew(LogPath.of("dir/a.log"), Category.LOGS, Instant.ofEpochSecond(10));
        stage("dir/a.log", "new\n");
        writer.commitReplace(LogPath.of("dir/a.log"), Category.LOGS, Instant.ofEpochSecond(20));
        published.clear();

        List<LogEntry> removed = writer.remove(store.find(LogPath.of("dir/a.log")).orElseThrow());

        assertThat(removed).extracting(LogEntry::generation).containsExactly(1, 0);
        assertThat(published.events()).allMatch(LogEvent.Removed.class::isInstance)
                .extracting(e -> e.entry().generation()).containsExactly(1, 0);
        assertThat(store.find(LogPath.of("dir/a.log"))).isEmpty();
        assertThat(store.generations(LogPath.of("dir/a.log"))).isEmpty();
        assertThat(data.resolve("logs/dir/a.log")).doesNotExist();
        assertThat(data.resolve("generations/1/dir/a.log")).doesNotExist();
        assertThat(Files.exists(data.resolve("categorized/logs/dir/a.log"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        writer.flush();
        store.close();
        store = FsLogStore.open(data, Categorizer.uncategorized(), true, dir -> published);
        assertThat(store.find(LogPath.of("dir/a.log"))).as("still removed after a restart").isEmpty();
        assertThat(Files.readString(data.resolve(".logmirror/state"))).doesNotContain("dir/a.log");
    }

    @Test
    void removingAKeptGenerationKeepsTheFileAndTheOtherGenerations() throws IOException {
        for (int i = 0; i < 3; i++) {
            stage("a.log", "v" + i + "\n");
            if (i == 0) {
                writer.commitNew(LogPath.of("a.log"), Category.LOGS, Instant.ofEpochSecond(10));
            } else {
                writer.commitReplace(LogPath.of("a.log"), Category.LOGS, Instant.ofEpochSecond(10 + i));
            }
        }
        LogEntry oldest = store.generations(LogPath.of("a.log")).get(0);

        assertThat(writer.remove(oldest)).singleElement().isEqualTo(oldest);

        assertThat(store.generations(LogPath.of("a.log"))).extracting(LogEntry::generation).containsExactly(2);
        assertThat(store.find(LogPath.of("a.log"))).isPresent();
        assertThat(data.resolve("generations/1/a.log")).doesNotExist();
        assertThat(published.events()).last().isEqualTo(new LogEvent.Removed(oldest));
    }

    @Test
    void aPathBeingSyncedIsNotRemoved() throws IOException {
        stage("a.log", "x");
        LogEntry entry = writer.commitNew(LogPath.of("a.log"), Category.LOGS, Instant.ofEpochSecond(10));
        assertThat(writer.claim(LogPath.of("a.log"))).isTrue();

        assertThat(writer.remove(entry)).isEmpty();

        writer.release(LogPath.of("a.log"));
        assertThat(store.find(LogPath.of("a.log"))).isPresent();
        assertThat(writer.remove(entry)).hasSize(1);
    }

    @Test
    void aPublisherThatCannotJournalLeavesTheCommittedChangeInPlace() throws IOException {
        store.close();
        store = FsLogStore.open(data, Categorizer.uncategorized(), true, dir -> event -> {
            throw new IOException("disk full (simulated)");
        });
        stage("a.log", "x");

        store.writer().commitNew(LogPath.of("a.log"), Category.LOGS, Instant.ofEpochSecond(10));

        assertThat(store.find(LogPath.of("a.log"))).isPresent();
    }
}
