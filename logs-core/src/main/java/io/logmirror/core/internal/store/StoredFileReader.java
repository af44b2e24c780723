package io.logmirror.core.internal.store;

import io.logmirror.core.LogEntry;
import io.logmirror.core.spi.StoredFile;

import java.io.IOException;

/**
 * Opens the stored bytes of an entry, however they are stored: every read of the store ({@code open},
 * {@code tailOffset}, {@code tail}) goes through here, so a compressed form (a {@link io.logmirror.core.spi.StoredFormat})
 * reads back the same.
 */
interface StoredFileReader {

    /**
     * Opens {@code entry}'s file for reading.
     *
     * @throws java.nio.file.NoSuchFileException when it is no longer on disk
     * @throws IOException when it resolves outside the mirror (a planted symlink) or cannot be read
     */
    StoredFile open(LogEntry entry) throws IOException;
}
