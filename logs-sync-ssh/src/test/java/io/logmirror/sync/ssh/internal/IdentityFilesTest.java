package io.logmirror.sync.ssh.internal;

import io.logmirror.sync.ssh.OpenSshServer;
import io.logmirror.sync.ssh.SshRemoteSource;
import io.logmirror.sync.ssh.SshSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Logging in with identity files of every supported kind, against a real OpenSSH server. */
class IdentityFilesTest {

    private static OpenSshServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = OpenSshServer.start();
        Files.createDirectories(server.dir().resolve("base/logs"));
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void logsInWithOpenSshEd25519EcdsaAndRsaKeysAndPemKeys() throws Exception {
        Path ecdsa = server.newUserKey("id_ecdsa", "ecdsa", "", true);
        Path rsa = server.newUserKey("id_rsa", "rsa", "", true, "-b", "3072");
        Path pemRsa = server.newUserKey("id_rsa_pem", "rsa", "", true, "-m", "PEM", "-b", "2048");
        Path pemEcdsa = server.newUserKey("id_ecdsa_pem", "ecdsa", "", true, "-m", "PEM");

        for (Path key : new Path[]{server.privateKey(), ecdsa, rsa, pemRsa, pemEcdsa}) {
            assertThatCode(() -> connect(settings(key))).as("key %s", key.getFileName()).doesNotThrowAnyException();
        }
    }

    @Test
    void logsInWithAnEncryptedKeyAndTheRightPassphrase() throws Exception {
        Path openssh = server.newUserKey("id_ed25519_enc", "ed25519", "correct horse", true);
        Path pem = server.newUserKey("id_rsa_pem_enc", "rsa", "correct horse", true, "-m", "PEM", "-b", "2048");

        for (Path key : new Path[]{openssh, pem}) {
            assertThatCode(() -> connect(settings(key).passphrase("correct horse".toCharArray())))
                    .as("key %s", key.getFileName()).doesNotThrowAnyException();
        }
    }

    @Test
    void saysTheKeyCannotBeDecryptedWhenThePassphraseIsWrongOrMissing() throws Exception {
        Path key = server.newUserKey("id_wrong_pass", "ed25519", "correct horse", true);

        assertThatThrownBy(() -> connect(settings(key).passphrase("wrong".toCharArray())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(server.user() + "@127.0.0.1:" + server.port())
                .hasMessageContaining("identity file " + key + " cannot be loaded")
                .hasMessageContaining("SSH_KEY_PASSPHRASE");
        assertThatThrownBy(() -> connect(settings(key)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("identity file " + key + " cannot be loaded")
                .hasMessageContaining("if it is encrypted");
    }

    @Test
    void saysTheServerRefusedAKeyItDoesNotKnow() throws Exception {
        Path stranger = server.newUserKey("id_stranger", "ed25519", "", false);

        assertThatThrownBy(() -> connect(settings(stranger)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(server.user() + "@127.0.0.1:" + server.port())
                .hasMessageContaining("refused public-key login as '" + server.user() + "'")
                .hasMessageContaining(stranger.toString())
                .hasMessageContaining("authorized_keys");
    }

    @Test
    void namesAMissingIdentityFile() {
        Path missing = server.dir().resolve("no-such-key");

        assertThatThrownBy(() -> connect(settings(missing)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("identity file " + missing + " does not exist or cannot be read");
    }

    private static SshSettings.Builder settings(Path key) throws IOException {
        return SshSettings.builder(server.host(), server.user())
                .port(server.port())
                .identityFile(key)
                .knownHosts(server.knownHosts())
                .remoteBasePath(server.dir().resolve("base").toString());
    }

    private static void connect(SshSettings.Builder settings) throws IOException {
        try (SshRemoteSource source = SshRemoteSource.create(settings.build())) {
            source.connect();
        }
    }
}
