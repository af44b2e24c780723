package io.logmirror.core.internal.sink;

import io.logmirror.core.LogPath;
import io.logmirror.core.sink.CursorStore;
import io.logmirror.core.sink.SinkCursor;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link CursorStore#file(Path)}: one line per file, {@code offset<TAB>lineNumber<TAB>generations<TAB>path}, after a
 * version line. The path comes last so that any character a {@link LogPath} allows (tabs excluded by its rules: control
 * characters are refused) survives. Each commit writes a temporary file, forces it to disk and renames it over the old.
 */
public final class FileCursorStore implements CursorStore {

    private static final String HEADER = "# logmirror sink cursors v1";

    private final Path file;
    private Map<LogPath, SinkCursor> cursors;

    public FileCursorStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public synchronized Map<LogPath, SinkCursor> load() throws IOException {
        cursors = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException("sink cursor file " + file + " does not start with '" + HEADER
                    + "': not a cursor file, or damaged; move it away to resend everything");
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", 4);
            try {
                if (fields.length != 4) {
                    throw new IllegalArgumentException("expected 4 tab-separated fields, found " + fields.length);
                }
                SinkCursor cursor = new SinkCursor(Long.parseLong(fields[0]), Long.parseLong(fields[1]),
                        Integer.parseInt(fields[2]));
                cursors.put(LogPath.of(fields[3]), cursor);
            } catch (IllegalArgumentException e) {  // NumberFormatException and InvalidLogPathException too
                throw new IOException("sink cursor file " + file + ", line " + (i + 1) + ": " + e.getMessage()
                        + "; fix or remove that line (its file is then resent from the start)", e);
            }
        }
        return Map.copyOf(cursors);
    }

    @Override
    public synchronized void commit(Map<LogPath, SinkCursor> updated, Set<LogPath> forgotten) throws IOException {
        if (cursors == null) {
            load();
        }
        Map<LogPath, SinkCursor> next = new HashMap<>(cursors);
        next.keySet().removeAll(forgotten);
        next.putAll(updated);
        Path parent = file.getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve(file.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (Map.Entry<LogPath, SinkCursor> e : next.entrySet()) {
                SinkCursor c = e.getValue();
                out.write(c.offset() + "\t" + c.lineNumber() + "\t" + c.generations() + "\t" + e.getKey() + "\n");
            }
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        cursors = next;
    }
}
