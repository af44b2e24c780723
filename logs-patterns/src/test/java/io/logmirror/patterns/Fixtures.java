package io.logmirror.patterns;

import io.logmirror.core.LogPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The hand-written logs under src/test/resources/logs. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-12-07T16:00:00Z");

    private Fixtures() {
    }

    /** The lines of a fixture file. */
    public static List<String> text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/logs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /logs/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture as numbered lines, all at {@link #T0}. */
    public static List<LogLine> lines(String name) {
        return LogLine.of(LogPath.of(name), text(name), T0);
    }
}
