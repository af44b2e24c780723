package io.logmirror.app;

import java.net.BindException;
import java.util.Optional;

/**
 * Turns a failure to open the HTTP port into the one-line message every other bad setting gets, naming {@code PORT}.
 * Any other start-up failure is left alone (empty), and keeps its stack trace.
 */
final class ServerStartFailure {

    private ServerStartFailure() {
    }

    /** The message for {@code error} when it is a failure to listen on {@code port}; empty for anything else. */
    static Optional<String> explain(Throwable error, int port) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BindException bind) {
                return Optional.of(message(bind, port));
            }
        }
        return Optional.empty();
    }

    private static String message(BindException bind, int port) {
        String reason = bind.getMessage() == null ? "" : bind.getMessage();
        if (reason.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
            return "logs-service: cannot start: port " + port + " is already in use (PORT=" + port
                    + "); stop the program that holds it (for example another logs-service) or set PORT to a free port";
        }
        return "logs-service: cannot start: cannot listen on port " + port + " (PORT=" + port + "): " + reason
                + "; set PORT to a port this user may open (1024 or above without privileges)";
    }
}
