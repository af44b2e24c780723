package io.logmirror.testkit.sftp;

import io.logmirror.fakecluster.FakeRemote;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A copyable example: an SFTP client reads what the embedded server serves, trusting only its known_hosts file. */
@ExtendWith(EmbeddedSftpServerExtension.class)
class EmbeddedSftpServerTest {

    @Test
    void servesItsFolderOverSftpToAClientThatHasTheGeneratedKeyAndKnownHosts(EmbeddedSftpServer server) throws IOException {
        Files.writeString(server.root().resolve("logs/job-1.out"), "started\n");

        assertThat(server.port()).isPositive();
        assertThat(Files.readString(server.knownHosts())).startsWith("[127.0.0.1]:" + server.port() + " ssh-ed25519 ");
        try (SshClient client = client(server); ClientSession session = login(client, server);
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
             InputStream in = sftp.read("/logs/job-1.out")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("started\n");
        }
    }

    @Test
    void cutsOpenConnectionsWhenAsked(EmbeddedSftpServer server) throws IOException {
        try (SshClient client = client(server); ClientSession session = login(client, server)) {
            assertThat(server.openConnections()).isEqualTo(1);
            server.disconnectAll();
            session.waitFor(java.util.EnumSet.of(ClientSession.ClientSessionEvent.CLOSED), Duration.ofSeconds(10));
            assertThat(session.isOpen()).isFalse();
        }
    }

    @Test
    void refusesToServeAFolderThatDoesNotExist(@TempDir Path temp) {
        assertThatThrownBy(() -> EmbeddedSftpServer.start(temp.resolve("missing")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("missing")
                .hasMessageContaining("create it first");
    }

    @Test
    void encryptsTheUserKeyWhenAPassphraseIsSet(@TempDir Path temp) throws IOException {
        try (EmbeddedSftpServer server = EmbeddedSftpServer.builder(temp).passphrase("s3cret").start()) {
            assertThat(Files.readString(server.privateKey())).contains("BEGIN OPENSSH PRIVATE KEY");
            assertThat(server.hostKeyFingerprint()).startsWith("SHA256:");
        }
    }

    @Test
    void servesAFakeRemoteFromItsInMemoryFileSystemUnderTheFakesOwnPath() throws IOException {
        io.logmirror.fakecluster.FakeRemote remote = io.logmirror.fakecluster.FakeRemote.create();
        remote.write("job-1/slurm-1.out", "SLURM_JOB_ID=1\n");
        try (EmbeddedSftpServer server = EmbeddedSftpServer.builder(remote).start();
             SshClient client = client(server); ClientSession session = login(client, server);
             SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
             InputStream in = sftp.read(server.remoteBasePath() + "/logs/job-1/slurm-1.out")) {
            assertThat(server.remoteBasePath()).isEqualTo("/home/user/ai-factory-benchmarks");
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("SLURM_JOB_ID=1\n");
        } finally {
            remote.destroy();
        }
    }

    @Test
    void refusesAFakeRemoteWhoseFolderIsNotNamedLogs() {
        io.logmirror.fakecluster.FakeRemote remote = io.logmirror.fakecluster.FakeRemote.builder().folder("/srv/cluster/output").build();
        try {
            assertThatThrownBy(() -> EmbeddedSftpServer.builder(remote))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("/srv/cluster/output")
                    .hasMessageContaining("'logs'");
        } finally {
            remote.destroy();
        }
    }

    private static SshClient client(EmbeddedSftpServer server) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, server.knownHosts()));
        client.setKeyIdentityProvider(new FileKeyPairProvider(server.privateKey()));
        client.start();
        return client;
    }

    private static ClientSession login(SshClient client, EmbeddedSftpServer server) throws IOException {
        ClientSession session = client.connect(server.user(), server.host(), server.port())
                .verify(Duration.ofSeconds(10)).getSession();
        session.auth().verify(Duration.ofSeconds(10));
        return session;
    }
}
