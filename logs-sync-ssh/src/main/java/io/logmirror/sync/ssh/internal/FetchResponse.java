package io.logmirror.sync.ssh.internal;

import io.logmirror.core.FetchedRange;
import io.logmirror.core.RangeReceiver;
import io.logmirror.core.RangeRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what {@link FetchScript} writes back and hands every answer to the receiver: a group's files once the group
 * has been checked (every file unchanged from before to after the read: only then is each file's slice of the one
 * {@code cat} at the right place), a range as a stream while it arrives. A stream that ends or breaks in the middle
 * of a record fails the record being read (its stream throws) and every request not answered yet; nothing already
 * handed over is affected. Not thread-safe: one reader per batch.
 */
final class FetchResponse {

    /** The end of a range is held back until its trailer says all its bytes were read from the file. */
    static final int HOLD_BACK = 1 << 16;
    /** A group whose files grew far beyond the listing is not held in memory: its files are read again as ranges. */
    static final long GROUP_BUFFER_MAX = 64L << 20;
    private static final int MAX_LINE = 1 << 20;

    /** How a batch ended. */
    record Outcome(List<RangeRequest> retry, int answered) {
    }

    private final InputStream in;
    private final RangeReceiver receiver;
    private final String who;
    private final Set<RangeRequest> pending = new LinkedHashSet<>();
    private final List<RangeRequest> retry = new ArrayList<>();
    private int answered;

    FetchResponse(InputStream in, RangeReceiver receiver, String who) {
        this.in = in;
        this.receiver = receiver;
        this.who = who;
    }

