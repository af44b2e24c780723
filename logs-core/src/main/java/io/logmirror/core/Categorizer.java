package io.logmirror.core;

import java.util.List;

/**
 * Sorts a log file into a {@link Category}.
 *
 * <p>Implementations are immutable and thread-safe. A categorizer that looks at file contents says
 * how many leading bytes it wants through {@link #headBytesWanted()}; the engine then passes that
 * many bytes (fewer for a shorter file) to {@link #categorize(LogPath, byte[])}.
 * The rule-based implementation with the original service's rules is in {@code logs-categorizer}.
 */
public interface Categorizer {

    /** Categorizes by path alone; the same as {@code categorize(path, new byte[0])}. */
    default Category categorize(LogPath path) {
        return categorize(path, new byte[0]);
    }

    /**
     * Categorizes {@code path} whose file starts with {@code head}.
     * Never fails: a file no rule matches gets the fallback category.
     */
    Category categorize(LogPath path, byte[] head);

    /** How many leading bytes of a file the rules look at; 0 (the default) when only paths matter. */
    default int headBytesWanted() {
        return 0;
    }

    /** Every category this categorizer can answer, in display order; the fallback is among them. */
    List<Category> categories();

    /** A categorizer that puts every file into {@link Category#UNCATEGORIZED} and lists the seven standard categories. */
    static Categorizer uncategorized() {
        return new Categorizer() {
            @Override
            public Category categorize(LogPath path, byte[] head) {
                return Category.UNCATEGORIZED;
            }

            @Override
            public List<Category> categories() {
                return Category.STANDARD;
            }
        };
    }
}
