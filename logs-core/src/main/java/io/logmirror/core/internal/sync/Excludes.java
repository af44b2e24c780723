package io.logmirror.core.internal.sync;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Optional;

/** The excluded globs: a pattern without {@code /} matches the file name, one with {@code /} the whole path. */
final class Excludes {

    private record Exclude(String glob, PathMatcher matcher, boolean wholePath) {
        boolean matches(String path) {
            return matcher.matches(Path.of(wholePath ? path : path.substring(path.lastIndexOf('/') + 1)));
        }
    }

    private final List<Exclude> excludes;

    Excludes(List<String> globs) {
        this.excludes = globs.stream()
                .map(glob -> new Exclude(glob, FileSystems.getDefault().getPathMatcher("glob:" + glob), glob.contains("/")))
                .toList();
    }

    /** The first glob that excludes {@code path}. */
    Optional<String> matching(String path) {
        for (Exclude exclude : excludes) {
            if (exclude.matches(path)) {
                return Optional.of(exclude.glob());
            }
        }
        return Optional.empty();
    }
}
