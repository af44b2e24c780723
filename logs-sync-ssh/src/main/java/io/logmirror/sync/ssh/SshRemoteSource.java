package io.logmirror.sync.ssh;

import io.logmirror.core.RangeReceiver;
import io.logmirror.core.RangeRequest;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.RemoteSource;
import io.logmirror.sync.ssh.internal.ExecFetch;
import io.logmirror.sync.ssh.internal.ListingAssembler;
import io.logmirror.sync.ssh.internal.RemoteLister;
import io.logmirror.sync.ssh.internal.RemoteNames;
import io.logmirror.sync.ssh.internal.RemoteTools;
import io.logmirror.sync.ssh.internal.SftpFetch;
import io.logmirror.sync.ssh.internal.SshConnection;
import io.logmirror.sync.ssh.internal.SshReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A {@link RemoteSource} over one SSH connection: the remote folder {@code <remoteBasePath>/logs} is listed with one
 * {@code find} over an exec channel (or an SFTP walk when the account has no shell) and read over several SFTP
 * channels of the same connection, with many read requests in flight. ({@link SshSettings#connections()} can spread
 * reads over a second connection, which decrypts on a second core; listing always uses the first.) Batches of ranges
 * ({@link #fetch}) cost a handful of round trips: one exec stream per batch, compressed on the cluster
 * ({@link SshSettings#transferCompression()}), or pipelined SFTP when the account has no shell.
 *
 * <p>The connection is opened on first use (or by {@link #connect()}), kept open across syncs, and opened again on
 * the next call after it failed. Host keys are checked against known_hosts under {@link SshSettings#hostKeyPolicy()};
 * nothing accepts every key. Names on the remote are raw bytes: valid UTF-8 names are used as they are, other bytes
 * are written {@code %XX} in the local name while {@link RemoteFile#sourceName()} keeps the raw name, so such files
 * are mirrored too.
 *
 * <pre>{@code
 * SshSettings settings = SshSettings.builder("login.lxp.lu", "u100123")
 *         .port(8822)
 *         .identityFile(Path.of("/run/secrets/id_ed25519"))
 *         .build();
 * try (SshRemoteSource source = SshRemoteSource.create(settings)) {
 *     RemoteListing listing = source.list();
 * }
 * }</pre>
 *
 * <p>Thread-safe: reads may run in parallel ({@link #preferredParallelism()} of them use separate SFTP channels).
 * Errors name host, port and user and say what to do. A listing or an {@code open()} that hits a broken connection
 * is retried once on a new one; a read that breaks mid-file fails, and the engine resumes it at the next sync.
 * See docs/ssh.md for the details (listing shell, symlinks, names, timeouts, what was measured).
 */
public final class SshRemoteSource implements RemoteSource {

    private static final Logger LOG = LoggerFactory.getLogger(SshRemoteSource.class);

    private final SshSettings settings;
    private final String who;
    private SshConnection connection;
    /** Extra connections for reads ({@link SshSettings#connections()} - 1 slots); a slot is opened on demand. */
    private final SshConnection[] readers;
    private boolean closed;
    private volatile boolean execUnavailable;
    private final java.util.concurrent.atomic.AtomicBoolean warnedCodec = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean warnedSessions = new java.util.concurrent.atomic.AtomicBoolean();

    private SshRemoteSource(SshSettings settings) {
        this.settings = settings;
        this.who = SshConnection.who(settings);
        this.readers = new SshConnection[settings.connections() - 1];
    }

    /** A source for {@code settings}; it connects on first use, not here. */
    public static SshRemoteSource create(SshSettings settings) {
        return new SshRemoteSource(java.util.Objects.requireNonNull(settings, "settings"));
    }

    /**
     * Connects now (if not connected yet): checks the host key, logs in and finds the remote folder. Useful to fail
     * fast at start-up; {@link #list()} and {@link #open} connect by themselves otherwise.
     *
     * @throws IOException saying what failed and what to do; {@link HostKeyRejectedException} for a refused host key
     */
    public void connect() throws IOException {
        live();
    }

    @Override
    public RemoteListing list() throws IOException {
        for (int attempt = 1; ; attempt++) {
            SshConnection live = live();
            try {
                return list(live);
            } catch (IOException e) {
                if (!dropIfDead(live, e) || attempt > 1) {
                    throw e;
                }
                LOG.info("{}: the connection broke while listing ({}); listing again on a new connection", who, e.getMessage());
            }
        }
    }

    private RemoteListing list(SshConnection live) throws IOException {
        boolean sftp = settings.listingMode() == SshSettings.ListingMode.SFTP
                || (settings.listingMode() == SshSettings.ListingMode.AUTO && execUnavailable);
        if (!sftp) {
            try {
                return RemoteLister.exec(live, who);
            } catch (RemoteLister.NoShellException e) {
                if (settings.listingMode() == SshSettings.ListingMode.EXEC) {
                    throw new IOException(e.getMessage() + "; the account seems to have no shell: use the SFTP listing mode", e);
                }
                LOG.warn("{}; listing over SFTP from now on", e.getMessage());
                execUnavailable = true;
            }
        }
        return RemoteLister.sftp(live, who);
    }

    @Override
    public InputStream open(RemoteFile file, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative: " + offset + ", " + length);
        }
        for (int attempt = 1; ; attempt++) {
            SshConnection live = reader();
            String path = live.folder() + "/" + ListingAssembler.carrierOf(file);
            try {
                return SshReads.open(live, path, offset, length, e -> {
                    dropIfDead(live, e);
                    return new IOException(who + ": reading remote file '" + file.path() + "' failed after offset "
                            + offset + ": " + e.getMessage() + "; the next sync resumes it", e);
                });
            } catch (IOException e) {
                if (dropIfDead(live, e) && attempt == 1) {
                    continue;
                }
                throw new IOException(who + ": cannot open remote file '" + file.path() + "' ("
                        + RemoteNames.localName(path) + "): " + e.getMessage() + "; " + openAdvice(e), e);
            }
        }
    }

    /**
     * Reads a whole batch of ranges in a handful of round trips. With a shell on the remote: one exec per batch runs a
     * small POSIX {@code sh} script that takes the request list on its standard input (NUL-separated names, never on
     * a command line) and answers with framed records (the bytes, and each file's size and modification time when
     * read), compressed with zstd or {@code gzip -1} per {@link SshSettings#transferCompression()}. Without a shell:
     * pipelined SFTP, many files in flight on one channel. A stream cut in the middle of a record fails that record
     * (its stream throws) and every request not answered yet; what was handed over before stays valid.
     */
    @Override
    public void fetch(List<RangeRequest> requests, RangeReceiver receiver) throws IOException, InterruptedException {
        if (requests.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            SshConnection live = reader();
            try {
                RemoteTools tools = live.tools();
                if (!tools.batch()) {
                    SftpFetch.fetch(live, who, requests, receiver);
                    return;
                }
                TransferCompression codec = tools.codec(settings.transferCompression());
                if (codec != settings.transferCompression() && settings.transferCompression() != TransferCompression.AUTO
                        && warnedCodec.compareAndSet(false, true)) {
                    LOG.warn("{}: SSH_TRANSFER_COMPRESSION={} but the remote has no {} on its PATH ({}); using {}", who,
                            settings.transferCompression().name().toLowerCase(java.util.Locale.ROOT),
                            settings.transferCompression().name().toLowerCase(java.util.Locale.ROOT), tools,
                            codec.name().toLowerCase(java.util.Locale.ROOT));
                }
                try {
                    ExecFetch.fetch(live, who, codec, requests, receiver);
                } catch (ExecFetch.NotStartedException e) {
                    if (!live.isUsable()) {
                        throw e;
                    }
                    // the server refused another session (OpenSSH's MaxSessions): this batch goes over SFTP
                    if (warnedSessions.compareAndSet(false, true)) {
                        LOG.warn("{} ; batches that cannot get a session of their own are read over SFTP (raise"
                                + " MaxSessions on the server, or lower SSH_CHANNELS)", e.getMessage());
                    }
                    SftpFetch.fetch(live, who, requests, receiver);
                }
                return;
            } catch (IOException e) {
                // only failures before anything was handed over come here (later ones go to the receiver)
                if (dropIfDead(live, e) && attempt == 1) {
                    continue;
                }
                throw new IOException(who + ": cannot fetch " + requests.size() + " file range(s): " + e.getMessage(), e);
            }
        }
    }

    private static String openAdvice(IOException e) {
        if (e instanceof net.schmizz.sshj.sftp.SFTPException) {
            switch (((net.schmizz.sshj.sftp.SFTPException) e).getStatusCode()) {
                case NO_SUCH_FILE:
                    return "it was deleted or renamed since the listing; the next sync sees the change";
                case PERMISSION_DENIED:
                    return "the account may not read it: check its permissions on the host";
                default:
                    break;
            }
        }
        return "the next sync tries again";
    }

    @Override
    public int preferredParallelism() {
        return settings.channels();
    }

    @Override
    public String describe() {
        return settings.toString();
    }

    /** The settings this source was created with. */
    public SshSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        java.util.List<SshConnection> toClose = new java.util.ArrayList<>();
        synchronized (this) {
            closed = true;
            toClose.add(connection);
            connection = null;
            for (int i = 0; i < readers.length; i++) {
                toClose.add(readers[i]);
                readers[i] = null;
            }
        }
        for (SshConnection each : toClose) {
            if (each != null) {
                each.close();
            }
        }
    }

    /** The connection with the fewest open read streams; opens an extra one when that slot is empty or dead. */
    private SshConnection reader() throws IOException {
        SshConnection primary = live();
        if (readers.length == 0) {
            return primary;
        }
        int slot = -1;
        synchronized (this) {
            int least = primary.activeStreams();
            for (int i = 0; i < readers.length; i++) {
                int load = readers[i] != null && readers[i].isUsable() ? readers[i].activeStreams() : 0;
                if (load < least || readers[i] == null && least > 0) {
                    least = load;
                    slot = i;
                }
            }
            if (slot < 0) {
                return primary;
            }
            if (readers[slot] != null && readers[slot].isUsable()) {
                return readers[slot];
            }
            if (readers[slot] != null) {
                readers[slot].close();
            }
            readers[slot] = SshConnection.open(settings);
            return readers[slot];
        }
    }

    private synchronized SshConnection live() throws IOException {
        if (closed) {
            throw new IOException(who + ": this source is closed");
        }
        if (connection != null && connection.isUsable()) {
            return connection;
        }
        if (connection != null) {
            LOG.info("{}: connection lost, connecting again", who);
            connection.close();
            connection = null;
        }
        connection = SshConnection.open(settings);
        connection.probeToolsSoon(); // one exec, in parallel with the listing that usually comes first
        execUnavailable = false; // a new connection tries the exec listing once again (the account may have changed)
        return connection;
    }

    /**
     * Drops {@code live} when {@code e} says its transport died (or it is no longer usable), so that the next call
     * connects again.
     *
     * @return whether the connection was dropped
     */
    private boolean dropIfDead(SshConnection live, IOException e) {
        if (live.isUsable() && !SshConnection.isTransportFailure(e)) {
            return false;
        }
        synchronized (this) {
            if (connection == live) {
                connection = null;
            }
            for (int i = 0; i < readers.length; i++) {
                if (readers[i] == live) {
                    readers[i] = null;
                }
            }
        }
        live.close();
        return true;
    }
}
