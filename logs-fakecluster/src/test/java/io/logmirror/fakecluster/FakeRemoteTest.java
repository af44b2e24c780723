package io.logmirror.fakecluster;

import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.SkippedEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeRemoteTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private final FakeRemote remote = FakeRemote.builder().name("test").clock(Clock.fixed(T0, ZoneOffset.UTC)).build();

    @AfterEach
    void destroy() {
        remote.destroy();
    }

    @Test
    void describesItselfWithItsName() {
        assertThat(remote.describe()).isEqualTo("fake://test");
        FakeRemote unnamed = FakeRemote.create();
        assertThat(unnamed.describe()).isEqualTo("fake://cluster");
        assertThat(unnamed).hasToString("fake://cluster");
        unnamed.destroy();
    }

    @Test
    void takesThePathsAListingAndTheStoreHandOut() throws IOException {
        remote.write("job-1/slurm-1.out", "a\n");
        LogPath path = remote.list().files().get(0).path();

        remote.append(path, "b\n").rewrite(path, "ab\n").write(path, "abc\n").truncate(path, 3);
        assertThat(remote.text(path)).isEqualTo("abc");

        remote.failNextRead(path, 1);
        RemoteFile file = remote.list().files().get(0);
        try (InputStream in = remote.open(file, 0, 3)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
        assertThat(remote.openCount(path)).isEqualTo(1);
        assertThat(remote.bytesRead(path)).isEqualTo(1);

        try (ReadPause pause = remote.pauseNextRead(path, 0)) {
            assertThat(pause.isPaused()).isFalse();
        }
        remote.delete(path);
        assertThat(remote.exists("job-1/slurm-1.out")).isFalse();
    }

    @Test
    void listsRegularFilesRecursivelyWithSizeAndModificationTime() throws IOException {
        remote.write("server.log", "hello\n").write("job-1/slurm-1.out", "SLURM_JOB_ID=1\n");

        RemoteListing listing = remote.list();

        assertThat(listing.files()).extracting(f -> f.path().toString()).containsExactly("job-1/slurm-1.out", "server.log");
        RemoteFile server = listing.files().get(1);
        assertThat(server.size()).isEqualTo(6);
        assertThat(server.modified()).isEqualTo(remote.modified("server.log"));
        assertThat(server.sourceName()).isEqualTo("server.log");
        assertThat(listing.skipped()).isEmpty();
    }

    @Test
    void stampsEveryChangeWithAStrictlyLaterTimeEvenWhenTheClockStandsStill() {
        remote.write("a.log", "1");
        Instant first = remote.modified("a.log");
        remote.rewrite("a.log", "2");

        assertThat(first).isEqualTo(T0);
        assertThat(remote.modified("a.log")).isEqualTo(T0.plusMillis(1));
    }

    @Test
    void appendsRewritesTruncatesRenamesAndDeletes() {
        remote.append("a.log", "one\n").append("a.log", "two\n");
        assertThat(remote.text("a.log")).isEqualTo("one\ntwo\n");

        remote.rewrite("a.log", "ONE\nTWO\n");
        assertThat(remote.text("a.log")).isEqualTo("ONE\nTWO\n");

        remote.truncate("a.log", 4);
        assertThat(remote.text("a.log")).isEqualTo("ONE\n");

        Instant before = remote.modified("a.log");
        remote.rename("a.log", "old/a.log.1");
        assertThat(remote.exists("a.log")).isFalse();
        assertThat(remote.text("old/a.log.1")).isEqualTo("ONE\n");
        assertThat(remote.modified("old/a.log.1")).isEqualTo(before);

        remote.delete("old");
        assertThat(remote.exists("old/a.log.1")).isFalse();
        assertThat(remote.paths()).isEmpty();
    }

    @Test
    void setsAModificationTimeExactly() throws IOException {
        Instant odd = Instant.parse("2025-12-31T23:59:59.123456789Z");
        remote.write("a.log", "x").setModified("a.log", odd);

        assertThat(remote.list().files().get(0).modified()).isEqualTo(odd);
    }

    @Test
    void refusesToRewriteOrTruncateAMissingFileNamingIt() {
        assertThatThrownBy(() -> remote.rewrite("nope.log", "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope.log").hasMessageContaining("fake://test");
        assertThatThrownBy(() -> remote.truncate("nope.log", 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesToRenameAMissingFile() {
        assertThatThrownBy(() -> remote.rename("nope.log", "other.log"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope.log");
    }

    @Test
    void refusesToTruncateToALargerSize() {
        remote.write("a.log", "abc");

        assertThatThrownBy(() -> remote.truncate("a.log", 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.log").hasMessageContaining("use append");
    }

    @Test
    void refusesScriptedPathsThatLeaveTheFolderAndPointsToInjectListingEntry() {
        for (String bad : List.of("../x", "/etc/passwd", "a//b", "", "./a")) {
            assertThatThrownBy(() -> remote.write(bad, "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("injectListingEntry");
        }
    }

    @Test
    void opensAtAnOffsetForALength() throws IOException {
        remote.write("a.log", "0123456789");
        RemoteFile file = remote.list().files().get(0);

        assertThat(read(file, 3, 4)).isEqualTo("3456");
        assertThat(read(file, 8, 100)).isEqualTo("89");
        assertThat(read(file, 20, 5)).isEmpty();
    }

    @Test
    void endsTheStreamEarlyWhenTheFileShrankSinceTheListing() throws IOException {
        remote.write("a.log", "0123456789");
        RemoteFile file = remote.list().files().get(0);
        remote.truncate("a.log", 5);

        assertThat(read(file, 2, 8)).isEqualTo("234");
    }

    @Test
    void countsOpensAndBytesPerFileAndInTotal() throws IOException {
        remote.write("a.log", "0123456789").write("b.log", "abc");
        List<RemoteFile> files = remote.list().files();

        read(files.get(0), 0, 10);
        read(files.get(0), 5, 2);
        read(files.get(1), 0, 3);

        assertThat(remote.openCount("a.log")).isEqualTo(2);
        assertThat(remote.openCount("b.log")).isEqualTo(1);
        assertThat(remote.openCount()).isEqualTo(3);
        assertThat(remote.bytesRead("a.log")).isEqualTo(12);
        assertThat(remote.bytesRead()).isEqualTo(15);
        assertThat(remote.listCount()).isEqualTo(1);
        assertThat(remote.openCount("never.log")).isZero();

        remote.resetCounters();
        assertThat(remote.openCount()).isZero();
        assertThat(remote.bytesRead()).isZero();
        assertThat(remote.listCount()).isZero();
    }

    @Test
    void failsTheNextReadAfterTheGivenBytesOnlyOnce() throws IOException {
        remote.write("a.log", "0123456789");
        RemoteFile file = remote.list().files().get(0);
        remote.failNextRead("a.log", 4);

        byte[] got = new byte[10];
        try (InputStream in = remote.open(file, 0, 10)) {
            assertThat(in.readNBytes(got, 0, 4)).isEqualTo(4);
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("a.log").hasMessageContaining("after 4 bytes");
        }
        assertThat(new String(got, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("0123");
        assertThat(read(file, 0, 10)).isEqualTo("0123456789");
    }

    @Test
    void failsEveryReadUntilTheFaultsAreCleared() throws IOException {
        remote.write("a.log", "0123456789");
        RemoteFile file = remote.list().files().get(0);
        remote.failEveryRead("a.log", 0);

        assertThatThrownBy(() -> read(file, 0, 10)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(file, 0, 10)).isInstanceOf(IOException.class);
        remote.clearFaults();
        assertThat(read(file, 0, 10)).isEqualTo("0123456789");
    }

    @Test
    void failsTheNextListingsAndThenListsAgain() throws IOException {
        remote.write("a.log", "x").failListing(2);

        assertThatThrownBy(remote::list).isInstanceOf(IOException.class).hasMessageContaining("fake://test");
        assertThatThrownBy(remote::list).isInstanceOf(IOException.class);
        assertThat(remote.list().files()).hasSize(1);
        assertThat(remote.listCount()).isEqualTo(3);
    }

    @Test
    void refusesToOpenAnUnreadableFileButStillListsIt() throws IOException {
        remote.write("secret.log", "x").unreadable("secret.log");
        RemoteFile file = remote.list().files().get(0);

        assertThatThrownBy(() -> remote.open(file, 0, 1)).isInstanceOf(AccessDeniedException.class).hasMessageContaining("secret.log");
        assertThat(remote.openCount("secret.log")).isEqualTo(1);
    }

    @Test
    void slowReadsDeliverSmallChunks() throws IOException {
        remote.write("a.log", new byte[20_000]).slowReads(Duration.ofMillis(1));
        RemoteFile file = remote.list().files().get(0);

        try (InputStream in = remote.open(file, 0, 20_000)) {
            assertThat(in.read(new byte[20_000])).isEqualTo(8192);
        }
        assertThatThrownBy(() -> remote.slowReads(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pausesTheNextReadUntilReleased() throws Exception {
        remote.write("a.log", "0123456789");
        RemoteFile file = remote.list().files().get(0);
        ReadPause pause = remote.pauseNextRead("a.log", 3);

        CompletableFuture<String> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return read(file, 0, 10);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        pause.awaitPaused(Duration.ofSeconds(30));
        assertThat(pause.isPaused()).isTrue();
        assertThat(remote.bytesRead("a.log")).isEqualTo(3);
        assertThat(reading).isNotDone();

        pause.release();
        assertThat(reading.get(30, TimeUnit.SECONDS)).isEqualTo("0123456789");
    }

    @Test
    void aPauseNobodyReachesSaysSo() {
        ReadPause pause = remote.pauseNextRead("a.log", 3);

        assertThatThrownBy(() -> pause.awaitPaused(Duration.ofMillis(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a.log");
    }

    @Test
    void reportsHostileNamesTheFileSystemHoldsAsSkipped() throws IOException {
        String longName = "x".repeat(300) + ".log";
        remote.write("ok.log", "x").write("bell\u0007.log", "x").write(longName, "x");

        RemoteListing listing = remote.list();

        assertThat(listing.files()).extracting(f -> f.path().toString()).containsExactly("ok.log");
        assertThat(listing.skipped()).extracting(SkippedEntry::name).contains("bell\\u0007.log");
        assertThat(listing.skipped()).hasSize(2).allSatisfy(s -> assertThat(s.reason()).contains("not a safe relative path"));
    }

    @Test
    void reportsInjectedHostileNamesAsSkippedAndListsInjectedValidOnes() throws IOException {
        remote.injectListingEntry("..", 1)
                .injectListingEntry("../../etc/passwd", 1)
                .injectListingEntry("/etc/shadow", 1)
                .injectListingEntry("ghost.log", 42);

        RemoteListing listing = remote.list();

        assertThat(listing.skipped()).extracting(SkippedEntry::name).containsExactlyInAnyOrder("..", "../../etc/passwd", "/etc/shadow");
        assertThat(listing.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(LogPath.of("ghost.log"));
            assertThat(f.size()).isEqualTo(42);
        });
        assertThatThrownBy(() -> remote.open(listing.files().get(0), 0, 42)).isInstanceOf(NoSuchFileException.class);

        remote.clearInjectedEntries();
        assertThat(remote.list().files()).isEmpty();
    }

    @Test
    void refusesToOpenASourceNameOutsideTheFolder() throws IOException {
        Files.writeString(remote.root().resolveSibling("secret.txt"), "top secret");
        RemoteFile forged = new RemoteFile(LogPath.of("secret.txt"), 10, T0, "../secret.txt");

        assertThatThrownBy(() -> remote.open(forged, 0, 10)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void followsSymlinksToRegularFilesInsideTheFolderOnly() throws IOException {
        Files.writeString(remote.root().resolveSibling("secret.txt"), "top secret");
        remote.write("real/a.log", "content")
                .symlink("link.log", "real/a.log")
                .symlink("escape.log", "../secret.txt")
                .symlink("absolute.log", "/etc/passwd")
                .symlink("folder-link", "real");

        RemoteListing listing = remote.list();

        assertThat(listing.files()).extracting(f -> f.path().toString()).containsExactly("link.log", "real/a.log");
        RemoteFile link = listing.files().get(0);
        assertThat(link.size()).isEqualTo(7);
        assertThat(read(link, 0, 7)).isEqualTo("content");
        assertThat(listing.skipped()).extracting(SkippedEntry::name).containsExactlyInAnyOrder("escape.log", "absolute.log", "folder-link");
        assertThat(listing.skipped()).filteredOn(s -> s.name().equals("escape.log"))
                .singleElement().satisfies(s -> assertThat(s.reason()).contains("outside"));
    }

    @Test
    void refusesToOpenAnEscapingSymlinkEvenWhenAskedDirectly() throws IOException {
        Files.writeString(remote.root().resolveSibling("secret.txt"), "top secret");
        remote.symlink("escape.log", "../secret.txt");

        assertThatThrownBy(() -> remote.open(RemoteFile.of(LogPath.of("escape.log"), 10, T0), 0, 10))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void reportsSpecialFilesAsSkippedAndNeverOpensThem() throws IOException {
        remote.write("a.log", "x").specialFile("pipe", SpecialKind.FIFO).specialFile("sub/sock", SpecialKind.SOCKET);

        RemoteListing listing = remote.list();

        assertThat(listing.files()).hasSize(1);
        assertThat(listing.skipped()).extracting(SkippedEntry::name).containsExactlyInAnyOrder("pipe", "sub/sock");
        assertThat(listing.skipped()).anySatisfy(s -> assertThat(s.reason()).contains("fifo"));
        assertThatThrownBy(() -> remote.open(RemoteFile.of(LogPath.of("pipe"), 0, T0), 0, 1)).isInstanceOf(IOException.class);
        assertThat(remote.exists("pipe")).isTrue();
        remote.rename("pipe", "pipe2");
        assertThat(remote.exists("pipe")).isFalse();
        assertThat(remote.list().skipped()).extracting(SkippedEntry::name).contains("pipe2");
        remote.delete("pipe2");
        assertThat(remote.list().skipped()).hasSize(1);
    }

    @Test
    void listsFilesWrittenDirectlyUnderTheRootPath() throws IOException {
        Files.createDirectories(remote.root().resolve("direct"));
        Files.writeString(remote.root().resolve("direct/x.log"), "abc");

        assertThat(remote.list().files()).extracting(f -> f.path().toString()).containsExactly("direct/x.log");
        assertThat(remote.root().toString()).isEqualTo(FakeRemote.DEFAULT_FOLDER);
    }

    @Test
    void keepsWorkingAfterCloseSoASecondEngineCanReadIt() throws IOException {
        remote.write("a.log", "x");
        remote.close();

        assertThat(remote.closeCount()).isEqualTo(1);
        assertThat(remote.list().files()).hasSize(1);
    }

    @Test
    void aListingSeesEveryConcurrentChangeWhole() throws Exception {
        List<CompletableFuture<Void>> writers = new java.util.ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String path = "w" + w + ".log";
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 200; i++) {
                    remote.append(path, "123456789\n");
                }
            }));
        }
        while (!CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).isDone()) {
            assertThat(remote.list().files()).allSatisfy(f -> assertThat(f.size() % 10).isZero());
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(remote.list().files()).hasSize(4).allSatisfy(f -> assertThat(f.size()).isEqualTo(2000));
    }

    @Test
    void totalsTheBytesOfItsFiles() {
        remote.write("a.log", "123").write("b/c.log", "4567");

        assertThat(remote.totalBytes()).isEqualTo(7);
        assertThat(remote.paths()).containsExactly("a.log", "b/c.log");
    }

    @Test
    void validatesItsBuilderNamingTheValue() {
        assertThatThrownBy(() -> FakeRemote.builder().parallelism(0)).hasMessageContaining("parallelism").hasMessageContaining("0");
        assertThatThrownBy(() -> FakeRemote.builder().name("a/b")).hasMessageContaining("a/b");
        assertThatThrownBy(() -> FakeRemote.builder().folder("relative")).hasMessageContaining("relative");
        assertThatThrownBy(() -> remote.failListing(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> remote.injectListingEntry("a", -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> remote.pauseNextRead("a.log", -1)).hasMessageContaining("afterBytes").hasMessageContaining("-1");
        assertThatThrownBy(() -> remote.failNextRead("a.log", -2)).hasMessageContaining("a.log").hasMessageContaining("-2");
        assertThatThrownBy(() -> remote.setModified("nope.log", T0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("nope.log");
        assertThatThrownBy(() -> remote.content("nope.log")).isInstanceOf(IllegalStateException.class).hasMessageContaining("nope.log");
        assertThatThrownBy(() -> remote.size("nope.log")).isInstanceOf(IllegalStateException.class).hasMessageContaining("nope.log");
        FakeRemote seven = FakeRemote.builder().parallelism(7).build();
        assertThat(seven.preferredParallelism()).isEqualTo(7);
        seven.destroy();
    }

    private String read(RemoteFile file, long offset, long length) throws IOException {
        try (InputStream in = remote.open(file, offset, length)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
