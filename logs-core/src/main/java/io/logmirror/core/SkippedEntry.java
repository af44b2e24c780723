package io.logmirror.core;

import java.util.Objects;

/**
 * A remote entry that a sync left alone, and why: a name that would leave the mirror, a special file,
 * a symlink pointing out of the remote folder, an excluded name, an unreadable file.
 *
 * @param name   the entry's name, printable (control characters escaped, see {@link InvalidLogPathException#printable})
 * @param reason what made it skipped, in words a user can act on
 */
public record SkippedEntry(String name, String reason) {

    public SkippedEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }

    /** An entry named by raw, untrusted text; the text is made printable first. */
    public static SkippedEntry ofRawName(String rawName, String reason) {
        return new SkippedEntry(InvalidLogPathException.printable(rawName), reason);
    }
}
