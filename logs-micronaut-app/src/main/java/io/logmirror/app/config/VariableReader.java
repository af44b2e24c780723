package io.logmirror.app.config;

import io.logmirror.sync.ssh.HostKeyPolicy;
import io.logmirror.sync.ssh.TransferCompression;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the service's variables one by one, each by its kind (a number in a range, yes/no, a path with {@code ~},
 * a level name, ...), and collects every problem instead of stopping at the first, so that one start-up reports all
 * of them ({@link #throwIfAny()}). A variable set to an empty value counts as not set. Used by
 * {@link AppSettings#from(Map)}; not thread-safe.
 */
final class VariableReader {

    private final Map<String, String> variables;
    private final List<String> problems = new ArrayList<>();

    VariableReader(Map<String, String> variables) {
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

    Optional<AppSettings.Secret> passphrase() {
        Optional<String> inline = text("SSH_KEY_PASSPHRASE");
        Optional<Path> file = path("SSH_KEY_PASSPHRASE_FILE");
        if (inline.isPresent() && file.isPresent()) {
            problems.add("SSH_KEY_PASSPHRASE and SSH_KEY_PASSPHRASE_FILE are both set: set only one of them");
            return Optional.empty();
        }
        if (file.isPresent()) {
            try {
                String content = Files.readString(file.get(), StandardCharsets.UTF_8);
                return Optional.of(new AppSettings.Secret(content.replaceFirst("\\r?\\n$", "")));
            } catch (IOException e) {
                problem("SSH_KEY_PASSPHRASE_FILE", file.get().toString(), "use a file this process can read ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                return Optional.empty();
            }
        }
        // The passphrase is taken as given: spaces at its ends may be part of it.
        String raw = variables.get("SSH_KEY_PASSPHRASE");
        return raw == null || raw.isEmpty() ? Optional.empty() : Optional.of(new AppSettings.Secret(raw));
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
}
