package io.logmirror.search.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.Optional;

/**
 * The JDK's regex engine with a bound on its work, for regexes without a literal to prefilter on: it is several times
 * faster than RE2/J per line, but backtracks. Each line may cost it at most {@value #STEPS_PER_CHAR} character reads
 * per character (counted by the {@link CharSequence} it reads through); past that, the line is left to RE2/J, and
 * after {@value #MAX_GIVE_UPS} such lines the JDK engine is no longer tried in this scan. Only lines of plain ASCII
 * (no vertical tab) are given to it, where its syntax and classes mean what RE2's do; patterns with constructs whose
 * meaning differs between the two ({@code [[:alpha:]]}, flag {@code U}, {@code \C}, named groups {@code (?P<}) are
 * never given to it. Not thread-safe: one per scanning thread.
 */
final class BoundedJdkRegex {

    static final int STEPS_PER_CHAR = 64;
    static final int MAX_GIVE_UPS = 100;

    /** Thrown by the view when the budget is spent; preallocated, without a stack trace. */
    private static final RuntimeException SPENT = new RuntimeException("regex budget spent", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    private final Matcher matcher;
    private final ByteView view = new ByteView();
    private int giveUps;

    private BoundedJdkRegex(Pattern pattern) {
        this.matcher = pattern.matcher("");
    }

    /** The bounded JDK engine for an RE2 pattern, if the pattern means the same to both engines on ASCII lines. */
    static Optional<BoundedJdkRegex> of(String re2Pattern, boolean foldCase) {
        if (re2Pattern.contains("[:") || re2Pattern.contains("(?P") || re2Pattern.contains("&&")
                || re2Pattern.chars().anyMatch(c -> c >= 0x80) || hasUngreedyFlag(re2Pattern)
                || DIFFERENT_ESCAPES.matcher(re2Pattern).find() || hasNestedClass(re2Pattern)) {
            return Optional.empty();
        }
        try {
            int flags = Pattern.UNIX_LINES | (foldCase ? Pattern.CASE_INSENSITIVE : 0);
            return Optional.of(new BoundedJdkRegex(Pattern.compile(re2Pattern, flags)));
        } catch (PatternSyntaxException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    /** Escapes the two engines read differently: \\v, \\V, \\C, and a digit (RE2: octal; JDK: a back-reference). */
    private static final Pattern DIFFERENT_ESCAPES = Pattern.compile("\\\\[vVC0-9]");

    /** Whether a '[' stands inside a character class: the JDK reads a nested class (a union), RE2 a plain '['. */
    private static boolean hasNestedClass(String pattern) {
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                if (inClass) {
                    return true;
                }
                inClass = true;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == ']') {
                inClass = false;
            }
        }
        return false;
    }

    private static boolean hasUngreedyFlag(String pattern) {
        return java.util.regex.Pattern.compile("\\(\\?[a-zA-Z-]*U").matcher(pattern).find();
    }

    /** Whether the JDK engine is still worth trying in this scan. */
    boolean usable() {
        return giveUps < MAX_GIVE_UPS;
    }

    /**
     * Whether the line {@code [start, end)} matches: {@code 1} yes, {@code 0} no, {@code -1} not decided (the line is
     * not plain ASCII, or the budget ran out): ask RE2/J.
     */
    int find(byte[] b, int start, int end) {
        for (int i = start; i < end; i++) {
            if (b[i] < 0 || b[i] == 0x0b) {
                return -1;
            }
        }
        view.reset(b, start, end, (long) STEPS_PER_CHAR * (end - start + 1));
        try {
            return matcher.reset(view).find() ? 1 : 0;
        } catch (RuntimeException e) {
            if (e != SPENT) {
                throw e;
            }
            giveUps++;
            return -1;
        } catch (StackOverflowError e) {
            giveUps++;
            return -1;
        }
    }

    /** A line's bytes as chars (ASCII only), counting reads. */
    private static final class ByteView implements CharSequence {
        private byte[] b;
        private int start;
        private int length;
        private long budget;

        void reset(byte[] bytes, int from, int to, long steps) {
            this.b = bytes;
            this.start = from;
            this.length = to - from;
            this.budget = steps;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw SPENT;
            }
            return (char) b[start + index];
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new String(b, start + from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(b, start, length, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
