package io.logmirror.search;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import io.logmirror.search.internal.SearchPlan;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What to search for, and where. Built with {@link #builder(String)}, which checks every value and compiles the
 * pattern, so that a query that builds will run.
 *
 * <pre>{@code
 * SearchQuery query = SearchQuery.builder("CUDA out of memory")
 *         .category(Category.VLLM).since(Instant.now().minus(Duration.ofHours(2)))
 *         .context(2).limit(100).build();
 * }</pre>
 *
 * @param text      the literal or regular expression (RE2 syntax, linear time) to find in a line
 * @param regex     whether {@code text} is a regular expression
 * @param caseMode  how letter case counts (default {@link CaseMode#SMART})
 * @param category  only files of this category; empty for all
 * @param path      only this file, or the files under this folder; empty for all
 * @param glob      only files whose path matches this {@code java.nio} glob (without a {@code /} it matches the file
 *                  name, as the mirror's excludes do); empty for all
 * @param since     only lines at or after this time (see {@link LogSearch} for how a line's time is found)
 * @param until     only lines before this time
 * @param before    lines of context before each match, 0 to {@value #MAX_CONTEXT}
 * @param after     lines of context after each match, 0 to {@value #MAX_CONTEXT}
 * @param limit     at most this many matches, at least 1
 * @param timeLimit the search stops after this long (default 30 s)
 */
public record SearchQuery(String text, boolean regex, CaseMode caseMode, Optional<Category> category,
                          Optional<LogPath> path, Optional<String> glob, Optional<Instant> since, Optional<Instant> until,
                          int before, int after, int limit, Duration timeLimit) {

    /** The longest query text accepted, in characters: a bound on the pattern's size and compile time. */
    public static final int MAX_TEXT_LENGTH = 1000;
    /** The most context lines on either side. */
    public static final int MAX_CONTEXT = 100;
    /** The default limit on matches. */
    public static final int DEFAULT_LIMIT = 1000;
    /** The default time limit. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

    public SearchQuery {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(caseMode, "caseMode");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(glob, "glob");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(timeLimit, "timeLimit");
    }

    /** A query for {@code text}, as a literal, smart case, every file, limit {@value #DEFAULT_LIMIT}. */
    public static Builder builder(String text) {
        return new Builder(text);
    }

    /** Builds a {@link SearchQuery}; {@link #build()} checks the values. Not thread-safe. */
    public static final class Builder {
        private final String text;
        private boolean regex;
        private CaseMode caseMode = CaseMode.SMART;
        private Optional<Category> category = Optional.empty();
        private Optional<LogPath> path = Optional.empty();
        private Optional<String> glob = Optional.empty();
        private Optional<Instant> since = Optional.empty();
        private Optional<Instant> until = Optional.empty();
        private int before;
        private int after;
        private int limit = DEFAULT_LIMIT;
        private Duration timeLimit = DEFAULT_TIME_LIMIT;

        private Builder(String text) {
            this.text = Objects.requireNonNull(text, "text");
        }

        /** Whether the text is a regular expression (RE2 syntax); false by default. */
        public Builder regex(boolean regex) {
            this.regex = regex;
            return this;
        }

        public Builder caseMode(CaseMode caseMode) {
            this.caseMode = Objects.requireNonNull(caseMode, "caseMode");
            return this;
        }

        public Builder category(Category category) {
            this.category = Optional.of(category);
            return this;
        }

        /** Only this file, or the files under this folder. */
        public Builder path(LogPath path) {
            this.path = Optional.of(path);
            return this;
        }

        public Builder glob(String glob) {
            this.glob = Optional.of(glob);
            return this;
        }

        public Builder since(Instant since) {
            this.since = Optional.of(since);
            return this;
        }

        public Builder until(Instant until) {
            this.until = Optional.of(until);
            return this;
        }

        /** The same number of context lines before and after each match. */
        public Builder context(int lines) {
            this.before = lines;
            this.after = lines;
            return this;
        }

        public Builder before(int lines) {
            this.before = lines;
            return this;
        }

        public Builder after(int lines) {
            this.after = lines;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder timeLimit(Duration timeLimit) {
            this.timeLimit = Objects.requireNonNull(timeLimit, "timeLimit");
            return this;
        }

        /**
         * The query.
         *
         * @throws InvalidQueryException naming the field and value refused: an empty text or one longer than
         *         {@value #MAX_TEXT_LENGTH} characters or holding a line break, a regex that does not compile, a bad
         *         glob, {@code since} not before {@code until}, context or limit out of range, a time limit not positive
         */
        public SearchQuery build() {
            if (text.isEmpty()) {
                throw new InvalidQueryException("q", text, "the search text is empty: give the text or pattern to find");
            }
            if (text.length() > MAX_TEXT_LENGTH) {
                throw new InvalidQueryException("q", text, "the search text has " + text.length()
                        + " characters; at most " + MAX_TEXT_LENGTH + " are allowed");
            }
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new InvalidQueryException("q", text, "the search text holds a line break; lines are searched one by one, so it could never match");
            }
            checkContext("before", before);
            checkContext("after", after);
            if (limit < 1) {
                throw new InvalidQueryException("limit", Integer.toString(limit), "limit must be at least 1, was " + limit);
            }
            if (timeLimit.isNegative() || timeLimit.isZero()) {
                throw new InvalidQueryException("timeLimit", timeLimit.toString(), "the time limit must be positive, was " + timeLimit);
            }
            if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
                throw new InvalidQueryException("until", until.get().toString(), "until (" + until.get()
                        + ") must be after since (" + since.get() + ")");
            }
            SearchQuery query = new SearchQuery(text, regex, caseMode, category, path, glob, since, until, before, after,
                    limit, timeLimit);
            SearchPlan.of(query); // compiles the pattern and the glob: a query that builds will run
            return query;
        }

        private static void checkContext(String name, int lines) {
            if (lines < 0 || lines > MAX_CONTEXT) {
                throw new InvalidQueryException(name, Integer.toString(lines), name + " must be from 0 to " + MAX_CONTEXT
                        + " lines, was " + lines);
            }
        }
    }
}
