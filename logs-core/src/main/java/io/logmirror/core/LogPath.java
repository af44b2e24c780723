package io.logmirror.core;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated, normalized path relative to the mirrored folder: the one way any outside path
 * (a remote listing, an HTTP parameter, a configuration file) reaches the disk.
 *
 * <p>A {@code LogPath} is {@code /}-separated and never absolute, never empty, never contains an
 * empty segment, {@code .} or {@code ..}, a NUL or any other control character, a segment longer
 * than {@value #MAX_SEGMENT_BYTES} UTF-8 bytes, or more than {@value #MAX_PATH_BYTES} bytes in all.
 * Backslashes, spaces, leading dashes and any other printable character are ordinary name
 * characters, as they are on the cluster's Linux file system. Because {@code ..} can never be a
 * segment, {@link #resolveAgainst(Path)} always stays inside the folder it is given.
 *
 * <pre>{@code
 * LogPath path = LogPath.of("job-42/slurm-42.out");
 * Path onDisk = path.resolveAgainst(dataDir.resolve("logs"));
 * Optional<LogPath> maybe = LogPath.parse(userInput); // empty when hostile
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; they compare by their text.
 */
public final class LogPath implements Comparable<LogPath> {

    /** Longest allowed segment, in UTF-8 bytes (the usual Linux {@code NAME_MAX}). */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** Longest allowed path, in UTF-8 bytes (the usual Linux {@code PATH_MAX}). */
    public static final int MAX_PATH_BYTES = 4096;

    private final String value;
    private final List<String> segments;

    private LogPath(String value, List<String> segments) {
        this.value = value;
        this.segments = segments;
    }

    /**
     * Validates {@code text} as a relative log path.
     *
     * @throws InvalidLogPathException naming the text and the rule it breaks
     */
    public static LogPath of(String text) {
        Objects.requireNonNull(text, "text");
        String problem = problemWith(text);
        if (problem != null) {
            throw new InvalidLogPathException(text, problem);
        }
        return new LogPath(text, List.of(text.split("/", -1)));
    }

    /** Like {@link #of(String)} but answers empty instead of throwing for an invalid path. */
    public static Optional<LogPath> parse(String text) {
        if (text == null || problemWith(text) != null) {
            return Optional.empty();
        }
        return Optional.of(new LogPath(text, List.of(text.split("/", -1))));
    }

    /** Why {@code text} is not a valid log path, or {@code null} when it is. */
    static String problemWith(String text) {
        if (text.isEmpty()) {
            return "it is empty";
        }
        if (text.startsWith("/")) {
            return "it is absolute";
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return "it is longer than " + MAX_PATH_BYTES + " bytes";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                return String.format("it contains the control character U+%04X", (int) c);
            }
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                return "it contains an unpaired surrogate";
            }
        }
        for (String segment : text.split("/", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "it has a '" + segment + "' segment";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes";
            }
        }
        return null;
    }

    /** The segments, first to last; never empty. */
    public List<String> segments() {
        return segments;
    }

    /** The last segment: the file's name. */
    public String fileName() {
        return segments.get(segments.size() - 1);
    }

    /** The folder holding this path, or empty for a top-level name. */
    public Optional<LogPath> parent() {
        if (segments.size() == 1) {
            return Optional.empty();
        }
        return Optional.of(new LogPath(value.substring(0, value.lastIndexOf('/')),
                segments.subList(0, segments.size() - 1)));
    }

    /**
     * Whether the file's name starts with a dot. Such files are mirrored and readable, but hidden from listings
     * and totals, as in the original service (a visible name inside a hidden folder is not hidden).
     */
    public boolean isHidden() {
        return fileName().startsWith(".");
    }

    /** This path with {@code relative} (itself a valid log path) appended. */
    public LogPath resolve(String relative) {
        LogPath child = of(relative);
        List<String> joined = new ArrayList<>(segments);
        joined.addAll(child.segments);
        return new LogPath(value + "/" + child.value, Collections.unmodifiableList(joined));
    }

    /**
     * The file this path names under {@code root}. The result is always inside {@code root}
     * (as a path; symlinks on disk are the store's concern).
     */
    public Path resolveAgainst(Path root) {
        Path result = root;
        for (String segment : segments) {
            result = result.resolve(segment);
        }
        return result;
    }

    @Override
    public int compareTo(LogPath other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogPath && ((LogPath) other).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The path's text, {@code /}-separated. */
    @Override
    public String toString() {
        return value;
    }
}
