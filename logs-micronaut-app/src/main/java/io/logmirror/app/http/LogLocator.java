package io.logmirror.app.http;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.core.LogStore;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns the {@code path} parameter of {@code /logs/content} into a file of the store. Accepted forms (relative
 * to the data folder, as the original's): {@code logs/<rel>} and {@code categorized/<category>/<rel>}, where the
 * category must be the file's. Everything passes through {@link LogPath#parse} first, so {@code ..}, absolute
 * paths, empty segments and control characters are rejected before anything else; files are then looked up in
 * the store's index, never by resolving the text on disk, so a symlink planted in the data folder is never followed.
 */
public final class LogLocator {

    /** The data folder's sub-folder holding the mirrored files, and the first segment of their {@code logs/} form. */
    static final String LOGS = "logs";
    /** The data folder's sub-folder holding the category links, and the first segment of their listed form. */
    static final String CATEGORIZED = "categorized";

    private final LogStore store;
    private final List<Category> categories;

    public LogLocator(LogStore store, List<Category> categories) {
        this.store = store;
        this.categories = categories;
    }

    /** The form {@code /logs/content} reads a mirrored file by: {@code logs/<path>}. */
    public static String logsPath(String relative) {
        return LOGS + "/" + relative;
    }

    /** The form {@code /logs} lists a file in, which {@link #locate} reads back: {@code categorized/<category>/<path>}. */
    static String categorizedPath(LogEntry entry) {
        return CATEGORIZED + "/" + entry.category().name() + "/" + entry.path();
    }

    /**
     * The entry {@code text} names, of generation {@code generation} when given.
     *
     * @throws ApiException 400 "Invalid path", 404 "Log file not found" or 400 "Path is not a file"
     */
    public LogEntry locate(String text, OptionalInt generation) {
        LogPath path = LogPath.parse(text).orElseThrow(ApiException::invalidPath);
        List<String> segments = path.segments();
        Optional<Category> category = Optional.empty();
        LogPath relative;
        if (segments.get(0).equals(LOGS)) {
            if (segments.size() == 1) {
                throw ApiException.notAFile();
            }
            relative = LogPath.of(text.substring(LOGS.length() + 1));
        } else if (segments.get(0).equals(CATEGORIZED)) {
            if (segments.size() == 1) {
                throw ApiException.notAFile();
            }
            Category named = knownCategory(segments.get(1)).orElseThrow(ApiException::notFound);
            if (segments.size() == 2) {
                throw ApiException.notAFile();
            }
            category = Optional.of(named);
            relative = LogPath.of(text.substring(CATEGORIZED.length() + 1 + named.name().length() + 1));
        } else {
            throw ApiException.notFound();
        }

        Optional<LogEntry> entry = generation.isPresent()
                ? store.generations(relative).stream().filter(e -> e.generation() == generation.getAsInt()).findFirst()
                : store.find(relative);
        if (entry.isEmpty()) {
            if (generation.isEmpty() && isMirroredFolder(relative)) {
                throw ApiException.notAFile();
            }
            throw ApiException.notFound();
        }
        if (category.isPresent() && !category.get().equals(entry.get().category())) {
            throw ApiException.notFound();
        }
        return entry.get();
    }

    private Optional<Category> knownCategory(String name) {
        return categories.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Whether {@code relative} is a real folder of the mirror (a symlink, even to a folder, is not). */
    private boolean isMirroredFolder(LogPath relative) {
        Path logs = store.dataDirectory().resolve(LOGS);
        Path candidate = relative.resolveAgainst(logs);
        // Every ancestor must be a real folder too, or a planted symlink higher up would be followed.
        Path current = logs;
        for (String segment : relative.segments()) {
            current = current.resolve(segment);
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return current.equals(candidate);
    }
}
