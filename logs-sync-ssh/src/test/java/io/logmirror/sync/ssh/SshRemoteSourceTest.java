package io.logmirror.sync.ssh;

import io.logmirror.core.FetchedRange;
import io.logmirror.core.LogPath;
import io.logmirror.core.RangeReceiver;
import io.logmirror.core.RangeRequest;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.SkippedEntry;
import io.logmirror.sync.ssh.internal.CollectingReceiver;
import io.logmirror.sync.ssh.internal.ExecFetch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SshRemoteSource} against Debian's OpenSSH server, started by the test on a loopback port. */
class SshRemoteSourceTest {

    @RegisterExtension
    static final OpenSshServerExtension sshd = new OpenSshServerExtension();

    @TempDir
    Path base;
    Path logs;

    @BeforeEach
    void createRemoteFolder() throws IOException {
        logs = Files.createDirectories(base.resolve("logs"));
    }

    @Test
    void listsRegularFilesWithSizeAndFullPrecisionModificationTime() throws IOException {
        Path file = write("job-1/slurm-1.out", "hello\n");
        Instant modified = Instant.parse("2026-11-20T10:15:30.123456789Z");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        write("server.log", "");

        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            RemoteListing listing = source.list();

            assertThat(listing.skipped()).isEmpty();
            Map<String, RemoteFile> files = byPath(listing);
            assertThat(files).containsOnlyKeys("job-1/slurm-1.out", "server.log");
            assertThat(files.get("job-1/slurm-1.out").size()).isEqualTo(6);
            assertThat(files.get("job-1/slurm-1.out").modified()).isEqualTo(modified);
        }
    }

    @Test
    void readsTheRequestedRangeAndStopsEarlyWhenTheFileIsShorter() throws IOException {
        write("big.log", "0123456789".repeat(100_000));
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            RemoteFile file = byPath(source.list()).get("big.log");

            assertThat(read(source, file, 5, 10)).isEqualTo("5678901234");
            assertThat(read(source, file, 999_995, 100)).isEqualTo("56789");
            assertThat(read(source, file, 0, 1_000_000)).hasSize(1_000_000).isEqualTo("0123456789".repeat(100_000));
            assertThat(read(source, file, 1_000_000, 10)).isEmpty();
        }
    }

    @Test
    void keepsOneConnectionAcrossListingsAndReads() throws IOException {
        write("a.log", "a");
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            source.connect();
            long before = sessions();
            for (int i = 0; i < 3; i++) {
                RemoteFile file = byPath(source.list()).get("a.log");
                assertThat(read(source, file, 0, 1)).isEqualTo("a");
            }
            assertThat(sessions()).isEqualTo(before);
        }
    }

    @Test
    void keepsAListingShellThatSeesEveryChangeAndListsOnWhenItDies() throws IOException {
        write("a.log", "a");
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            assertThat(byPath(source.list())).containsOnlyKeys("a.log");
            write("b.log", "b");
            assertThat(byPath(source.list())).containsOnlyKeys("a.log", "b.log");

            assertThat(sshd.server().killCommands("while IFS= read")).isPositive();
            write("c.log", "c");

            assertThat(byPath(source.list())).containsOnlyKeys("a.log", "b.log", "c.log");
            Files.delete(logs.resolve("a.log"));
            assertThat(byPath(source.list())).containsOnlyKeys("b.log", "c.log");
        }
    }

    @Test
    void mirrorsNamesWithSpacesQuotesBackslashesLeadingDashesAndShellCharacters() throws IOException {
        String[] names = {"with space.log", "it's.log", "back\\slash.log", "-leading-dash.log", "$(touch pwned).log",
                "semi;colon`tick`.log", "ünïcödé.log", "dir with space/-x.log"};
        for (String name : names) {
            write(name, name);
        }
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            Map<String, RemoteFile> files = byPath(source.list());

            assertThat(files).containsOnlyKeys(names);
            for (String name : names) {
                assertThat(read(source, files.get(name), 0, 1000)).isEqualTo(name);
            }
        }
        assertThat(base.resolve("pwned")).doesNotExist();
        assertThat(Path.of(System.getProperty("user.home"), "pwned")).doesNotExist();
    }

    @Test
    void skipsAndReportsANameWithANewlineAndMirrorsTheRest() throws IOException, InterruptedException {
        bash("printf 'x' > \"$(printf 'new\\nline.log')\"; printf 'ok' > ok.log");
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            RemoteListing listing = source.list();

            assertThat(byPath(listing)).containsOnlyKeys("ok.log");
            assertThat(listing.skipped()).singleElement().satisfies(skipped -> {
                assertThat(skipped.name()).isEqualTo("new\\u000aline.log");
                assertThat(skipped.reason()).contains("control character");
            });
        }
    }

    @Test
    void mirrorsANameThatIsNotUtf8UnderAnEscapedLocalNameAndReadsItByItsRawName() throws IOException, InterruptedException {
        bash("printf 'latin1' > \"$(printf 'caf\\351-\\377.log')\"");
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            RemoteListing listing = source.list();

            assertThat(listing.skipped()).isEmpty();
            RemoteFile file = byPath(listing).get("caf%E9-%FF.log");
            assertThat(file).isNotNull();
            assertThat(file.sourceName().getBytes(StandardCharsets.ISO_8859_1))
                    .isEqualTo(new byte[]{'c', 'a', 'f', (byte) 0xe9, '-', (byte) 0xff, '.', 'l', 'o', 'g'});
            assertThat(read(source, file, 0, 100)).isEqualTo("latin1");
        }
    }

    @Test
    void followsSymlinksToFilesInsideTheFolderAndSkipsOthers() throws IOException, InterruptedException {
        write("real/target.log", "target");
        Files.createSymbolicLink(logs.resolve("inside.log"), Path.of("real/target.log"));
        Path outside = Files.writeString(base.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(logs.resolve("outside.log"), outside);
        Files.createSymbolicLink(logs.resolve("dotdot.log"), Path.of("../secret.txt"));
        Files.createSymbolicLink(logs.resolve("broken.log"), Path.of("nowhere.log"));
        Files.createSymbolicLink(logs.resolve("folder-link"), Path.of("real"));
        bash("mkfifo pipe.log");

        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            RemoteListing listing = source.list();

            Map<String, RemoteFile> files = byPath(listing);
            assertThat(files).containsOnlyKeys("real/target.log", "inside.log");
            assertThat(files.get("inside.log").size()).isEqualTo(6);
            assertThat(read(source, files.get("inside.log"), 0, 100)).isEqualTo("target");
            Map<String, String> skipped = listing.skipped().stream()
                    .collect(Collectors.toMap(SkippedEntry::name, SkippedEntry::reason));
            assertThat(skipped).containsOnlyKeys("outside.log", "dotdot.log", "broken.log", "folder-link", "pipe.log");
            assertThat(skipped.get("outside.log")).contains("outside the remote folder");
            assertThat(skipped.get("dotdot.log")).contains("outside the remote folder");
            assertThat(skipped.get("broken.log")).contains("cannot be followed");
            assertThat(skipped.get("folder-link")).contains("not a regular file");
            assertThat(skipped.get("pipe.log")).contains("FIFO");
        }
    }

    @Test
    void reportsAMissingRemoteFolderWithWhatToDo() throws IOException {
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base.resolve("nope")).build())) {
            assertThatThrownBy(source::list)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(sshd.server().user() + "@127.0.0.1:" + sshd.server().port())
                    .hasMessageContaining(base.resolve("nope/logs").toString())
                    .hasMessageContaining("does not exist")
                    .hasMessageContaining("REMOTE_BASE_PATH");
        }
    }

    @Test
    void reportsAFileThatCannotBeOpenedAndStillReadsTheOthers() throws IOException {
        write("a.log", "a");
        write("gone.log", "gone");
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            Map<String, RemoteFile> files = byPath(source.list());
            Files.delete(logs.resolve("gone.log"));

            assertThatThrownBy(() -> source.open(files.get("gone.log"), 0, 4))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("gone.log")
                    .hasMessageContaining("127.0.0.1:" + sshd.server().port())
                    .hasMessageContaining("deleted or renamed since the listing");
            assertThat(read(source, files.get("a.log"), 0, 1)).isEqualTo("a");
        }
    }

    @Test
    void sharesTheOpenChannelsWhenTheServerRefusesMoreSessionsThanTheChannelsAskedFor() throws IOException {
        // The test server allows OpenSSH's default of 10 sessions per connection; the listing shell takes one.
        for (int i = 0; i < 16; i++) {
            write("f" + i + ".log", "file " + i + "\n");
        }
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).channels(16).build())) {
            List<RemoteFile> files = source.list().files();
            assertThat(files).hasSize(16);
            Map<String, InputStream> open = new java.util.LinkedHashMap<>();
            try {
                for (RemoteFile file : files) {
                    open.put(file.path().toString(), source.open(file, 0, file.size()));
                }
                for (Map.Entry<String, InputStream> each : open.entrySet()) {
                    String name = each.getKey();
                    assertThat(new String(each.getValue().readAllBytes(), StandardCharsets.UTF_8)).as(name)
                            .isEqualTo("file " + name.substring(1, name.indexOf('.')) + "\n");
                }
            } finally {
                for (InputStream in : open.values()) {
                    in.close();
                }
            }
        }
    }

    @Test
    void reconnectsOnTheNextCallAfterTheConnectionWasCutDuringARead() throws Exception {
        byte[] content = new byte[32 << 20];
        new java.util.Random(1).nextBytes(content);
        Files.write(logs.resolve("large.log"), content);
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            RemoteFile file = byPath(source.list()).get("large.log");
            InputStream in = source.open(file, 0, file.size());
            in.readNBytes(1 << 20);
            sshd.server().cutConnections();

            assertThatThrownBy(() -> in.readAllBytes())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("large.log")
                    .hasMessageContaining("127.0.0.1:" + sshd.server().port());
            in.close();

            try (InputStream again = source.open(byPath(source.list()).get("large.log"), 0, file.size())) {
                assertThat(again.readAllBytes()).isEqualTo(content);
            }
        }
    }

    @Test
    void listsOverSftpWhenTheAccountHasNoShell() throws Exception {
        write("a.log", "abc");
        try (OpenSshServer sftpOnly = OpenSshServer.start(true);
             SshRemoteSource source = SshRemoteSource.create(sftpOnly.settings(base).build())) {
            Files.setLastModifiedTime(logs.resolve("a.log"), FileTime.from(Instant.parse("2026-11-20T10:00:00.5Z")));
            RemoteListing listing = source.list();

            RemoteFile file = byPath(listing).get("a.log");
            assertThat(file.size()).isEqualTo(3);
            assertThat(file.modified()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z")); // from the SFTP walk
            assertThat(read(source, file, 0, 3)).isEqualTo("abc");
        }
    }

    @Test
    void listsOverSftpWhenTheLoginShellRefusesCommandsLikeNologin() throws Exception {
        write("a.log", "abc");
        write("sub/b.log", "b");
        try (OpenSshServer noLogin = OpenSshServer.startWithNoLoginShell();
             SshRemoteSource source = SshRemoteSource.create(noLogin.settings(base).build())) {
            Files.setLastModifiedTime(logs.resolve("a.log"), FileTime.from(Instant.parse("2026-11-20T10:00:00.5Z")));
            RemoteListing listing = source.list();

            assertThat(byPath(listing)).containsOnlyKeys("a.log", "sub/b.log");
            // whole seconds: the times came from the SFTP walk, not from find
            assertThat(byPath(listing).get("a.log").modified()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
            assertThat(read(source, byPath(listing).get("a.log"), 0, 3)).isEqualTo("abc");
            assertThat(byPath(source.list())).containsOnlyKeys("a.log", "sub/b.log");
        }
    }

    @Test
    void failsWithAClearMessageWhenExecListingIsForcedOnAnAccountWithoutShell() throws Exception {
        write("a.log", "abc");
        try (OpenSshServer sftpOnly = OpenSshServer.start(true);
             SshRemoteSource source = SshRemoteSource.create(sftpOnly.settings(base)
                     .listingMode(SshSettings.ListingMode.EXEC).build())) {
            assertThatThrownBy(source::list)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("SFTP listing mode");
        }
    }

    @Test
    void listsTheSameFilesOverSftpAsOverExec() throws IOException, InterruptedException {
        write("a.log", "a");
        write("sub dir/b.log", "bb");
        bash("printf 'x' > \"$(printf 'raw-\\377.log')\"");
        Files.createSymbolicLink(logs.resolve("link.log"), Path.of("a.log"));
        try (SshRemoteSource exec = SshRemoteSource.create(sshd.server().settings(base).listingMode(SshSettings.ListingMode.EXEC).build());
             SshRemoteSource sftp = SshRemoteSource.create(sshd.server().settings(base).listingMode(SshSettings.ListingMode.SFTP).build())) {
            Map<String, RemoteFile> viaExec = byPath(exec.list());
            Map<String, RemoteFile> viaSftp = byPath(sftp.list());

            assertThat(viaSftp.keySet()).containsExactlyInAnyOrderElementsOf(viaExec.keySet())
                    .containsExactlyInAnyOrder("a.log", "sub dir/b.log", "raw-%FF.log", "link.log");
            assertThat(read(sftp, viaSftp.get("raw-%FF.log"), 0, 1)).isEqualTo("x");
        }
    }

    private long sessions() {
        return OpenSshServerSessions.count(sshd.server());
    }

    private Path write(String relative, String content) throws IOException {
        Path file = logs.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private void bash(String script) throws IOException, InterruptedException {
        OpenSshServer.run(logs, "bash", "-c", script);
    }

    @Test
    void fetchesABatchOverOneCompressedExecStreamWithFarFewerBytesOnTheWireThanTheLogsHold() throws Exception {
        for (int i = 0; i < 200; i++) {
            write("job-" + (i % 7) + "/step-" + i + ".log", ("2026-12-08 INFO step " + i + " loss=0.25 ok\n").repeat(200 + i));
        }
        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) {
            List<RangeRequest> requests = source.list().files().stream()
                    .map(file -> new RangeRequest(file, 0, Long.MAX_VALUE)).collect(Collectors.toList());
            long raw = requests.stream().mapToLong(r -> r.file().size()).sum();
            CollectingReceiver receiver = new CollectingReceiver();
            long before = ExecFetch.wireBytes();

            source.fetch(requests, receiver);

            assertThat(receiver.failures).isEmpty();
            for (RangeRequest request : requests) {
                assertThat(receiver.bytes(request.file().path().toString()))
                        .isEqualTo(Files.readAllBytes(logs.resolve(request.file().path().toString())));
            }
            assertThat(ExecFetch.wireBytes() - before).isLessThan(raw / 5);
        }
    }

    @Test
    void fetchesOverPipelinedSftpWhenTheAccountHasNoShell() throws Exception {
        write("a.log", "alpha\n");
        write("deep/b.log", "beta\n".repeat(100_000));
        try (OpenSshServer sftpOnly = OpenSshServer.start(true);
             SshRemoteSource source = SshRemoteSource.create(sftpOnly.settings(base).build())) {
            List<RangeRequest> requests = source.list().files().stream()
                    .map(file -> new RangeRequest(file, 1, Long.MAX_VALUE)).collect(Collectors.toList());
            CollectingReceiver receiver = new CollectingReceiver();
            long before = ExecFetch.wireBytes();

            source.fetch(requests, receiver);

            assertThat(receiver.bytes("a.log")).isEqualTo("lpha\n".getBytes(StandardCharsets.UTF_8));
            assertThat(receiver.bytes("deep/b.log")).hasSize(500_000 - 1);
            assertThat(ExecFetch.wireBytes()).as("no exec stream was used").isEqualTo(before);
        }
    }

    @Test
    void aTransferCutMidRecordLeavesAValidPrefixAndFailsWhatDidNotArrive() throws Exception {
        byte[] big = new byte[40 << 20];
        new java.util.Random(3).nextBytes(big); // incompressible: the stream stays long
        Files.write(logs.resolve("big.log"), big);
        write("after.log", "after\n");
        SshSettings settings = sshd.server().settings(base).transferCompression(TransferCompression.NONE).build();
        try (SshRemoteSource source = SshRemoteSource.create(settings)) {
            Map<String, RemoteFile> files = byPath(source.list());
            CollectingReceiver collected = new CollectingReceiver();
            RangeReceiver cutting = new RangeReceiver() {
                @Override
                public void onRange(FetchedRange range) throws IOException {
                    if (range.request().file().path().toString().equals("big.log")) {
                        byte[] first = range.bytes().readNBytes(1 << 20);
                        assertThat(first).isEqualTo(java.util.Arrays.copyOf(big, 1 << 20));
                        assertThat(sshd.server().killCommands("logmirror-fetch")).isPositive();
                    }
                    collected.onRange(range);
                }

                @Override
                public void onFailure(RangeRequest request, IOException cause) {
                    collected.onFailure(request, cause);
                }
            };

            source.fetch(List.of(new RangeRequest(files.get("big.log"), 0, Long.MAX_VALUE),
                    new RangeRequest(files.get("after.log"), 1, Long.MAX_VALUE)), cutting); // a range: sent after big.log

            CollectingReceiver.Got cut = collected.ranges.get("big.log");
            assertThat(cut.readFailure()).hasMessageContaining("big.log").hasMessageContaining("broke");
            int from = 1 << 20;
            assertThat(from + cut.bytes().length).isLessThan(big.length);
            assertThat(java.util.Arrays.equals(cut.bytes(), java.util.Arrays.copyOfRange(big, from, from + cut.bytes().length)))
                    .as("what arrived before the cut is the file's prefix").isTrue();
            assertThat(collected.failures).containsOnlyKeys("after.log");
            assertThat(source.list().files()).hasSize(2); // the source goes on
        }
    }

    @Test
    void aFileRewrittenShorterWhileStreamedFailsInsteadOfHandingOverZeros() throws Exception {
        byte[] big = new byte[60 << 20];
        new java.util.Random(4).nextBytes(big);
        Path file = logs.resolve("rewritten.log");
        Files.write(file, big);
        SshSettings settings = sshd.server().settings(base).transferCompression(TransferCompression.NONE).build();
        try (SshRemoteSource source = SshRemoteSource.create(settings)) {
            RemoteFile listed = byPath(source.list()).get("rewritten.log");
            CollectingReceiver collected = new CollectingReceiver();
            RangeReceiver rewriting = new RangeReceiver() {
                @Override
                public void onRange(FetchedRange range) throws IOException {
                    range.bytes().readNBytes(1 << 20);
                    Files.writeString(file, "a new run\n"); // truncates the file the remote dd is reading
                    collected.onRange(range);
                }

                @Override
                public void onFailure(RangeRequest request, IOException cause) {
                    collected.onFailure(request, cause);
                }
            };

            source.fetch(List.of(new RangeRequest(listed, 0, Long.MAX_VALUE)), rewriting);

            CollectingReceiver.Got got = collected.ranges.get("rewritten.log");
            assertThat(got.readFailure()).hasMessageContaining("shrank while it was read");
        }
    }

    static Map<String, RemoteFile> byPath(RemoteListing listing) {
        return listing.files().stream().collect(Collectors.toMap(f -> f.path().toString(), Function.identity()));
    }

    static String read(SshRemoteSource source, RemoteFile file, long offset, long length) throws IOException {
        try (InputStream in = source.open(file, offset, length)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static LogPath path(String text) {
        return LogPath.of(text);
    }
}
