package io.logmirror.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link LogStore#children} finds in one folder of the mirror: its sub-folders and the current files directly in
 * it, each by path.
 *
 * @param folder  the folder; empty for the top of the mirror
 * @param folders its sub-folders (each holds at least one file somewhere below)
 * @param files   the files directly in it; hidden ones only when asked
 */
public record LogFolder(Optional<LogPath> folder, List<LogPath> folders, List<LogEntry> files) {

    public LogFolder {
        Objects.requireNonNull(folder, "folder");
        folders = List.copyOf(folders);
        files = List.copyOf(files);
    }
}
