package io.logmirror.sync.ssh.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FindOutputTest {

    @Test
    void parsesTypePathSizeAndNanosecondTimes() throws IOException {
        byte[] output = output("f", "a b.log", "12", "1700000000.1234567890", "l", "x\nnew", "3", "1.0000000000");

        List<RawEntry> entries = FindOutput.parse(output);

        assertThat(entries).containsExactly(
                new RawEntry("a b.log", 'f', 12, Instant.ofEpochSecond(1_700_000_000L, 123_456_789)),
                new RawEntry("x\nnew", 'l', 3, Instant.ofEpochSecond(1)));
    }

    @Test
    void parsesTimesBeforeTheEpoch() {
        assertThat(FindOutput.parseTime("-1.5000000000")).isEqualTo(Instant.ofEpochSecond(-2, 500_000_000));
    }

    @Test
    void keepsRawBytesOfNamesAsCarriers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((FindOutput.MARKER + "\0f\0").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[]{'r', (byte) 0xff});
        out.writeBytes("\0001\0002.0\0".getBytes(StandardCharsets.US_ASCII));

        assertThat(FindOutput.parse(out.toByteArray()).get(0).carrier()).isEqualTo("r\u00ff");
    }

    @Test
    void refusesTruncatedOrForeignOutput() {
        assertThatThrownBy(() -> FindOutput.parse("This account is currently not available.\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("marker");
        byte[] truncated = output("f", "a.log", "1");
        assertThatThrownBy(() -> FindOutput.parse(truncated))
                .isInstanceOf(IOException.class).hasMessageContaining("middle of an entry");
        assertThatThrownBy(() -> FindOutput.parse(output("f", "a.log", "x", "1.0")))
                .isInstanceOf(IOException.class).hasMessageContaining("malformed");
    }

    @Test
    void theCommandRunsUnderShAndFindsEveryFileOfAFolderWhateverItsName() throws Exception {
        Path folder = Files.createTempDirectory("it's a \"folder\" $(x) `y`");
        try {
            Files.writeString(folder.resolve("-n 'quoted'.log"), "abc");
            Process process = new ProcessBuilder("sh", "-c", FindOutput.command(RemoteNames.carrierOf(folder.toString())))
                    .redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor()).isZero();

            assertThat(FindOutput.parse(output)).singleElement()
                    .satisfies(e -> assertThat(e.carrier()).isEqualTo("-n 'quoted'.log"))
                    .satisfies(e -> assertThat(e.size()).isEqualTo(3));
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

    @Test
    void quotesEveryByteForTheShell() {
        assertThat(ShellQuote.quote("a'b")).isEqualTo("'a'\\''b'");
        assertThat(ShellQuote.quote("$(rm -rf ~)")).isEqualTo("'$(rm -rf ~)'");
    }

    private static byte[] output(String... fields) {
        StringBuilder text = new StringBuilder(FindOutput.MARKER).append('\0');
        for (String field : fields) {
            text.append(field).append('\0');
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
