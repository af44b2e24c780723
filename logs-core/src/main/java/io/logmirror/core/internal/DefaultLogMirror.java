package io.logmirror.core.internal;

import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;

import java.io.IOException;

/** Placeholder until the engine lands: the API above is fixed, the implementation is being written. */
public final class DefaultLogMirror {

    private DefaultLogMirror() {
    }

    public static LogMirror open(LogMirrorConfig config) throws IOException {
        throw new UnsupportedOperationException("engine not implemented yet");
    }
}
