package io.logmirror.search.internal;

import java.util.Optional;

/**
 * The longest run of plain characters every match of a regular expression must contain, found conservatively from
 * the pattern's text: only characters at the top level, outside groups and classes, count; a character made optional
 * by {@code ?}, {@code *} or <code>{0,n}</code> is dropped; an alternation at the top level means there is none.
 * Used as a prefilter, so it may miss a literal but never names one a match can lack.
 */
final class RequiredLiteral {

    private static final String META = "\\.^$|?*+()[]{}";

    private RequiredLiteral() {
    }

    /** The literal, if the pattern has one of at least {@code minLength} characters. */
    static Optional<String> of(String pattern, int minLength) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            int next;
            boolean literal = false;
            char value = c;
            if (c == '\\') {
                if (i + 1 >= n) {
                    return Optional.empty();
                }
                char e = pattern.charAt(i + 1);
                if (e == 'Q') {
                    int end = pattern.indexOf("\\E", i + 2);
                    String quoted = end < 0 ? pattern.substring(i + 2) : pattern.substring(i + 2, end);
                    next = end < 0 ? n : end + 2;
                    if (startsQuantifier(pattern, next) && !quoted.isEmpty()) {
                        run.append(quoted, 0, quoted.length() - 1);
                        best = longer(best, run);
                        run.setLength(0);
                        i = skipQuantifier(pattern, next);
                        continue;
                    }
                    run.append(quoted);
                    i = next;
                    continue;
                }
                next = afterEscape(pattern, i);
                if (!Character.isLetterOrDigit(e) && e < 0x80) {
                    literal = true;
                    value = e;
                } else if (e == 't') {
                    literal = true;
                    value = '\t';
                }
            } else if (c == '[') {
                next = skipClass(pattern, i);
            } else if (c == '(') {
                next = skipGroup(pattern, i);
                if (next < 0) {
                    return Optional.empty();
                }
            } else if (c == '|') {
                return Optional.empty();
            } else if (META.indexOf(c) >= 0) {
                next = i + 1;
            } else {
                literal = true;
                next = i + 1;
            }
            if (!literal) {
                best = longer(best, run);
                run.setLength(0);
                i = skipQuantifier(pattern, next);
                continue;
            }
            if (startsQuantifier(pattern, next)) {
                boolean optional = optionalQuantifier(pattern, next);
                if (!optional) {
                    run.append(value);
                }
                best = longer(best, run);
                run.setLength(0);
                i = skipQuantifier(pattern, next);
                continue;
            }
            run.append(value);
            i = next;
        }
        best = longer(best, run);
        return best.length() >= minLength ? Optional.of(best) : Optional.empty();
    }

    /** The index after the escape starting at {@code i} (a backslash), with its argument: x41, x{263a}, pL, p{Greek}, 123. */
    private static int afterEscape(String p, int i) {
        char e = p.charAt(i + 1);
        int j = i + 2;
        if (e == 'x' || e == 'p' || e == 'P') {
            if (j < p.length() && p.charAt(j) == '{') {
                int close = p.indexOf('}', j);
                return close < 0 ? p.length() : close + 1;
            }
            return Math.min(p.length(), j + (e == 'x' ? 2 : 1));
        }
        if (e >= '0' && e <= '7') {
            while (j < p.length() && j < i + 4 && p.charAt(j) >= '0' && p.charAt(j) <= '7') {
                j++;
            }
        }
        return j;
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    private static boolean startsQuantifier(String p, int i) {
        return i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '*' || p.charAt(i) == '+' || p.charAt(i) == '{');
    }

    /** Whether the quantifier at {@code i} allows zero repetitions. */
    private static boolean optionalQuantifier(String p, int i) {
        char q = p.charAt(i);
        if (q == '{') {
            int j = i + 1;
            while (j < p.length() && p.charAt(j) == ' ') {
                j++;
            }
            // {0...}, {,n} or something that is not a count: treat as optional
            return j >= p.length() || !Character.isDigit(p.charAt(j)) || (p.charAt(j) == '0'
                    && (j + 1 >= p.length() || !Character.isDigit(p.charAt(j + 1))));
        }
        return q != '+';
    }

    private static int skipQuantifier(String p, int i) {
        while (i < p.length()) {
            char q = p.charAt(i);
            if (q == '?' || q == '*' || q == '+') {
                i++;
            } else if (q == '{') {
                int close = p.indexOf('}', i);
                if (close < 0) {
                    return i + 1;
                }
                i = close + 1;
            } else {
                break;
            }
        }
        return i;
    }

    /** The index after the character class starting at {@code i}. */
    private static int skipClass(String p, int i) {
        int j = i + 1;
        if (j < p.length() && p.charAt(j) == '^') {
            j++;
        }
        if (j < p.length() && p.charAt(j) == ']') {
            j++;
        }
        while (j < p.length()) {
            char c = p.charAt(j);
            if (c == '\\') {
                j += 2;
            } else if (c == '[' && j + 1 < p.length() && p.charAt(j + 1) == ':') {
                int close = p.indexOf(":]", j + 2);
                j = close < 0 ? j + 1 : close + 2;
            } else if (c == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return p.length();
    }

    /** The index after the group starting at {@code i}, or -1 when it is not closed. */
    private static int skipGroup(String p, int i) {
        int depth = 0;
        int j = i;
        while (j < p.length()) {
            char c = p.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[') {
                j = skipClass(p, j);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return j + 1;
            }
            j++;
        }
        return -1;
    }
}
