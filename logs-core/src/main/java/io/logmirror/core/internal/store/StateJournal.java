package io.logmirror.core.internal.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the disk alone cannot say about a mirrored file: its category (when categorized symlinks are off,
 * or the categorizer reads file heads, re-deriving it would cost a read of every file) and whether it is
 * gone remotely. Sizes and modification times are never journaled: the mirrored files themselves carry them.
 *
 * <p>Format: UTF-8 text, one record per line, fields separated by a tab. A {@link io.logmirror.core.LogPath}
 * holds no control character, so tabs and newlines cannot occur inside a path.
 * <pre>
 * logmirror-state 1
 * C	slurm	job-1/slurm-1.out     category of a path
 * G	job-1/old.log                 gone remotely
 * P	job-1/old.log                 present again
 * R	job-1/old.log                 removed from the mirror
 * </pre>
 * The journal is appended to while the store runs (buffered, written at the end of each sync and on close) and
 * compacted to a snapshot when it opens. A record lost
 * in a crash heals itself: a missing category is derived again, a missing gone mark is set again by the next sync.
 */
final class StateJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StateJournal.class);
    private static final String HEADER = "logmirror-state 1";

    private final Path file;
    private Writer writer;

    /** The state read from a journal. */
    record State(Map<String, String> categories, Set<String> gone) { }

    StateJournal(Path file) {
        this.file = file;
    }

    /** Reads the journal; an absent journal is an empty state, unreadable lines are skipped with a warning. */
    static State read(Path file) throws IOException {
        Map<String, String> categories = new HashMap<>();
        Set<String> gone = new HashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new State(categories, gone);
        }
        int bad = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("logmirror-state")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length == 3 && fields[0].equals("C")) {
                categories.put(fields[2], fields[1]);
            } else if (fields.length == 2 && fields[0].equals("G")) {
                gone.add(fields[1]);
            } else if (fields.length == 2 && fields[0].equals("P")) {
                gone.remove(fields[1]);
            } else if (fields.length == 2 && fields[0].equals("R")) {
                gone.remove(fields[1]);
                categories.remove(fields[1]);
            } else if (!line.isEmpty()) {
                bad++;
            }
        }
        if (bad > 0) {
            LOG.warn("state journal {} has {} unreadable lines (a crash may have cut the last one); they are ignored",
                    file, bad);
        }
        return new State(categories, gone);
    }

    /** Replaces the journal with a snapshot atomically, then opens it for appending. */
    synchronized void writeSnapshot(Map<String, String> categories, Set<String> gone) throws IOException {
        try {
            closeWriter();
        } catch (IOException e) {
            // the records it held are in the snapshot below
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (Map.Entry<String, String> entry : categories.entrySet()) {
                out.write("C\t" + entry.getValue() + "\t" + entry.getKey() + "\n");
            }
            for (String path : gone) {
                out.write("G\t" + path + "\n");
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    synchronized void category(String path, String category) throws IOException {
        append("C\t" + category + "\t" + path + "\n");
    }

    synchronized void gone(String path, boolean gone) throws IOException {
        append((gone ? "G\t" : "P\t") + path + "\n");
    }

    synchronized void removed(String path) throws IOException {
        append("R\t" + path + "\n");
    }

    private void append(String record) throws IOException {
        if (writer == null) {
            throw new IOException("state journal " + file + " is closed");
        }
        writer.write(record);
    }

    /** Writes buffered records to the file. Records are buffered because losing a few in a crash is harmless. */
    synchronized void flush() throws IOException {
        if (writer != null) {
            writer.flush();
        }
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            Writer open = writer;
            writer = null;
            open.close();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeWriter();
    }
}
