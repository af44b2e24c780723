package io.logmirror.retention;

import io.logmirror.core.Category;
import io.logmirror.retention.RetentionRulesException.Problem;
import io.logmirror.retention.internal.Quantities;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything retention decides by: the per-category {@link RetentionRules}, a budget for the whole mirror, and when
 * idle files are compressed.
 *
 * <pre>{@code
 * RetentionPolicy policy = RetentionPolicy.fromSettings(System.getenv(), Category.STANDARD);
 * // or
 * RetentionPolicy policy = RetentionPolicy.defaults()
 *         .withRules(RetentionRules.load(Path.of("retention.yaml"), Category.STANDARD))
 *         .withDataDirMaxBytes(500L << 30);
 * }</pre>
 *
 * @param rules           the per-category limits; {@link RetentionRules#NONE} by default
 * @param dataDirMaxBytes the stored files' budget: over it, the oldest eligible files go first, whatever their
 *                        category; empty (the default) for none
 * @param compressAfter   files not modified for this long are compressed ({@code 0}: as soon as retention runs);
 *                        empty turns compression off; default 7 days
 */
public record RetentionPolicy(RetentionRules rules, OptionalLong dataDirMaxBytes, Optional<Duration> compressAfter) {

    /** {@code COMPRESS_AFTER}'s default. */
    public static final Duration DEFAULT_COMPRESS_AFTER = Duration.ofDays(7);

    public RetentionPolicy {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(dataDirMaxBytes, "dataDirMaxBytes");
        Objects.requireNonNull(compressAfter, "compressAfter");
        if (dataDirMaxBytes.isPresent() && dataDirMaxBytes.getAsLong() <= 0) {
            throw new IllegalArgumentException("dataDirMaxBytes must be positive, was " + dataDirMaxBytes.getAsLong());
        }
        if (compressAfter.isPresent() && compressAfter.get().isNegative()) {
            throw new IllegalArgumentException("compressAfter must not be negative, was " + compressAfter.get());
        }
    }

    /** No deletion, no budget, compression after 7 days. */
    public static RetentionPolicy defaults() {
        return new RetentionPolicy(RetentionRules.NONE, OptionalLong.empty(), Optional.of(DEFAULT_COMPRESS_AFTER));
    }

    /** This policy with other rules. */
    public RetentionPolicy withRules(RetentionRules rules) {
        return new RetentionPolicy(rules, dataDirMaxBytes, compressAfter);
    }

    /** This policy with a budget for all stored files. */
    public RetentionPolicy withDataDirMaxBytes(long bytes) {
        return new RetentionPolicy(rules, OptionalLong.of(bytes), compressAfter);
    }

    /** This policy compressing files idle for {@code after}. */
    public RetentionPolicy withCompressAfter(Duration after) {
        return new RetentionPolicy(rules, dataDirMaxBytes, Optional.of(after));
    }

    /** This policy without compression. */
    public RetentionPolicy withoutCompression() {
        return new RetentionPolicy(rules, dataDirMaxBytes, Optional.empty());
    }

    /**
     * Reads the service's variables: {@code RETENTION_RULES} (a rule file), {@code DATA_DIR_MAX_GB} (GiB, fractions
     * allowed) and {@code COMPRESS_AFTER} (a duration such as {@code 7d}, {@code 0}, or {@code off}). A variable that
     * is missing or empty takes its default.
     *
     * @param known the categories that exist
     * @throws RetentionRulesException listing every problem, in the variables and in the rule file, at once
     */
    public static RetentionPolicy fromSettings(Map<String, String> variables, Collection<Category> known) {
        List<Problem> problems = new ArrayList<>();
        RetentionPolicy policy = defaults();
        String rules = variables.getOrDefault("RETENTION_RULES", "").trim();
        if (!rules.isEmpty()) {
            try {
                policy = policy.withRules(RetentionRules.load(Path.of(rules), known));
            } catch (RetentionRulesException e) {
                problems.addAll(e.problems());
            } catch (java.nio.file.InvalidPathException e) {
                problems.add(new Problem("RETENTION_RULES", 0, 0, "'" + rules + "' is not a file path: "
                        + e.getReason()));
            }
        }
        String max = variables.getOrDefault("DATA_DIR_MAX_GB", "").trim();
        if (!max.isEmpty()) {
            Optional<Long> bytes = Quantities.size(max + "GiB");
            if (bytes.isPresent() && bytes.get() > 0) {
                policy = policy.withDataDirMaxBytes(bytes.get());
            } else {
                problems.add(new Problem("DATA_DIR_MAX_GB", 0, 0, "'" + max + "' is not allowed: use a number of GiB "
                        + "(1,073,741,824 bytes) above 0, such as 500 or 0.5; leave it unset for no budget"));
            }
        }
        String after = variables.getOrDefault("COMPRESS_AFTER", "").trim();
        if (after.equalsIgnoreCase("off")) {
            policy = policy.withoutCompression();
        } else if (!after.isEmpty()) {
            Optional<Duration> duration = Quantities.duration(after);
            if (duration.isPresent()) {
                policy = policy.withCompressAfter(duration.get());
            } else {
                problems.add(new Problem("COMPRESS_AFTER", 0, 0, "'" + after + "' is not allowed: "
                        + Quantities.DURATION_HINT + "; 'off' turns compression off (default 7d)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RetentionRulesException(problems);
        }
        return policy;
    }
}
