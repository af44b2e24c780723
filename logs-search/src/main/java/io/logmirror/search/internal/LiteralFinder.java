package io.logmirror.search.internal;

import java.util.Arrays;

/**
 * Finds a byte string, exactly or with ASCII letters in either case: an eight-bytes-at-a-time scan for the needle's
 * rarest byte (by how often it appears in log text), then a comparison of the whole needle around each hit.
 * Immutable and thread-safe.
 */
final class LiteralFinder {

    /**
     * Bytes from the most to the least frequent in log text (timestamps, levels, key=value pairs; a guess); every
     * byte not listed counts as rarer still. Upper-case letters other than those of timestamps and levels come last.
     */
    private static final String FREQUENT = " 0123456789:-.etaoinsrlhdcu_=/TZINFO,mpfgybwvk\"[]()ERWAGDBUCLSPMH";
    private static final int[] RANK = new int[256];

    static {
        Arrays.fill(RANK, FREQUENT.length());
        for (int i = FREQUENT.length() - 1; i >= 0; i--) {
            RANK[FREQUENT.charAt(i)] = i;
        }
    }

    private final byte[] needle;
    private final byte[] foldMask;
    private final boolean foldCase;
    private final int rare;
    private final boolean foldRare;

    /**
     * @param needle   the bytes to find (at least one)
     * @param foldCase whether ASCII letters match in either case
     */
    LiteralFinder(byte[] needle, boolean foldCase) {
        if (needle.length == 0) {
            throw new IllegalArgumentException("a literal to find needs at least one byte");
        }
        this.needle = needle.clone();
        this.foldCase = foldCase;
        this.foldMask = new byte[needle.length];
        int best = 0;
        for (int i = 0; i < needle.length; i++) {
            byte c = needle[i];
            if (foldCase && isLetter(c)) {
                this.needle[i] = (byte) (c | 0x20);
                foldMask[i] = 0x20;
            }
            if (rank(this.needle[i]) > rank(this.needle[best])) {
                best = i;
            }
        }
        this.rare = best;
        this.foldRare = foldMask[best] != 0;
    }

    private int rank(byte c) {
        int r = RANK[c & 0xff];
        return foldCase && isLetter(c) ? Math.min(r, RANK[c | 0x20]) : r;
    }

    private static boolean isLetter(byte c) {
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'z';
    }

    int length() {
        return needle.length;
    }

    /** The first index in {@code [from, to)} where the whole needle starts and ends before {@code to}, or -1. */
    int find(byte[] b, int from, int to) {
        int n = needle.length;
        int searchTo = to - (n - 1 - rare);
        int i = from + rare;
        byte wanted = needle[rare];
        while (i < searchTo) {
            int hit = ByteScan.indexOf(b, i, searchTo, wanted, foldRare);
            if (hit < 0) {
                return -1;
            }
            int start = hit - rare;
            if (matchesAt(b, start)) {
                return start;
            }
            i = hit + 1;
        }
        return -1;
    }

    private boolean matchesAt(byte[] b, int start) {
        if (!foldCase) {
            return Arrays.equals(b, start, start + needle.length, needle, 0, needle.length);
        }
        for (int j = 0; j < needle.length; j++) {
            if ((b[start + j] | foldMask[j]) != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
