package io.logmirror.search.internal;

/**
 * Estimates how many instructions a regular expression compiles to before it is compiled: RE2/J expands counted
 * repetitions ({@code (a{100}){100}} becomes ten thousand copies), so a short pattern can take minutes and gigabytes
 * to compile. Each atom counts 1, a counted repetition multiplies its atom by the larger count, a sequence or an
 * alternation adds up. Saturates instead of overflowing.
 */
final class PatternSize {

    private static final long CAP = Long.MAX_VALUE / 4;

    private final String p;
    private int i;

    private PatternSize(String pattern) {
        this.p = pattern;
    }

    /** The estimated program size of {@code pattern} (which need not be valid). */
    static long estimate(String pattern) {
        PatternSize parser = new PatternSize(pattern);
        long total = 0;
        while (parser.i < pattern.length()) {
            total = add(total, parser.sequence());
            if (parser.i < pattern.length()) {
                parser.i++; // a ')' without its '(' (the compiler will refuse it) or a top-level '|'
            }
        }
        return total;
    }

    /** A sequence up to a ')' or '|' at this level, alternatives included up to the ')'. */
    private long sequence() {
        long total = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == ')') {
                return total;
            }
            if (c == '|') {
                i++;
                total = add(total, 1);
                continue;
            }
            long atom = atom();
            total = add(total, quantified(atom));
        }
        return total;
    }

    private long atom() {
        char c = p.charAt(i);
        if (c == '\\') {
            i = Math.min(p.length(), i + 2);
            if (i < p.length() && p.charAt(i) == '{' && (p.charAt(i - 1) == 'p' || p.charAt(i - 1) == 'P')) {
                int close = p.indexOf('}', i);
                i = close < 0 ? p.length() : close + 1;
            }
            return 1;
        }
        if (c == '[') {
            i++;
            if (i < p.length() && p.charAt(i) == '^') {
                i++;
            }
            if (i < p.length() && p.charAt(i) == ']') {
                i++;
            }
            while (i < p.length() && p.charAt(i) != ']') {
                i += p.charAt(i) == '\\' ? 2 : 1;
            }
            i = Math.min(p.length(), i + 1);
            return 1;
        }
        if (c == '(') {
            i++;
            long inner = sequence();
            if (i < p.length()) {
                i++; // ')'
            }
            return Math.max(1, inner);
        }
        i++;
        return 1;
    }

    private long quantified(long atom) {
        long size = atom;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*' || c == '+' || c == '?') {
                i++;
                size = add(size, 1);
            } else if (c == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    return size;
                }
                long count = largestCount(p.substring(i + 1, close));
                if (count < 0) {
                    return size; // not a repetition: a literal '{'
                }
                i = close + 1;
                size = multiply(size, Math.max(1, count));
            } else {
                return size;
            }
        }
        return size;
    }

    private static long largestCount(String body) {
        long largest = -1;
        for (String part : body.split(",", -1)) {
            String digits = part.strip();
            if (digits.isEmpty()) {
                continue;
            }
            if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
                return digits.length() > 9 && digits.chars().allMatch(Character::isDigit) ? CAP : -1;
            }
            largest = Math.max(largest, Long.parseLong(digits));
        }
        return largest;
    }

    private static long add(long a, long b) {
        return Math.min(CAP, a + b);
    }

    private static long multiply(long a, long b) {
        return a > CAP / b ? CAP : a * b;
    }
}
