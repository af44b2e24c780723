package io.logmirror.retention;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Contents a round trip must survive unchanged; shared by the format's tests. */
public final class Shapes {

    private Shapes() {
    }

    /** Small frames (the minimum, 4 KiB) so that modest contents span many frames. */
    public static final CompressionOptions SMALL_FRAMES = CompressionOptions.defaults().withFrameSize(4096);

    public static Map<String, byte[]> all() {
        Map<String, byte[]> shapes = new LinkedHashMap<>();
        shapes.put("empty", new byte[0]);
        shapes.put("one byte", new byte[] {'x'});
        shapes.put("one newline", new byte[] {'\n'});
        shapes.put("no final newline", ascii("first line\nsecond line\nno newline at the end"));
        shapes.put("lone carriage return", ascii("\r"));
        shapes.put("carriage returns and crlf", ascii("progress 10%\rprogress 20%\r\nnext\r\n\r\n"));
        shapes.put("not utf-8", new byte[] {(byte) 0xff, (byte) 0xfe, '\n', (byte) 0x80, (byte) 0xc3, '\n',
                (byte) 0xed, (byte) 0xa0, (byte) 0x80, 0});
        shapes.put("exactly one frame", logLines(4096, 1));
        shapes.put("many frames", logLines(200_000, 2));
        shapes.put("random binary", random(50_000, 3));
        shapes.put("one long line over many frames", repeated((byte) 'a', 30_000));
        shapes.put("only newlines", repeated((byte) '\n', 10_000));
        return shapes;
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** About {@code size} bytes of log-like lines of varying length (cut to exactly {@code size}). */
    public static byte[] logLines(int size, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(size + 200);
        long line = 0;
        String[] levels = {"INFO", "DEBUG", "WARN", "ERROR"};
        while (text.length() < size) {
            text.append("2026-01-05T08:").append(two(line / 60 % 60)).append(':').append(two(line % 60)).append('.')
                    .append(random.nextInt(900) + 100)
                    .append(' ').append(levels[random.nextInt(levels.length)])
                    .append(" worker-").append(random.nextInt(8)).append(" step ").append(line)
                    .append(" loss=").append(random.nextInt(100_000) / 1000.0);
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(" tok").append(random.nextInt(500));
            }
            text.append('\n');
            line++;
        }
        return ascii(text.substring(0, size));
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }

    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    public static byte[] repeated(byte value, int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, value);
        return bytes;
    }
}
