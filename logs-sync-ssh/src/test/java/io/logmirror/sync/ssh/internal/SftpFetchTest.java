package io.logmirror.sync.ssh.internal;

import io.logmirror.core.FetchedRange;
import io.logmirror.core.LogPath;
import io.logmirror.core.RangeReceiver;
import io.logmirror.core.RangeRequest;
import io.logmirror.core.RemoteFile;
import io.logmirror.sync.ssh.SshSettings;
import io.logmirror.testkit.sftp.EmbeddedSftpServer;
import io.logmirror.testkit.sftp.EmbeddedSftpServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Pipelined SFTP reads against the testkit's embedded server (SFTP only, no shell). */
@ExtendWith(EmbeddedSftpServerExtension.class)
class SftpFetchTest {

    private static SshConnection connect(EmbeddedSftpServer server) throws IOException {
        return SshConnection.open(SshSettings.builder(server.host(), server.user())
                .port(server.port())
                .identityFile(server.privateKey())
                .knownHosts(server.knownHosts())
                .withoutAgent()
                .remoteBasePath(server.remoteBasePath())
                .build());
    }

    private static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static RemoteFile file(Path logs, String name) throws IOException {
        Path path = logs.resolve(name);
        return RemoteFile.of(LogPath.of(name), Files.size(path), Files.getLastModifiedTime(path).toInstant());
    }

    @Test
    void readsManyFilesAndRangesInOneBatchWithTheirSizes(EmbeddedSftpServer server) throws Exception {
        Path logs = Files.createDirectories(server.root().resolve("logs"));
        List<RangeRequest> requests = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Files.write(logs.resolve("f" + i + ".log"), bytes(i * 101, i));
            requests.add(new RangeRequest(file(logs, "f" + i + ".log"), 0, Long.MAX_VALUE));
        }
        Files.write(logs.resolve("big.log"), bytes(3_000_000, 1));
        requests.add(new RangeRequest(file(logs, "big.log"), 1_000_000, 1_500_000));
        CollectingReceiver receiver = new CollectingReceiver();

        try (SshConnection connection = connect(server)) {
            SftpFetch.fetch(connection, "test", requests, receiver);
        }

        assertThat(receiver.failures).isEmpty();
        assertThat(receiver.calls.get()).isEqualTo(requests.size());
        for (int i = 0; i < 120; i++) {
            assertThat(receiver.bytes("f" + i + ".log")).isEqualTo(bytes(i * 101, i));
            assertThat(receiver.ranges.get("f" + i + ".log").range().sizeAtRead()).isEqualTo(i * 101L);
        }
        assertThat(Arrays.equals(receiver.bytes("big.log"), Arrays.copyOfRange(bytes(3_000_000, 1), 1_000_000, 2_500_000)))
                .as("the range of big.log").isTrue();
    }

    @Test
    void readsPastTheListedSizeWhenTheFileGrewAndReportsAVanishedFile(EmbeddedSftpServer server) throws Exception {
        Path logs = Files.createDirectories(server.root().resolve("logs"));
        Files.write(logs.resolve("grows.log"), bytes(1000, 1));
        Files.write(logs.resolve("gone.log"), bytes(10, 2));
        List<RangeRequest> requests = List.of(new RangeRequest(file(logs, "gone.log"), 0, Long.MAX_VALUE),
                new RangeRequest(file(logs, "grows.log"), 0, Long.MAX_VALUE));
        Files.write(logs.resolve("grows.log"), bytes(900_000, 1));
        Files.delete(logs.resolve("gone.log"));
        CollectingReceiver receiver = new CollectingReceiver();

        try (SshConnection connection = connect(server)) {
            SftpFetch.fetch(connection, "test", requests, receiver);
        }

        assertThat(Arrays.equals(receiver.bytes("grows.log"), bytes(900_000, 1))).as("all of grows.log").isTrue();
        assertThat(receiver.ranges.get("grows.log").range().sizeAtRead()).isEqualTo(900_000);
        assertThat(receiver.failures).containsOnlyKeys("gone.log");
        assertThat(receiver.failures.get("gone.log")).hasMessageContaining("deleted or renamed");
    }

    @Test
    void aConnectionCutMidBatchFailsTheRangeBeingReadAndEveryOneAfterIt(EmbeddedSftpServer server) throws Exception {
        Path logs = Files.createDirectories(server.root().resolve("logs"));
        List<RangeRequest> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Files.write(logs.resolve("f" + i + ".log"), bytes(20_000_000, i));
            requests.add(new RangeRequest(file(logs, "f" + i + ".log"), 0, Long.MAX_VALUE));
        }
        CollectingReceiver collected = new CollectingReceiver();
        RangeReceiver cutting = new RangeReceiver() {
            @Override
            public void onRange(FetchedRange range) throws IOException {
                if (range.request().file().path().toString().equals("f1.log")) {
                    range.bytes().readNBytes(1 << 20);
                    server.disconnectAll();
                }
                collected.onRange(range);
            }

            @Override
            public void onFailure(RangeRequest request, IOException cause) {
                collected.onFailure(request, cause);
            }
        };

        try (SshConnection connection = connect(server)) {
            SftpFetch.fetch(connection, "test", requests, cutting);
        }

        assertThat(collected.calls.get()).isEqualTo(5);
        assertThat(Arrays.equals(collected.bytes("f0.log"), bytes(20_000_000, 0))).as("f0.log intact").isTrue();
        CollectingReceiver.Got cut = collected.ranges.get("f1.log");
        assertThat(cut.readFailure()).hasMessageContaining("f1.log");
        int from = 1 << 20; // the receiver read the first MiB itself before the cut
        assertThat(Arrays.equals(cut.bytes(), Arrays.copyOfRange(bytes(20_000_000, 1), from, from + cut.bytes().length)))
                .as("what arrived of f1.log before the cut is its prefix").isTrue();
        assertThat(from + cut.bytes().length).isLessThan(20_000_000);
        assertThat(collected.failures).containsKeys("f2.log", "f3.log", "f4.log");
    }

    @Test
    void refusesNamesThatWouldLeaveTheFolder(EmbeddedSftpServer server) throws Exception {
        Path logs = Files.createDirectories(server.root().resolve("logs"));
        Files.writeString(server.root().resolve("secret"), "secret\n");
        Files.writeString(logs.resolve("fine.log"), "fine\n");
        java.time.Instant now = java.time.Instant.now();
        List<RangeRequest> requests = List.of(new RangeRequest(file(logs, "fine.log"), 0, Long.MAX_VALUE),
                new RangeRequest(new RemoteFile(LogPath.of("escape.log"), 7, now, "../secret"), 0, Long.MAX_VALUE));
        CollectingReceiver receiver = new CollectingReceiver();

        try (SshConnection connection = connect(server)) {
            SftpFetch.fetch(connection, "test", requests, receiver);
        }

        assertThat(receiver.bytes("fine.log")).isEqualTo("fine\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(receiver.failures).containsOnlyKeys("escape.log");
        assertThat(receiver.failures.get("escape.log")).hasMessageContaining("refused");
    }
}
