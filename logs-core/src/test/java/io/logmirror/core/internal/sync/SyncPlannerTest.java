package io.logmirror.core.internal.sync;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.SkippedEntry;
import io.logmirror.core.internal.store.FsLogStore;
import io.logmirror.core.internal.store.RecordingPublisher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SyncPlannerTest {

    @TempDir
    Path temp;

    FsLogStore store;
    SyncPlanner planner;

    @BeforeEach
    void setUp() throws IOException {
        store = FsLogStore.open(temp.resolve("data"), Categorizer.uncategorized(), false, dir -> new RecordingPublisher());
        planner = new SyncPlanner(store, new Excludes(List.of("*.tmp")), 4);
    }

    @AfterEach
    void tearDown() throws IOException {
        store.close();
    }

    private void mirror(String path, int size, long seconds) throws IOException {
        store.staging().write(LogPath.of(path), 0, new ByteArrayInputStream(new byte[size]), size, n -> { });
        store.writer().commitNew(LogPath.of(path), Category.LOGS, Instant.ofEpochSecond(seconds));
    }

    private static RemoteFile remote(String path, long size, long seconds) {
        return RemoteFile.of(LogPath.of(path), size, Instant.ofEpochSecond(seconds));
    }

    @Test
    void plansNothingForAnUnchangedFileAndATransferForEveryOtherBiggestFirst() throws IOException {
        mirror("same.log", 10, 100);
        mirror("grew.log", 10, 100);

        SyncPlan plan = planner.plan(new RemoteListing(List.of(remote("same.log", 10, 100), remote("grew.log", 30, 200),
                remote("new.log", 5, 100), remote("big.log", 50, 100)), List.of()));

        assertThat(plan.transfers()).extracting(t -> t.file().path().toString())
                .containsExactly("big.log", "grew.log", "new.log");
        assertThat(plan.bytesTotal()).as("new files whole, the grown one from its window").isEqualTo(50 + (30 - 6) + 5);
        assertThat(plan.transfers().get(1).local()).hasValueSatisfying(e -> assertThat(e.size()).isEqualTo(10));
    }

    @Test
    void skipsExcludedAndDuplicateNamesAndRemembersTheRawNamesTheRemoteRefused() throws IOException {
        SyncPlan plan = planner.plan(new RemoteListing(List.of(remote("a.log", 1, 1), remote("a.log", 2, 2),
                remote("x.tmp", 1, 1)), List.of(SkippedEntry.ofRawName("locked", "cannot be read"))));

        assertThat(plan.transfers()).singleElement().satisfies(t -> assertThat(t.file().size()).isEqualTo(1));
        assertThat(plan.skipped()).extracting(SkippedEntry::rawName).containsExactlyInAnyOrder("locked", "a.log", "x.tmp");
        assertThat(plan.refused()).containsExactly("locked");
        assertThat(plan.remote()).containsOnlyKeys("a.log");
    }

    @Test
    void plansAReturnForAFileMarkedGoneAndDropsPartialsNoLongerNeeded() throws IOException {
        mirror("back.log", 3, 100);
        store.writer().markGone(LogPath.of("back.log"));
        store.staging().write(LogPath.of("back.log"), 0, new ByteArrayInputStream(new byte[1]), 1, n -> { });
        store.staging().write(LogPath.of("vanished.log"), 0, new ByteArrayInputStream(new byte[1]), 1, n -> { });

        SyncPlan plan = planner.plan(new RemoteListing(List.of(remote("back.log", 3, 100)), List.of()));

        assertThat(plan.returned()).containsExactly(LogPath.of("back.log"));
        assertThat(plan.transfers()).isEmpty();
        assertThat(plan.stalePartials()).extracting(LogPath::toString).containsExactlyInAnyOrder("back.log", "vanished.log");
    }
}
