package io.logmirror.app.demo;

import io.logmirror.core.RemoteSource;

/** PENDING testkit merge. */
public final class DemoRemote {
    private DemoRemote() {
    }

    public static RemoteSource start() {
        throw new UnsupportedOperationException("pending");
    }
}
