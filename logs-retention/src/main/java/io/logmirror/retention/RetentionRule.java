package io.logmirror.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The limits of one category (or the defaults every category without its own entry gets). An empty limit means
 * none. Only files the remote no longer has are ever deleted, unless {@code includePresent} is set: a file the
 * remote still has would come back at the next sync. Old generations are never on the remote, so they are always
 * eligible.
 *
 * @param maxAge          files last modified longer ago than this are deleted
 * @param maxTotalBytes   when the category's files (with their old generations) take more bytes on disk, the oldest
 *                        eligible go first
 * @param maxFiles        when the category holds more current files, the oldest eligible go first
 * @param generationsKept old generations kept per file, the newest; older ones are deleted
 * @param includePresent  whether files the remote still has may be deleted (default false)
 */
public record RetentionRule(Optional<Duration> maxAge, OptionalLong maxTotalBytes, OptionalInt maxFiles,
                            OptionalInt generationsKept, boolean includePresent) {

    /** No limit at all, files the remote has kept: the default when a rule file says nothing. */
    public static final RetentionRule NONE = new RetentionRule(Optional.empty(), OptionalLong.empty(),
            OptionalInt.empty(), OptionalInt.empty(), false);

    public RetentionRule {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxTotalBytes, "maxTotalBytes");
        Objects.requireNonNull(maxFiles, "maxFiles");
        Objects.requireNonNull(generationsKept, "generationsKept");
        if (maxAge.isPresent() && maxAge.get().isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative, was " + maxAge.get());
        }
        if (maxTotalBytes.isPresent() && maxTotalBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("maxTotalBytes must not be negative, was " + maxTotalBytes.getAsLong());
        }
        if (maxFiles.isPresent() && maxFiles.getAsInt() < 0) {
            throw new IllegalArgumentException("maxFiles must not be negative, was " + maxFiles.getAsInt());
        }
        if (generationsKept.isPresent() && generationsKept.getAsInt() < 0) {
            throw new IllegalArgumentException("generationsKept must not be negative, was "
                    + generationsKept.getAsInt());
        }
    }

    /** This rule with a maximum age. */
    public RetentionRule withMaxAge(Duration maxAge) {
        return new RetentionRule(Optional.of(maxAge), maxTotalBytes, maxFiles, generationsKept, includePresent);
    }

    /** This rule with a maximum of bytes on disk. */
    public RetentionRule withMaxTotalBytes(long bytes) {
        return new RetentionRule(maxAge, OptionalLong.of(bytes), maxFiles, generationsKept, includePresent);
    }

    /** This rule with a maximum number of current files. */
    public RetentionRule withMaxFiles(int files) {
        return new RetentionRule(maxAge, maxTotalBytes, OptionalInt.of(files), generationsKept, includePresent);
    }

    /** This rule keeping the newest {@code kept} old generations of each file. */
    public RetentionRule withGenerationsKept(int kept) {
        return new RetentionRule(maxAge, maxTotalBytes, maxFiles, OptionalInt.of(kept), includePresent);
    }

    /** This rule with files the remote still has eligible (or not). */
    public RetentionRule withIncludePresent(boolean include) {
        return new RetentionRule(maxAge, maxTotalBytes, maxFiles, generationsKept, include);
    }
}
