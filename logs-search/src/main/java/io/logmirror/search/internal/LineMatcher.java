package io.logmirror.search.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

import java.util.Arrays;

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

    /** A regex with a literal every match contains: the literal finds candidates, the regex confirms the line. */
    static LineMatcher prefiltered(LiteralFinder finder, Pattern pattern) {
        return new LineMatcher() {
            @Override
            public int candidate(byte[] b, int from, int to) {
                return finder.find(b, from, to);
            }

            @Override
            public boolean matches(byte[] b, int start, int end) {
                return pattern.matcher(Arrays.copyOfRange(b, start, end)).find();
            }
        };
    }

    /**
     * A regex without a usable literal: one unanchored search over the whole buffer (multi-line mode, so {@code ^} and
     * {@code $} hold at line ends: {@code scanPattern}) finds the leftmost place any match starts; the line there is then checked on its own,
     * with {@code pattern}, since a match found over the buffer may run across a newline.
     */
    static LineMatcher regex(Pattern scanPattern, Pattern pattern) {
        return new LineMatcher() {
            private byte[] buffer;
            private Matcher matcher;

            @Override
            public int candidate(byte[] b, int from, int to) {
                if (b != buffer) {
                    buffer = b;
                    matcher = scanPattern.matcher(b);
                }
                if (from >= to || !matcher.find(from)) {
                    return -1;
                }
                int start = matcher.start();
                if (start >= to) {
                    return -1;
                }
                // an empty match at a line's end (e.g. "$") belongs to that line, not to the newline
                return start;
            }

            @Override
            public boolean matches(byte[] b, int start, int end) {
                return pattern.matcher(Arrays.copyOfRange(b, start, end)).find();
            }
        };
    }
}
