package io.logmirror.patterns.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into whitespace-separated tokens and masks the variable parts of each with
 * {@code <*>}. Generic rules, the same for every log:
 * <ul>
 *   <li>paths and URLs (a token starting with {@code /}, {@code ./}, {@code ~/}, holding {@code ://} or
 *       two or more {@code /}) become {@code <*>}, keeping trailing punctuation;</li>
 *   <li>in {@code key=value} and {@code key:value} tokens only the value is masked;</li>
 *   <li>any run of letters and digits that starts with a digit or is at least half digits becomes
 *       {@code <*>} ({@code eth0}, {@code ipv4} stay words): numbers, hex
 *       ({@code 0x7f3a}, hashes), host names with numbers ({@code mel2001}), durations ({@code 12ms}),
 *       job ids ({@code job-4711} keeps {@code job-});</li>
 *   <li>in a token that already has a masked run, runs of 4 or more hex letters are masked too (the
 *       letter-only groups of a UUID);</li>
 *   <li>masked runs joined by single {@code . : - _ / ,} characters collapse into one {@code <*>}, so an IP
 *       and port, a time, a date or a UUID is one {@code <*>}.</li>
 * </ul>
 */
public final class Masker {

    /** The wildcard. */
    public static final String WILDCARD = "<*>";

    private final int maxTokens;
    private final int maxChars;

    /** A masker that keeps at most {@code maxTokens} tokens of at most {@code maxChars} characters of a line. */
    public Masker(int maxTokens, int maxChars) {
        this.maxTokens = maxTokens;
        this.maxChars = maxChars;
    }

    /** The masked tokens of a line; a line past the token limit ends with one {@code <*>} standing for the rest. */
    public String[] tokens(String line) {
        int length = Math.min(line.length(), maxChars);
        List<String> out = new ArrayList<>(16);
        StringBuilder scratch = null;
        int i = 0;
        while (i < length) {
            while (i < length && isSpace(line.charAt(i))) {
                i++;
            }
            if (i >= length) {
                break;
            }
            int start = i;
            boolean digit = false;
            boolean slash = false;
            while (i < length && !isSpace(line.charAt(i))) {
                char c = line.charAt(i);
                digit |= c >= '0' && c <= '9';
                slash |= c == '/';
                i++;
            }
            if (out.size() == maxTokens - 1) {
                out.add(WILDCARD);
                break;
            }
            if (!digit && !slash) {
                out.add(line.substring(start, i));
                continue;
            }
            if (scratch == null) {
                scratch = new StringBuilder(64);
            }
            scratch.setLength(0);
            maskToken(line, start, i, scratch);
            out.add(scratch.toString());
        }
        return out.toArray(new String[0]);
    }

    /** The masked form of one token (no whitespace in it). */
    public String mask(String token) {
        StringBuilder out = new StringBuilder(token.length());
        maskToken(token, 0, token.length(), out);
        return out.toString();
    }

    private static void maskToken(String s, int start, int end, StringBuilder out) {
        // key=value: keep the key. A key is letters, digits, '_', '-', '.' and starts with a letter.
        int eq = -1;
        for (int i = start + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c == '=') {
                eq = i;
                break;
            }
            if (!isKeyChar(c)) {
                break;
            }
        }
        if (eq > start && isLetter(s.charAt(start))) {
            out.append(s, start, eq + 1);
            if (isPath(s, eq + 1, end)) {
                maskToken(s, eq + 1, end, out);
            } else {
                runs(s, eq + 1, end, out);
            }
            return;
        }
        if (isPath(s, start, end)) {
            out.append(WILDCARD);
            int tail = end;
            while (tail > start && isClosing(s.charAt(tail - 1))) {
                tail--;
            }
            out.append(s, tail, end);
            return;
        }
        runs(s, start, end, out);
    }

    /** Masks runs of letters and digits that hold a digit, then collapses joined wildcards. */
    private static void runs(String s, int start, int end, StringBuilder out) {
        int base = out.length();
        boolean masked = false;
        int i = start;
        while (i < end) {
            char c = s.charAt(i);
            if (!isAlnum(c)) {
                out.append(c);
                i++;
                continue;
            }
            int runStart = i;
            int digits = 0;
            while (i < end && isAlnum(s.charAt(i))) {
                char d = s.charAt(i);
                digits += d >= '0' && d <= '9' ? 1 : 0;
                i++;
            }
            if (isValue(s, runStart, i, digits)) {
                out.append(WILDCARD);
                masked = true;
            } else {
                out.append(s, runStart, i);
            }
        }
        if (masked) {
            maskHexWords(out, base);
            collapse(out, base);
        }
    }

    /**
     * A run of letters and digits is a value when it starts with a digit or is at least half digits
     * ({@code 3552}, {@code 0x7f3a}, {@code mel2041}, {@code E1207}); a word with a digit in it stays a word
     * ({@code eth0}, {@code alt0}, {@code ipv4}, {@code utf8}).
     */
    private static boolean isValue(String s, int start, int end, int digits) {
        if (digits == 0) {
            return false;
        }
        char first = s.charAt(start);
        return (first >= '0' && first <= '9') || digits * 2 >= end - start;
    }

    /** In a token that has a wildcard, runs of 4+ letters a-f only (UUID groups) become wildcards too. */
    private static void maskHexWords(StringBuilder out, int base) {
        int i = base;
        while (i < out.length()) {
            if (!isAlnum(out.charAt(i))) {
                i++;
                continue;
            }
            int runStart = i;
            boolean hex = true;
            while (i < out.length() && isAlnum(out.charAt(i))) {
                char c = out.charAt(i);
                hex &= (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                i++;
            }
            boolean bounded = (runStart == base || out.charAt(runStart - 1) == '-')
                    && (i == out.length() || out.charAt(i) == '-');
            if (hex && i - runStart >= 4 && bounded) {
                out.replace(runStart, i, WILDCARD);
                i = runStart + WILDCARD.length();
            }
        }
    }

    /** {@code <*>.<*>:<*>} becomes {@code <*>}. */
    private static void collapse(StringBuilder out, int base) {
        int w = WILDCARD.length();
        int i = base;
        while (true) {
            int at = out.indexOf(WILDCARD, i);
            if (at < 0) {
                return;
            }
            int next = at + w;
            if (next + w <= out.length() && isJoiner(out.charAt(next)) && out.indexOf(WILDCARD, next + 1) == next + 1) {
                out.delete(next, next + 1 + w);
                i = at;
            } else {
                i = next;
            }
        }
    }

    private static boolean isPath(String s, int start, int end) {
        int a = start;
        while (a < end && (s.charAt(a) == '"' || s.charAt(a) == '\'' || s.charAt(a) == '(' || s.charAt(a) == '[')) {
            a++;
        }
        if (a >= end) {
            return false;
        }
        char c = s.charAt(a);
        if (c == '/' && end - a > 1 && s.charAt(a + 1) != '/') {
            return true;
        }
        if ((c == '.' || c == '~') && a + 1 < end && s.charAt(a + 1) == '/') {
            return true;
        }
        int slashes = 0;
        for (int i = a; i < end; i++) {
            char d = s.charAt(i);
            if (d == '/') {
                slashes++;
            } else if (d == ':' && i + 2 < end && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
                return true;
            }
        }
        return slashes >= 2;
    }

    private static boolean isClosing(char c) {
        return c == ':' || c == ',' || c == ')' || c == ']' || c == '"' || c == '\'' || c == ';' || c == '.';
    }

    private static boolean isJoiner(char c) {
        return c == '.' || c == ':' || c == '-' || c == '_' || c == '/' || c == ',';
    }

    private static boolean isKeyChar(char c) {
        return isAlnum(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
