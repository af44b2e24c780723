package io.logmirror.categorizer;

import io.logmirror.categorizer.internal.DefaultRuleCategorizer;
import io.logmirror.categorizer.internal.RuleFileParser;
import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Categorizer} driven by ordered rules: the first {@link Rule} whose matchers all match a
 * file gives its category; a file no rule matches gets the fallback category.
 *
 * <p>{@link #defaults()} reproduces the original service's table, in its order and with its
 * semantics (a case-insensitive substring of the file <em>name</em>; a {@code -} in the table also
 * matches {@code _}; {@code .err} and {@code .out} only at the end of the name):
 * <pre>
 * server      server-  orchestrator  slurm-job
 * client      client-  benchmark-  loadgen-
 * monitoring  monitor  prometheus  grafana
 * vllm        vllm  model-server  inference
 * slurm       .err (at the end)  .out (at the end)  slurm-  sbatch
 * logs        logs-service
 * otherwise   uncategorized
 * </pre>
 * So {@code slurm-job-1.log} is server (the server row comes first), {@code slurm-1.out} is slurm,
 * and {@code loadgen-123.out} is client ({@code loadgen-} is the one addition to the README's table, taken from
 * the original service's source).
 *
 * <p>Rule files are YAML, read safely (no custom types, no tags, limited aliases and size):
 * <pre>{@code
 * categories: [server, client, monitoring, vllm, slurm, logs, uncategorized]  # display order, optional
 * fallback: uncategorized        # optional, this is the default
 * caseSensitive: false           # optional, this is the default
 * headBytes: 4096                # optional: bytes a content matcher sees, this is the default
 * rules:                         # tried in order, the first match wins
 *   - category: client
 *     name: { glob: "loadgen-*.out" }
 *   - category: server
 *     name: { regex: ["server[-_]", "orchestrator", "slurm[-_]job"] }
 *   - category: monitoring
 *     path: { glob: "monitoring/**" }
 *   - category: vllm
 *     content: { regex: "vLLM API server" }
 * }</pre>
 * A file that does not parse or describes invalid rules fails with a {@link RuleFileException}
 * naming the file, line, column and problem. See {@code docs/categories.md} for the whole format.
 *
 * <p>Use:
 * <pre>{@code
 * Categorizer standard = RuleCategorizer.defaults();
 * standard.categorize(LogPath.of("job-42/orchestrator_job-42.out"));   // server
 *
 * RuleCategorizer custom = RuleCategorizer.fromYaml(Path.of("/etc/logmirror/categories.yaml"));
 *
 * RuleCategorizer built = RuleCategorizer.builder()              // results_*.json as client, then the defaults
 *         .rule(Rule.byName(Category.CLIENT, TextMatcher.glob("results_*.json")))
 *         .rules(RuleCategorizer.defaults().rules())
 *         .categories(Category.STANDARD)
 *         .build();
 * }</pre>
 *
 * <p>Instances are immutable and therefore thread-safe; one instance serves any number of threads.
 */
public interface RuleCategorizer extends Categorizer {

    /** Name under which the default rules are reported in errors and {@code toString()}. */
    String DEFAULT_RULES_SOURCE = "default-rules.yaml (built in)";

    /** The rules, in the order they are tried. */
    List<Rule> rules();

    /** The category of a file no rule matches. */
    Category fallback();

    /** Whether letters must match in case; {@code false} (the default) folds case. */
    boolean caseSensitive();

    /**
     * The original service's rules (see above), loaded from the built-in {@code default-rules.yaml}
     * by the same loader as any rule file. Lists the seven standard categories in their usual order.
     */
    static RuleCategorizer defaults() {
        return DefaultRuleCategorizer.defaults();
    }

    /**
     * Rules read from a YAML file (UTF-8).
     *
     * @throws RuleFileException naming the file, line and problem when it cannot be read, does not
     *     parse, or describes invalid rules
     */
    static RuleCategorizer fromYaml(Path file) {
        return RuleFileParser.parse(file);
    }

    /**
     * Rules read from YAML text.
     *
     * @param sourceName how errors name the text, e.g. the file it came from
     * @throws RuleFileException naming {@code sourceName}, line and problem
     */
    static RuleCategorizer fromYaml(String yamlText, String sourceName) {
        return RuleFileParser.parse(yamlText, sourceName);
    }

    /**
     * Rules read from a YAML stream; the caller closes {@code reader}.
     *
     * @param sourceName how errors name the stream
     * @throws RuleFileException naming {@code sourceName}, line and problem
     */
    static RuleCategorizer fromYaml(Reader reader, String sourceName) {
        return RuleFileParser.parse(reader, sourceName);
    }

    /** A builder for rules written in code. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a {@link RuleCategorizer}; not thread-safe, every value is checked.
     *
     * <p>Defaults: fallback {@code uncategorized}; case-insensitive; {@value #DEFAULT_HEAD_BYTES}
     * head bytes for content matchers; display order = the rules' categories in first-use order,
     * then the fallback.
     */
    final class Builder {

        /** Head bytes given to content matchers unless set. */
        public static final int DEFAULT_HEAD_BYTES = 4096;
        /** The most head bytes a rule set may ask for. */
        public static final int MAX_HEAD_BYTES = 1 << 20;

        private final List<Rule> rules = new ArrayList<>();
        private Category fallback = Category.UNCATEGORIZED;
        private Optional<List<Category>> categories = Optional.empty();
        private boolean caseSensitive;
        private int headBytes = DEFAULT_HEAD_BYTES;
        private String source = "rules built in code";

        private Builder() {
        }

        /** Appends a rule (tried after those added before it). */
        public Builder rule(Rule rule) {
            rules.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** Appends rules, in order. */
        public Builder rules(List<Rule> more) {
            more.forEach(this::rule);
            return this;
        }

        /** The category of files no rule matches; default {@code uncategorized}. */
        public Builder fallback(Category category) {
            this.fallback = Objects.requireNonNull(category, "fallback");
            return this;
        }

        /**
         * The display order of the categories; it must list every rule's category and the fallback
         * once, and may list more (they are shown, empty). Default: the rules' categories in
         * first-use order, then the fallback.
         */
        public Builder categories(List<Category> displayOrder) {
            this.categories = Optional.of(List.copyOf(displayOrder));
            return this;
        }

        /** Whether letters must match in case; default {@code false}. */
        public Builder caseSensitive(boolean caseSensitive) {
            this.caseSensitive = caseSensitive;
            return this;
        }

        /**
         * How many leading bytes of a file content matchers see; 1 to {@value #MAX_HEAD_BYTES},
         * default {@value #DEFAULT_HEAD_BYTES}. Used only when some rule has a content matcher.
         */
        public Builder headBytes(int headBytes) {
            if (headBytes < 1 || headBytes > MAX_HEAD_BYTES) {
                throw new IllegalArgumentException("headBytes " + headBytes + " is out of range: use 1 to "
                        + MAX_HEAD_BYTES + " (default " + DEFAULT_HEAD_BYTES + ")");
            }
            this.headBytes = headBytes;
            return this;
        }

        /** How the categorizer names where its rules came from (in {@code toString()}). */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * The categorizer.
         *
         * @throws IllegalArgumentException when there is no rule, or the display order lists a
         *     category twice or misses a rule's category or the fallback
         */
        public RuleCategorizer build() {
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("no rules: add at least one rule (every file would be '"
                        + fallback + "'); for that, use Categorizer.uncategorized()");
            }
            List<Category> order;
            if (categories.isPresent()) {
                order = categories.get();
                Set<Category> seen = new LinkedHashSet<>();
                for (Category category : order) {
                    if (!seen.add(category)) {
                        throw new IllegalArgumentException("categories lists '" + category + "' twice: list each once");
                    }
                }
                for (int i = 0; i < rules.size(); i++) {
                    Category category = rules.get(i).category();
                    if (!seen.contains(category)) {
                        throw new IllegalArgumentException("category '" + category + "' of rule " + (i + 1)
                                + " is missing from categories " + order + ": add it to the display order");
                    }
                }
                if (!seen.contains(fallback)) {
                    throw new IllegalArgumentException("fallback category '" + fallback
                            + "' is missing from categories " + order + ": add it to the display order");
                }
            } else {
                Set<Category> seen = new LinkedHashSet<>();
                rules.forEach(rule -> seen.add(rule.category()));
                seen.remove(fallback);
                seen.add(fallback);
                order = List.copyOf(seen);
            }
            return new DefaultRuleCategorizer(rules, fallback, order, caseSensitive, headBytes, source);
        }
    }
}
