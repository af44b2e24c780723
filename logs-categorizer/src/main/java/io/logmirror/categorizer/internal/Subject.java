package io.logmirror.categorizer.internal;

/**
 * A text being categorized (a name, a path, a file head) with the form the literal fast path
 * reads, computed at most once however many rules look at it. Used by one thread, for one file.
 *
 * <p>The fast path compares ASCII literals char by char, which gives exactly
 * {@code java.util.regex}'s answer unless the text holds a character the regex treats specially:
 * <ul>
 *   <li>a line terminator at the very end, before which {@code $} also matches;</li>
 *   <li>when case is folded, one of the four non-ASCII characters that fold to an ASCII letter
 *       under {@code CASE_INSENSITIVE | UNICODE_CASE}: U+0130 and U+0131 (to {@code i}), U+017F
 *       (to {@code s}), U+212A (Kelvin sign, to {@code k}).</li>
 * </ul>
 * Such a text goes to the regex. Every other non-ASCII character can never equal an ASCII literal,
 * so it stays as it is and only ASCII letters are lower-cased.
 */
final class Subject {

    private final String text;
    private final boolean foldCase;
    private boolean examined;
    private boolean fastPathApplies;
    private String fastForm = "";

    Subject(String text, boolean foldCase) {
        this.text = text;
        this.foldCase = foldCase;
    }

    String text() {
        return text;
    }

    /** Whether the literal fast path answers exactly like the regex for this text. */
    boolean fastPathApplies() {
        examine();
        return fastPathApplies;
    }

    /** The text with ASCII letters lower-cased when case is folded; only when {@link #fastPathApplies()}. */
    String fastForm() {
        examine();
        return fastForm;
    }

    /** Whether {@code c} folds to an ASCII letter under Unicode case-insensitive matching though it is not ASCII. */
    static boolean foldsToAscii(char c) {
        return c == '\u0130' || c == '\u0131' || c == '\u017f' || c == '\u212a';
    }

    /** Whether {@code c} is a line terminator for {@code java.util.regex} (without UNIX_LINES). */
    static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private void examine() {
        if (examined) {
            return;
        }
        examined = true;
        int n = text.length();
        if (n > 0 && isLineTerminator(text.charAt(n - 1))) {
            return;
        }
        boolean hasUpper = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                hasUpper = true;
            } else if (c >= 0x80 && foldCase && foldsToAscii(c)) {
                return;
            }
        }
        fastPathApplies = true;
        if (!foldCase || !hasUpper) {
            fastForm = text;
            return;
        }
        char[] folded = new char[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            folded[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        fastForm = new String(folded);
    }
}
