package io.logmirror.search.internal;

import com.google.re2j.Pattern;


/**
 * Finds matching lines in a buffer of whole lines in two steps: {@link #candidate} jumps to the next place a match
 * may be (a literal's position, found without looking at lines), {@link #matches} confirms the line around it. Lines
 * that hold no candidate are never looked at one by one. Not thread-safe (a regex matcher is reused): one per
 * scanning thread.
 */
interface LineMatcher {

    /** An index in {@code [from, to)} inside a line that may match (no line before it does), or -1. */
    int candidate(byte[] b, int from, int to);

    /** Whether the line {@code [start, end)} (without its newline) matches. */
    boolean matches(byte[] b, int start, int end);

    /** A literal: its position is the match. */
    static LineMatcher literal(LiteralFinder finder) {
        return new LineMatcher() {
            @Override
            public int candidate(byte[] b, int from, int to) {
                return finder.find(b, from, to);
            }

            @Override
            public boolean matches(byte[] b, int start, int end) {
                return true;
            }
        };
    }

    /**
     * A regex with a literal every match contains: the literal finds candidates, the regex confirms the line (the
     * bounded JDK engine where it can decide, else RE2/J).
     */
    static LineMatcher prefiltered(LiteralFinder finder, java.util.Optional<BoundedJdkRegex> jdk, Pattern pattern) {
        return new LineMatcher() {
            @Override
            public int candidate(byte[] b, int from, int to) {
                return finder.find(b, from, to);
            }

            @Override
            public boolean matches(byte[] b, int start, int end) {
                int decided = jdk.isPresent() && jdk.get().usable() ? jdk.get().find(b, start, end) : -1;
                return decided >= 0 ? decided == 1 : re2(pattern, b, start, end);
            }
        };
    }

    /**
     * RE2/J on one line, decoded: RE2/J 1.8's UTF-8 byte input is wrong after multi-byte characters ({@code ^.{2}$}
     * matches "é é", multi-line {@code ^} matches after "é"), its String input is right.
     */
    static boolean re2(Pattern pattern, byte[] b, int start, int end) {
        return pattern.matcher(new String(b, start, end - start, java.nio.charset.StandardCharsets.UTF_8)).find();
    }

    /**
     * A regex without a usable literal, line by line: the bounded JDK engine decides plain-ASCII lines, RE2/J the rest
     * (and every line once the JDK engine gave up too often).
     */
    static LineMatcher lineByLine(java.util.Optional<BoundedJdkRegex> jdk, Pattern pattern) {
        return new LineMatcher() {
            private int confirmedStart = -1;
            private int confirmedEnd = -1;
            private byte[] confirmedIn;

            @Override
            public int candidate(byte[] b, int from, int to) {
                int start = from;
                while (start < to) {
                    int newline = ByteScan.indexOf(b, start, to, (byte) '\n', false);
                    int end = newline < 0 ? to : newline;
                    if (test(b, start, end)) {
                        confirmedIn = b;
                        confirmedStart = start;
                        confirmedEnd = end;
                        return start;
                    }
                    start = end + 1;
                }
                return -1;
            }

            @Override
            public boolean matches(byte[] b, int start, int end) {
                if (b == confirmedIn && start == confirmedStart && end == confirmedEnd) {
                    return true;
                }
                return test(b, start, end);
            }

            private boolean test(byte[] b, int start, int end) {
                int decided = jdk.isPresent() && jdk.get().usable() ? jdk.get().find(b, start, end) : -1;
                if (decided >= 0) {
                    return decided == 1;
                }
                return re2(pattern, b, start, end);
            }
        };
    }
}
