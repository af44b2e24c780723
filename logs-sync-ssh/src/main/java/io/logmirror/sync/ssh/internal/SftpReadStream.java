package io.logmirror.sync.ssh.internal;

import net.schmizz.sshj.sftp.RemoteFile;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one remote file range through sshj's read-ahead stream, always asking it for {@link #CHUNK} bytes: the
 * read-ahead stream sizes its requests by the caller's buffer, OpenSSH caps a read at 261,120 bytes and sshj throws its
 * outstanding requests away when a reply comes back shorter than asked. Ends after the requested length or at the
 * remote end of file, whichever comes first.
 */
final class SftpReadStream extends InputStream {

    /** OpenSSH's largest read reply (SFTP_MAX_READ_LENGTH minus overhead, as measured). */
    static final int CHUNK = 261_120;
    /** Read requests in flight per file (16 was as fast as 64 on loopback; a link with latency wants more). */
    static final int IN_FLIGHT = 32;

    interface Failure {
        IOException wrap(IOException e);
    }

    private final RemoteFile file;
    private final InputStream in;
    private final Runnable onClose;
    private final Failure failure;
    private final byte[] buffer = new byte[CHUNK];
    private long remaining;
    private int position;
    private int limit;
    private boolean closed;

    SftpReadStream(RemoteFile file, long offset, long length, Runnable onClose, Failure failure) {
        this.file = file;
        this.in = file.new ReadAheadRemoteFileInputStream(IN_FLIGHT, offset, length);
        this.remaining = length;
        this.onClose = onClose;
        this.failure = failure;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] into, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(len, limit - position);
        System.arraycopy(buffer, position, into, off, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return limit - position;
    }

    private boolean fill() throws IOException {
        if (closed) {
            throw new IOException("stream is closed");
        }
        if (position < limit) {
            return true;
        }
        if (remaining <= 0) {
            return false;
        }
        int read;
        try {
            read = in.read(buffer, 0, (int) Math.min(CHUNK, remaining));
        } catch (IOException e) {
            throw failure.wrap(e);
        }
        if (read <= 0) {
            remaining = 0;
            return false;
        }
        position = 0;
        limit = read;
        remaining -= read;
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            file.close();
        } catch (IOException | RuntimeException ignored) {
            // the handle dies with the channel anyway
        } finally {
            onClose.run();
        }
    }
}
