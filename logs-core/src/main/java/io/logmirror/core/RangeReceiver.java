package io.logmirror.core;

import java.io.IOException;

/**
 * Receives the answers of a {@link RemoteSource#fetch batched fetch}, one call per request, in any order, possibly
 * from several threads at once.
 */
public interface RangeReceiver {

    /**
     * The bytes of one range. Read them before returning: the stream is not valid afterwards. An exception thrown
     * here (a full disk, say) fails this range only; reading the stream can also fail when the connection is cut.
     */
    void onRange(FetchedRange range) throws IOException;

    /** The range could not be read (the file vanished, permission denied, the connection was cut before it). */
    void onFailure(RangeRequest request, IOException cause);
}
