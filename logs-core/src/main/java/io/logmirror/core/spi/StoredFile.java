package io.logmirror.core.spi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One stored file opened for reading, as a {@link StoredFormat} presents it: the file's original bytes, readable at
 * any position. Used by one reading thread at a time; the store closes it.
 */
public interface StoredFile extends Closeable {

    /** The size of the original (uncompressed) bytes. */
    long size() throws IOException;

    /**
     * Reads original bytes at {@code position} into {@code into}, as {@link java.nio.channels.FileChannel#read(ByteBuffer,
     * long)} does.
     *
     * @return the number of bytes read, -1 at or past the end
     */
    int read(ByteBuffer into, long position) throws IOException;
}
