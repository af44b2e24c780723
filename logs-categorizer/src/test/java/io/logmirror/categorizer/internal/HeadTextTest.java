package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadTextTest {

    @Test
    void decodesAsciiAndUtf8() {
        assertThat(HeadText.decode("INFO vLLM API server".getBytes(StandardCharsets.UTF_8), 100)).isEqualTo("INFO vLLM API server");
        assertThat(HeadText.decode("début ✓".getBytes(StandardCharsets.UTF_8), 100)).isEqualTo("début ✓");
    }

    @Test
    void looksAtNoMoreThanTheLimit() {
        assertThat(HeadText.decode("abcdef".getBytes(StandardCharsets.UTF_8), 3)).isEqualTo("abc");
    }

    @Test
    void dropsACharacterCutByTheLimit() {
        byte[] bytes = "ab✓".getBytes(StandardCharsets.UTF_8);   // ✓ is 3 bytes

        assertThat(HeadText.decode(bytes, 3)).isEqualTo("ab");
        assertThat(HeadText.decode(bytes, 4)).isEqualTo("ab");
        assertThat(HeadText.decode(bytes, 5)).isEqualTo("ab✓");
    }

    @Test
    void fallsBackToLatin1ForBytesThatAreNotUtf8() {
        byte[] latin1 = "début".getBytes(StandardCharsets.ISO_8859_1);
        byte[] binary = {0x00, (byte) 0xff, (byte) 0xfe, 'v', 'L', 'L', 'M'};

        assertThat(HeadText.decode(latin1, 100)).isEqualTo("début");
        assertThat(HeadText.decode(binary, 100)).isEqualTo("\u0000\u00ff\u00fevLLM");
    }

    @Test
    void decodesNothingToAnEmptyText() {
        assertThat(HeadText.decode(new byte[0], 100)).isEmpty();
    }
}
