package io.logmirror.patterns.internal;

import io.logmirror.patterns.Level;

/**
 * Finds the level of a line in its header, without a regex and without allocating. It looks at the
 * first {@value #HEADER_TOKENS} whitespace-separated tokens within the first {@value #HEADER_CHARS}
 * characters, which covers:
 * <ul>
 *   <li>vLLM and most Python setups: {@code INFO 12-07 10:00:01 [api_server.py:1] ...}, also after a
 *       worker prefix such as {@code (VllmWorker rank=0 pid=7)};</li>
 *   <li>Python logging's defaults: {@code WARNING:root:msg}, {@code 2026-12-07 10:00:01,123 - x - ERROR - msg};</li>
 *   <li>Java (log4j, logback, Spring Boot, java.util.logging's {@code SEVERE:}) and Go (zap's tab-separated
 *       {@code ERROR}, zerolog's {@code ERR}) styles;</li>
 *   <li>bracketed or colon forms {@code [ERROR]}, {@code [error]}, {@code <warn>}, {@code error:}
 *       ({@code srun: error: ...});</li>
 *   <li>glog and klog: {@code E1207 10:00:01.123456 4711 file.cc:12] ...} (first token only).</li>
 * </ul>
 * and then, anywhere in the first {@value #LOGFMT_CHARS} characters, logfmt's {@code level=error}
 * (also {@code lvl=}, {@code severity=}, quoted values) and JSON's {@code "level":"error"}.
 *
 * <p>A level word counts when it is written in capitals ({@code ERROR}), or in any case when it is
 * bracketed or followed by a colon; so "Error" in a message's prose is not a level, "[error]" is.
 */
public final class LevelScanner {

    static final int HEADER_TOKENS = 6;
    static final int HEADER_CHARS = 200;
    static final int LOGFMT_CHARS = 400;

    private LevelScanner() {
    }

    /** The level of the line, or {@code null} when it shows none. */
    public static Level detect(String line) {
        int length = line.length();
        int limit = Math.min(length, HEADER_CHARS);
        int i = 0;
        int token = 0;
        while (i < limit && token < HEADER_TOKENS) {
            while (i < limit && isSpace(line.charAt(i))) {
                i++;
            }
            if (i >= limit) {
                break;
            }
            int start = i;
            while (i < length && !isSpace(line.charAt(i))) {
                i++;
            }
            Level level = classify(line, start, i, token == 0);
            if (level != null) {
                return level;
            }
            token++;
        }
        return logfmt(line);
    }

    private static Level classify(String s, int start, int end, boolean first) {
        char c0 = s.charAt(start);
        if (first && end - start == 5 && (c0 == 'I' || c0 == 'W' || c0 == 'E' || c0 == 'F')
                && isDigit(s.charAt(start + 1)) && isDigit(s.charAt(start + 2)) && isDigit(s.charAt(start + 3))
                && isDigit(s.charAt(start + 4)) && end + 1 < s.length() && isDigit(s.charAt(end + 1))) {
            return c0 == 'I' ? Level.INFO : c0 == 'W' ? Level.WARNING : c0 == 'E' ? Level.ERROR : Level.CRITICAL;
        }
        boolean bracketed = false;
        int a = start;
        int b = end;
        if (c0 == '[' || c0 == '<' || c0 == '(' || c0 == '|') {
            a++;
            bracketed = true;
        }
        // A word followed by ':' inside the token (WARNING:root:msg) ends there.
        int word = a;
        while (word < b && isLetter(s.charAt(word))) {
            word++;
        }
        if (word == a) {
            return null;
        }
        boolean colon = false;
        if (word < b) {
            char next = s.charAt(word);
            if (next == ':') {
                colon = true;
            } else if (next == ']' || next == '>' || next == ')' || next == '|') {
                bracketed = true;
            } else if (next != ',') {
                return null;
            }
        }
        Level level = Levels.word(s, a, word);
        if (level == null) {
            return null;
        }
        if (bracketed || colon || isUpper(s, a, word)) {
            return level;
        }
        return null;
    }

    private static Level logfmt(String line) {
        int limit = Math.min(line.length(), LOGFMT_CHARS);
        for (int i = line.indexOf('=', 0); i >= 0 && i < limit; i = line.indexOf('=', i + 1)) {
            if (endsWithKey(line, i)) {
                return valueAt(line, i + 1);
            }
        }
        for (int i = line.indexOf("\"level\"", 0); i >= 0 && i < limit; i = line.indexOf("\"level\"", i + 1)) {
            int j = i + 7;
            while (j < line.length() && (line.charAt(j) == ' ' || line.charAt(j) == ':')) {
                j++;
            }
            Level level = valueAt(line, j);
            if (level != null) {
                return level;
            }
        }
        return null;
    }

    private static boolean endsWithKey(String s, int eq) {
        return keyBefore(s, eq, "level") || keyBefore(s, eq, "lvl") || keyBefore(s, eq, "severity");
    }

    private static boolean keyBefore(String s, int eq, String key) {
        int start = eq - key.length();
        if (start < 0 || !s.regionMatches(true, start, key, 0, key.length())) {
            return false;
        }
        return start == 0 || isSpace(s.charAt(start - 1)) || s.charAt(start - 1) == ',' || s.charAt(start - 1) == '{';
    }

    private static Level valueAt(String s, int i) {
        if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
            i++;
        }
        int end = i;
        while (end < s.length() && isLetter(s.charAt(end))) {
            end++;
        }
        return end > i ? Levels.word(s, i, end) : null;
    }

    private static boolean isUpper(String s, int a, int b) {
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
