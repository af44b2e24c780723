package io.logmirror.sync.ssh.internal;

import io.logmirror.sync.ssh.HostKeyPolicy;
import io.logmirror.sync.ssh.HostKeyRejectedException;
import io.logmirror.sync.ssh.OpenSshServer;
import io.logmirror.sync.ssh.OpenSshServerExtension;
import io.logmirror.sync.ssh.SshRemoteSource;
import io.logmirror.sync.ssh.SshSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Host key checking against a real OpenSSH server, under both policies. */
class KnownHostsVerifierTest {

    @RegisterExtension
    static final OpenSshServerExtension sshd = new OpenSshServerExtension();

    @TempDir
    Path temp;

    @BeforeAll
    static void createRemoteFolder() throws IOException {
        Files.createDirectories(sshd.server().dir().resolve("base/logs"));
    }

    @Test
    void strictPolicyRefusesAnUnknownHostAndNamesItsSha256Fingerprint() throws Exception {
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"), "other.example ssh-ed25519 "
                + "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");

        assertThatThrownBy(() -> connect(knownHosts, HostKeyPolicy.STRICT))
                .isInstanceOf(HostKeyRejectedException.class)
                .hasMessageContaining("[127.0.0.1]:" + sshd.server().port())
                .hasMessageContaining(sshd.server().user() + "@127.0.0.1:" + sshd.server().port())
                .hasMessageContaining("ssh-ed25519 key " + sshd.server().hostKeyFingerprint())
                .hasMessageContaining("is not in " + knownHosts)
                .hasMessageContaining("SSH_STRICT_HOST_KEY_CHECKING=accept-new");
    }

    @Test
    void strictPolicyRefusesWhenTheKnownHostsFileDoesNotExistAndDoesNotCreateIt() {
        Path knownHosts = temp.resolve("missing/known_hosts");

        assertThatThrownBy(() -> connect(knownHosts, HostKeyPolicy.STRICT))
                .isInstanceOf(HostKeyRejectedException.class)
                .hasMessageContaining("is not in");
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void acceptNewRecordsTheFirstKeyCreatingTheFileAndStrictAcceptsItAfterwards() throws Exception {
        Path knownHosts = temp.resolve("new/.ssh/known_hosts");

        assertThatCode(() -> connect(knownHosts, HostKeyPolicy.ACCEPT_NEW)).doesNotThrowAnyException();

        assertThat(Files.readString(knownHosts)).isEqualToIgnoringNewLines(sshd.server().knownHostsLine());
        assertThatCode(() -> connect(knownHosts, HostKeyPolicy.STRICT)).doesNotThrowAnyException();
        assertThatCode(() -> connect(knownHosts, HostKeyPolicy.ACCEPT_NEW)).doesNotThrowAnyException();
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void aChangedKeyIsRefusedUnderBothPoliciesNamingTheLine() throws Exception {
        Path other = sshd.server().newUserKey("other-host-key", "ed25519", "", false);
        String otherKey = Files.readString(other.resolveSibling("other-host-key.pub")).trim().split(" ")[1];
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"),
                "# comment\n[127.0.0.1]:" + sshd.server().port() + " ssh-ed25519 " + otherKey + "\n");

        for (HostKeyPolicy policy : HostKeyPolicy.values()) {
            assertThatThrownBy(() -> connect(knownHosts, policy))
                    .as("policy %s", policy)
                    .isInstanceOf(HostKeyRejectedException.class)
                    .hasMessageContaining("does not match " + knownHosts + " line 2")
                    .hasMessageContaining(sshd.server().hostKeyFingerprint())
                    .hasMessageContaining("ssh-keygen -R");
        }
        assertThat(Files.readAllLines(knownHosts)).hasSize(2);
    }

    @Test
    void acceptsAHashedKnownHostsEntry() throws Exception {
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"), sshd.server().knownHostsLine() + "\n");
        OpenSshServer.run(temp, "ssh-keygen", "-H", "-f", knownHosts.toString());
        assertThat(Files.readString(knownHosts)).startsWith("|1|").doesNotContain("127.0.0.1");

        assertThatCode(() -> connect(knownHosts, HostKeyPolicy.STRICT)).doesNotThrowAnyException();
    }

    @Test
    void formatsFingerprintsLikeOpenSsh() throws Exception {
        String blob = sshd.server().knownHostsLine().split(" ")[2];
        java.security.PublicKey key = new net.schmizz.sshj.common.Buffer.PlainBuffer(
                java.util.Base64.getDecoder().decode(blob)).readPublicKey();

        assertThat(KnownHostsVerifier.fingerprint(key)).isEqualTo(sshd.server().hostKeyFingerprint());
        assertThat(KnownHostsVerifier.describe(key)).isEqualTo("ssh-ed25519 key " + sshd.server().hostKeyFingerprint());
    }

    private static void connect(Path knownHosts, HostKeyPolicy policy) throws IOException {
        SshSettings settings = SshSettings.builder(sshd.server().host(), sshd.server().user())
                .port(sshd.server().port())
                .identityFile(sshd.server().privateKey())
                .knownHosts(knownHosts)
                .hostKeyPolicy(policy)
                .remoteBasePath(sshd.server().dir().resolve("base").toString())
                .build();
        try (SshRemoteSource source = SshRemoteSource.create(settings)) {
            source.connect();
        }
    }
}
