package io.logmirror.categorizer.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fast path for the commonest kind of rule: a regex that is only an alternation of literal
 * words, where a word may hold small character classes ({@code server[-_]}) and be anchored
 * ({@code \.out$}). Such a regex is expanded into plain strings tested with {@code contains},
 * {@code startsWith}, {@code endsWith} and {@code equals}, which is several times faster than
 * {@link java.util.regex.Matcher#find()} over the same text.
 *
 * <p>Its literals are printable ASCII. It answers exactly as
 * {@code Pattern.compile(regex, flags).matcher(text).find()} does for every text the
 * {@link Subject} lets through (see there), given in the subject's fast form (ASCII letters
 * lower-cased when matching is case-insensitive). Anything this parser does not recognise makes
 * {@link #parse} answer empty, and the regex is used as written.
 */
final class LiteralAlternation {

    /** Most strings one regex may expand into before the regex is kept instead. */
    static final int MAX_EXPANSION = 256;

    private final String[] exact;
    private final String[] prefixes;
    private final String[] suffixes;
    private final String[] infixes;

    private LiteralAlternation(Set<String> exact, Set<String> prefixes, Set<String> suffixes, Set<String> infixes) {
        this.exact = exact.toArray(String[]::new);
        this.prefixes = prefixes.toArray(String[]::new);
        this.suffixes = suffixes.toArray(String[]::new);
        this.infixes = infixes.toArray(String[]::new);
    }

    /**
     * The literal form of {@code regexes} (any of them may match), or empty when one of them is
     * not a plain alternation of literal words.
     *
     * @param foldCase whether matching is case-insensitive (the literals are then lower-cased)
     */
    static Optional<LiteralAlternation> parse(List<String> regexes, boolean foldCase) {
        Set<String> exact = new LinkedHashSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        Set<String> suffixes = new LinkedHashSet<>();
        Set<String> infixes = new LinkedHashSet<>();
        for (String regex : regexes) {
            if (!parseOne(regex, foldCase, exact, prefixes, suffixes, infixes)) {
                return Optional.empty();
            }
        }
        return Optional.of(new LiteralAlternation(exact, prefixes, suffixes, infixes));
    }

    private static boolean parseOne(String re, boolean foldCase, Set<String> exact, Set<String> prefixes,
                                    Set<String> suffixes, Set<String> infixes) {
        int n = re.length();
        int i = 0;
        int expanded = 0;
        while (true) {
            boolean atStart = false;
            boolean atEnd = false;
            List<StringBuilder> words = new ArrayList<>();
            words.add(new StringBuilder());
            if (i < n && re.charAt(i) == '^') {
                atStart = true;
                i++;
            }
            while (i < n && re.charAt(i) != '|') {
                char c = re.charAt(i);
                if (c == '$') {
                    if (i + 1 < n && re.charAt(i + 1) != '|') {
                        return false;
                    }
                    atEnd = true;
                    i++;
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= n || !isQuotable(re.charAt(i + 1))) {
                        return false;
                    }
                    append(words, fold(re.charAt(i + 1), foldCase));
                    i += 2;
                } else if (c == '[') {
                    int close = parseClass(re, i, foldCase, words);
                    if (close < 0 || words.size() > MAX_EXPANSION) {
                        return false;
                    }
                    i = close + 1;
                } else if (isPlain(c)) {
                    append(words, fold(c, foldCase));
                    i++;
                } else {
                    return false;
                }
            }
            for (StringBuilder word : words) {
                if (word.length() == 0) {
                    return false;           // an empty alternative matches everything: leave it to the regex
                }
                String text = word.toString();
                (atStart && atEnd ? exact : atStart ? prefixes : atEnd ? suffixes : infixes).add(text);
            }
            expanded += words.size();
            if (expanded > MAX_EXPANSION) {
                return false;
            }
            if (i >= n) {
                return true;
            }
            i++;                            // past '|'
            if (i >= n) {
                return false;               // a trailing '|' adds an empty alternative
            }
        }
    }

    /** Reads {@code [abc]} at {@code open}; multiplies the words by its characters; the index of ']' or -1. */
    private static int parseClass(String re, int open, boolean foldCase, List<StringBuilder> words) {
        int n = re.length();
        Set<Character> chars = new LinkedHashSet<>();
        int i = open + 1;
        int first = i;
        for (; i < n; i++) {
            char c = re.charAt(i);
            if (c == ']') {
                if (i == first) {
                    return -1;
                }
                break;
            }
            if (c == '\\') {
                if (i + 1 >= n || !isQuotable(re.charAt(i + 1))) {
                    return -1;
                }
                chars.add(fold(re.charAt(++i), foldCase));
            } else if (c == '-') {
                if (i != first && (i + 1 >= n || re.charAt(i + 1) != ']')) {
                    return -1;              // a range: not worth expanding
                }
                chars.add('-');
            } else if (c == '[' || c == '^' || c == '&' || c < 0x20 || c > 0x7e) {
                return -1;
            } else {
                chars.add(fold(c, foldCase));
            }
        }
        if (i >= n) {
            return -1;
        }
        List<StringBuilder> product = new ArrayList<>(words.size() * chars.size());
        for (StringBuilder word : words) {
            for (char c : chars) {
                product.add(new StringBuilder(word).append(c));
            }
        }
        words.clear();
        words.addAll(product);
        return i;
    }

    private static void append(List<StringBuilder> words, char c) {
        for (StringBuilder word : words) {
            word.append(c);
        }
    }

    /** A character that stands for itself outside a class. */
    private static boolean isPlain(char c) {
        return c >= 0x20 && c <= 0x7e && ".?*+()[]{}^$|\\".indexOf(c) < 0;
    }

    /** A character a backslash turns into a literal (Java: any non-alphanumeric one). */
    private static boolean isQuotable(char c) {
        return c >= 0x20 && c <= 0x7e && !Character.isLetterOrDigit(c);
    }

    private static char fold(char c, boolean foldCase) {
        return foldCase && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** Whether {@code text} (a {@link Subject}'s fast form) matches. */
    boolean matches(String text) {
        for (String s : exact) {
            if (text.equals(s)) {
                return true;
            }
        }
        for (String s : prefixes) {
            if (text.startsWith(s)) {
                return true;
            }
        }
        for (String s : suffixes) {
            if (text.endsWith(s)) {
                return true;
            }
        }
        for (String s : infixes) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "LiteralAlternation[exact=" + List.of(exact) + ", prefixes=" + List.of(prefixes)
                + ", suffixes=" + List.of(suffixes) + ", infixes=" + List.of(infixes) + "]";
    }
}
