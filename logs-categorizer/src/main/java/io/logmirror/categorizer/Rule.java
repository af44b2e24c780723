package io.logmirror.categorizer;

import io.logmirror.core.Category;
import java.util.Objects;
import java.util.Optional;

/**
 * One categorization rule: a {@link Category} and the matchers a file must satisfy to get it.
 *
 * <p>A rule has one to three matchers and matches a file only when <em>all</em> of them match:
 * {@code name} tests the file's name (the last path segment), {@code path} tests the whole relative
 * path ({@code job-42/slurm-42.out}), {@code content} tests the first bytes of the file, decoded as
 * UTF-8 (ISO-8859-1 when they are not valid UTF-8). A content matcher takes regular expressions only.
 *
 * <pre>{@code
 * Rule loadgen = Rule.byName(Category.CLIENT, TextMatcher.glob("loadgen-*.out"));
 * Rule vllmOutput = Rule.builder(Category.VLLM)
 *         .name(TextMatcher.glob("*.out"))
 *         .content(TextMatcher.regex("vLLM API server"))
 *         .build();
 * }</pre>
 *
 * <p>Immutable.
 *
 * @param category the category a matching file gets
 * @param name the matcher for the file name, if any
 * @param path the matcher for the relative path, if any
 * @param content the matcher for the first bytes of the file, if any
 */
public record Rule(Category category, Optional<TextMatcher> name, Optional<TextMatcher> path,
                   Optional<TextMatcher> content) {

    /**
     * Checks the rule.
     *
     * @throws IllegalArgumentException when it has no matcher or a glob content matcher
     */
    public Rule {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (name.isEmpty() && path.isEmpty() && content.isEmpty()) {
            throw new IllegalArgumentException("the rule for category '" + category
                    + "' has no matcher: give it a name, path or content matcher");
        }
        if (content.isPresent() && content.get().syntax() != TextMatcher.Syntax.REGEX) {
            throw new IllegalArgumentException("the content matcher of the rule for category '" + category
                    + "' is a glob: file contents take a regex (found anywhere in the first bytes)");
        }
    }

    /** A rule that gives {@code category} to files whose name matches {@code name}. */
    public static Rule byName(Category category, TextMatcher name) {
        return new Rule(category, Optional.of(name), Optional.empty(), Optional.empty());
    }

    /** A builder for a rule giving {@code category}; set at least one matcher. */
    public static Builder builder(Category category) {
        return new Builder(category);
    }

    /** Whether this rule looks at file contents. */
    public boolean readsContent() {
        return content.isPresent();
    }

    /** Builds a {@link Rule}; not thread-safe. */
    public static final class Builder {
        private final Category category;
        private Optional<TextMatcher> name = Optional.empty();
        private Optional<TextMatcher> path = Optional.empty();
        private Optional<TextMatcher> content = Optional.empty();

        private Builder(Category category) {
            this.category = Objects.requireNonNull(category, "category");
        }

        /** Sets the file-name matcher. */
        public Builder name(TextMatcher matcher) {
            this.name = Optional.of(matcher);
            return this;
        }

        /** Sets the relative-path matcher. */
        public Builder path(TextMatcher matcher) {
            this.path = Optional.of(matcher);
            return this;
        }

        /** Sets the content matcher (a regex over the first bytes of the file). */
        public Builder content(TextMatcher matcher) {
            this.content = Optional.of(matcher);
            return this;
        }

        /**
         * The rule.
         *
         * @throws IllegalArgumentException as {@link Rule#Rule} does
         */
        public Rule build() {
            return new Rule(category, name, path, content);
        }
    }
}
