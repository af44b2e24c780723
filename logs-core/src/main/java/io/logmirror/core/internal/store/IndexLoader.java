package io.logmirror.core.internal.store;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the index when a store opens: one walk of {@code logs/} and {@code generations/} for sizes and times, the
 * state journal for categories and gone marks. A file whose journaled category the categorizer no longer has (its
 * rules dropped it) is categorized again, so that listing and reading agree on where it is.
 */
final class IndexLoader {

    private static final Logger LOG = LoggerFactory.getLogger(IndexLoader.class);

    private IndexLoader() {
    }

    /** What the loader found besides the index: how many files it had to categorize. */
    record Loaded(LogIndex index, int categorized, int recategorized) { }

    static Loaded load(DataFolder folder, Categorizer categorizer) throws IOException {
        StateJournal.State state = StateJournal.read(folder.state);
        LogIndex index = new LogIndex(categorizer.categories(), 1024);
        Set<String> known = new HashSet<>();
        for (Category category : categorizer.categories()) {
            known.add(category.name());
        }
        // A journal names a few categories over and over: check each name once, not once per file.
        Map<String, Optional<Category>> journaled = new HashMap<>();
        int[] counts = new int[2];
        Path logs = folder.logs;
        if (Files.isDirectory(logs, LinkOption.NOFOLLOW_LINKS)) {
            Files.walkFileTree(logs, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!attrs.isRegularFile()) {
                        LOG.warn("ignoring {} in the mirror: it is not a regular file (the mirror never creates one); "
                                + "remove it", file);
                        return FileVisitResult.CONTINUE;
                    }
                    Optional<LogPath> path = relative(logs, file);
                    if (path.isEmpty()) {
                        LOG.warn("ignoring {} in the mirror: its name is not a valid log path", file);
                        return FileVisitResult.CONTINUE;
                    }
                    String text = path.get().toString();
                    String name = state.categories().get(text);
                    Optional<Category> category = name == null ? Optional.empty()
                            : journaled.computeIfAbsent(name, n -> known.contains(n) ? parse(n) : Optional.empty());
                    if (category.isEmpty()) {
                        counts[name == null ? 0 : 1]++;
                        category = Optional.of(categorize(categorizer, path.get(), file));
                    }
                    index.put(path.get(), category.get(), attrs.size(), attrs.lastModifiedTime().toInstant(),
                            state.gone().contains(text));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.warn("cannot read {} while opening the mirror ({}); it is left out of the index", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        loadGenerations(folder.generations, index);
        if (counts[0] > 0) {
            LOG.info("categorized {} files of {} that the state journal did not know", counts[0], folder.root);
        }
        if (counts[1] > 0) {
            LOG.info("categorized {} files of {} again: their journaled category is not among the categorizer's "
                    + "any more", counts[1], folder.root);
        }
        return new Loaded(index, counts[0], counts[1]);
    }

    private static void loadGenerations(Path root, LogIndex index) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Map<String, TreeMap<Integer, LogIndex.Generation>> found = new HashMap<>();
        try (DirectoryStream<Path> numbers = Files.newDirectoryStream(root)) {
            for (Path numberDir : numbers) {
                int number;
                try {
                    number = Integer.parseInt(numberDir.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                if (number < 1 || !Files.isDirectory(numberDir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Files.walkFileTree(numberDir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            relative(numberDir, file).ifPresent(path -> found
                                    .computeIfAbsent(path.toString(), k -> new TreeMap<>())
                                    .put(number, new LogIndex.Generation(number, attrs.size(),
                                            attrs.lastModifiedTime().toInstant(), Optional.empty())));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        LOG.warn("cannot read kept generation {} ({}); it is left out of the index", file, e.toString());
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
        }
        for (Map.Entry<String, TreeMap<Integer, LogIndex.Generation>> entry : found.entrySet()) {
            index.setGenerations(LogPath.of(entry.getKey()), new ArrayList<>(entry.getValue().values()));
        }
    }

    private static Category categorize(Categorizer categorizer, LogPath path, Path file) {
        try {
            return categorizer.categorize(path, FileBytes.head(file, categorizer.headBytesWanted()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot categorize {} ({}); it is listed as uncategorized", path, e.toString());
            return Category.UNCATEGORIZED;
        }
    }

    private static Optional<Category> parse(String name) {
        try {
            return Optional.of(Category.of(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<LogPath> relative(Path root, Path file) {
        return LogPath.parse(joined(root.relativize(file)));
    }

    /** A relative file-system path as a {@code /}-separated text. */
    static String joined(Path relative) {
        StringBuilder text = new StringBuilder();
        for (Path name : relative) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(name);
        }
        return text.toString();
    }
}
