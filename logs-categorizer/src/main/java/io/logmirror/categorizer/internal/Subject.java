package io.logmirror.categorizer.internal;

/**
 * A text being categorized (a name, a path, a file head) with its printable-ASCII form, computed
 * at most once however many rules look at it. Used by one thread, for one file.
 */
final class Subject {

    private final String text;
    private final boolean foldCase;
    private boolean examined;
    private boolean printableAscii;
    private String fastForm = "";

    Subject(String text, boolean foldCase) {
        this.text = text;
        this.foldCase = foldCase;
    }

    String text() {
        return text;
    }

    /** Whether the text is printable ASCII only, which the literal fast path handles exactly like the regex. */
    boolean isPrintableAscii() {
        examine();
        return printableAscii;
    }

    /** The printable-ASCII text, lower-cased when matching folds case; only when {@link #isPrintableAscii()}. */
    String fastForm() {
        examine();
        return fastForm;
    }

    private void examine() {
        if (examined) {
            return;
        }
        examined = true;
        int n = text.length();
        boolean hasUpper = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return;
            }
            hasUpper |= c >= 'A' && c <= 'Z';
        }
        printableAscii = true;
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
