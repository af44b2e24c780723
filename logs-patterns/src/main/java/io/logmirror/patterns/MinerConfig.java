package io.logmirror.patterns;

/**
 * The settings of a {@link PatternMiner}, immutable, built by a builder that checks every value.
 *
 * <pre>{@code
 * MinerConfig config = MinerConfig.builder().maxPatterns(5_000).build();
 * }</pre>
 *
 * @param depth the depth of Drain's parse tree: the root, one level for the token count, then
 *        {@code depth - 2} levels for the first tokens (default {@value #DEFAULT_DEPTH}, 3 to 8)
 * @param similarity the share of equal tokens a line needs to join a pattern (default
 *        {@value #DEFAULT_SIMILARITY}, above 0 and at most 1)
 * @param maxChildren children of one tree node before further first tokens share the wildcard child
 *        (default {@value #DEFAULT_MAX_CHILDREN}, 2 to 10,000)
 * @param maxPatterns patterns kept; past it the least recently used one is evicted (default
 *        {@value #DEFAULT_MAX_PATTERNS}, 10 to 10,000,000)
 * @param maxTokens tokens of a line looked at; the rest count as one {@code <*>} (default
 *        {@value #DEFAULT_MAX_TOKENS}, 8 to 1,024)
 * @param maxLineChars characters of a line looked at (default {@value #DEFAULT_MAX_LINE_CHARS}, 64 to 1,048,576)
 */
public record MinerConfig(int depth, double similarity, int maxChildren, int maxPatterns, int maxTokens, int maxLineChars) {

    public static final int DEFAULT_DEPTH = 4;
    public static final double DEFAULT_SIMILARITY = 0.5;
    public static final int DEFAULT_MAX_CHILDREN = 100;
    public static final int DEFAULT_MAX_PATTERNS = 20_000;
    public static final int DEFAULT_MAX_TOKENS = 128;
    public static final int DEFAULT_MAX_LINE_CHARS = 4_096;

    public MinerConfig {
        check("depth", depth, 3, 8);
        if (!(similarity > 0 && similarity <= 1)) {
            throw new IllegalArgumentException("similarity must be above 0 and at most 1, not " + similarity);
        }
        check("maxChildren", maxChildren, 2, 10_000);
        check("maxPatterns", maxPatterns, 10, 10_000_000);
        check("maxTokens", maxTokens, 8, 1_024);
        check("maxLineChars", maxLineChars, 64, 1 << 20);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    /** The defaults. */
    public static MinerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link MinerConfig}; each setter names the field and value it refuses. Not thread-safe. */
    public static final class Builder {
        private int depth = DEFAULT_DEPTH;
        private double similarity = DEFAULT_SIMILARITY;
        private int maxChildren = DEFAULT_MAX_CHILDREN;
        private int maxPatterns = DEFAULT_MAX_PATTERNS;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private int maxLineChars = DEFAULT_MAX_LINE_CHARS;

        private Builder() {
        }

        public Builder depth(int value) {
            check("depth", value, 3, 8);
            depth = value;
            return this;
        }

        public Builder similarity(double value) {
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("similarity must be above 0 and at most 1, not " + value);
            }
            similarity = value;
            return this;
        }

        public Builder maxChildren(int value) {
            check("maxChildren", value, 2, 10_000);
            maxChildren = value;
            return this;
        }

        public Builder maxPatterns(int value) {
            check("maxPatterns", value, 10, 10_000_000);
            maxPatterns = value;
            return this;
        }

        public Builder maxTokens(int value) {
            check("maxTokens", value, 8, 1_024);
            maxTokens = value;
            return this;
        }

        public Builder maxLineChars(int value) {
            check("maxLineChars", value, 64, 1 << 20);
            maxLineChars = value;
            return this;
        }

        public MinerConfig build() {
            return new MinerConfig(depth, similarity, maxChildren, maxPatterns, maxTokens, maxLineChars);
        }
    }
}
