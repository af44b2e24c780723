package io.logmirror.sync.ssh.internal;

import io.logmirror.sync.ssh.OpenSshServerExtension;
import io.logmirror.sync.ssh.SshRemoteSource;
import io.logmirror.sync.ssh.SshSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Logging in with identity files of every supported kind, against a real OpenSSH sshd.server(). */
class IdentityFilesTest {

    @RegisterExtension
    static final OpenSshServerExtension sshd = new OpenSshServerExtension();

    @BeforeAll
    static void createRemoteFolder() throws IOException {
        Files.createDirectories(sshd.server().dir().resolve("base/logs"));
    }

    @Test
    void logsInWithOpenSshEd25519EcdsaAndRsaKeysAndPemKeys() throws Exception {
        Path ecdsa = sshd.server().newUserKey("id_ecdsa", "ecdsa", "", true);
        Path rsa = sshd.server().newUserKey("id_rsa", "rsa", "", true, "-b", "3072");
        Path pemRsa = sshd.server().newUserKey("id_rsa_pem", "rsa", "", true, "-m", "PEM", "-b", "2048");
        Path pemEcdsa = sshd.server().newUserKey("id_ecdsa_pem", "ecdsa", "", true, "-m", "PEM");

        for (Path key : new Path[]{sshd.server().privateKey(), ecdsa, rsa, pemRsa, pemEcdsa}) {
            assertThatCode(() -> connect(settings(key))).as("key %s", key.getFileName()).doesNotThrowAnyException();
        }
    }

    @Test
    void logsInWithAnEncryptedKeyAndTheRightPassphrase() throws Exception {
        Path openssh = sshd.server().newUserKey("id_ed25519_enc", "ed25519", "correct horse", true);
        Path pem = sshd.server().newUserKey("id_rsa_pem_enc", "rsa", "correct horse", true, "-m", "PEM", "-b", "2048");

        for (Path key : new Path[]{openssh, pem}) {
            assertThatCode(() -> connect(settings(key).passphrase("correct horse".toCharArray())))
                    .as("key %s", key.getFileName()).doesNotThrowAnyException();
        }
    }

    @Test
    void saysTheKeyCannotBeDecryptedWhenThePassphraseIsWrongOrMissing() throws Exception {
        Path key = sshd.server().newUserKey("id_wrong_pass", "ed25519", "correct horse", true);

        assertThatThrownBy(() -> connect(settings(key).passphrase("wrong".toCharArray())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(sshd.server().user() + "@127.0.0.1:" + sshd.server().port())
                .hasMessageContaining("identity file " + key + " cannot be loaded")
                .hasMessageContaining("SSH_KEY_PASSPHRASE");
        assertThatThrownBy(() -> connect(settings(key)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("identity file " + key + " cannot be loaded")
                .hasMessageContaining("if it is encrypted");
    }

    @Test
    void saysTheServerRefusedAKeyItDoesNotKnow() throws Exception {
        Path stranger = sshd.server().newUserKey("id_stranger", "ed25519", "", false);

        assertThatThrownBy(() -> connect(settings(stranger)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(sshd.server().user() + "@127.0.0.1:" + sshd.server().port())
                .hasMessageContaining("refused public-key login as '" + sshd.server().user() + "'")
                .hasMessageContaining(stranger.toString())
                .hasMessageContaining("authorized_keys");
    }

    @Test
    void namesAMissingIdentityFile() {
        Path missing = sshd.server().dir().resolve("no-such-key");

        assertThatThrownBy(() -> connect(settings(missing)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("identity file " + missing + " does not exist or cannot be read");
    }

    private static SshSettings.Builder settings(Path key) throws IOException {
        return SshSettings.builder(sshd.server().host(), sshd.server().user())
                .port(sshd.server().port())
                .identityFile(key)
                .knownHosts(sshd.server().knownHosts())
                .remoteBasePath(sshd.server().dir().resolve("base").toString());
    }

    private static void connect(SshSettings.Builder settings) throws IOException {
        try (SshRemoteSource source = SshRemoteSource.create(settings.build())) {
            source.connect();
        }
    }
}
