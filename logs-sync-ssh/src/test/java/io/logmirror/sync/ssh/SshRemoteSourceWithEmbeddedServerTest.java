package io.logmirror.sync.ssh;

import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.testkit.sftp.EmbeddedSftpServer;
import io.logmirror.testkit.sftp.EmbeddedSftpServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static io.logmirror.sync.ssh.SshRemoteSourceTest.byPath;
import static io.logmirror.sync.ssh.SshRemoteSourceTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SshRemoteSource} against the testkit's embedded SFTP server: an account with SFTP and no shell. */
@ExtendWith(EmbeddedSftpServerExtension.class)
class SshRemoteSourceWithEmbeddedServerTest {

    @Test
    void fallsBackToAnSftpWalkWhenTheServerRunsNoCommandsAndReadsTheFiles(EmbeddedSftpServer server) throws IOException {
        write(server, "orchestrator_job-7.out", "step 1\n");
        write(server, "job-7/vllm_0.log", "ready\n");

        try (SshRemoteSource source = SshRemoteSource.create(settings(server).build())) {
            RemoteListing listing = source.list();

            Map<String, RemoteFile> files = byPath(listing);
            assertThat(files).containsOnlyKeys("orchestrator_job-7.out", "job-7/vllm_0.log");
            assertThat(files.get("job-7/vllm_0.log").size()).isEqualTo(6);
            assertThat(read(source, files.get("orchestrator_job-7.out"), 5, 100)).isEqualTo("1\n");
            assertThat(source.list().files()).hasSize(2);
        }
    }

    @Test
    void expandsATildeBasePathToTheHomeFolderTheServerReports(EmbeddedSftpServer server) throws IOException {
        write(server, "a.log", "a");
        try (SshRemoteSource source = SshRemoteSource.create(settings(server).remoteBasePath("~").build())) {
            assertThat(byPath(source.list())).containsOnlyKeys("a.log");
        }
    }

    @Test
    void reportsACutConnectionAndReconnectsOnTheNextCall(EmbeddedSftpServer server) throws IOException {
        byte[] content = new byte[16 << 20];
        new Random(7).nextBytes(content);
        Files.write(server.root().resolve("logs/large.log"), content);

        try (SshRemoteSource source = SshRemoteSource.create(settings(server).build())) {
            RemoteFile file = byPath(source.list()).get("large.log");
            InputStream in = source.open(file, 0, file.size());
            in.readNBytes(1 << 20);
            server.disconnectAll();

            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("large.log")
                    .hasMessageContaining(server.user() + "@127.0.0.1:" + server.port());
            in.close();
            try (InputStream again = source.open(file, 0, file.size())) {
                assertThat(again.readAllBytes()).isEqualTo(content);
            }
        }
    }

    @Test
    void readsSeveralFilesAtOnceOverSeveralChannels(EmbeddedSftpServer server) throws Exception {
        for (int i = 0; i < 8; i++) {
            write(server, "f" + i + ".log", ("file " + i + "\n").repeat(50_000));
        }
        try (SshRemoteSource source = SshRemoteSource.create(settings(server).channels(3).build())) {
            Map<String, RemoteFile> files = byPath(source.list());
            java.util.List<java.util.concurrent.Future<String>> reads = new java.util.ArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(source.preferredParallelism());
            try {
                for (int i = 0; i < 8; i++) {
                    RemoteFile file = files.get("f" + i + ".log");
                    reads.add(pool.submit(() -> read(source, file, 0, file.size())));
                }
                for (int i = 0; i < 8; i++) {
                    assertThat(reads.get(i).get()).isEqualTo(("file " + i + "\n").repeat(50_000));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(source.preferredParallelism()).isEqualTo(3);
        }
    }

    @Test
    void spreadsReadsOverSeveralConnectionsWhenAsked(EmbeddedSftpServer server) throws Exception {
        for (int i = 0; i < 4; i++) {
            write(server, "f" + i + ".log", ("file " + i + "\n").repeat(10_000));
        }
        try (SshRemoteSource source = SshRemoteSource.create(settings(server).connections(2).channels(4).build())) {
            Map<String, RemoteFile> files = byPath(source.list());
            java.util.List<InputStream> open = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RemoteFile file = files.get("f" + i + ".log");
                open.add(source.open(file, 0, file.size()));
            }

            assertThat(server.openConnections()).isEqualTo(2);
            for (int i = 0; i < 4; i++) {
                try (InputStream in = open.get(i)) {
                    assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                            .isEqualTo(("file " + i + "\n").repeat(10_000));
                }
            }
        }
    }

    @Test
    void refusesTheServerWhenItsKeyIsNotInKnownHosts(EmbeddedSftpServer server) throws IOException {
        Path empty = Files.createTempFile("known_hosts", "");
        try (SshRemoteSource source = SshRemoteSource.create(settings(server).knownHosts(empty).build())) {
            assertThatThrownBy(source::list)
                    .isInstanceOf(HostKeyRejectedException.class)
                    .hasMessageContaining(server.hostKeyFingerprint());
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void failsWithAClearMessageAfterClose(EmbeddedSftpServer server) throws IOException {
        SshRemoteSource source = SshRemoteSource.create(settings(server).build());
        source.close();

        assertThatThrownBy(source::list).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void mirrorsAFakeRemoteServedFromItsInMemoryFileSystem(@org.junit.jupiter.api.io.TempDir Path data) throws Exception {
        io.logmirror.fakecluster.FakeRemote fake = io.logmirror.fakecluster.FakeRemote.create();
        try (EmbeddedSftpServer server = EmbeddedSftpServer.builder(fake).start()) {
            fake.write("job-9/slurm-9.out", "SLURM_JOB_ID=9\n");
            fake.write("server.log", "x".repeat(10_000));
            fake.symlink("inside.log", "server.log");
            java.nio.file.Files.writeString(fake.root().getParent().resolve("secret.txt"), "secret");
            fake.symlink("escape.log", "../secret.txt");
            SshRemoteSource source = SshRemoteSource.create(settings(server).build());
            try (io.logmirror.core.LogMirror mirror = io.logmirror.core.LogMirror.open(
                    io.logmirror.core.LogMirrorConfig.builder(data, source).build())) {
                io.logmirror.core.SyncReport first = mirror.syncNow();
                assertThat(first.skipped()).extracting(io.logmirror.core.SkippedEntry::name).containsExactly("escape.log");
                assertThat(first.skipped().get(0).reason()).contains("outside");
                assertThat(first.filesAdded()).isEqualTo(3);
                assertThat(data.resolve("logs/job-9/slurm-9.out")).hasContent("SLURM_JOB_ID=9\n");
                assertThat(data.resolve("logs/inside.log")).hasContent("x".repeat(10_000));

                fake.append("server.log", "y".repeat(100));
                io.logmirror.core.SyncReport grown = mirror.syncNow();

                assertThat(grown.filesGrown()).isEqualTo(2);
                assertThat(grown.bytesFetched()).isEqualTo(2 * (io.logmirror.core.LogMirrorConfig.DEFAULT_GROWTH_CHECK_WINDOW + 100));
                assertThat(mirror.syncNow().bytesFetched()).isZero();
            }
        } finally {
            fake.destroy();
        }
    }

    static SshSettings.Builder settings(EmbeddedSftpServer server) {
        return SshSettings.builder(server.host(), server.user())
                .port(server.port())
                .identityFile(server.privateKey())
                .knownHosts(server.knownHosts())
                .remoteBasePath(server.remoteBasePath());
    }

    private static void write(EmbeddedSftpServer server, String relative, String content) throws IOException {
        Path file = server.root().resolve("logs").resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
