package io.logmirror.sync.ssh;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SshSettingsTest {

    @Test
    void hasTheStatedDefaults() {
        SshSettings settings = SshSettings.builder("login.lxp.lu", "u1").build();

        assertThat(settings.port()).isEqualTo(22);
        assertThat(settings.remoteBasePath()).isEqualTo("~/ai-factory-benchmarks");
        assertThat(settings.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(settings.identityFiles()).isEmpty();
        assertThat(settings.passphrase()).isEmpty();
        assertThat(settings.channels()).isEqualTo(4);
        assertThat(settings.connections()).isEqualTo(1);
        assertThat(settings.listingMode()).isEqualTo(SshSettings.ListingMode.AUTO);
        assertThat(settings.agentSocket().map(Path::toString))
                .isEqualTo(java.util.Optional.ofNullable(System.getenv("SSH_AUTH_SOCK")).filter(s -> !s.isBlank()));
        assertThat(settings.toString()).isEqualTo("ssh://u1@login.lxp.lu:22/~/ai-factory-benchmarks/logs");
    }

    @Test
    void theAgentCanBeNamedOrTurnedOff() {
        Path socket = Path.of("/run/user/1000/agent.sock");

        assertThat(SshSettings.builder("h", "u").agentSocket(socket).build().agentSocket()).contains(socket);
        assertThat(SshSettings.builder("h", "u").agentSocket(socket).withoutAgent().build().agentSocket()).isEmpty();
        assertThatThrownBy(() -> SshSettings.builder("h", "u").agentSocket(null)).hasMessageContaining("agentSocket");
    }

    @Test
    void namesTheFieldAndValueOfEveryBadSetting() {
        SshSettings.Builder builder = SshSettings.builder("h", "u");
        assertThatThrownBy(() -> builder.port(0)).hasMessageContaining("port").hasMessageContaining("0");
        assertThatThrownBy(() -> builder.channels(17)).hasMessageContaining("channels").hasMessageContaining("17");
        assertThatThrownBy(() -> builder.connections(5)).hasMessageContaining("connections").hasMessageContaining("5");
        assertThatThrownBy(() -> builder.readTimeout(Duration.ofNanos(999_999)))
                .as("below a millisecond sshj would wait forever").hasMessageContaining("readTimeout")
                .hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> SshSettings.builder("h", "u").channels(1).connections(2).build())
                .hasMessageContaining("connections (2)").hasMessageContaining("channels (1)");
        assertThatThrownBy(() -> builder.readTimeout(Duration.ZERO)).hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> builder.remoteBasePath("a\nb")).hasMessageContaining("remote base path");
        assertThatThrownBy(() -> builder.remoteBasePath("~other/logs")).hasMessageContaining("~other/logs")
                .hasMessageContaining("~/");
        assertThatThrownBy(() -> SshSettings.builder("bad host", "u")).hasMessageContaining("bad host");
        assertThatThrownBy(() -> SshSettings.builder("h", "a@b")).hasMessageContaining("a@b");
    }

    @Test
    void neverShowsThePassphrase() {
        SshSettings settings = SshSettings.builder("h", "u").passphrase("s3cret".toCharArray()).build();

        assertThat(settings.toString()).doesNotContain("s3cret");
        assertThat(settings.passphrase()).hasValueSatisfying(p -> assertThat(new String(p)).isEqualTo("s3cret"));
    }

    @Test
    void readsHostKeyPolicyValuesAsOpenSshWritesThem() {
        assertThat(HostKeyPolicy.parse("yes")).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(HostKeyPolicy.parse(" Accept-New ")).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThatThrownBy(() -> HostKeyPolicy.parse("no")).hasMessageContaining("'no'").hasMessageContaining("accept-new");
    }

    @Test
    void transferCompressionDefaultsToAutoAndParsesTheSettingsValues() {
        assertThat(SshSettings.builder("h", "u").build().transferCompression()).isEqualTo(TransferCompression.AUTO);
        assertThat(TransferCompression.parse("ZSTD")).isEqualTo(TransferCompression.ZSTD);
        assertThat(TransferCompression.parse(" gzip ")).isEqualTo(TransferCompression.GZIP);
        assertThat(TransferCompression.parse("none")).isEqualTo(TransferCompression.NONE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransferCompression.parse("lz4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SSH_TRANSFER_COMPRESSION").hasMessageContaining("'lz4'");
    }
}
