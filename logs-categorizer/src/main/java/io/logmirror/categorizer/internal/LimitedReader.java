package io.logmirror.categorizer.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/** A reader that fails once more than a given number of characters were read: rule files are small. */
final class LimitedReader extends FilterReader {

    private long left;

    LimitedReader(Reader in, long limit) {
        super(in);
        this.left = limit;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws TooLongException {
        left -= n;
        if (left < 0) {
            throw new TooLongException();
        }
    }

    /** Thrown when the limit is passed. */
    static final class TooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLongException() {
            super("input longer than the limit");
        }
    }
}
