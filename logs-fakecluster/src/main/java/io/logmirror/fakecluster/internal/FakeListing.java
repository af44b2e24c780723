package io.logmirror.fakecluster.internal;

import io.logmirror.core.InvalidLogPathException;
import io.logmirror.core.LogPath;
import io.logmirror.core.RemoteFile;
import io.logmirror.core.RemoteListing;
import io.logmirror.core.SkippedEntry;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists a fake folder the way the SSH source must list a real one: regular files and symlinks to regular files
 * inside the folder are files; special files, escaping or broken symlinks and names that are not a safe relative
 * path are skipped, each with a reason. The caller holds the tree's lock.
 */
final class FakeListing {

    private final Path root;
    private final List<RemoteFile> files = new ArrayList<>();
    private final List<SkippedEntry> skipped = new ArrayList<>();

    FakeListing(Path root) {
        this.root = root;
    }

    RemoteListing list(Map<String, String> specials, Collection<FakeTree.InjectedEntry> injected) throws IOException {
        Path realRoot = root.toRealPath();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                listOne(file, attributes, realRoot);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                skipped.add(SkippedEntry.ofRawName(relative(file), "could not be read while listing (" + e + ")"));
                return FileVisitResult.CONTINUE;
            }
        });
        for (Map.Entry<String, String> special : specials.entrySet()) {
            skipped.add(SkippedEntry.ofRawName(special.getKey(),
                    "a " + special.getValue() + ", not a regular file; only regular files are mirrored"));
        }
        for (FakeTree.InjectedEntry entry : injected) {
            Optional<LogPath> path = LogPath.parse(entry.rawName());
            if (path.isPresent()) {
                files.add(new RemoteFile(path.get(), entry.size(), entry.modified(), entry.rawName()));
            } else {
                skipped.add(SkippedEntry.ofRawName(entry.rawName(), unsafeNameReason(entry.rawName())));
            }
        }
        files.sort(Comparator.comparing(RemoteFile::path));
        return new RemoteListing(files, skipped);
    }

    private void listOne(Path file, BasicFileAttributes attributes, Path realRoot) {
        String raw = relative(file);
        Optional<LogPath> path = LogPath.parse(raw);
        if (path.isEmpty()) {
            skipped.add(SkippedEntry.ofRawName(raw, unsafeNameReason(raw)));
            return;
        }
        if (attributes.isRegularFile()) {
            files.add(new RemoteFile(path.get(), attributes.size(), attributes.lastModifiedTime().toInstant(), raw));
            return;
        }
        if (!attributes.isSymbolicLink()) {
            skipped.add(SkippedEntry.ofRawName(raw, "not a regular file; only regular files are mirrored"));
            return;
        }
        String target = "?";
        try {
            target = Files.readSymbolicLink(file).toString();
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot)) {
                skipped.add(SkippedEntry.ofRawName(raw, "a symlink pointing outside the mirrored folder (to "
                        + InvalidLogPathException.printable(target) + "); it is not followed"));
                return;
            }
            BasicFileAttributes targetAttributes = Files.readAttributes(real, BasicFileAttributes.class);
            if (!targetAttributes.isRegularFile()) {
                skipped.add(SkippedEntry.ofRawName(raw, "a symlink to a folder or special file ("
                        + InvalidLogPathException.printable(target) + "); only links to regular files are followed"));
                return;
            }
            files.add(new RemoteFile(path.get(), targetAttributes.size(),
                    targetAttributes.lastModifiedTime().toInstant(), raw));
        } catch (IOException e) {
            skipped.add(SkippedEntry.ofRawName(raw, "a broken symlink (to " + InvalidLogPathException.printable(target)
                    + "); fix or remove it on the remote"));
        }
    }

    private static String unsafeNameReason(String raw) {
        try {
            LogPath.of(raw);
            return "a valid name";
        } catch (InvalidLogPathException e) {
            return "a name that is not a safe relative path (" + e.getMessage() + "); rename it on the remote to mirror it";
        }
    }

    private String relative(Path file) {
        return root.relativize(file).toString();
    }
}
