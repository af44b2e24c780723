package io.logmirror.sync.ssh.internal;

import io.logmirror.sync.ssh.TransferCompression;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteToolsTest {

    @Test
    void readsWhatTheProbeFound() {
        assertThat(RemoteTools.parse(RemoteTools.MARKER + "\nzstd\ngzip\nbatch\n")).isEqualTo(new RemoteTools(true, true, true));
        assertThat(RemoteTools.parse(RemoteTools.MARKER + "\ngzip\n")).isEqualTo(new RemoteTools(false, false, true));
    }

    @Test
    void anAnswerWithoutTheMarkerMeansNoShell() {
        assertThat(RemoteTools.parse("This account is currently not available.\n")).isEqualTo(RemoteTools.NONE);
        assertThat(RemoteTools.parse("")).isEqualTo(RemoteTools.NONE);
    }

    @Test
    void autoPrefersZstdThenGzipThenNothing() {
        assertThat(new RemoteTools(true, true, true).codec(TransferCompression.AUTO)).isEqualTo(TransferCompression.ZSTD);
        assertThat(new RemoteTools(true, false, true).codec(TransferCompression.AUTO)).isEqualTo(TransferCompression.GZIP);
        assertThat(new RemoteTools(true, false, false).codec(TransferCompression.AUTO)).isEqualTo(TransferCompression.NONE);
    }

    @Test
    void aCodecNamedButMissingIsReplacedByWhatAutoFinds() {
        assertThat(new RemoteTools(true, false, true).codec(TransferCompression.ZSTD)).isEqualTo(TransferCompression.GZIP);
        assertThat(new RemoteTools(true, true, true).codec(TransferCompression.GZIP)).isEqualTo(TransferCompression.GZIP);
        assertThat(new RemoteTools(true, true, true).codec(TransferCompression.NONE)).isEqualTo(TransferCompression.NONE);
    }

    @Test
    void theProbeCommandNamesNoFile() {
        assertThat(RemoteTools.command()).startsWith("sh -c '").doesNotContain("logs");
    }
}
