package io.logmirror.sync.ssh.internal;

import io.logmirror.core.FetchedRange;
import io.logmirror.core.RangeReceiver;
import io.logmirror.core.RangeRequest;
import net.schmizz.concurrent.Promise;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.PacketType;
import net.schmizz.sshj.sftp.Request;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPEngine;
import net.schmizz.sshj.sftp.SFTPException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A batched fetch over one SFTP channel for accounts without a shell: many files in flight at once through sshj's
 * request API. Opens for the next {@link #FILES_IN_FLIGHT} files go out together; as each handle comes back, its
 * {@code FSTAT} and reads (up to {@link #BYTES_IN_FLIGHT} over all files) go out without waiting; a {@code CLOSE}
 * is never waited for. So a batch of small files costs a couple of round trips in all, not four per file, and a
 * large file streams with many reads in flight. Answers are handed to the receiver in request order.
 */
public final class SftpFetch {

    static final int FILES_IN_FLIGHT = 32;
    static final long BYTES_IN_FLIGHT = 8L << 20;
    /** OpenSSH's largest read reply; asking for more only gets short replies. */
    static final int CHUNK = SftpReadStream.CHUNK;

    private final SFTPEngine engine;
    private final String folder;
    private final String who;
    private final long timeoutMillis;
    private long bytesInFlight;

    private SftpFetch(SFTPEngine engine, String folder, String who) {
        this.engine = engine;
        this.folder = folder;
        this.who = who;
        this.timeoutMillis = Math.max(1, engine.getTimeoutMs());
    }

    /** Fetches {@code requests} over one SFTP channel of {@code connection}. */
    public static void fetch(SshConnection connection, String who, List<RangeRequest> requests, RangeReceiver receiver)
            throws IOException, InterruptedException {
        SFTPClient channel = connection.acquire();
        try {
            new SftpFetch(channel.getSFTPEngine(), connection.folder(), who).run(requests, receiver);
        } finally {
            connection.release(channel);
        }
    }

    private void run(List<RangeRequest> requests, RangeReceiver receiver) throws InterruptedException {
        List<File> files = new ArrayList<>();
        for (RangeRequest request : requests) {
            java.util.Optional<String> hostile = FetchPlan.hostile(ListingAssembler.carrierOf(request.file()));
            if (hostile.isPresent()) {
                receiver.onFailure(request, new IOException(who + ": refused to read remote file '"
                        + request.file().path() + "': " + hostile.get()));
            } else {
                files.add(new File(request));
            }
        }
        int opened = 0;
        IOException broken = null;
        for (int i = 0; i < files.size(); i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("fetch cancelled");
            }
            File file = files.get(i);
            if (broken != null) {
                receiver.onFailure(file.request, broken);
                continue;
            }
            try {
                while (opened < files.size() && opened < i + FILES_IN_FLIGHT) {
                    files.get(opened++).open();
                }
                pump(files, i);
                file.start();
            } catch (IOException | RuntimeException failure) {
                IOException e = failure instanceof IOException ? (IOException) failure
                        : new IOException(SshConnection.reason(failure), failure);
                file.discard();
                if (SshConnection.isTransportFailure(e)) {
                    broken = new IOException(who + ": the connection broke (" + SshConnection.reason(e)
                            + "); the next sync reads the rest", e);
                }
                receiver.onFailure(file.request, wrap(file, e));
                continue;
            }
            FileStream stream = new FileStream(file, files, i);
            try {
                receiver.onRange(new FetchedRange(file.request, file.size, file.modified, stream));
            } catch (IOException | RuntimeException e) {
                // the receiver's own failure fails this range only
            }
            if (stream.failure != null && SshConnection.isTransportFailure(stream.failure)) {
                broken = stream.failure;
            }
            file.discard();
        }
    }

    private IOException wrap(File file, IOException e) {
        String advice = "the next sync tries again";
        if (e instanceof SFTPException) {
            Response.StatusCode code = ((SFTPException) e).getStatusCode();
            if (code == Response.StatusCode.NO_SUCH_FILE) {
                advice = "it was deleted or renamed since the listing; the next sync sees the change";
            } else if (code == Response.StatusCode.PERMISSION_DENIED) {
                advice = "the account may not read it: check its permissions on the host";
            }
        }
        return new IOException(who + ": cannot read remote file '" + file.request.file().path() + "': "
                + SshConnection.reason(e) + "; " + advice, e);
    }

    /** Sends the first reads of every file in flight whose handle has arrived, while the byte budget allows. */
    private void pump(List<File> files, int from) throws IOException {
        for (int j = from; j < files.size() && j < from + FILES_IN_FLIGHT; j++) {
            File file = files.get(j);
            if (file.open == null) {
                return;
            }
            if (file.handle == null && file.open.isDelivered()) {
                try {
                    file.handle();
                } catch (IOException e) {
                    continue; // reported when this file's turn comes
                }
            }
            if (file.handle != null) {
                file.issue(false);
            }
        }
    }

    private <T> T retrieve(Promise<T, SFTPException> promise) throws IOException {
        return promise.retrieve(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** One requested range and its requests in flight. */
    private final class File {
        final RangeRequest request;
        final String path;
        Promise<Response, SFTPException> open;
        Promise<Response, SFTPException> stat;
        byte[] handle;
        IOException openFailure;
        final Deque<Read> reads = new ArrayDeque<>();
        /** The next offset to ask for, and the end of the range ({@code offset + length}, may overflow to MAX). */
        long next;
        final long end;
        /**
         * Reads are planned up to the listed end ({@link #listedEnd}), then one read of a byte at the listed end: its
         * answer (end of file, or a byte when the file grew) comes with the others instead of one round trip later.
         * Past it, one read at a time, until end of file.
         */
        final long planned;
        final long listedEnd;
        long own;
        long size;
        Instant modified;
        boolean eof;
        boolean closed;

        File(RangeRequest request) {
            this.request = request;
            this.path = folder + "/" + ListingAssembler.carrierOf(request.file());
            this.next = request.offset();
            long length = request.length();
            this.end = request.offset() + Math.min(length, Long.MAX_VALUE - request.offset());
            // one read past the listed end tells a file that grew since the listing (it is in flight with the others)
            this.listedEnd = Math.min(end, request.file().size());
            this.planned = Math.min(end, request.file().size() + 1);
        }

        void open() throws IOException {
            Request open = engine.newRequest(PacketType.OPEN);
            open.putString(path, StandardCharsets.ISO_8859_1);
            open.putUInt32(OpenMode.toMask(EnumSet.of(OpenMode.READ)));
            open.putFileAttributes(FileAttributes.EMPTY);
            this.open = engine.request(open);
        }

        void handle() throws IOException {
            if (openFailure != null) {
                throw openFailure;
            }
            try {
                handle = retrieve(open).ensurePacketTypeIs(PacketType.HANDLE).readBytes();
            } catch (IOException e) {
                openFailure = e;
                throw e;
            }
            Request fstat = engine.newRequest(PacketType.FSTAT);
            fstat.putString(handle);
            stat = engine.request(fstat);
        }

        /**
         * Sends reads up to the planned end while the budget allows: the file being handed over may have
         * {@link #BYTES_IN_FLIGHT} of its own in flight, the files after it share another {@link #BYTES_IN_FLIGHT}.
         */
        void issue(boolean current) throws IOException {
            while (!eof && next < planned && (current ? own < BYTES_IN_FLIGHT : bytesInFlight < BYTES_IN_FLIGHT)) {
                send((int) Math.min(CHUNK, (next < listedEnd ? listedEnd : planned) - next));
            }
        }

        void send(int length) throws IOException {
            Request read = engine.newRequest(PacketType.READ);
            read.putString(handle);
            read.putUInt64(next);
            read.putUInt32(length);
            reads.add(new Read(next, length, engine.request(read)));
            next += length;
            own += length;
            bytesInFlight += length;
        }

        /** Waits for the handle and the file's state; the reads are then in flight. */
        void start() throws IOException {
            if (handle == null) {
                handle();
            }
            issue(true);
            try {
                FileAttributes attributes = retrieve(stat).ensurePacketTypeIs(PacketType.ATTRS).readFileAttributes();
                if (attributes.getType() != FileMode.Type.REGULAR && attributes.getType() != FileMode.Type.UNKNOWN) {
                    throw new IOException("it is no longer a regular file");
                }
                size = attributes.getSize();
                Instant listed = request.file().modified();
                // SFTP gives whole seconds: the listing's finer time stands when the seconds agree
                modified = listed.getEpochSecond() == attributes.getMtime() ? listed : Instant.ofEpochSecond(attributes.getMtime());
            } catch (SFTPException e) {
                size = request.file().size();
                modified = request.file().modified();
            }
        }

        /** The next bytes of the range, or null at its end. */
        byte[] nextChunk() throws IOException {
            while (true) {
                if (reads.isEmpty()) {
                    if (eof || next >= end) {
                        return null;
                    }
                    send((int) Math.min(CHUNK, end - next)); // past the listed size: the file grew
                }
                Read read = reads.poll();
                bytesInFlight -= read.length;
                own -= read.length;
                issue(true);
                Response response = retrieve(read.promise);
                if (response.getType() == PacketType.STATUS) {
                    response.ensureStatusIs(Response.StatusCode.EOF);
                    eof = true;
                    dropReads();
                    return null;
                }
                response.ensurePacketTypeIs(PacketType.DATA);
                int n = response.readUInt32AsInt();
                byte[] data = new byte[n];
                System.arraycopy(response.array(), response.rpos(), data, 0, n);
                if (n < read.length) {
                    // a short reply: the reads after it start at the wrong place; ask again from here
                    dropReads();
                    next = read.offset + n;
                    if (n == 0) {
                        continue;
                    }
                }
                return data;
            }
        }

        private void dropReads() {
            bytesInFlight -= own;
            own = 0;
            reads.clear();
        }

        /** Gives back the budget and closes the handle without waiting for the reply. */
        void discard() {
            dropReads();
            if (handle != null && !closed) {
                closed = true;
                try {
                    Request close = engine.newRequest(PacketType.CLOSE);
                    close.putString(handle);
                    engine.request(close);
                } catch (IOException | RuntimeException ignored) {
                    // the handle dies with the channel (sshj throws unchecked exceptions on a dead transport too)
                }
            }
        }
    }

    private record Read(long offset, int length, Promise<Response, SFTPException> promise) {
    }

    /** The receiver's view of one file; keeps the other files' reads going out between chunks. */
    private final class FileStream extends InputStream {
        private final File file;
        private final List<File> files;
        private final int index;
        private byte[] chunk = new byte[0];
        private int position;
        private boolean done;
        IOException failure;

        FileStream(File file, List<File> files, int index) {
            this.file = file;
            this.files = files;
            this.index = index;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (len == 0) {
                return 0;
            }
            while (position >= chunk.length) {
                if (done) {
                    return -1;
                }
                try {
                    pump(files, index + 1);
                    byte[] next = file.nextChunk();
                    if (next == null) {
                        done = true;
                        return -1;
                    }
                    chunk = next;
                    position = 0;
                } catch (IOException | RuntimeException e) {
                    failure = new IOException(who + ": reading remote file '" + file.request.file().path()
                            + "' failed: " + SshConnection.reason(e) + "; the next sync resumes it", e);
                    throw failure;
                }
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, into, off, n);
            position += n;
            return n;
        }
    }
}
