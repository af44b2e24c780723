package io.logmirror.search.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time (SWAR: a long read from the array, a zero-byte test on the XOR with the wanted
 * byte repeated), the kernels of the scan: finding a byte, a byte in either ASCII case, and counting newlines.
 */
final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long CASE_BITS = 0x2020202020202020L;
    private static final long NEWLINES = ONES * '\n';

    private ByteScan() {
    }

    /** A mask with the high bit set in each byte of {@code x} that is zero (exact for the lowest such byte). */
    private static long zeros(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    /**
     * The first index in {@code [from, to)} of {@code value}, or -1; with {@code foldCase} (for an ASCII letter given
     * in lower case) also of its upper case.
     */
    static int indexOf(byte[] b, int from, int to, byte value, boolean foldCase) {
        long pattern = ONES * (value & 0xff);
        long fold = foldCase ? CASE_BITS : 0;
        int i = from;
        for (int last = to - 8; i <= last; i += 8) {
            long found = zeros(((long) LONGS.get(b, i) | fold) ^ pattern);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if ((b[i] | (int) (fold & 0xff)) == value) {
                return i;
            }
        }
        return -1;
    }

    /** The last index of a newline in {@code [from, to)}, or -1. */
    static int lastNewline(byte[] b, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** How many newlines {@code [from, to)} holds. */
    static long countNewlines(byte[] b, int from, int to) {
        long count = 0;
        int i = from;
        for (int last = to - 8; i <= last; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            // exact per byte: the high bit of ((x & 0x7f..) + 0x7f..) | x is clear only for a zero byte
            long t = ((x & 0x7f7f7f7f7f7f7f7fL) + 0x7f7f7f7f7f7f7f7fL) | x;
            count += Long.bitCount(~t & HIGHS);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
