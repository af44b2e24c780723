package io.logmirror.categorizer.internal;

/**
 * Translates a glob (see {@link io.logmirror.categorizer.TextMatcher}) into an equivalent Java
 * regular expression to be matched against a whole text.
 */
public final class Glob {

    private Glob() {
    }

    /**
     * The regex for {@code glob}.
     *
     * @throws IllegalArgumentException saying what is wrong and where (an unclosed <code>[</code> or
     *     <code>{</code>, nested braces, a trailing backslash)
     */
    public static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 16);
        int braceStart = -1;
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < n && glob.charAt(i + 1) == '*') {
                        boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
                        if (segmentStart && i + 2 < n && glob.charAt(i + 2) == '/') {
                            regex.append("(?:.*/)?");     // "**/" : zero or more whole folders
                            i += 2;
                        } else {
                            regex.append(".*");
                            i += 1;
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> i = appendClass(glob, i, regex);
                case '{' -> {
                    if (braceStart >= 0) {
                        throw new IllegalArgumentException("nested '{' at index " + i
                                + " is not supported: list the alternatives in one '{a,b,c}'");
                    }
                    braceStart = i;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (braceStart < 0) {
                        regex.append("\\}");
                    } else {
                        braceStart = -1;
                        regex.append(')');
                    }
                }
                case ',' -> regex.append(braceStart >= 0 ? "|" : ",");
                case '\\' -> {
                    if (i + 1 >= n) {
                        throw new IllegalArgumentException("it ends with a lone '\\': write '\\\\' for a backslash");
                    }
                    appendLiteral(glob.charAt(++i), regex);
                }
                default -> appendLiteral(c, regex);
            }
        }
        if (braceStart >= 0) {
            throw new IllegalArgumentException("'{' at index " + braceStart + " is never closed: add '}' or write '\\{'");
        }
        return regex.toString();
    }

    private static int appendClass(String glob, int open, StringBuilder regex) {
        int i = open + 1;
        int n = glob.length();
        StringBuilder body = new StringBuilder();
        boolean negate = false;
        if (i < n && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            negate = true;
            i++;
        }
        int first = i;
        for (; i < n; i++) {
            char c = glob.charAt(i);
            if (c == ']' && i > first) {
                regex.append(negate ? "[^/" : "[").append(body).append(negate ? "]" : "&&[^/]]");
                return i;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    break;
                }
                appendLiteral(glob.charAt(++i), body);
            } else if (c == '-' && i > first && i + 1 < n && glob.charAt(i + 1) != ']') {
                body.append('-');
            } else {
                appendLiteral(c, body);
            }
        }
        throw new IllegalArgumentException("'[' at index " + open + " is never closed: add ']' or write '\\['");
    }

    /** Appends {@code c} as a literal, in or out of a class: ASCII punctuation gets a backslash. */
    private static void appendLiteral(char c, StringBuilder regex) {
        if (c < 0x80 && !Character.isLetterOrDigit(c)) {
            regex.append('\\');
        }
        regex.append(c);
    }
}
