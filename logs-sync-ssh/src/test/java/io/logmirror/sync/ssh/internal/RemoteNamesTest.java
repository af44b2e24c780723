package io.logmirror.sync.ssh.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RemoteNamesTest {

    private static String carrier(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    @Test
    void keepsValidUtf8NamesAsTheyAre() {
        String carrier = RemoteNames.carrierOf("ünïcödé/日本.log");

        assertThat(RemoteNames.isUtf8(carrier)).isTrue();
        assertThat(RemoteNames.localName(carrier)).isEqualTo("ünïcödé/日本.log");
    }

    @Test
    void escapesEveryByteThatIsNotPartOfAValidSequence() {
        assertThat(RemoteNames.localName(carrier('a', 0xff, 'b'))).isEqualTo("a%FFb");
        assertThat(RemoteNames.localName(carrier('c', 'a', 'f', 0xe9))).isEqualTo("caf%E9");
        assertThat(RemoteNames.localName(carrier(0xc3, 0xa9, 0xff))).isEqualTo("é%FF");
        assertThat(RemoteNames.localName(carrier(0xe2, 0x82, 'x'))).isEqualTo("%E2%82x");
        assertThat(RemoteNames.isUtf8(carrier('a', 0xff))).isFalse();
    }

    @Test
    void rejectsOverlongEncodingsAndSurrogatesAsUtf8() {
        assertThat(RemoteNames.localName(carrier(0xc0, 0xaf))).isEqualTo("%C0%AF");
        assertThat(RemoteNames.localName(carrier(0xed, 0xa0, 0x80))).isEqualTo("%ED%A0%80");
        assertThat(RemoteNames.localName(carrier(0xf4, 0x90, 0x80, 0x80))).isEqualTo("%F4%90%80%80");
    }

    @Test
    void roundTripsRawBytesThroughTheCarrier() {
        byte[] raw = {'x', (byte) 0x80, (byte) 0xfe, 0x27, '\\'};

        assertThat(RemoteNames.bytesOf(new String(raw, StandardCharsets.ISO_8859_1))).isEqualTo(raw);
    }
}
