package io.logmirror.core.internal;

/** A thread the engine runs syncs on; lets the engine refuse a blocking wait for a sync from inside one. */
public final class SyncThread extends Thread {

    public SyncThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }
}
