package io.logmirror.core.feed;

/**
 * A subscriber asked to start at a sequence the journal no longer holds (or that was never reached). It must
 * rebuild what it keeps from the store ("resync from the store") and then subscribe from now, or from
 * {@link #oldestAvailable()}.
 */
public final class ResyncRequiredException extends Exception {

    private final long requested;
    private final long oldestAvailable;
    private final long latest;

    public ResyncRequiredException(long requested, long oldestAvailable, long latest) {
        super("cannot replay the change feed from sequence " + requested + ": the journal holds "
                + (oldestAvailable > latest ? "no changes" : oldestAvailable + ".." + latest)
                + "; resync from the store, then subscribe from now");
        this.requested = requested;
        this.oldestAvailable = oldestAvailable;
        this.latest = latest;
    }

    /** The sequence that was asked for. */
    public long requested() {
        return requested;
    }

    /** The oldest sequence the journal can still replay. */
    public long oldestAvailable() {
        return oldestAvailable;
    }

    /** The sequence of the latest change. */
    public long latest() {
        return latest;
    }
}
