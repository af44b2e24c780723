package io.logmirror.retention.internal;

/**
 * Counts line starts backwards over blocks given from the end of the content towards its start. The newline that
 * ends the content does not start an extra line. Not thread-safe; one per tail.
 */
final class LineCounter {

    private final int lines;
    private int found;
    private boolean last = true;

    LineCounter(int lines) {
        this.lines = lines;
    }

    /**
     * Scans {@code bytes[from, to)}, the block just before the previous one.
     *
     * @return the index in {@code bytes} where the wanted lines begin, or -1 when they begin in an earlier block
     */
    int scan(byte[] bytes, int from, int to) {
        int i = to - 1;
        if (last && i >= from) {
            last = false;
            if (bytes[i] == '\n') {
                i--;
            }
        }
        for (; i >= from; i--) {
            if (bytes[i] == '\n' && ++found == lines) {
                return i + 1;
            }
        }
        return -1;
    }
}
