package io.logmirror.core.internal.feed;

import io.logmirror.core.LogEvent;
import io.logmirror.core.feed.Change;

import java.io.IOException;

/**
 * The one way a change enters the feed: the store's committing writer calls it after the change is on disk (index,
 * journal, links), in the same step, holding the store's write lock so that sequence order is commit order.
 */
public interface ChangePublisher {

    /**
     * Numbers {@code event}, journals it, and queues it for every subscriber; never blocks on a subscriber.
     *
     * @throws IOException when the change journal cannot be written
     */
    Change publish(LogEvent event) throws IOException;
}
