package io.logmirror.patterns.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The saved form of a miner: a UTF-8 text file, one pattern a line, least recently used first:
 * <pre>
 * # logmirror patterns 1
 * &lt;id&gt; TAB &lt;count&gt; TAB &lt;tree path keys, space-separated&gt; TAB &lt;template tokens, space-separated&gt;
 * </pre>
 * Tokens never hold whitespace (lines are split on it), so spaces and tabs are safe separators.
 */
final class MinerFile {

    static final String HEADER = "# logmirror patterns 1";

    record Entry(String id, long count, String[] path, String[] tokens) {
    }

    private MinerFile() {
    }

    static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return entries;
        }
        try (reader) {
            String header = reader.readLine();
            if (header == null) {
                return entries;
            }
            if (!header.equals(HEADER)) {
                throw new IOException(file + ":1: not a saved pattern file (expected '" + HEADER + "', found '"
                        + abbreviate(header) + "'); move it aside, a new one is written on the next save");
            }
            int number = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                String[] fields = line.split("\t", -1);
                if (fields.length != 4 || !fields[0].matches("[0-9a-f]{12}") || !fields[1].matches("[0-9]{1,18}")
                        || fields[3].isEmpty()) {
                    throw new IOException(file + ":" + number + ": not a pattern record (id TAB count TAB path TAB "
                            + "template): '" + abbreviate(line) + "'; the file is damaged: move it aside");
                }
                String[] path = fields[2].isEmpty() ? new String[0] : fields[2].split(" ");
                entries.add(new Entry(fields[0], Long.parseLong(fields[1]), path, fields[3].split(" ")));
            }
        }
        return entries;
    }

    static void write(Path file, List<Entry> entries) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8);
            writer.write(HEADER);
            writer.write('\n');
            for (Entry e : entries) {
                writer.write(e.id());
                writer.write('\t');
                writer.write(Long.toString(e.count()));
                writer.write('\t');
                writer.write(String.join(" ", e.path()));
                writer.write('\t');
                writer.write(String.join(" ", e.tokens()));
                writer.write('\n');
            }
            writer.flush();
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String abbreviate(String text) {
        String s = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
