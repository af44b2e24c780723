package io.logmirror.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The local mirror: written by the {@link LogMirror}'s sync, read by everyone else.
 *
 * <p>Layout on disk (the original service's, which its users know): the mirror under
 * {@code <data>/logs/<path>}, and every current file also under {@code <data>/categorized/<category>/<path>}
 * as a relative symlink (unless turned off). Queries are answered from an in-memory index that the
 * store's own writes keep current; the disk is walked only when the store opens, to rebuild it.
 *
 * <p>All methods are thread-safe. Readers never see a half-written new file: new files appear whole,
 * and an existing file only grows or is replaced whole (its previous generation is kept).
 *
 * <pre>{@code
 * for (LogEntry entry : store.list(LogQuery.newest(10).inCategory(Category.SLURM))) {
 *     List<String> last = store.tail(entry, 100);
 *     try (InputStream in = store.open(entry, 0, entry.size())) { in.transferTo(out); }
 * }
 * }</pre>
 */
public interface LogStore extends Closeable {

    /**
     * Opens the mirror a {@link LogMirror} keeps under {@code dataDirectory} for reading only, for example from
     * another process. Its index is the disk as it was when opened; open it again to see later syncs.
     * Use {@link LogMirror#store()} instead when the engine runs in this process.
     *
     * @param categorizer gives the categories {@link #statsByCategory()} lists and categorizes files whose
     *                    category the mirror's state does not record
     * @throws java.nio.file.NoSuchFileException when the data folder does not exist
     * @throws IOException when the folder cannot be read
     */
    static LogStore openReadOnly(Path dataDirectory, Categorizer categorizer) throws IOException {
        return io.logmirror.core.internal.store.FsLogStore.openReadOnly(dataDirectory, categorizer);
    }

    /** The current generation of {@code path}, if the mirror has it. */
    Optional<LogEntry> find(LogPath path);

    /** Earlier generations of {@code path} (kept when the remote file was rewritten), oldest first; empty when none. */
    List<LogEntry> generations(LogPath path);

    /**
     * Current files matching {@code query}, in its order (newest first by remote modification time, ties by path,
     * unless it asks for path order), one page. See {@link LogQuery} for what each filter costs.
     */
    List<LogEntry> list(LogQuery query);

    /**
     * Browses one folder: its sub-folders and the files directly in it (hidden files left out, as in listings), both
     * by path. Costs O(log n) per sub-folder plus one step per file, from the index.
     *
     * @param folder the folder; empty for the top of the mirror
     */
    LogFolder children(Optional<LogPath> folder);

    /**
     * Totals for every category the categorizer knows, in its order, including empty ones; then any other category
     * that holds files. Like listings, totals leave hidden files out.
     */
    List<CategoryStats> statsByCategory();

    /** How many current files the mirror holds. */
    int fileCount();

    /**
     * Streams {@code length} bytes of {@code entry}'s file from {@code offset} (fewer if the file is
     * shorter; never past the entry's size, so a read agrees with the listing that produced the entry). The caller closes the stream. The file is never read whole into memory.
     *
     * @throws java.nio.file.NoSuchFileException when the file is no longer on disk
     * @throws IllegalArgumentException when offset or length is negative
     */
    InputStream open(LogEntry entry, long offset, long length) throws IOException;

    /**
     * The byte offset where the last {@code lines} lines of {@code entry}'s file begin, found by reading
     * backwards from the end. A final line without a newline counts as a line; the newline that ends
     * the file does not start an extra empty one. Returns 0 when the file has no more than {@code lines} lines.
     *
     * @throws IllegalArgumentException when lines is less than 1
     */
    long tailOffset(LogEntry entry, int lines) throws IOException;

    /**
     * The last {@code lines} lines of {@code entry}'s file (up to its indexed size), oldest first, without their line
     * ends ({@code \n} or {@code \r\n}), decoded as UTF-8 with malformed bytes as U+FFFD. The same lines as reading from
     * {@link #tailOffset}; the whole tail is held in memory, so ask for a number of lines you can hold.
     *
     * <pre>{@code
     * Optional<LogEntry> entry = store.find(LogPath.of("job-1/slurm-1.out"));
     * if (entry.isPresent()) {
     *     store.tail(entry.get(), 100).forEach(System.out::println);
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException when lines is less than 1
     */
    List<String> tail(LogEntry entry, int lines) throws IOException;

    /** The data folder: {@code logs/} and {@code categorized/} live under it. */
    Path dataDirectory();
}
