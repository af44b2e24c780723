package io.logmirror.patterns;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The settings of a {@link LogAnalysis}: immutable, built by a builder that checks each value.
 *
 * <pre>{@code
 * AnalysisConfig config = AnalysisConfig.builder()
 *         .rules(ErrorRules.fromYaml(Path.of("errors.yaml")))
 *         .categorizer(RuleCategorizer.defaults())
 *         .dataFolder(Path.of("/var/lib/logmirror/.logmirror"))   // patterns.tsv is kept there
 *         .build();
 * }</pre>
 *
 * @param rules error signatures and traceback settings (default {@link ErrorRules#defaults()})
 * @param miner template mining settings (default {@link MinerConfig#defaults()})
 * @param categoryOf gives a file's category, asked once per file when its first line comes (default: everything
 *        uncategorized); the service passes the store's category, so content-based rules count too
 * @param dataFolder where {@value #PATTERNS_FILE} is loaded from and saved to; none keeps patterns in memory only
 * @param samplesPerGroup sample locations kept per error group and file (default 5, 0 to 1,000)
 * @param lineNumbersPerPattern line numbers kept per pattern and file (default 10,000, 0 to 10,000,000)
 * @param idleAfter a job whose files have been quiet this long is no longer running (default 10 minutes)
 * @param clock the time source for job idleness (default the system's, UTC)
 * @param listener called with every error event as it completes, on the thread that fed the line; keep it quick
 */
public record AnalysisConfig(ErrorRules rules, MinerConfig miner, Function<LogPath, Category> categoryOf,
        Optional<Path> dataFolder,
        int samplesPerGroup, int lineNumbersPerPattern, Duration idleAfter, Clock clock,
        Optional<Consumer<ErrorEvent>> listener) {

    /** The pattern file's name in the data folder. */
    public static final String PATTERNS_FILE = "patterns.tsv";

    public AnalysisConfig {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(miner, "miner");
        Objects.requireNonNull(categoryOf, "categoryOf");
        Objects.requireNonNull(dataFolder, "dataFolder");
        Objects.requireNonNull(idleAfter, "idleAfter");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(listener, "listener");
        if (samplesPerGroup < 0 || samplesPerGroup > 1_000) {
            throw new IllegalArgumentException("samplesPerGroup must be between 0 and 1000, not " + samplesPerGroup);
        }
        if (lineNumbersPerPattern < 0 || lineNumbersPerPattern > 10_000_000) {
            throw new IllegalArgumentException("lineNumbersPerPattern must be between 0 and 10000000, not "
                    + lineNumbersPerPattern);
        }
        if (idleAfter.isNegative() || idleAfter.isZero()) {
            throw new IllegalArgumentException("idleAfter must be positive, not " + idleAfter);
        }
    }

    /** The defaults, with patterns in memory only. */
    public static AnalysisConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AnalysisConfig}. Not thread-safe. */
    public static final class Builder {
        private ErrorRules rules = ErrorRules.defaults();
        private MinerConfig miner = MinerConfig.defaults();
        private Function<LogPath, Category> categoryOf = path -> Category.UNCATEGORIZED;
        private Path dataFolder;
        private int samplesPerGroup = 5;
        private int lineNumbersPerPattern = 10_000;
        private Duration idleAfter = Duration.ofMinutes(10);
        private Clock clock = Clock.systemUTC();
        private Consumer<ErrorEvent> listener;

        private Builder() {
        }

        public Builder rules(ErrorRules value) {
            rules = Objects.requireNonNull(value, "rules");
            return this;
        }

        public Builder miner(MinerConfig value) {
            miner = Objects.requireNonNull(value, "miner");
            return this;
        }

        /** Categories by path from a categorizer (path rules only; no file head is read). */
        public Builder categorizer(Categorizer value) {
            Objects.requireNonNull(value, "categorizer");
            categoryOf = value::categorize;
            return this;
        }

        /** Categories from any source, such as the store's index. */
        public Builder categoryOf(Function<LogPath, Category> value) {
            categoryOf = Objects.requireNonNull(value, "categoryOf");
            return this;
        }

        public Builder dataFolder(Path value) {
            dataFolder = Objects.requireNonNull(value, "dataFolder");
            return this;
        }

        public Builder samplesPerGroup(int value) {
            samplesPerGroup = value;
            return this;
        }

        public Builder lineNumbersPerPattern(int value) {
            lineNumbersPerPattern = value;
            return this;
        }

        public Builder idleAfter(Duration value) {
            idleAfter = Objects.requireNonNull(value, "idleAfter");
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder listener(Consumer<ErrorEvent> value) {
            listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        public AnalysisConfig build() {
            return new AnalysisConfig(rules, miner, categoryOf, Optional.ofNullable(dataFolder), samplesPerGroup,
                    lineNumbersPerPattern, idleAfter, clock, Optional.ofNullable(listener));
        }
    }
}
