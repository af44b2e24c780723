package io.logmirror.sync.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable settings of an {@link SshRemoteSource}. Build with {@link #builder(String, String)}; every setter
 * checks its value and names the field and the value in its error.
 *
 * <p>Defaults: port 22, remote base path {@code ~/ai-factory-benchmarks} (the mirrored folder is its
 * {@code logs/} sub-folder), identity files the usual {@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa}
 * that exist, the keys of the ssh-agent whose socket {@code SSH_AUTH_SOCK} names (when set), known hosts {@code ~/.ssh/known_hosts}, host key policy {@link HostKeyPolicy#STRICT},
 * connect timeout 15 s, read timeout 60 s, keep-alive every 15 s, listing over an exec channel with an SFTP walk as
 * fallback, 4 SFTP channels on 1 connection, no compression of the connection, transfer stream compressed
 * with zstd or gzip when the remote has them.
 */
public final class SshSettings {

    /** How the remote folder is listed. */
    public enum ListingMode {
        /** One {@code find} over an exec channel, falling back to an SFTP walk when the account has no shell. */
        AUTO,
        /** Always the exec-channel {@code find}. */
        EXEC,
        /** Always an SFTP directory walk (for accounts without a shell). */
        SFTP
    }

    private final String host;
    private final int port;
    private final String user;
    private final String remoteBasePath;
    private final List<Path> identityFiles;
    private final Optional<char[]> passphrase;
    private final Optional<Path> agentSocket;
    private final Path knownHosts;
    private final HostKeyPolicy hostKeyPolicy;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration keepAliveInterval;
    private final ListingMode listingMode;
    private final int channels;
    private final int connections;
    private final boolean compression;
    private final TransferCompression transferCompression;

    private SshSettings(Builder b) {
        host = b.host;
        port = b.port;
        user = b.user;
        remoteBasePath = b.remoteBasePath;
        identityFiles = List.copyOf(b.identityFiles);
        passphrase = b.passphrase.map(char[]::clone);
        agentSocket = b.agentSocket;
        knownHosts = b.knownHosts;
        hostKeyPolicy = b.hostKeyPolicy;
        connectTimeout = b.connectTimeout;
        readTimeout = b.readTimeout;
        keepAliveInterval = b.keepAliveInterval;
        listingMode = b.listingMode;
        channels = b.channels;
        connections = b.connections;
        compression = b.compression;
        transferCompression = b.transferCompression;
    }

    /** Starts settings for {@code user@host}. */
    public static Builder builder(String host, String user) {
        return new Builder(host, user);
    }

    public String host() { return host; }
    public int port() { return port; }
    public String user() { return user; }
    /** The remote base path as configured (may start with {@code ~}); the mirrored folder is {@code <base>/logs}. */
    public String remoteBasePath() { return remoteBasePath; }
    /** Identity files to try, in order; empty means the usual {@code ~/.ssh/id_*} that exist. */
    public List<Path> identityFiles() { return identityFiles; }
    /** The passphrase for encrypted identity files (a copy), if any. */
    public Optional<char[]> passphrase() { return passphrase.map(char[]::clone); }
    /** The ssh-agent's socket, if its keys are to be tried. */
    public Optional<Path> agentSocket() { return agentSocket; }
    public Path knownHosts() { return knownHosts; }
    public HostKeyPolicy hostKeyPolicy() { return hostKeyPolicy; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration readTimeout() { return readTimeout; }
    public Duration keepAliveInterval() { return keepAliveInterval; }
    public ListingMode listingMode() { return listingMode; }
    /** SFTP channels used for parallel reads. */
    public int channels() { return channels; }
    /**
     * SSH connections reads are spread over (default 1: one connection does everything). Each connection has its
     * own decryption thread; a second one lets reads use a second core. Listing always uses the first.
     */
    public int connections() { return connections; }
    /** Whether the connection is compressed with zlib (default false). */
    public boolean compression() { return compression; }
    /** How the batched transfer stream is compressed on the remote (default {@link TransferCompression#AUTO}). */
    public TransferCompression transferCompression() { return transferCompression; }

    @Override
    public String toString() {
        String base = remoteBasePath.endsWith("/") ? remoteBasePath.substring(0, remoteBasePath.length() - 1) : remoteBasePath;
        return "ssh://" + user + "@" + host + ":" + port + (base.startsWith("/") ? "" : "/") + base + "/logs";
    }

    /** Builds {@link SshSettings}; not thread-safe. */
    public static final class Builder {
        private final String host;
        private final String user;
        private int port = 22;
        private String remoteBasePath = "~/ai-factory-benchmarks";
        private final List<Path> identityFiles = new ArrayList<>();
        private Optional<char[]> passphrase = Optional.empty();
        private Optional<Path> agentSocket = Optional.ofNullable(System.getenv("SSH_AUTH_SOCK"))
                .filter(socket -> !socket.isBlank()).map(Path::of);
        private Path knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        private HostKeyPolicy hostKeyPolicy = HostKeyPolicy.STRICT;
        private Duration connectTimeout = Duration.ofSeconds(15);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration keepAliveInterval = Duration.ofSeconds(15);
        private ListingMode listingMode = ListingMode.AUTO;
        private int channels = 4;
        private int connections = 1;
        private boolean compression;
        private TransferCompression transferCompression = TransferCompression.AUTO;

        private Builder(String host, String user) {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(user, "user");
            if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '@' || c == '/')) {
                throw new IllegalArgumentException("SSH host '" + host + "' is not a host name or address");
            }
            if (user.isBlank() || user.chars().anyMatch(c -> c <= ' ' || c == '@' || c == ':')) {
                throw new IllegalArgumentException("SSH user '" + user + "' is not a valid user name");
            }
            this.host = host;
            this.user = user;
        }

        /** The SSH port, 1 to 65535 (default 22). */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("SSH port must be between 1 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** The remote base path; may start with {@code ~} or {@code ~/} (default {@code ~/ai-factory-benchmarks}). */
        public Builder remoteBasePath(String path) {
            Objects.requireNonNull(path, "remoteBasePath");
            if (path.isBlank() || path.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("remote base path '" + path + "' must be non-blank and free of control characters");
            }
            if (path.startsWith("~") && !path.equals("~") && !path.startsWith("~/")) {
                throw new IllegalArgumentException("remote base path '" + path + "' names another user's home; only '~' and"
                        + " '~/...' (the login user's home) are expanded: write the absolute path instead");
            }
            this.remoteBasePath = path;
            return this;
        }

        /** Adds an identity file (OpenSSH or PEM; ed25519, ecdsa or rsa). */
        public Builder identityFile(Path file) {
            identityFiles.add(Objects.requireNonNull(file, "identityFile"));
            return this;
        }

        /** The passphrase of encrypted identity files. */
        public Builder passphrase(char[] passphrase) {
            this.passphrase = Optional.of(Objects.requireNonNull(passphrase, "passphrase").clone());
            return this;
        }

        /**
         * The socket of an ssh-agent whose keys are tried too (default: {@code SSH_AUTH_SOCK} when set). Named
         * identity files are tried first, then the agent's keys; with no identity file named, the agent's keys come
         * before the usual {@code ~/.ssh/id_*} files, as with OpenSSH.
         */
        public Builder agentSocket(Path socket) {
            this.agentSocket = Optional.of(Objects.requireNonNull(socket, "agentSocket"));
            return this;
        }

        /** Tries no ssh-agent, even when {@code SSH_AUTH_SOCK} is set. */
        public Builder withoutAgent() {
            this.agentSocket = Optional.empty();
            return this;
        }

        /** The known_hosts file (default {@code ~/.ssh/known_hosts}). */
        public Builder knownHosts(Path file) {
            this.knownHosts = Objects.requireNonNull(file, "knownHosts");
            return this;
        }

        /** What to do with unknown host keys (default {@link HostKeyPolicy#STRICT}). */
        public Builder hostKeyPolicy(HostKeyPolicy policy) {
            this.hostKeyPolicy = Objects.requireNonNull(policy, "hostKeyPolicy");
            return this;
        }

        /** Time allowed to connect and authenticate (default 15 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** Time a single read or listing may stall before the connection is dropped (default 60 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive("readTimeout", timeout);
            return this;
        }

        /** Interval between keep-alive messages (default 15 s). */
        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = positive("keepAliveInterval", interval);
            return this;
        }

        /** How the remote folder is listed (default {@link ListingMode#AUTO}). */
        public Builder listingMode(ListingMode mode) {
            this.listingMode = Objects.requireNonNull(mode, "listingMode");
            return this;
        }

        /** SFTP channels for parallel reads, 1 to 16 (default 4). */
        public Builder channels(int channels) {
            if (channels < 1 || channels > 16) {
                throw new IllegalArgumentException("SSH channels must be between 1 and 16, was " + channels);
            }
            this.channels = channels;
            return this;
        }

        /** SSH connections that reads are spread over, 1 to 4 (default 1); SFTP channels are shared among them. */
        public Builder connections(int connections) {
            if (connections < 1 || connections > 4) {
                throw new IllegalArgumentException("SSH connections must be between 1 and 4, was " + connections);
            }
            this.connections = connections;
            return this;
        }

        /**
         * Whether to compress the connection with zlib, as {@code rsync -z} and {@code ssh -C} do (default false).
         * Logs compress several times over, so on a link slower than the machines' zlib (roughly below a few hundred
         * Mbit/s) a first sync is several times faster; on a fast link it costs CPU at both ends and is slower.
         * docs/benchmarks.md has the measurements.
         */
        public Builder compression(boolean compression) {
            this.compression = compression;
            return this;
        }

        /**
         * How the batched transfer stream is compressed on the remote (default {@link TransferCompression#AUTO}: zstd
         * when the remote has it, else {@code gzip -1}, else none).
         */
        public Builder transferCompression(TransferCompression compression) {
            this.transferCompression = Objects.requireNonNull(compression, "transferCompression");
            return this;
        }

        /** The settings; fails when more connections than channels are asked for. */
        public SshSettings build() {
            if (connections > channels) {
                throw new IllegalArgumentException("SSH connections (" + connections + ") must not exceed SFTP channels ("
                        + channels + "): each connection needs at least one channel");
            }
            return new SshSettings(this);
        }

        /** At least a millisecond: sshj counts in milliseconds, and 0 there means "wait forever". */
        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
            }
            return value;
        }
    }
}
