package io.logmirror.core.internal.store;

import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code categorized/<category>/<path>}: one relative symlink to {@code logs/<path>} per current, visible file (the
 * original service's layout), or none at all when the option is off. Derived state: a failed update is logged and
 * repaired when the store opens next, never reported as a failed file whose bytes are safely in place.
 */
final class CategorizedLinks {

    private static final Logger LOG = LoggerFactory.getLogger(CategorizedLinks.class);

    private final DataFolder folder;
    private final ConfinedWrites writes;
    private final boolean enabled;

    CategorizedLinks(DataFolder folder, ConfinedWrites writes, boolean enabled) {
        this.folder = folder;
        this.writes = writes;
        this.enabled = enabled;
    }

    /** Moves {@code path}'s link from {@code before} (if any) to {@code after}. */
    void relink(LogPath path, Optional<Category> before, Category after) {
        if (!enabled) {
            return;
        }
        try {
            if (before.isPresent() && !before.get().equals(after)) {
                Files.deleteIfExists(linkOf(path, before.get()));
            }
            if (!path.isHidden()) { // hidden files are not listed, so not linked either, as in the original
                create(path, after);
            }
        } catch (IOException e) {
            LOG.warn("cannot update the categorized link of {} ({}); it is repaired when the store opens next",
                    path, e.toString());
        }
    }

    /** Removes {@code path}'s link (the file left the mirror). */
    void unlink(LogPath path, Category category) {
        if (!enabled) {
            return;
        }
        try {
            Files.deleteIfExists(linkOf(path, category));
        } catch (IOException e) {
            LOG.warn("cannot remove the categorized link of {} ({}); it is repaired when the store opens next",
                    path, e.toString());
        }
    }

    /**
     * Makes {@code categorized/} hold exactly one correct link per visible current file ({@code visible}), or none
     * when links are off.
     */
    void repair(Function<LogPath, Optional<LogEntry>> find, List<String> visible) throws IOException {
        Path root = folder.categorized;
        if (!enabled) {
            removeAll(root);
            return;
        }
        Set<String> correct = new HashSet<>();
        if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isSymbolicLink()) {
                        return FileVisitResult.CONTINUE;
                    }
                    Path rel = root.relativize(file);
                    boolean keep = false;
                    if (rel.getNameCount() >= 2) {
                        String category = rel.getName(0).toString();
                        Optional<LogPath> path = LogPath.parse(IndexLoader.joined(rel.subpath(1, rel.getNameCount())));
                        if (path.isPresent()) {
                            Optional<LogEntry> entry = find.apply(path.get());
                            keep = entry.isPresent() && !path.get().isHidden()
                                    && entry.get().category().name().equals(category)
                                    && Files.readSymbolicLink(file).equals(target(file, path.get()));
                            if (keep) {
                                correct.add(path.get().toString());
                            }
                        }
                    }
                    if (!keep) {
                        Files.deleteIfExists(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.warn("cannot check categorized link {} ({})", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        List<LogPath> missing = new ArrayList<>();
        for (String text : visible) {
            if (!correct.contains(text)) {
                missing.add(LogPath.of(text));
            }
        }
        for (LogPath path : missing) {
            try {
                create(path, find.apply(path).orElseThrow().category());
            } catch (IOException e) {
                LOG.warn("cannot create the categorized link for {} ({})", path, e.toString());
            }
        }
        if (!missing.isEmpty()) {
            LOG.info("created {} missing categorized links under {}", missing.size(), root);
        }
    }

    private static void removeAll(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private Path linkOf(LogPath path, Category category) {
        return path.resolveAgainst(folder.categorized.resolve(category.name()));
    }

    private void create(LogPath path, Category category) throws IOException {
        Path link = linkOf(path, category);
        Path target = target(link, path);
        writes.createParents(link);
        try {
            Files.createSymbolicLink(link, target); // the usual case: a new file, no link yet
            return;
        } catch (FileAlreadyExistsException e) {
            // there is one: keep it if right, else replace it below
        }
        try {
            if (Files.readSymbolicLink(link).equals(target)) {
                return;
            }
        } catch (NotLinkException e) {
            LOG.warn("{} is in the way of a categorized link and is not a symlink; remove it", link);
            return;
        }
        Files.delete(link);
        Files.createSymbolicLink(link, target);
    }

    private Path target(Path link, LogPath path) {
        return link.getParent().relativize(folder.currentFile(path));
    }
}
