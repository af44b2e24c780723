package io.logmirror.core;

import java.util.Objects;

/**
 * A remote entry that a sync left alone, and why: a name that would leave the mirror, a special file,
 * a symlink pointing out of the remote folder, an excluded name, an unreadable file.
 *
 * <p>The record keeps the name exactly as the remote gave it, however long; {@link #name()} is the form to print.
 *
 * @param rawName the entry's name as the remote gave it (untrusted: may hold control characters)
 * @param reason  what made it skipped, in words a user can act on
 */
public record SkippedEntry(String rawName, String reason) {

    public SkippedEntry {
        Objects.requireNonNull(rawName, "rawName");
        Objects.requireNonNull(reason, "reason");
    }

    /** An entry named by raw, untrusted text. */
    public static SkippedEntry ofRawName(String rawName, String reason) {
        return new SkippedEntry(rawName, reason);
    }

    /**
     * The name for display: control characters escaped and cut to 200 characters (see
     * {@link InvalidLogPathException#printable}). Use {@link #rawName()} to compare with paths.
     */
    public String name() {
        return InvalidLogPathException.printable(rawName);
    }
}
