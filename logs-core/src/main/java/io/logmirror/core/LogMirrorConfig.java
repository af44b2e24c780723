package io.logmirror.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The immutable configuration of a {@link LogMirror}. Build it with {@link #builder(Path, RemoteSource)};
 * every setter checks its value and names the field and the value in its error.
 *
 * <p>Defaults: categorizer {@link Categorizer#uncategorized()}, sync interval 60 s, maximum back-off
 * 15 min, parallelism the source's {@link RemoteSource#preferredParallelism()}, categorized symlinks on,
 * no excludes, growth check window 4096 bytes.
 */
public final class LogMirrorConfig {

    /** Default time between the end of one scheduled sync and the start of the next. */
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(60);
    /** Default longest wait between syncs after repeated failures. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(15);
    /** Default number of bytes before a grown file's old end that are compared before appending. */
    public static final int DEFAULT_GROWTH_CHECK_WINDOW = 4096;

    private final Path dataDirectory;
    private final RemoteSource source;
    private final Categorizer categorizer;
    private final Duration syncInterval;
    private final Duration maxBackoff;
    private final int parallelism;
    private final boolean categorizedLinks;
    private final List<String> excludes;
    private final int growthCheckWindow;

    private LogMirrorConfig(Builder builder) {
        this.dataDirectory = builder.dataDirectory;
        this.source = builder.source;
        this.categorizer = builder.categorizer;
        this.syncInterval = builder.syncInterval;
        this.maxBackoff = builder.maxBackoff;
        this.parallelism = builder.parallelism > 0 ? builder.parallelism : Math.max(1, source.preferredParallelism());
        this.categorizedLinks = builder.categorizedLinks;
        this.excludes = List.copyOf(builder.excludes);
        this.growthCheckWindow = builder.growthCheckWindow;
    }

    /** Starts a configuration mirroring {@code source} into {@code dataDirectory}. */
    public static Builder builder(Path dataDirectory, RemoteSource source) {
        return new Builder(dataDirectory, source);
    }

    /** The data folder; the mirror lives in its {@code logs/} sub-folder. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Where the mirror reads from. */
    public RemoteSource source() {
        return source;
    }

    /** How files are sorted into categories. */
    public Categorizer categorizer() {
        return categorizer;
    }

    /** Time between the end of one scheduled sync and the start of the next. */
    public Duration syncInterval() {
        return syncInterval;
    }

    /** Longest wait between syncs after repeated failures. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** How many files are transferred at the same time. */
    public int parallelism() {
        return parallelism;
    }

    /** Whether {@code categorized/<category>/<path>} symlinks are kept on disk. */
    public boolean categorizedLinks() {
        return categorizedLinks;
    }

    /** Glob patterns ({@code java.nio} glob syntax) of paths that are not mirrored; a pattern without {@code /} matches the file name. */
    public List<String> excludes() {
        return excludes;
    }

    /** Bytes just before a grown file's old end that are compared with the local copy before only the new bytes are fetched. */
    public int growthCheckWindow() {
        return growthCheckWindow;
    }

    /** A builder with this configuration's values. */
    public Builder toBuilder() {
        Builder builder = new Builder(dataDirectory, source)
                .categorizer(categorizer)
                .syncInterval(syncInterval)
                .maxBackoff(maxBackoff)
                .parallelism(parallelism)
                .categorizedLinks(categorizedLinks)
                .growthCheckWindow(growthCheckWindow);
        builder.excludes.addAll(excludes);
        return builder;
    }

    /** Builds a {@link LogMirrorConfig}; not thread-safe. */
    public static final class Builder {
        private final Path dataDirectory;
        private final RemoteSource source;
        private Categorizer categorizer = Categorizer.uncategorized();
        private Duration syncInterval = DEFAULT_SYNC_INTERVAL;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private int parallelism;
        private boolean categorizedLinks = true;
        private final List<String> excludes = new ArrayList<>();
        private int growthCheckWindow = DEFAULT_GROWTH_CHECK_WINDOW;

        private Builder(Path dataDirectory, RemoteSource source) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory").toAbsolutePath().normalize();
            this.source = Objects.requireNonNull(source, "source");
        }

        /** How files are sorted into categories. */
        public Builder categorizer(Categorizer categorizer) {
            this.categorizer = Objects.requireNonNull(categorizer, "categorizer");
            return this;
        }

        /** Time between the end of one scheduled sync and the start of the next; at least 1 s. */
        public Builder syncInterval(Duration interval) {
            Objects.requireNonNull(interval, "syncInterval");
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("syncInterval must be at least 1 s, was " + interval);
            }
            this.syncInterval = interval;
            return this;
        }

        /** Longest wait between syncs after repeated failures; at least 1 s. */
        public Builder maxBackoff(Duration maxBackoff) {
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (maxBackoff.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("maxBackoff must be at least 1 s, was " + maxBackoff);
            }
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** How many files are transferred at the same time, 1 to 64. */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1 || parallelism > 64) {
                throw new IllegalArgumentException("parallelism must be between 1 and 64, was " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** Whether {@code categorized/<category>/<path>} symlinks are kept on disk (default true). */
        public Builder categorizedLinks(boolean enabled) {
            this.categorizedLinks = enabled;
            return this;
        }

        /** Adds a glob of paths not to mirror, such as {@code *.tmp} or {@code scratch/**}. */
        public Builder exclude(String glob) {
            Objects.requireNonNull(glob, "exclude");
            if (glob.isBlank()) {
                throw new IllegalArgumentException("exclude pattern must not be blank");
            }
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("exclude pattern '" + glob + "' is not a valid glob: " + e.getMessage(), e);
            }
            excludes.add(glob);
            return this;
        }

        /** Bytes compared before appending to a grown file, 0 to 1 MiB (default 4096). */
        public Builder growthCheckWindow(int bytes) {
            if (bytes < 0 || bytes > 1 << 20) {
                throw new IllegalArgumentException("growthCheckWindow must be between 0 and 1048576 bytes, was " + bytes);
            }
            this.growthCheckWindow = bytes;
            return this;
        }

        /** The configuration. */
        public LogMirrorConfig build() {
            return new LogMirrorConfig(this);
        }
    }
}
