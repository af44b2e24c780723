package io.logmirror.sync.ssh.internal;

import io.logmirror.sync.ssh.HostKeyRejectedException;
import io.logmirror.sync.ssh.SshSettings;
import net.schmizz.keepalive.KeepAlive;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.transport.NegotiatedAlgorithms;
import net.schmizz.sshj.transport.TransportException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One authenticated SSH connection with its SFTP channels and the resolved remote folder. Thread-safe: SFTP channels
 * are handed out to readers least-used first, opening a new one when all are busy, up to this connection's share of
 * {@link SshSettings#channels()}, or fewer when the server refuses more sessions (OpenSSH's {@code MaxSessions},
 * 10 by default, counts the listing shell too): then readers share the channels already open.
 */
public final class SshConnection implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SshConnection.class);

    /** Channel window: room for {@link SftpReadStream#IN_FLIGHT} full reads of one file. */
    static final long WINDOW_SIZE = 8L << 20;

    private final SSHClient client;
    private final SshSettings settings;
    private final String folder;
    /** {@link #folder} with symlinks resolved; asked for on the first symlink of a listing, not at connect. */
    private volatile String canonicalFolder;
    private final NegotiatedAlgorithms algorithms;
    private final List<SFTPClient> channels = new ArrayList<>();
    private final List<Integer> users = new ArrayList<>();
    /** The most SFTP channels to open: this connection's share of the setting, lowered when the server refuses one. */
    private int channelLimit;
    private ListingShell listingShell;
    private volatile RemoteTools tools;
    private boolean startingShell;
    private final Object toolsLock = new Object();

    private SshConnection(SSHClient client, SshSettings settings, SFTPClient primary, String folder,
                          NegotiatedAlgorithms algorithms) {
        this.algorithms = algorithms;
        this.client = client;
        this.settings = settings;
        this.folder = folder;
        channels.add(primary);
        users.add(0);
        this.channelLimit = (settings.channels() + settings.connections() - 1) / settings.connections();
    }

    /** "ssh user@host:port" for messages. */
    public static String who(SshSettings settings) {
        return "ssh " + settings.user() + "@" + settings.host() + ":" + settings.port();
    }

    /**
     * Connects, verifies the host key, authenticates, opens the first SFTP channel and resolves the remote folder.
     *
     * @throws IOException saying what failed, for which host, port and user, and what to do
     */
    public static SshConnection open(SshSettings settings) throws IOException {
        String who = who(settings);
        SSHClient client = new SSHClient(SshjConfig.get(settings.compression()));
        boolean done = false;
        try {
            client.setRemoteCharset(StandardCharsets.ISO_8859_1); // raw bytes both ways, see RemoteNames
            client.setSocketFactory(new SshjConfig.NoDelaySocketFactory());
            client.setConnectTimeout(millis(settings.connectTimeout().toMillis()));
            client.setTimeout(millis(settings.readTimeout().toMillis()));
            client.getTransport().setTimeoutMs(millis(settings.connectTimeout().toMillis()));
            client.getConnection().setTimeoutMs(millis(settings.readTimeout().toMillis()));
            // sshj's default 2 MiB channel window caps the bytes in flight per channel below what the read-ahead
            // asks for; on a link with latency that window, not the link, would set the speed.
            client.getConnection().setWindowSize(WINDOW_SIZE);
            KeepAlive keepAlive = client.getConnection().getKeepAlive();
            keepAlive.setKeepAliveInterval((int) Math.max(1, settings.keepAliveInterval().toSeconds()));
            if (keepAlive instanceof KeepAliveRunner) {
                ((KeepAliveRunner) keepAlive).setMaxAliveCount(4);
            }
            KnownHostsVerifier verifier = KnownHostsVerifier.of(settings.knownHosts(), settings.hostKeyPolicy());
            client.addHostKeyVerifier(verifier);
            AtomicReference<NegotiatedAlgorithms> negotiated = new AtomicReference<>();
            client.getTransport().addAlgorithmsVerifier(chosen -> {
                negotiated.set(chosen);
                return true; // only recorded: what is offered is already limited by the config
            });
            try {
                client.connect(settings.host(), settings.port());
            } catch (IOException e) {
                if (verifier.refusal().isPresent()) {
                    throw new HostKeyRejectedException(who + ": " + verifier.refusal().get());
                }
                throw new IOException(who + ": cannot connect: " + reason(e) + "; " + connectAdvice(e), e);
            }
            Login.authenticate(client, settings, who);
            SFTPClient primary;
            try {
                primary = newSftp(client, settings);
            } catch (IOException e) {
                throw new IOException(who + ": the SFTP subsystem is not available (" + reason(e)
                        + "); the account must allow SFTP (check the server's Subsystem sftp setting)", e);
            }
            String folder = resolveFolder(primary, settings, who);
            SshConnection connection = new SshConnection(client, settings, primary, folder, negotiated.get());
            LOG.debug("{}: connected ({})", who, connection.algorithms());
            done = true;
            return connection;
        } catch (TransportException e) {
            throw new IOException(who + ": the connection failed while setting up: " + reason(e)
                    + "; check that the host runs an SSH server on that port", e);
        } finally {
            if (!done) {
                try {
                    client.disconnect();
                } catch (IOException | RuntimeException ignored) {
                    // already failing
                }
            }
        }
    }

    private static SFTPClient newSftp(SSHClient client, SshSettings settings) throws IOException {
        SFTPClient sftp = client.newSFTPClient();
        sftp.getSFTPEngine().setTimeoutMs(millis(settings.readTimeout().toMillis()));
        return sftp;
    }

    /** {@code <base>/logs} as an absolute carrier; {@code ~} is the home folder as the SFTP server reports it. */
    private static String resolveFolder(SFTPClient sftp, SshSettings settings, String who) throws IOException {
        String base = settings.remoteBasePath();
        String absolute;
        if (base.startsWith("/")) {
            absolute = RemoteNames.carrierOf(base);
        } else {
            String home = sftp.canonicalize(".");
            String rest = base.equals("~") ? "" : base.startsWith("~/") ? base.substring(2) : base;
            absolute = home + (rest.isEmpty() ? "" : "/" + RemoteNames.carrierOf(rest));
        }
        while (absolute.length() > 1 && absolute.endsWith("/")) {
            absolute = absolute.substring(0, absolute.length() - 1);
        }
        String folder = (absolute.equals("/") ? "" : absolute) + "/logs";
        FileAttributes attributes;
        try {
            attributes = sftp.stat(folder);
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
                throw new IOException(who + ": the remote folder " + RemoteNames.localName(folder)
                        + " does not exist; create it on the host (mkdir -p) or fix REMOTE_BASE_PATH (now '" + base + "')", e);
            }
            throw new IOException(who + ": the remote folder " + RemoteNames.localName(folder) + " cannot be read ("
                    + reason(e) + "); check its permissions or REMOTE_BASE_PATH (now '" + base + "')", e);
        }
        if (attributes.getType() != FileMode.Type.DIRECTORY) {
            throw new IOException(who + ": the remote path " + RemoteNames.localName(folder)
                    + " is not a folder; fix REMOTE_BASE_PATH (now '" + base + "')");
        }
        return folder;
    }

    /** What the key exchange chose, for diagnostics: cipher and compression each way, and the key exchange. */
    public String algorithms() {
        return algorithms == null ? "unknown" : "key exchange " + algorithms.getKeyExchangeAlgorithm() + ", cipher "
                + algorithms.getServer2ClientCipherAlgorithm() + ", compression "
                + algorithms.getServer2ClientCompressionAlgorithm();
    }

    /** The SSH client (for exec channels). */
    public SSHClient client() {
        return client;
    }

    /** The remote folder, absolute, as a carrier. */
    public String folder() {
        return folder;
    }

    /** The remote folder with every symlink resolved, as a carrier (one SFTP round trip the first time). */
    public String canonicalFolder() throws IOException {
        String known = canonicalFolder;
        if (known == null) {
            known = primary().canonicalize(folder); // outside the lock: a round trip; two racing callers get the same
            canonicalFolder = known;
        }
        return known;
    }

    /** The first SFTP channel, for metadata requests. */
    public synchronized SFTPClient primary() {
        return channels.get(0);
    }

    /** Whether the transport is still up and authenticated. */
    public boolean isUsable() {
        return client.isConnected() && client.isAuthenticated();
    }

    /** An SFTP channel for one reader; give it back with {@link #release(SFTPClient)}. */
    public SFTPClient acquire() throws IOException {
        synchronized (this) {
            int best = leastUsed();
            if (users.get(best) == 0 || channels.size() >= channelLimit) {
                return take(best);
            }
        }
        SFTPClient fresh;
        try {
            fresh = newSftp(client, settings); // outside the lock: it is a round trip
        } catch (OpenFailException e) {
            synchronized (this) {
                if (channels.size() < channelLimit) {
                    channelLimit = channels.size();
                    LOG.warn("{}: the server refused another session ({}); reads share the {} SFTP channel(s) open"
                            + " on this connection (raise MaxSessions on the server, or lower SSH_CHANNELS)",
                            who(settings), reason(e), channelLimit);
                }
                return take(leastUsed());
            }
        }
        synchronized (this) {
            channels.add(fresh);
            users.add(1);
        }
        return fresh;
    }

    private int leastUsed() {
        int best = 0;
        for (int i = 1; i < users.size(); i++) {
            if (users.get(i) < users.get(best)) {
                best = i;
            }
        }
        return best;
    }

    private SFTPClient take(int index) {
        users.set(index, users.get(index) + 1);
        return channels.get(index);
    }

    /** Gives back a channel from {@link #acquire()}. */
    public synchronized void release(SFTPClient channel) {
        int index = channels.indexOf(channel);
        if (index >= 0) {
            users.set(index, Math.max(0, users.get(index) - 1));
        }
    }

    /** What the remote offers for batched transfers; probed with one exec the first time, then remembered. */
    public RemoteTools tools() throws IOException {
        RemoteTools known = tools;
        if (known == null) {
            synchronized (toolsLock) {
                if (tools == null) {
                    tools = RemoteTools.probe(this);
                    LOG.debug("{}: remote tools: {}", who(settings), tools);
                }
                known = tools;
            }
        }
        return known;
    }

    /** The kept listing shell, when one runs. */
    synchronized java.util.Optional<ListingShell> listingShell() {
        if (listingShell != null && !listingShell.isUsable()) {
            listingShell.close();
            listingShell = null;
        }
        return java.util.Optional.ofNullable(listingShell);
    }

    /**
     * Starts the kept listing shell in the background (best effort: without it, listings run one exec each). Its
     * start costs round trips that the listing that asked for it need not wait for.
     */
    void startListingShell() {
        synchronized (this) {
            if (listingShell != null || startingShell || !isUsable()) {
                return;
            }
            startingShell = true;
        }
        Thread starter = new Thread(() -> {
            ListingShell started = null;
            try {
                started = ListingShell.start(this);
            } catch (IOException | RuntimeException e) {
                // listings stay one exec each on this connection
            }
            synchronized (this) {
                startingShell = false;
                if (started != null && listingShell == null && isUsable()) {
                    listingShell = started;
                    started = null;
                }
            }
            if (started != null) {
                started.close();
            }
        }, "ssh-listing-shell-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Probes the remote's tools in the background, so that the first fetch finds them known. */
    public void probeToolsSoon() {
        Thread prober = new Thread(() -> {
            try {
                tools();
            } catch (IOException | RuntimeException e) {
                // the first fetch probes again and reports
                synchronized (toolsLock) {
                    tools = null;
                }
            }
        }, "ssh-tools-probe");
        prober.setDaemon(true);
        prober.start();
    }

    synchronized void dropListingShell() {
        if (listingShell != null) {
            listingShell.close();
            listingShell = null;
        }
    }

    /** Read streams open now on this connection. */
    public synchronized int activeStreams() {
        int sum = 0;
        for (int count : users) {
            sum += count;
        }
        return sum;
    }

    /** SFTP channels open now. */
    public synchronized int openChannels() {
        return channels.size();
    }

    @Override
    public void close() {
        dropListingShell();
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // closing a broken connection
        }
    }

    /** Whether {@code e} (or a cause) says the connection itself broke, not just one request. */
    public static boolean isTransportFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransportException || cause instanceof java.net.SocketException
                    || cause instanceof net.schmizz.sshj.connection.ConnectionException
                    && !(cause instanceof net.schmizz.sshj.connection.channel.OpenFailException)) {
                return true;
            }
        }
        return false;
    }

    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && (cause.getMessage() == null
                || cause instanceof TransportException && cause.getCause().getMessage() != null)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    private static String connectAdvice(IOException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (e instanceof UnknownHostException || root instanceof UnknownHostException) {
            return "check SSH_HOST";
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "check SSH_HOST and SSH_PORT and that the SSH server is running";
        }
        if (e instanceof SocketTimeoutException || root instanceof SocketTimeoutException
                || root instanceof NoRouteToHostException) {
            return "the host did not answer in time: check SSH_HOST, SSH_PORT, the network and firewalls";
        }
        return "check SSH_HOST, SSH_PORT and that an SSH server answers there";
    }

    private static int millis(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
