package io.logmirror.search.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ByteScanTest {

    private static int naiveIndexOf(byte[] b, int from, int to, byte value, boolean fold) {
        for (int i = from; i < to; i++) {
            if (b[i] == value || (fold && (b[i] | 0x20) == value)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void findsTheSameBytesAsALoopAtEveryAlignmentAndRange() {
        Random random = new Random(3);
        byte[] b = new byte[300];
        for (int round = 0; round < 2000; round++) {
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextInt(10) == 0 ? 'q' - (random.nextBoolean() ? 32 : 0) : random.nextInt(256));
            }
            int from = random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            boolean fold = random.nextBoolean();
            assertThat(ByteScan.indexOf(b, from, to, (byte) 'q', fold)).isEqualTo(naiveIndexOf(b, from, to, (byte) 'q', fold));
        }
    }

    @Test
    void countsNewlinesExactlyIncludingNeighbouringOnesAndHighBytes() {
        Random random = new Random(5);
        byte[] b = new byte[1000];
        for (int round = 0; round < 500; round++) {
            for (int i = 0; i < b.length; i++) {
                int r = random.nextInt(4);
                b[i] = (byte) (r == 0 ? '\n' : r == 1 ? 0x8a : r == 2 ? 0x0b : random.nextInt(256));
            }
            int from = random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            long expected = 0;
            for (int i = from; i < to; i++) {
                expected += b[i] == '\n' ? 1 : 0;
            }
            assertThat(ByteScan.countNewlines(b, from, to)).isEqualTo(expected);
        }
    }

    @Test
    void findsTheLastNewlineOfARange() {
        byte[] b = "a\nb\nc".getBytes(StandardCharsets.US_ASCII);

        assertThat(ByteScan.lastNewline(b, 0, b.length)).isEqualTo(3);
        assertThat(ByteScan.lastNewline(b, 0, 3)).isEqualTo(1);
        assertThat(ByteScan.lastNewline(b, 2, 3)).isEqualTo(-1);
    }
}
