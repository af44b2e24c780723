package io.logmirror.core.internal;

/** A thread the engine runs syncs on; lets the engine refuse a blocking wait for a sync from inside one. */
final class SyncThread extends Thread {

    SyncThread(Runnable task, String name) {
        super(task, name);
        setDaemon(true);
    }
}