    /**
     * Reads the whole answer to {@code plan}. Requests of groups that changed while read come back in
     * {@link Outcome#retry()} (not answered yet); every other request gets exactly one receiver call, a failure when
     * the stream broke before it.
     *
     * @throws InterruptedException when the thread is interrupted between records
     */
    Outcome read(FetchPlan plan) throws InterruptedException {
        for (FetchPlan.Item item : plan.items()) {
            for (FetchPlan.Member member : item.members()) {
                pending.add(member.request());
            }
        }
        try {
            String marker = line();
            if (!FetchScript.MARKER.equals(marker)) {
                throw new IOException("the transfer command answered without its marker (" + shorten(marker) + ")");
            }
            for (FetchPlan.Item item : plan.items()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("fetch cancelled");
                }
                if (item.group()) {
                    group(item.members());
                } else {
                    for (FetchPlan.Member member : item.members()) {
                        range(member);
                    }
                }
            }
            String end = line();
            if (end.startsWith("P ")) {
                throw new IOException(end.substring(2));
            }
            if (!end.equals("E")) {
                throw new IOException("the transfer stream has '" + shorten(end) + "' where its end was expected");
            }
        } catch (IOException e) {
            failPending(e);
        } catch (RuntimeException e) { // a malformed number or field: the stream is garbled from here on
            failPending(new IOException("the transfer stream is garbled (" + e + ")", e));
        }
        return new Outcome(List.copyOf(retry), answered);
    }

    private void failPending(IOException cause) {
        for (RangeRequest request : pending) {
            receiver.onFailure(request, new IOException(who + ": the transfer of remote file '" + request.file().path()
                    + "' did not arrive (" + cause.getMessage() + "); the next sync reads it again", cause));
        }
        pending.clear();
    }

    private void group(List<FetchPlan.Member> members) throws IOException {
        Map<String, FetchPlan.Member> waiting = new HashMap<>();
        for (FetchPlan.Member member : members) {
            waiting.put(member.printed(), member);
        }
        List<FetchPlan.Member> sent = new ArrayList<>(members);
        while (!waiting.isEmpty()) {
            String line = line();
            if (line.startsWith("X ")) {
                FetchPlan.Member member = unreadable(line, waiting);
                sent.remove(member);
                continue;
            }
            String[] header = line.split(" ");
            if (header.length != 3 || !header[0].equals("W")) {
                throw new IOException("the transfer stream has '" + shorten(line) + "' where a group was expected");
            }
            long total = Long.parseLong(header[2]);
            Map<String, String> before = stats();
            byte[] data = null;
            if (total <= GROUP_BUFFER_MAX) {
                data = in.readNBytes((int) total);
                if (data.length < total) {
                    throw new IOException("the transfer stream ended inside a group of files");
                }
            } else {
                for (long left = total; left > 0; ) {
                    int n = in.readNBytes((int) Math.min(left, 1 << 20)).length;
                    if (n == 0) {
                        throw new IOException("the transfer stream ended inside a group of files");
                    }
                    left -= n;
                }
            }
            Map<String, String> after = stats();
            deliverGroup(sent, before, after, data, total);
            return;
        }
    }

    private void deliverGroup(List<FetchPlan.Member> sent, Map<String, String> before, Map<String, String> after,
                              byte[] data, long total) {
        long sum = 0;
        for (String stat : before.values()) {
            if (stat.startsWith("f ")) {
                sum += Long.parseLong(stat.split(" ")[1]);
            }
        }
        boolean shifted = data == null || sum != total;
        int offset = 0;
        for (FetchPlan.Member member : sent) {
            RangeRequest request = member.request();
            String stat = before.get(member.printed());
            if (stat == null || !stat.startsWith("f ")) {
                pending.remove(request);
                answered++;
                receiver.onFailure(request, new IOException(who + ": remote file '" + request.file().path() + "' "
                        + (stat == null ? "vanished" : "is no longer a regular file")
                        + " while it was being read; the next sync sees the change"));
                continue;
            }
            String[] fields = stat.split(" ");
            long size = Long.parseLong(fields[1]);
            if (shifted || !stat.equals(after.get(member.printed()))) {
                shifted = true; // the bytes after a changed file may have moved: read them again one by one
                pending.remove(request);
                retry.add(request);
                continue;
            }
            int length = (int) Math.min(size, request.length());
            pending.remove(request);
            answered++;
            try {
                receiver.onRange(new FetchedRange(request, size, FindOutput.parseTime(fields[2]),
                        new ByteArrayInputStream(data, offset, length)));
            } catch (IOException | RuntimeException e) {
                // the receiver's own failure (a full disk) fails this range only, as the contract says
            }
            offset += (int) size;
        }
    }

    /** find's lines up to the {@code -} line: name to "type size mtime ctime inode". */
    private Map<String, String> stats() throws IOException {
        Map<String, String> stats = new HashMap<>();
        while (true) {
            String line = line();
            if (line.equals("-")) {
                return stats;
            }
            if (line.isEmpty()) {
                continue;
            }
            int fifth = nthSpace(line, 5);
            if (fifth < 0) {
                throw new IOException("the transfer stream has a malformed file state '" + shorten(line) + "'");
            }
            stats.put(line.substring(fifth + 1), line.substring(0, fifth));
        }
    }

    private void range(FetchPlan.Member member) throws IOException {
        String line = line();
        if (line.startsWith("X ")) {
            unreadable(line, new HashMap<>(Map.of(member.printed(), member)));
            return;
        }
        int fourth = nthSpace(line, 4);
        if (!line.startsWith("D ") || fourth < 0 || !line.substring(fourth + 1).equals(member.printed())) {
            throw new IOException("the transfer stream has '" + shorten(line) + "' where the range of '"
                    + member.request().file().path() + "' was expected");
        }
        String[] fields = line.substring(0, fourth).split(" ");
        long size = Long.parseLong(fields[1]);
        Instant modified = FindOutput.parseTime(fields[2]);
        long n = Long.parseLong(fields[3]);
        RangeRequest request = member.request();
        pending.remove(request);
        answered++;
        RangeStream stream = new RangeStream(n, request);
        try {
            receiver.onRange(new FetchedRange(request, size, modified, stream));
        } catch (IOException | RuntimeException e) {
            // fails this range only; the stream is drained below to reach the next record
        }
        stream.drain();
    }

    private FetchPlan.Member unreadable(String line, Map<String, FetchPlan.Member> waiting) throws IOException {
        int tab = line.indexOf('\t');
        FetchPlan.Member member = tab < 0 ? null : waiting.remove(line.substring(tab + 1));
        if (member == null) {
            throw new IOException("the transfer stream names a file that was not asked for: '" + shorten(line) + "'");
        }
        pending.remove(member.request());
        answered++;
        receiver.onFailure(member.request(), new IOException(who + ": cannot read remote file '"
                + member.request().file().path() + "': " + line.substring(2, tab) + "; the next sync sees the change"));
        return member;
    }

    /** A line of the stream (ISO-8859-1, so raw name bytes survive); the stream ending first is an error. */
    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the transfer stream ended before its end marker");
            }
            if (b == '\n') {
                return bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            if (bytes.size() >= MAX_LINE) {
                throw new IOException("the transfer stream has a line longer than " + MAX_LINE + " bytes");
            }
            bytes.write(b);
        }
    }

    private static int nthSpace(String line, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = line.indexOf(' ', at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    /**
     * The bytes of one range, straight from the transfer stream. Its last {@link #HOLD_BACK} bytes are handed out
     * only after the trailer said the file did not shrink while read; otherwise the stream throws instead, so a
     * caller that reads exactly the bytes it asked for still sees the failure.
     */
    private final class RangeStream extends InputStream {
        private final long length;
        private final RangeRequest request;
        private long streamed;
        private byte[] tail;
        private int tailPosition;
        private IOException failure;
        private boolean cut;

        RangeStream(long length, RangeRequest request) {
            this.length = length;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int off, int len) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (len == 0) {
                return 0;
            }
            if (tail == null && length - streamed > HOLD_BACK) {
                int n = in.read(into, off, (int) Math.min(len, length - streamed - HOLD_BACK));
                if (n < 0) {
                    throw fail("the transfer stream ended in the middle of it");
                }
                streamed += n;
                return n;
            }
            if (tail == null) {
                finish();
            }
            if (tailPosition >= tail.length) {
                return -1;
            }
            int n = Math.min(len, tail.length - tailPosition);
            System.arraycopy(tail, tailPosition, into, off, n);
            tailPosition += n;
            return n;
        }

        private void finish() throws IOException {
            byte[] rest = in.readNBytes((int) (length - streamed));
            if (rest.length < length - streamed) {
                throw fail("the transfer stream ended in the middle of it");
            }
            streamed = length;
            String trailer;
            try {
                trailer = line();
            } catch (IOException e) {
                throw fail(e.getMessage());
            }
            if (!trailer.startsWith("C ")) {
                throw fail("the transfer stream has '" + shorten(trailer) + "' where its trailer was expected");
            }
            long read = Long.parseLong(trailer.substring(2));
            tail = rest;
            if (read < length) {
                failure = new IOException(who + ": remote file '" + request.file().path() + "' shrank while it was"
                        + " read (" + read + " of " + length + " bytes); the next sync reads it again");
                throw failure;
            }
        }

        private IOException fail(String why) {
            cut = true;
            failure = new IOException(who + ": the transfer of remote file '" + request.file().path() + "' broke: "
                    + why + "; the bytes before the break are valid and the next sync resumes");
            return failure;
        }

        /** Reads what the receiver left, so that the next record starts where it should. */
        void drain() throws IOException {
            byte[] skip = new byte[8192];
            try {
                while (read(skip, 0, skip.length) >= 0) {
                    // skip
                }
            } catch (IOException e) {
                if (cut || e != failure) {
                    throw e; // the stream itself broke: nothing after it can be read
                }
                // a shrunk file: reported to the receiver through its stream; the framing is intact
            }
        }
    }
}
