package io.logmirror.categorizer.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the first bytes of a log file leniently for content matchers: as UTF-8 when they are
 * valid UTF-8 (a multi-byte character cut at the end is dropped), else as ISO-8859-1, which maps
 * every byte to a character, so binary or Latin-1 logs can still be matched.
 */
final class HeadText {

    private HeadText() {
    }

    /** At most {@code limit} leading bytes of {@code head}, as text. */
    static String decode(byte[] head, int limit) {
        int length = Math.min(head.length, limit);
        if (length == 0) {
            return "";
        }
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = head[i] >= 0;
        }
        if (ascii) {
            return new String(head, 0, length, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(head, 0, length);
        CharBuffer out = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(in, out, false);
        // UNDERFLOW with bytes left = a character cut by the limit: drop it. An error = not UTF-8.
        if (result.isError() || (in.remaining() > 3)) {
            return new String(head, 0, length, StandardCharsets.ISO_8859_1);
        }
        out.flip();
        return out.toString();
    }
}
