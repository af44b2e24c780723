package io.logmirror.patterns;

import java.util.Locale;
import java.util.Optional;

/**
 * The severity of a log line, from least to most severe. {@link #compareTo} orders by severity, so
 * {@code level.compareTo(Level.WARNING) >= 0} means "a warning or worse".
 *
 * <p>The words each level stands for (case-insensitive): {@code TRACE}; {@code DEBUG}, {@code DBG};
 * {@code INFO}, {@code INF}, {@code NOTICE}; {@code WARNING}, {@code WARN}, {@code WRN};
 * {@code ERROR}, {@code ERR}, {@code SEVERE}; {@code CRITICAL}, {@code CRIT}, {@code FATAL},
 * {@code FTL}, {@code PANIC}, {@code DPANIC}, {@code EMERG}, {@code ALERT}. glog's letters map
 * {@code I}, {@code W}, {@code E}, {@code F} to info, warning, error and critical.
 */
public enum Level {
    TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL;

    /** The lower-case name used in rule files, JSON and query parameters ({@code "warning"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for {@link #ERROR} and {@link #CRITICAL}. */
    public boolean isError() {
        return this == ERROR || this == CRITICAL;
    }

    /** True for {@link #WARNING}. */
    public boolean isWarning() {
        return this == WARNING;
    }

    /**
     * The level a word names, ignoring case: {@code "warn"} gives {@link #WARNING}. Empty for a word
     * that names no level.
     */
    /**
     * The level a whole log line shows in its header (a level word in capitals, bracketed or followed by a colon,
     * glog's letter, logfmt's {@code level=} or JSON's {@code "level":}); empty when it shows none. Stateless and
     * thread-safe; costs a scan of the line's first few hundred characters.
     */
    public static Optional<Level> detect(String line) {
        return Optional.ofNullable(io.logmirror.patterns.internal.LevelScanner.detect(line));
    }

    public static Optional<Level> fromWord(String word) {
        Level level = io.logmirror.patterns.internal.Levels.word(word, 0, word.length());
        return Optional.ofNullable(level);
    }

}
