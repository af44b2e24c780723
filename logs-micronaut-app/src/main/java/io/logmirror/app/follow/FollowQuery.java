package io.logmirror.app.follow;

import io.logmirror.app.http.ApiException;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.patterns.Level;
import io.micronaut.http.HttpStatus;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a follower asked for: one file ({@code path=}, in the {@code /logs/content} form) or a set ({@code service=}
 * and/or {@code glob=}, or nothing for every file), how many lines to send first ({@code tail=}, default 10), the
 * lowest level to send ({@code level=}) and where to resume ({@code Last-Event-ID} or {@code since_id=}).
 *
 * @param path    the file, as given
 * @param service the category of a set
 * @param glob    the glob of a set, as given; matched against the file's path below {@code logs/} and against its name
 * @param tail    lines to send first, 0 to 10,000
 * @param level   lines below this level (or without one) are not sent
 * @param since   the id of the last event the client has
 */
record FollowQuery(Optional<String> path, Optional<Category> service, Optional<String> glob, int tail,
                   Optional<Level> level, Optional<String> since) {

    static final int DEFAULT_TAIL = 10;
    static final int MAX_TAIL = 10_000;

    /**
     * Reads the query parameters ({@code parameter} gives each one's value) and the {@code Last-Event-ID} header.
     *
     * @throws ApiException 400 naming the parameter and what it accepts
     */
    static FollowQuery parse(Function<String, Optional<String>> parameter, Optional<String> lastEventId,
                             List<Category> categories) {
        Optional<String> path = parameter.apply("path").filter(p -> !p.isBlank());
        Optional<Category> service = parameter.apply("service").filter(s -> !s.isBlank()).map(name -> categories.stream()
                .filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> bad("Unknown service '" + name + "': use one of GET /services")));
        Optional<String> glob = parameter.apply("glob").filter(g -> !g.isBlank());
        if (path.isPresent() && (service.isPresent() || glob.isPresent())) {
            throw bad("Give either path= (one file) or service=/glob= (a set), not both");
        }
        glob.ifPresent(FollowQuery::matcher);
        int tail = parameter.apply("tail").filter(t -> !t.isBlank()).map(FollowQuery::tail).orElse(DEFAULT_TAIL);
        Optional<Level> level = parameter.apply("level").filter(l -> !l.isBlank()).map(l -> Level.fromWord(l)
                .orElseThrow(() -> bad("Invalid level '" + l + "': use trace, debug, info, warning, error or critical")));
        Optional<String> since = lastEventId.filter(s -> !s.isBlank()).or(() -> parameter.apply("since_id")
                .filter(s -> !s.isBlank()));
        FollowQuery query = new FollowQuery(path, service, glob, tail, level, since);
        since.ifPresent(s -> {
            if (path.isPresent()) {
                query.sinceOffset();
            } else {
                query.sinceSequence();
            }
        });
        return query;
    }

    /** Whether this follows one file. */
    boolean oneFile() {
        return path.isPresent();
    }

    /** For a set: whether the set holds {@code file}. */
    boolean matches(LogPath file, Category category) {
        if (service.isPresent() && !service.get().equals(category)) {
            return false;
        }
        if (glob.isEmpty()) {
            return true;
        }
        PathMatcher matcher = matcher(glob.get());
        List<String> segments = file.segments();
        return matcher.matches(Path.of(file.toString())) || matcher.matches(Path.of(segments.get(segments.size() - 1)));
    }

    /** For one file: the byte offset of the last line the client has. */
    long sinceOffset() {
        try {
            long offset = Long.parseLong(since.orElseThrow());
            if (offset >= -1) { // -1: from the start (a dropped event at offset 0 resumes from there)
                return offset;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad("Invalid Last-Event-ID/since_id '" + since.orElseThrow() + "': following one file, use the byte offset"
                + " of the last line received");
    }

    /** For a set: the change sequence and the index of the line within it, {@code -1} for "the whole change". */
    long[] sinceSequence() {
        String text = since.orElseThrow();
        try {
            int colon = text.indexOf(':');
            long sequence = Long.parseLong(colon < 0 ? text : text.substring(0, colon));
            long index = colon < 0 ? Long.MAX_VALUE : Long.parseLong(text.substring(colon + 1));
            if (sequence >= 0 && index >= 0) {
                return new long[] {sequence, index};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad("Invalid Last-Event-ID/since_id '" + text + "': following a set, use the id of the last event"
                + " received (<sequence>:<index>, or a change sequence)");
    }

    private static int tail(String text) {
        try {
            int tail = Integer.parseInt(text);
            if (tail >= 0 && tail <= MAX_TAIL) {
                return tail;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad("Invalid tail '" + text + "': use a whole number from 0 to " + MAX_TAIL);
    }

    private static PathMatcher matcher(String glob) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw bad("Invalid glob '" + glob + "': " + e.getMessage());
        }
    }

    private static ApiException bad(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    @Override
    public String toString() {
        return "FollowQuery[" + path.map(p -> "path=" + p).orElse("set") + service.map(s -> " service=" + s.name()).orElse("")
                + glob.map(g -> " glob=" + g).orElse("") + " tail=" + tail
                + level.map(l -> " level=" + l.name().toLowerCase(Locale.ROOT)).orElse("") + "]";
    }
}
