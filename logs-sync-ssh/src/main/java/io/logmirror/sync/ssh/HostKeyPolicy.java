package io.logmirror.sync.ssh;

import java.util.Locale;

/**
 * What to do with a host key that known_hosts does not confirm. There is deliberately no policy that
 * accepts every key: tests use a known_hosts text from the testkit's server instead.
 */
public enum HostKeyPolicy {

    /** OpenSSH's {@code StrictHostKeyChecking=yes}, the default: an unknown or changed key is refused. */
    STRICT("yes"),

    /** OpenSSH's {@code accept-new}: the first key of an unknown host is recorded in known_hosts; a changed key is still refused. */
    ACCEPT_NEW("accept-new");

    private final String configValue;

    HostKeyPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value as written in configuration: {@code yes} or {@code accept-new}. */
    public String configValue() {
        return configValue;
    }

    /**
     * Reads a configuration value, {@code yes} or {@code accept-new} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static HostKeyPolicy parse(String value) {
        String normalized = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (HostKeyPolicy policy : values()) {
            if (policy.configValue.equals(normalized)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("host key policy '" + value + "' is not allowed: use 'yes' or 'accept-new'");
    }
}
