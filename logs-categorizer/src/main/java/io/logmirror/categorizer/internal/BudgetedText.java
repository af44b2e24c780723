package io.logmirror.categorizer.internal;

/**
 * A text that lets a regex read only so many characters: a regex that backtracks catastrophically
 * ({@code (a+)+b}) over a long name or file head gives up instead of hanging the sync.
 * One instance per match; not thread-safe.
 */
final class BudgetedText implements CharSequence {

    /** Reads allowed for any text, plus {@link #READS_PER_CHAR} per character of it. */
    static final long BASE_READS = 1_000_000;
    static final long READS_PER_CHAR = 256;

    private final String text;
    private long left;

    BudgetedText(String text) {
        this(text, BASE_READS + READS_PER_CHAR * text.length());
    }

    BudgetedText(String text, long reads) {
        this.text = text;
        this.left = reads;
    }

    @Override
    public char charAt(int index) {
        if (--left < 0) {
            throw Exhausted.INSTANCE;
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Thrown when the budget is spent; preallocated, without a stack trace, as it is control flow. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Exhausted INSTANCE = new Exhausted();

        private Exhausted() {
            super("regex read budget spent", null, false, false);
        }
    }
}
