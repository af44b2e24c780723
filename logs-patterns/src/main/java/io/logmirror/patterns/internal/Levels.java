package io.logmirror.patterns.internal;

import io.logmirror.patterns.Level;

/** The words that name a level, matched without allocating. */
public final class Levels {

    private Levels() {
    }

    /** The level named by {@code text[start, end)}, or {@code null}: the allocation-free form used per line. */
    public static Level word(CharSequence text, int start, int end) {
        int n = end - start;
        if (n < 3 || n > 8) {
            return null;
        }
        char c = Character.toUpperCase(text.charAt(start));
        switch (c) {
            case 'T': return is(text, start, n, "TRACE") ? Level.TRACE : is(text, start, n, "TRC") ? Level.TRACE : null;
            case 'D':
                if (is(text, start, n, "DEBUG") || is(text, start, n, "DBG")) {
                    return Level.DEBUG;
                }
                return is(text, start, n, "DPANIC") ? Level.CRITICAL : null;
            case 'I': return is(text, start, n, "INFO") || is(text, start, n, "INF") ? Level.INFO : null;
            case 'N': return is(text, start, n, "NOTICE") ? Level.INFO : null;
            case 'W':
                return is(text, start, n, "WARNING") || is(text, start, n, "WARN") || is(text, start, n, "WRN")
                        ? Level.WARNING : null;
            case 'E':
                if (is(text, start, n, "ERROR") || is(text, start, n, "ERR")) {
                    return Level.ERROR;
                }
                return is(text, start, n, "EMERG") ? Level.CRITICAL : null;
            case 'S': return is(text, start, n, "SEVERE") ? Level.ERROR : null;
            case 'C': return is(text, start, n, "CRITICAL") || is(text, start, n, "CRIT") ? Level.CRITICAL : null;
            case 'F': return is(text, start, n, "FATAL") || is(text, start, n, "FTL") ? Level.CRITICAL : null;
            case 'P': return is(text, start, n, "PANIC") ? Level.CRITICAL : null;
            case 'A': return is(text, start, n, "ALERT") ? Level.CRITICAL : null;
            default: return null;
        }
    }

    private static boolean is(CharSequence text, int start, int n, String word) {
        if (n != word.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toUpperCase(text.charAt(start + i)) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
