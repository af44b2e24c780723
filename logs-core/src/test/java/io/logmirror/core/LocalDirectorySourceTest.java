package io.logmirror.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalDirectorySourceTest {

    @TempDir
    Path temp;

    Path root;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("remote"));
    }

    private LocalDirectorySource source() throws IOException {
        return LocalDirectorySource.of(root);
    }

    private static List<String> names(RemoteListing listing) {
        return listing.files().stream().map(f -> f.path().toString()).sorted().toList();
    }

    @Test
    void listsRegularFilesRecursivelyWithSizeAndFullPrecisionTime() throws IOException {
        Files.createDirectories(root.resolve("job-1/sub"));
        Files.writeString(root.resolve("top.log"), "12345");
        Path deep = Files.writeString(root.resolve("job-1/sub/slurm-1.out"), "ab");
        Instant time = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        Files.setLastModifiedTime(deep, FileTime.from(time));

        RemoteListing listing = source().list();

        assertThat(names(listing)).containsExactly("job-1/sub/slurm-1.out", "top.log");
        RemoteFile file = listing.files().stream().filter(f -> f.path().fileName().equals("slurm-1.out")).findFirst()
                .orElseThrow();
        assertThat(file.size()).isEqualTo(2);
        assertThat(file.modified()).isEqualTo(time);
        assertThat(listing.skipped()).isEmpty();
    }

    @Test
    void skipsAndReportsAFifo() throws Exception {
        Files.writeString(root.resolve("ok.log"), "x");
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).as("mkfifo exit code").isZero();

        RemoteListing listing = source().list();

        assertThat(names(listing)).containsExactly("ok.log");
        assertThat(listing.skipped()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("pipe");
            assertThat(s.reason()).contains("special file");
        });
    }

    @Test
    void skipsSymlinksThatPointOutOfTheFolder() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("escape.log"), secret);
        Files.createSymbolicLink(root.resolve("relative-escape.log"), Path.of("../secret"));

        RemoteListing listing = source().list();

        assertThat(listing.files()).isEmpty();
        assertThat(listing.skipped()).extracting(SkippedEntry::name)
                .containsExactlyInAnyOrder("escape.log", "relative-escape.log");
        assertThat(listing.skipped()).allSatisfy(s -> assertThat(s.reason()).contains("outside the mirrored folder"));
    }

    @Test
    void followsSymlinksToRegularFilesInsideTheFolder() throws IOException {
        Files.createDirectories(root.resolve("real"));
        Files.writeString(root.resolve("real/a.log"), "abc");
        Files.createSymbolicLink(root.resolve("alias.log"), Path.of("real/a.log"));

        RemoteListing listing = source().list();

        assertThat(names(listing)).containsExactly("alias.log", "real/a.log");
        RemoteFile alias = listing.files().stream().filter(f -> f.path().toString().equals("alias.log")).findFirst()
                .orElseThrow();
        assertThat(alias.size()).isEqualTo(3);
        try (InputStream in = source().open(alias, 0, 10)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abc");
        }
    }

    @Test
    void skipsSymlinksToFoldersAndDanglingSymlinks() throws IOException {
        Files.createDirectories(root.resolve("dir"));
        Files.writeString(root.resolve("dir/a.log"), "x");
        Files.createSymbolicLink(root.resolve("dirlink"), Path.of("dir"));
        Files.createSymbolicLink(root.resolve("dangling.log"), Path.of("nowhere"));

        RemoteListing listing = source().list();

        assertThat(names(listing)).containsExactly("dir/a.log");
        assertThat(listing.skipped()).extracting(SkippedEntry::name).containsExactlyInAnyOrder("dirlink", "dangling.log");
    }

    @Test
    void skipsNamesThatAreNotValidLogPathsAndSaysWhy() throws IOException {
        Files.writeString(root.resolve("a\nb"), "x");
        Files.writeString(root.resolve("tab\there"), "x");
        Files.createDirectories(root.resolve("bad\u0001dir"));
        Files.writeString(root.resolve("bad\u0001dir/inside.log"), "x");
        Files.writeString(root.resolve("back\\slash ok.log"), "x");

        RemoteListing listing = source().list();

        assertThat(names(listing)).containsExactly("back\\slash ok.log");
        assertThat(listing.skipped()).extracting(SkippedEntry::name)
                .containsExactlyInAnyOrder("a\\u000ab", "tab\\u0009here", "bad\\u0001dir");
        assertThat(listing.skipped()).allSatisfy(s -> assertThat(s.reason()).contains("control character"));
    }

    @Test
    void skipsANameThatIsNotValidUtf8InsteadOfFailingToOpenItEverySync() throws Exception {
        Files.writeString(root.resolve("ok.log"), "x");
        Process touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377.log')\"")
                .directory(root.toFile()).start();
        assertThat(touch.waitFor()).as("creating a file with a non-UTF-8 name").isZero();

        RemoteListing listing = source().list();

        assertThat(names(listing)).containsExactly("ok.log");
        assertThat(listing.skipped()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("bad\ufffd.log");
            assertThat(s.reason()).contains("not valid UTF-8");
        });
    }

    @Test
    void opensARangeAndEndsEarlyWhenTheFileIsShorter() throws IOException {
        Files.writeString(root.resolve("a.log"), "0123456789");
        LocalDirectorySource source = source();
        RemoteFile file = source.list().files().get(0);

        try (InputStream in = source.open(file, 3, 4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("3456");
        }
        try (InputStream in = source.open(file, 8, 100)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("89");
        }
    }

    @Test
    void refusesToOpenAFileThatResolvesOutOfTheFolder() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret"), "s");
        Files.createSymbolicLink(root.resolve("escape.log"), secret);
        RemoteFile forged = RemoteFile.of(LogPath.of("escape.log"), 1, Instant.EPOCH);

        assertThatThrownBy(() -> source().open(forged, 0, 1)).isInstanceOf(IOException.class)
                .hasMessageContaining("refusing to read");
    }

    @Test
    void refusesAForgedSourceNameThatIsNotARelativePath() {
        RemoteFile forged = new RemoteFile(LogPath.of("a.log"), 1, Instant.EPOCH, "../secret");

        assertThatThrownBy(() -> source().open(forged, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid relative path");
    }

    @Test
    void saysWhatToDoWhenTheFolderIsMissingOrAFile() throws IOException {
        assertThatThrownBy(() -> LocalDirectorySource.of(temp.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("does not exist");
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> LocalDirectorySource.of(file))
                .isInstanceOf(NotDirectoryException.class).hasMessageContaining("not a folder");
    }

    @Test
    void describesItselfAsAFileUri() throws IOException {
        assertThat(source().describe()).startsWith("file:///").contains("remote");
    }

    @Test
    void aBatchedFetchReportsEachFilesSizeAndTimeWhenItIsReadAndTheRangesBytes() throws Exception {
        Files.writeString(root.resolve("a.log"), "first version, long\n");
        Files.writeString(root.resolve("b.log"), "bbb\n");
        LocalDirectorySource source = source();
        List<RemoteFile> listed = source.list().files().stream().sorted(java.util.Comparator.comparing(f -> f.path().toString())).toList();
        Files.writeString(root.resolve("a.log"), "new\n"); // rewritten shorter after the listing
        Files.setLastModifiedTime(root.resolve("a.log"), FileTime.from(Instant.ofEpochSecond(5000)));
        List<String> got = new java.util.ArrayList<>();

        source.fetch(List.of(new RangeRequest(listed.get(0), 0, 100), new RangeRequest(listed.get(1), 1, 2),
                new RangeRequest(RemoteFile.of(LogPath.of("gone.log"), 1, Instant.EPOCH), 0, 1)), new RangeReceiver() {
                    @Override
                    public void onRange(FetchedRange range) throws IOException {
                        got.add(range.request().file().path() + " " + range.sizeAtRead() + " "
                                + range.modifiedAtRead().getEpochSecond() + " "
                                + new String(range.bytes().readAllBytes(), StandardCharsets.UTF_8).strip());
                    }

                    @Override
                    public void onFailure(RangeRequest request, IOException cause) {
                        got.add(request.file().path() + " failed");
                    }
                });

        assertThat(got).containsExactly("a.log 4 5000 new", "b.log 4 " + Files.getLastModifiedTime(root.resolve("b.log"))
                .toInstant().getEpochSecond() + " bb", "gone.log failed");
    }
}
