package io.logmirror.app.config;

import io.logmirror.sync.ssh.HostKeyPolicy;
import io.logmirror.sync.ssh.TransferCompression;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the service, read from variables (the environment merged with {@code .env} files; see
 * {@link VariableSource}) by {@link #from(Map)}, which checks each value. This record is the one place where
 * variable names meet values; {@code MirrorFactory} maps it onto the core's configuration.
 * A variable set to an empty value counts as not set. {@code docs/configuration.md} lists them all.
 *
 * @param mode             where the mirror comes from ({@code LOGS_MODE}, by default derived from the others)
 * @param sshHost          {@code SSH_HOST}
 * @param sshPort          {@code SSH_PORT}, default 22
 * @param sshUser          {@code SSH_USER}, required with {@code SSH_HOST}
 * @param remoteBasePath   {@code REMOTE_BASE_PATH}, default {@code ~/ai-factory-benchmarks} (its {@code logs/} is mirrored)
 * @param sshKeyPath       {@code SSH_KEY_PATH}; empty means the usual {@code ~/.ssh/id_*}
 * @param sshKeyPassphrase {@code SSH_KEY_PASSPHRASE}, or the content of {@code SSH_KEY_PASSPHRASE_FILE}
 * @param knownHosts       {@code SSH_KNOWN_HOSTS}, default {@code ~/.ssh/known_hosts}
 * @param hostKeyPolicy    {@code SSH_STRICT_HOST_KEY_CHECKING}: {@code yes} (default) or {@code accept-new}
 * @param sshCompression   {@code SSH_COMPRESSION}: {@code yes} compresses the SSH connection with zlib (for slow links),
 *                         {@code no} by default
 * @param sshTransferCompression {@code SSH_TRANSFER_COMPRESSION}: how the batched transfer stream is compressed on the
 *                         cluster: {@code auto} (default: zstd, else gzip, else none), {@code zstd}, {@code gzip}, {@code none}
 * @param sshChannels      {@code SSH_CHANNELS}: SFTP channels for parallel reads, 1 to 16, default 4
 * @param sshConnections   {@code SSH_CONNECTIONS}: SSH connections the reads are spread over, 1 to 4 and at most
 *                         {@code SSH_CHANNELS}, default 1
 * @param localLogsDir     {@code LOCAL_LOGS_DIR}: a local folder to mirror instead of SSH
 * @param syncInterval     {@code SYNC_INTERVAL} in seconds, default 60
 * @param logLevel         {@code LOG_LEVEL}, default {@code INFO}, as a logback level name
 * @param dataDir          {@code DATA_DIR}, default {@code ./data} ({@code ./data/demo} in demo mode)
 * @param dataDirMinFree   {@code DATA_DIR_MIN_FREE_MB} in bytes: below this much free space on {@code DATA_DIR}'s disk,
 *                         {@code /management/health} is DOWN; default 1024 MiB, 0 turns the threshold off
 * @param port             {@code PORT}, default 8004
 * @param categoryRules    {@code CATEGORY_RULES}: a YAML rule file replacing the built-in rules
 * @param apiToken         {@code API_TOKEN}: when set, every endpoint but {@code /health} needs it as a bearer token
 * @param searchMaxLimit   {@code SEARCH_MAX_LIMIT}: the largest {@code limit} {@code /logs/search} accepts, 1 to
 *                         10,000,000, default 100,000
 * @param searchTimeLimit  {@code SEARCH_TIME_LIMIT} in seconds: a search stops after this long, 1 to 3600, default 30
 */
public record AppSettings(Mode mode, Optional<String> sshHost, int sshPort, Optional<String> sshUser,
                          String remoteBasePath, Optional<Path> sshKeyPath, Optional<Secret> sshKeyPassphrase,
                          Path knownHosts, HostKeyPolicy hostKeyPolicy, boolean sshCompression,
                          TransferCompression sshTransferCompression, int sshChannels,
                          int sshConnections, Optional<Path> localLogsDir,
                          Duration syncInterval, String logLevel, Path dataDir, long dataDirMinFree, int port,
                          Optional<Path> categoryRules, Optional<Secret> apiToken, int searchMaxLimit,
                          Duration searchTimeLimit) {

    public static final int DEFAULT_SSH_PORT = 22;
    public static final int DEFAULT_SSH_CHANNELS = 4;
    public static final String DEFAULT_REMOTE_BASE_PATH = "~/ai-factory-benchmarks";
    public static final int DEFAULT_SYNC_INTERVAL_SECONDS = 60;
    public static final int MAX_SYNC_INTERVAL_SECONDS = 86_400;
    public static final String DEFAULT_DATA_DIR = "./data";
    /** Room for a few big logs and hours of growth, so that the alert comes before the first write fails. */
    public static final int DEFAULT_DATA_DIR_MIN_FREE_MB = 1024;
    /** 1 TiB: a larger threshold is almost certainly a unit mistake. */
    public static final int MAX_DATA_DIR_MIN_FREE_MB = 1 << 20;
    /** The unit of {@code DATA_DIR_MIN_FREE_MB}: a mebibyte. */
    public static final long MB = 1L << 20;
    public static final int DEFAULT_PORT = 8004;
    public static final int DEFAULT_SEARCH_MAX_LIMIT = 100_000;
    public static final int DEFAULT_SEARCH_TIME_LIMIT_SECONDS = 30;

    /** A value that must not appear in logs or {@code toString()}. */
    public record Secret(String value) {
        @Override
        public String toString() {
            return "****";
        }
    }

    /** Settings for no variables at all: demo mode, every default. */
    public static AppSettings defaults() {
        return from(Map.of());
    }

    /**
     * Reads and checks every variable.
     *
     * @throws InvalidSettingsException listing every variable whose value is not allowed, and what is
     */
    public static AppSettings from(Map<String, String> variables) {
        VariableReader r = new VariableReader(variables);

        Optional<String> sshHost = r.text("SSH_HOST");
        sshHost.filter(h -> h.chars().anyMatch(c -> c <= ' ' || c == '@' || c == '/'))
                .ifPresent(h -> r.problem("SSH_HOST", h, "use a host name or an IP address, without user@ or a path"));
        int sshPort = r.integer("SSH_PORT", DEFAULT_SSH_PORT, 1, 65535);
        Optional<String> sshUser = r.text("SSH_USER");
        sshUser.filter(u -> u.chars().anyMatch(c -> c <= ' ' || c == '@' || c == ':'))
                .ifPresent(u -> r.problem("SSH_USER", u, "use a plain user name, without spaces, '@' or ':'"));
        String remoteBasePath = r.text("REMOTE_BASE_PATH").orElse(DEFAULT_REMOTE_BASE_PATH);
        if (remoteBasePath.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            r.problem("REMOTE_BASE_PATH", remoteBasePath, "use a folder path without control characters");
        }
        Optional<Path> localLogsDir = r.path("LOCAL_LOGS_DIR");

        Mode mode = r.mode(sshHost.isPresent(), localLogsDir.isPresent());

        Optional<Path> sshKeyPath = r.path("SSH_KEY_PATH");
        Path knownHosts = r.path("SSH_KNOWN_HOSTS").orElse(VariableReader.home().resolve(".ssh").resolve("known_hosts"));
        HostKeyPolicy policy = r.hostKeyPolicy();
        boolean compression = r.yesNo("SSH_COMPRESSION", false);
        TransferCompression transferCompression = r.transferCompression();
        int channels = r.integer("SSH_CHANNELS", DEFAULT_SSH_CHANNELS, 1, 16);
        int connections = r.integer("SSH_CONNECTIONS", 1, 1, 4);
        if (connections > channels) {
            r.problem("SSH_CONNECTIONS", Integer.toString(connections), "use at most SSH_CHANNELS (" + channels
                    + "): each connection needs at least one SFTP channel");
        }
        Optional<Secret> passphrase = r.passphrase();

        if (mode == Mode.SSH) {
            if (sshHost.isEmpty()) {
                r.problem("SSH_HOST", "", "LOGS_MODE=ssh needs the cluster's login host, e.g. SSH_HOST=login.lxp.lu");
            }
            if (sshUser.isEmpty()) {
                r.problem("SSH_USER", "", "required with SSH_HOST: set your account name on the cluster, e.g. SSH_USER=u100000");
            }
            sshKeyPath.filter(p -> !Files.isReadable(p)).ifPresent(p ->
                    r.problem("SSH_KEY_PATH", p.toString(), "use a private key file this process can read"));
            if (policy == HostKeyPolicy.STRICT && !Files.isReadable(knownHosts)) {
                r.problem("SSH_KNOWN_HOSTS", knownHosts.toString(), "the file does not exist or cannot be read, and "
                        + "SSH_STRICT_HOST_KEY_CHECKING=yes only trusts hosts listed in it: add the host's key "
                        + "(ssh-keyscan -p " + sshPort + " " + sshHost.orElse("HOST") + " >> " + knownHosts
                        + ") or set SSH_STRICT_HOST_KEY_CHECKING=accept-new to record it on first connection");
            }
        }
        if (mode == Mode.LOCAL) {
            if (localLogsDir.isEmpty()) {
                r.problem("LOCAL_LOGS_DIR", "", "LOGS_MODE=local needs the folder to mirror, e.g. LOCAL_LOGS_DIR=/mnt/cluster/logs");
            }
            localLogsDir.filter(p -> !Files.isDirectory(p)).ifPresent(p ->
                    r.problem("LOCAL_LOGS_DIR", p.toString(), "use an existing folder"));
        }

        int interval = r.integer("SYNC_INTERVAL", DEFAULT_SYNC_INTERVAL_SECONDS, 1, MAX_SYNC_INTERVAL_SECONDS);
        String logLevel = r.logLevel();
        // The demo's synthetic files must not end up in the real mirror later: by default they live apart.
        Path defaultDataDir = mode == Mode.DEMO ? Path.of(DEFAULT_DATA_DIR, "demo") : Path.of(DEFAULT_DATA_DIR);
        Path dataDir = r.path("DATA_DIR").orElse(defaultDataDir).toAbsolutePath().normalize();
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            r.problem("DATA_DIR", dataDir.toString(), "it is a file: use a folder (it is created when missing)");
        }
        long dataDirMinFree = r.integer("DATA_DIR_MIN_FREE_MB", DEFAULT_DATA_DIR_MIN_FREE_MB, 0, MAX_DATA_DIR_MIN_FREE_MB) * MB;
        int port = r.integer("PORT", DEFAULT_PORT, 1, 65535);
        Optional<Path> categoryRules = r.path("CATEGORY_RULES");
        categoryRules.filter(p -> !Files.isRegularFile(p) || !Files.isReadable(p)).ifPresent(p ->
                r.problem("CATEGORY_RULES", p.toString(), "use a readable YAML rule file (see docs/categories.md)"));
        Optional<Secret> apiToken = r.text("API_TOKEN").map(Secret::new);
        apiToken.filter(t -> t.value().chars().anyMatch(c -> c <= ' ' || c == 0x7f)).ifPresent(t ->
                r.problem("API_TOKEN", "****", "use printable characters without spaces"));

        int searchMaxLimit = r.integer("SEARCH_MAX_LIMIT", DEFAULT_SEARCH_MAX_LIMIT, 1, 10_000_000);
        int searchTimeLimit = r.integer("SEARCH_TIME_LIMIT", DEFAULT_SEARCH_TIME_LIMIT_SECONDS, 1, 3600);

        r.throwIfAny();
        return new AppSettings(mode, sshHost, sshPort, sshUser, remoteBasePath, sshKeyPath, passphrase, knownHosts,
                policy, compression, transferCompression, channels, connections, localLogsDir, Duration.ofSeconds(interval), logLevel, dataDir,
                dataDirMinFree, port, categoryRules, apiToken, searchMaxLimit, Duration.ofSeconds(searchTimeLimit));
    }
}
