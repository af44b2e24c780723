package io.logmirror.sync.ssh.internal;

import io.logmirror.core.LogPath;
import io.logmirror.core.RangeRequest;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.sync.ssh.OpenSshServer;
import io.logmirror.sync.ssh.OpenSshServerExtension;
import io.logmirror.sync.ssh.SshSettings;
import io.logmirror.sync.ssh.TransferCompression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The batched exec-channel fetch against Debian's OpenSSH server. */
class ExecFetchTest {

    @RegisterExtension
    static final OpenSshServerExtension sshd = new OpenSshServerExtension();

    @TempDir
    Path base;
    Path remote;
    SshConnection connection;

    @BeforeEach
    void connect() throws Exception {
        remote = Files.createDirectories(base.resolve("logs"));
    }

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
    }

    private SshConnection connection(OpenSshServer server) throws Exception {
        connection = SshConnection.open(server.settings(base).build());
        return connection;
    }

    private List<RangeRequest> wholeTree() throws IOException {
        RemoteListing listing = RemoteLister.exec(connection, "test");
        List<RangeRequest> requests = new ArrayList<>();
        for (RemoteFile file : listing.files()) {
            requests.add(new RangeRequest(file, 0, Long.MAX_VALUE));
        }
        return requests;
    }

    private static byte[] logBytes(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        while (text.length() < size) {
            text.append("2026-12-08T00:00:").append(random.nextInt(60)).append(" INFO step ").append(random.nextInt(1000))
                    .append(" loss=").append(random.nextDouble()).append('\n');
        }
        return text.substring(0, size).getBytes();
    }

    @ParameterizedTest
    @EnumSource(value = TransferCompression.class, names = {"ZSTD", "GZIP", "NONE"})
    void readsAWholeTreeOfSmallAndLargeFilesWithTheirSizesAndTimes(TransferCompression codec) throws Exception {
        Files.createDirectories(remote.resolve("a b"));
        for (int i = 0; i < 300; i++) {
            Files.write(remote.resolve((i % 2 == 0 ? "a b/" : "") + "job-" + i + ".log"), logBytes(i * 37, i));
        }
        Files.write(remote.resolve("big.log"), logBytes(3_000_000, 7));
        Files.write(remote.resolve("-dash.log"), logBytes(10, 8));
        connection(sshd.server());
        List<RangeRequest> requests = wholeTree();
        CollectingReceiver receiver = new CollectingReceiver();

        ExecFetch.fetch(connection, "test", codec, requests, receiver);

        assertThat(receiver.failures).isEmpty();
        assertThat(receiver.calls.get()).isEqualTo(requests.size());
        for (RangeRequest request : requests) {
            String path = request.file().path().toString();
            assertThat(receiver.bytes(path)).as(path).isEqualTo(Files.readAllBytes(remote.resolve(path)));
            assertThat(receiver.ranges.get(path).range().sizeAtRead()).isEqualTo(request.file().size());
            assertThat(receiver.ranges.get(path).range().modifiedAtRead()).isEqualTo(request.file().modified());
        }
    }

    @Test
    void readsRangesFromAnOffsetAndStopsAtTheLengthOrTheEnd() throws Exception {
        byte[] content = logBytes(500_000, 3);
        Files.write(remote.resolve("grown.log"), content);
        Files.write(remote.resolve("short.log"), logBytes(100, 4));
        connection(sshd.server());
        RemoteFile grown = file("grown.log");
        RemoteFile shortFile = file("short.log");
        CollectingReceiver receiver = new CollectingReceiver();

        ExecFetch.fetch(connection, "test", TransferCompression.ZSTD, List.of(
                new RangeRequest(grown, 100_000, 300_000),
                new RangeRequest(shortFile, 40, 1_000)), receiver);

        assertThat(receiver.bytes("grown.log")).isEqualTo(java.util.Arrays.copyOfRange(content, 100_000, 400_000));
        assertThat(receiver.bytes("short.log")).hasSize(60);
    }

    @Test
    void reportsFilesThatVanishedOrCannotBeReadAndReadsTheRest() throws Exception {
        Files.writeString(remote.resolve("kept.log"), "kept\n");
        Files.writeString(remote.resolve("vanishing.log"), "bye\n");
        Files.writeString(remote.resolve("vanishing-range.log"), "bye\n");
        connection(sshd.server());
        List<RangeRequest> requests = wholeTree();
        requests.add(new RangeRequest(file("vanishing-range.log"), 1, 10));
        Files.delete(remote.resolve("vanishing.log"));
        Files.delete(remote.resolve("vanishing-range.log"));
        CollectingReceiver receiver = new CollectingReceiver();

        ExecFetch.fetch(connection, "test", TransferCompression.GZIP, requests, receiver);

        assertThat(receiver.bytes("kept.log")).isEqualTo("kept\n".getBytes());
        assertThat(receiver.failures).containsOnlyKeys("vanishing.log", "vanishing-range.log");
        assertThat(receiver.failures.get("vanishing.log")).hasMessageContaining("no longer exists");
    }

    @Test
    void refusesNamesThatWouldBreakTheRequestListOrLeaveTheFolder() throws Exception {
        Files.writeString(remote.resolve("fine.log"), "fine\n");
        Files.writeString(base.resolve("secret"), "secret\n");
        connection(sshd.server());
        Instant now = Instant.now();
        List<RangeRequest> requests = new ArrayList<>(wholeTree());
        requests.add(new RangeRequest(new RemoteFile(LogPath.of("escape.log"), 7, now, "../secret"), 0, Long.MAX_VALUE));
        requests.add(new RangeRequest(new RemoteFile(LogPath.of("newline.log"), 7, now, "fine.log\nD"), 0, Long.MAX_VALUE));
        requests.add(new RangeRequest(new RemoteFile(LogPath.of("absolute.log"), 7, now, base.resolve("secret").toString()), 0, 10));
        CollectingReceiver receiver = new CollectingReceiver();

        ExecFetch.fetch(connection, "test", TransferCompression.NONE, requests, receiver);

        assertThat(receiver.bytes("fine.log")).isEqualTo("fine\n".getBytes());
        assertThat(receiver.failures).containsOnlyKeys("escape.log", "newline.log", "absolute.log");
        assertThat(receiver.failures.values()).allSatisfy(e -> assertThat(e).hasMessageContaining("refused"));
    }

    @Test
    void worksWithoutZstdOrGzipOnTheRemote() throws Exception {
        Path bin = Files.createDirectories(base.resolve("bin"));
        for (String tool : new String[] {"sh", "find", "dd", "head", "tr", "cat", "printf"}) {
            for (String dir : new String[] {"/usr/bin", "/bin"}) {
                if (Files.exists(Path.of(dir, tool)) && !Files.exists(bin.resolve(tool))) {
                    Files.createSymbolicLink(bin.resolve(tool), Path.of(dir, tool));
                }
            }
        }
        Files.write(remote.resolve("one.log"), logBytes(70_000, 1));
        try (OpenSshServer bare = OpenSshServer.startWithEnvironment("PATH=" + bin)) {
            connection(bare);
            RemoteTools tools = connection.tools();
            assertThat(tools.batch()).isTrue();
            assertThat(tools.zstd()).isFalse();
            assertThat(tools.gzip()).isFalse();
            assertThat(tools.codec(TransferCompression.AUTO)).isEqualTo(TransferCompression.NONE);
            assertThat(tools.codec(TransferCompression.ZSTD)).isEqualTo(TransferCompression.NONE);
            CollectingReceiver receiver = new CollectingReceiver();

            ExecFetch.fetch(connection, "test", tools.codec(TransferCompression.AUTO), wholeTree(), receiver);

            assertThat(receiver.bytes("one.log")).isEqualTo(Files.readAllBytes(remote.resolve("one.log")));
        }
    }

    private RemoteFile file(String name) throws IOException {
        Path path = remote.resolve(name);
        return RemoteFile.of(LogPath.of(name), Files.size(path), Files.getLastModifiedTime(path).toInstant());
    }

    static void touch(Path path, Instant time) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(time));
    }
}
