package io.logmirror.sync.ssh.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Remote names as raw bytes. The SSH client runs with ISO-8859-1 as its remote charset, so every {@code String} that
 * crosses the wire (SFTP paths, exec commands, names read back) is a <em>carrier</em>: one char per byte, exactly the
 * bytes the remote file system holds. This class converts carriers to local names and back.
 */
public final class RemoteNames {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RemoteNames() {
    }

    /** The carrier of {@code text}'s UTF-8 bytes (what to send for a name we know as text). */
    public static String carrierOf(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** The raw bytes a carrier stands for. */
    public static byte[] bytesOf(String carrier) {
        return carrier.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Whether the carrier's bytes are valid UTF-8. */
    public static boolean isUtf8(String carrier) {
        return strictUtf8(bytesOf(carrier)) != null;
    }

    /**
     * The local name of a carrier: its UTF-8 text when the bytes are valid UTF-8; otherwise the valid parts decoded
     * and every byte that is not part of a valid sequence written as {@code %XX} (upper-case hex).
     */
    public static String localName(String carrier) {
        byte[] bytes = bytesOf(carrier);
        String strict = strictUtf8(bytes);
        if (strict != null) {
            return strict;
        }
        StringBuilder out = new StringBuilder(bytes.length + 8);
        int i = 0;
        while (i < bytes.length) {
            int length = validSequenceLength(bytes, i);
            if (length > 0) {
                out.append(new String(bytes, i, length, StandardCharsets.UTF_8));
                i += length;
            } else {
                int b = bytes[i] & 0xff;
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
                i++;
            }
        }
        return out.toString();
    }

    private static String strictUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Length of the well-formed UTF-8 sequence starting at {@code i} (RFC 3629 rules), or 0 when there is none. */
    static int validSequenceLength(byte[] b, int i) {
        int b0 = b[i] & 0xff;
        if (b0 < 0x80) {
            return 1;
        }
        int length;
        int min2 = 0x80;
        int max2 = 0xbf;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            length = 2;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            length = 3;
            if (b0 == 0xe0) {
                min2 = 0xa0;
            } else if (b0 == 0xed) {
                max2 = 0x9f; // no surrogates
            }
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            length = 4;
            if (b0 == 0xf0) {
                min2 = 0x90;
            } else if (b0 == 0xf4) {
                max2 = 0x8f;
            }
        } else {
            return 0;
        }
        if (i + length > b.length) {
            return 0;
        }
        int b1 = b[i + 1] & 0xff;
        if (b1 < min2 || b1 > max2) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int bk = b[i + k] & 0xff;
            if (bk < 0x80 || bk > 0xbf) {
                return 0;
            }
        }
        return length;
    }
}
