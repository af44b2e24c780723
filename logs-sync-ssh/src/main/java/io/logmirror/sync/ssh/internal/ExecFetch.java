package io.logmirror.sync.ssh.internal;

import com.github.luben.zstd.ZstdInputStream;
import io.logmirror.core.RangeReceiver;
import io.logmirror.core.RangeRequest;
import io.logmirror.sync.ssh.TransferCompression;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * One batched fetch over an exec channel: starts {@link FetchScript}, feeds it the {@link FetchPlan} on stdin from a
 * second thread (the answer flows while requests are still going out), and reads the answer through the codec.
 * Group members that changed while their group was read are asked again as single ranges, once, on a second exec.
 */
public final class ExecFetch {

    /** Bytes that crossed the link for transfers (compressed), over the whole JVM: for benchmarks and tests. */
    private static final AtomicLong WIRE_BYTES = new AtomicLong();

    private ExecFetch() {
    }

    /** Compressed bytes read from transfer channels so far, in this JVM. */
    public static long wireBytes() {
        return WIRE_BYTES.get();
    }

    /** Thrown when the command could not even start (nothing was handed to the receiver): the caller may retry. */
    public static final class NotStartedException extends IOException {
        private static final long serialVersionUID = 1L;

        NotStartedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Fetches {@code requests} from {@code connection}'s folder, every answer going to {@code receiver}.
     *
     * @throws NotStartedException  when the exec channel could not be opened (nothing was answered)
     * @throws InterruptedException when cancelled
     */
    public static void fetch(SshConnection connection, String who, TransferCompression codec,
                             List<RangeRequest> requests, RangeReceiver receiver) throws IOException, InterruptedException {
        FetchPlan plan = FetchPlan.of(requests, false);
        FetchResponse.Outcome outcome = run(connection, who, codec, plan, receiver); // NotStarted: nothing answered yet
        for (FetchPlan.Refused refused : plan.refused()) {
            receiver.onFailure(refused.request(), new IOException(who + ": refused to read remote file '"
                    + refused.request().file().path() + "': " + refused.reason()));
        }
        if (!outcome.retry().isEmpty()) {
            FetchPlan again = FetchPlan.of(outcome.retry(), true);
            FetchResponse.Outcome second;
            try {
                second = run(connection, who, codec, again, receiver);
            } catch (NotStartedException e) {
                for (RangeRequest request : outcome.retry()) {
                    receiver.onFailure(request, e);
                }
                return;
            }
            for (RangeRequest request : second.retry()) {
                receiver.onFailure(request, new IOException(who + ": remote file '" + request.file().path()
                        + "' kept changing while it was read; the next sync reads it again"));
            }
        }
    }

    private static FetchResponse.Outcome run(SshConnection connection, String who, TransferCompression codec,
                                             FetchPlan plan, RangeReceiver receiver)
            throws IOException, InterruptedException {
        if (plan.items().isEmpty()) {
            return new FetchResponse.Outcome(List.of(), 0);
        }
        long timeout = connection.client().getConnection().getTimeoutMs();
        Session session;
        Session.Command command;
        try {
            session = connection.client().startSession();
            try {
                command = session.exec(FetchScript.command(connection.folder(), codec));
            } catch (IOException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (IOException e) {
            throw new NotStartedException(who + ": cannot start the transfer command: " + SshConnection.reason(e), e);
        }
        try {
            byte[] requestBytes = plan.requestBytes();
            Thread writer = new Thread(() -> write(command.getOutputStream(), requestBytes), "ssh-fetch-requests");
            writer.setDaemon(true);
            writer.start();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            Thread errorReader = new Thread(() -> collect(command.getErrorStream(), errors), "ssh-fetch-stderr");
            errorReader.setDaemon(true);
            errorReader.start();
            FetchResponse.Outcome outcome;
            try (Watchdog watchdog = Watchdog.start(timeout, () -> RemoteTools.closeQuietly(command))) {
                InputStream wire = new FilterInputStream(command.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            watchdog.progress();
                            WIRE_BYTES.incrementAndGet();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            watchdog.progress();
                            WIRE_BYTES.addAndGet(n);
                        }
                        return n;
                    }
                };
                InputStream decoded = decode(wire, codec);
                outcome = new FetchResponse(new BufferedInputStream(decoded, 1 << 16), receiver, who).read(plan);
                if (watchdog.fired()) {
                    LOG.warn("{}: the transfer command sent nothing for {} ms and was stopped (is the remote file system"
                            + " hung?); what it had not sent yet is read again at the next sync", who, timeout);
                }
            } catch (InterruptedException e) {
                RemoteTools.closeQuietly(command);
                throw e;
            }
            try {
                command.join(Math.min(timeout, 5000), TimeUnit.MILLISECONDS);
                errorReader.join(Math.min(timeout, 1000));
            } catch (IOException e) {
                LOG.debug("{}: the transfer command did not end cleanly: {}", who, e.toString());
            }
            String stderr;
            synchronized (errors) {
                stderr = errors.toString(StandardCharsets.UTF_8).strip();
            }
            if (!stderr.isEmpty()) {
                LOG.debug("{}: the transfer command wrote on stderr: {}", who, stderr);
            }
            return outcome;
        } finally {
            try {
                session.close();
            } catch (IOException | RuntimeException ignored) {
                // every answer is already with the receiver
            }
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExecFetch.class);

    private static InputStream decode(InputStream wire, TransferCompression codec) throws IOException {
        switch (codec) {
            case ZSTD:
                return new LazyDecoder(() -> new ZstdInputStream(wire));
            case GZIP:
                return new LazyDecoder(() -> new GZIPInputStream(wire, 1 << 16));
            default:
                return wire;
        }
    }

    private static void write(OutputStream out, byte[] bytes) {
        try (out) {
            for (int at = 0; at < bytes.length; at += 1 << 15) {
                out.write(bytes, at, Math.min(1 << 15, bytes.length - at));
                out.flush();
            }
        } catch (IOException | RuntimeException ignored) {
            // the reader sees the broken channel and reports it for every request
        }
    }

    private static void collect(InputStream in, ByteArrayOutputStream into) {
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (into) {
                    if (into.size() < 16384) {
                        into.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException ignored) {
            // diagnostics only
        }
    }

    /** Opens the decoder on first read, so that a stream that never starts fails there, inside the reader. */
    private static final class LazyDecoder extends InputStream {
        interface Opener {
            InputStream open() throws IOException;
        }

        private final Opener opener;
        private InputStream decoder;

        LazyDecoder(Opener opener) {
            this.opener = opener;
        }

        private InputStream decoder() throws IOException {
            if (decoder == null) {
                decoder = opener.open();
            }
            return decoder;
        }

        @Override
        public int read() throws IOException {
            try {
                return decoder().read();
            } catch (RuntimeException e) {
                throw new IOException("the compressed transfer stream is damaged: " + e.getMessage(), e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return decoder().read(b, off, len);
            } catch (RuntimeException e) {
                throw new IOException("the compressed transfer stream is damaged: " + e.getMessage(), e);
            }
        }
    }
}
