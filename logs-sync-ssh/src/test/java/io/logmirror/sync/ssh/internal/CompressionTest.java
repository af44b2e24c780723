package io.logmirror.sync.ssh.internal;

import io.logmirror.core.RemoteFile;
import io.logmirror.sync.ssh.OpenSshServerExtension;
import io.logmirror.sync.ssh.SshRemoteSource;
import io.logmirror.sync.ssh.SshSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** zlib compression of the connection ({@code SshSettings.compression}), against Debian's OpenSSH server. */
class CompressionTest {

    @RegisterExtension
    static final OpenSshServerExtension sshd = new OpenSshServerExtension();

    private static Path base;
    private static byte[] log;
    private static byte[] noise;

    @BeforeAll
    static void writeFiles() throws IOException {
        base = sshd.server().dir().resolve("compression-base");
        Files.createDirectories(base.resolve("logs"));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; lines.length() < 3_000_000; i++) {
            lines.append("2026-11-26 10:00:").append(i % 60).append(" INFO step ").append(i).append(" loss=0.731\n");
        }
        log = lines.toString().getBytes(StandardCharsets.US_ASCII);
        noise = new byte[1_000_003];
        new Random(7).nextBytes(noise);
        Files.write(base.resolve("logs/train.log"), log);
        Files.write(base.resolve("logs/weights.bin"), noise);
    }

    @Test
    void isNegotiatedWhenAskedForAndEveryByteArrivesAsItIs() throws Exception {
        SshSettings settings = sshd.server().settings(base).compression(true).build();

        try (SshConnection connection = SshConnection.open(settings)) {
            assertThat(connection.algorithms()).contains("compression zlib@openssh.com");
        }
        try (SshRemoteSource source = SshRemoteSource.create(settings)) {
            for (RemoteFile file : source.list().files()) {
                byte[] expected = file.path().toString().equals("train.log") ? log : noise;
                try (InputStream in = source.open(file, 0, file.size())) {
                    assertThat(in.readAllBytes()).as(file.path().toString()).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void isOffByDefault() throws Exception {
        try (SshConnection connection = SshConnection.open(sshd.server().settings(base).build())) {
            assertThat(connection.algorithms()).contains("compression none").contains("cipher aes128-gcm@openssh.com");
        }
    }
}
