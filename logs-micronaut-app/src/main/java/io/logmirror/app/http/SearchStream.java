package io.logmirror.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The body of a search answer: the search thread {@link #write}s chunks as matches are found, the server reads them
 * as an {@link InputStream} and sends each as it comes. A bounded queue between them holds the search back when the
 * client reads slowly. When the server closes the stream (the answer was sent, or the client went away),
 * {@link #closed()} turns true and the search stops.
 */
final class SearchStream extends InputStream {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks;
    private volatile boolean closed;
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    SearchStream(int capacity) {
        this.chunks = new ArrayBlockingQueue<>(capacity);
    }

    /** Queues {@code chunk} for the reader, waiting while the queue is full; false when the reader is gone. */
    boolean write(byte[] chunk) {
        try {
            while (!closed) {
                if (chunks.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                    return !closed; // close() may have emptied the queue just before this offer
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Ends the stream after the chunks already written. */
    void finish() {
        write(END);
    }

    /** Whether the reader closed the stream. */
    boolean closed() {
        return closed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length) {
            if (position == current.length) {
                if (ended) {
                    break;
                }
                byte[] next = copied == 0 ? take() : chunks.poll();
                if (next == null) {
                    break; // hand over what we have: a match must not wait for the next one
                }
                if (next == END) {
                    ended = true;
                    break;
                }
                current = next;
                position = 0;
            }
            int n = Math.min(length - copied, current.length - position);
            System.arraycopy(current, position, buffer, offset + copied, n);
            position += n;
            copied += n;
        }
        return copied == 0 && ended ? -1 : copied;
    }

    private byte[] take() throws IOException {
        try {
            return chunks.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            throw new IOException("interrupted while waiting for search results", e);
        }
    }

    @Override
    public int available() {
        return current.length - position;
    }

    @Override
    public void close() {
        closed = true;
        chunks.clear();
    }
}
