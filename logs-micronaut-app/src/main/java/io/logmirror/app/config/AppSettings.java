package io.logmirror.app.config;

import io.logmirror.sync.ssh.HostKeyPolicy;
import io.logmirror.sync.ssh.TransferCompression;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 */
public record AppSettings(Mode mode, Optional<String> sshHost, int sshPort, Optional<String> sshUser,
                          String remoteBasePath, Optional<Path> sshKeyPath, Optional<Secret> sshKeyPassphrase,
                          Path knownHosts, HostKeyPolicy hostKeyPolicy, boolean sshCompression,
                          TransferCompression sshTransferCompression, int sshChannels,
                          int sshConnections, Optional<Path> localLogsDir,
                          Duration syncInterval, String logLevel, Path dataDir, long dataDirMinFree, int port,
                          Optional<Path> categoryRules, Optional<Secret> apiToken) {

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
        Reader r = new Reader(variables);

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
        Path knownHosts = r.path("SSH_KNOWN_HOSTS").orElse(Reader.home().resolve(".ssh").resolve("known_hosts"));
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
                r.problem("CATEGORY_RULES", p.toString(), "use a readable YAML rule file (see docs/configuration.md)"));
        Optional<Secret> apiToken = r.text("API_TOKEN").map(Secret::new);
        apiToken.filter(t -> t.value().chars().anyMatch(c -> c <= ' ' || c == 0x7f)).ifPresent(t ->
                r.problem("API_TOKEN", "****", "use printable characters without spaces"));

        r.throwIfAny();
        return new AppSettings(mode, sshHost, sshPort, sshUser, remoteBasePath, sshKeyPath, passphrase, knownHosts,
                policy, compression, transferCompression, channels, connections, localLogsDir, Duration.ofSeconds(interval), logLevel, dataDir, dataDirMinFree, port, categoryRules, apiToken);
    }

    /** Reads variables and collects every problem, so one start-up reports all of them. */
    private static final class Reader {
        private final Map<String, String> variables;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> variables) {
            this.variables = variables;
        }

        static Path home() {
            return Path.of(System.getProperty("user.home"));
        }

        Optional<String> text(String name) {
            String value = variables.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        void problem(String name, String value, String allowed) {
            problems.add(value.isEmpty() ? name + " is not set: " + allowed
                    : name + "='" + value + "' is not allowed: " + allowed);
        }

        int integer(String name, int defaultValue, int min, int max) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                int parsed = Integer.parseInt(value.get());
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(name, value.get(), "use a whole number from " + min + " to " + max + " (default " + defaultValue + ")");
            return defaultValue;
        }

        /** {@code yes}/{@code no} as in ssh_config, {@code true}/{@code false} too, in any case. */
        boolean yesNo(String name, boolean defaultValue) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return defaultValue;
            }
            switch (value.get().toLowerCase(Locale.ROOT)) {
                case "yes", "true" -> {
                    return true;
                }
                case "no", "false" -> {
                    return false;
                }
                default -> {
                    problem(name, value.get(), "use yes or no (default " + (defaultValue ? "yes" : "no") + ")");
                    return defaultValue;
                }
            }
        }

        Optional<Path> path(String name) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            String text = value.get();
            try {
                if (text.equals("~")) {
                    return Optional.of(home());
                }
                if (text.startsWith("~/")) {
                    return Optional.of(home().resolve(text.substring(2)));
                }
                return Optional.of(Path.of(text));
            } catch (InvalidPathException e) {
                problem(name, text, "use a valid file system path (" + e.getReason() + ")");
                return Optional.empty();
            }
        }

        Mode mode(boolean sshHost, boolean localDir) {
            Optional<String> value = text("LOGS_MODE");
            if (value.isEmpty() || value.get().equalsIgnoreCase("auto")) {
                return sshHost ? Mode.SSH : localDir ? Mode.LOCAL : Mode.DEMO;
            }
            for (Mode mode : Mode.values()) {
                if (mode.wireName().equalsIgnoreCase(value.get())) {
                    return mode;
                }
            }
            problem("LOGS_MODE", value.get(), "use auto (the default), ssh, local, demo or offline");
            return Mode.DEMO;
        }

        TransferCompression transferCompression() {
            Optional<String> value = text("SSH_TRANSFER_COMPRESSION");
            if (value.isEmpty()) {
                return TransferCompression.AUTO;
            }
            try {
                return TransferCompression.parse(value.get());
            } catch (IllegalArgumentException e) {
                problem("SSH_TRANSFER_COMPRESSION", value.get(), "use auto (the default: zstd, else gzip, else none on the"
                        + " cluster), zstd, gzip or none");
                return TransferCompression.AUTO;
            }
        }

        HostKeyPolicy hostKeyPolicy() {
            Optional<String> value = text("SSH_STRICT_HOST_KEY_CHECKING");
            if (value.isEmpty()) {
                return HostKeyPolicy.STRICT;
            }
            try {
                return HostKeyPolicy.parse(value.get());
            } catch (IllegalArgumentException e) {
                problem("SSH_STRICT_HOST_KEY_CHECKING", value.get(),
                        "use yes (the default: only hosts in SSH_KNOWN_HOSTS) or accept-new (record a new host's key on first connection)");
                return HostKeyPolicy.STRICT;
            }
        }

        Optional<Secret> passphrase() {
            Optional<String> inline = text("SSH_KEY_PASSPHRASE");
            Optional<Path> file = path("SSH_KEY_PASSPHRASE_FILE");
            if (inline.isPresent() && file.isPresent()) {
                problems.add("SSH_KEY_PASSPHRASE and SSH_KEY_PASSPHRASE_FILE are both set: set only one of them");
                return Optional.empty();
            }
            if (file.isPresent()) {
                try {
                    String content = Files.readString(file.get(), StandardCharsets.UTF_8);
                    return Optional.of(new Secret(content.replaceFirst("\\r?\\n$", "")));
                } catch (IOException e) {
                    problem("SSH_KEY_PASSPHRASE_FILE", file.get().toString(), "use a file this process can read ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                    return Optional.empty();
                }
            }
            // The passphrase is taken as given: spaces at its ends may be part of it.
            String raw = variables.get("SSH_KEY_PASSPHRASE");
            return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(new Secret(raw));
        }

        String logLevel() {
            Optional<String> value = text("LOG_LEVEL");
            if (value.isEmpty()) {
                return "INFO";
            }
            String level = value.get().toUpperCase(Locale.ROOT);
            switch (level) {
                case "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF":
                    return level;
                case "WARNING":
                    return "WARN";
                case "CRITICAL", "FATAL":
                    return "ERROR";
                default:
                    problem("LOG_LEVEL", value.get(), "use TRACE, DEBUG, INFO (the default), WARNING, ERROR, CRITICAL or OFF");
                    return "INFO";
            }
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException(problems);
            }
        }
    }
}
