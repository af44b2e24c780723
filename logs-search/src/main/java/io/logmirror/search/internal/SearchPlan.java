package io.logmirror.search.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogPath;
import io.logmirror.search.CaseMode;
import io.logmirror.search.InvalidQueryException;
import io.logmirror.search.SearchQuery;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A query compiled for scanning: how lines are matched (a literal, a regex with a literal prefilter, a regex alone),
 * which files are selected, and the time bounds in epoch milliseconds. Immutable; {@link #newMatcher()} gives each
 * scanning thread its own matcher. Public only for {@link SearchQuery.Builder#build()}; not API.
 */
public final class SearchPlan {

    /** Regex programs above this many instructions are refused: they would make every line slow to check. */
    static final int MAX_PROGRAM_SIZE = 50_000;
    private static final java.util.regex.Pattern INLINE_CASE_FLAG = java.util.regex.Pattern.compile("\\(\\?[a-zA-Z]*i");

    private final SearchQuery query;
    private final boolean foldCase;
    private final Supplier<LineMatcher> matchers;
    private final Optional<PathMatcher> glob;
    private final boolean globOnWholePath;
    private final long sinceMillis;
    private final long untilMillis;

    private SearchPlan(SearchQuery query) {
        this.query = query;
        this.foldCase = switch (query.caseMode()) {
            case SENSITIVE -> false;
            case INSENSITIVE -> true;
            case SMART -> !hasUpperCase(query.text(), query.regex());
        };
        this.matchers = compile(query, foldCase);
        this.glob = query.glob().map(SearchPlan::glob);
        this.globOnWholePath = query.glob().map(g -> g.indexOf('/') >= 0).orElse(false);
        this.sinceMillis = query.since().map(i -> i.toEpochMilli()).orElse(Long.MIN_VALUE);
        this.untilMillis = query.until().map(i -> i.toEpochMilli()).orElse(Long.MAX_VALUE);
    }

    /**
     * Compiles {@code query}.
     *
     * @throws InvalidQueryException when the regex does not compile or is too large, or the glob is not valid
     */
    public static SearchPlan of(SearchQuery query) {
        return new SearchPlan(query);
    }

    SearchQuery query() {
        return query;
    }

    /** Whether letters match in either case, after {@link CaseMode#SMART} was resolved. */
    boolean foldsCase() {
        return foldCase;
    }

    LineMatcher newMatcher() {
        return matchers.get();
    }

    long sinceMillis() {
        return sinceMillis;
    }

    long untilMillis() {
        return untilMillis;
    }

    boolean hasTimeBounds() {
        return query.since().isPresent() || query.until().isPresent();
    }

    /** Whether a line (or, for a file without times, the file) at {@code millis} lies within the time bounds. */
    boolean inTime(long millis) {
        return millis >= sinceMillis && millis < untilMillis;
    }

    /** Whether the file is selected by category, path and glob (hidden files never are, as the listing leaves them out). */
    boolean selects(LogEntry entry) {
        LogPath path = entry.path();
        if (path.segments().stream().anyMatch(s -> s.startsWith("."))) {
            return false;
        }
        if (query.category().isPresent() && !query.category().get().equals(entry.category())) {
            return false;
        }
        if (query.path().isPresent()) {
            String prefix = query.path().get().toString();
            String text = path.toString();
            if (!text.equals(prefix) && !text.startsWith(prefix + "/")) {
                return false;
            }
        }
        if (glob.isPresent()) {
            Path asPath = globOnWholePath ? Path.of(path.toString()) : Path.of(path.fileName());
            return glob.get().matches(asPath);
        }
        return true;
    }

    /**
     * Whether the file can hold lines in the time range at all: its last write is its newest line, so a file last
     * modified before {@code since} is skipped without being opened.
     */
    boolean mayHoldLinesInTime(LogEntry entry) {
        return entry.modified().toEpochMilli() >= sinceMillis;
    }

    private static PathMatcher glob(String glob) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("glob", glob, "'" + glob + "' is not a valid glob: " + e.getMessage());
        }
    }

    private static Supplier<LineMatcher> compile(SearchQuery query, boolean foldCase) {
        String text = query.text();
        boolean ascii = text.chars().allMatch(c -> c < 0x80);
        if (!query.regex() && (ascii || !foldCase)) {
            LiteralFinder finder = new LiteralFinder(text.getBytes(StandardCharsets.UTF_8), foldCase);
            LineMatcher matcher = LineMatcher.literal(finder);
            return () -> matcher;
        }
        String source = query.regex() ? text : Pattern.quote(text);
        long estimate = query.regex() ? PatternSize.estimate(source) : source.length();
        if (estimate > MAX_PROGRAM_SIZE) {
            throw tooLarge(text, estimate);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(source, foldCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new InvalidQueryException("q", text, "the regular expression does not compile: " + e.getMessage()
                    + " (RE2 syntax: no look-around, no back-references)");
        }
        if (pattern.programSize() > MAX_PROGRAM_SIZE) {
            throw tooLarge(text, pattern.programSize());
        }
        boolean literalFolds = foldCase || (query.regex() && INLINE_CASE_FLAG.matcher(text).find());
        Optional<String> literal = query.regex() ? RequiredLiteral.of(text, 1) : Optional.of(text);
        if (literalFolds) {
            literal = literal.map(SearchPlan::longestAsciiRun);
        }
        Optional<LiteralFinder> finder = literal.filter(l -> l.length() >= 2)
                .map(l -> new LiteralFinder(l.getBytes(StandardCharsets.UTF_8), literalFolds));
        boolean fold = foldCase;
        if (finder.isPresent()) {
            return () -> LineMatcher.prefiltered(finder.get(), BoundedJdkRegex.of(source, fold), pattern);
        }
        return () -> LineMatcher.lineByLine(BoundedJdkRegex.of(source, fold), pattern);
    }

    private static InvalidQueryException tooLarge(String text, long size) {
        return new InvalidQueryException("q", text, "the regular expression is too large (about " + size
                + " instructions once its repetitions are expanded, at most " + MAX_PROGRAM_SIZE
                + " are allowed): use smaller repetition counts");
    }

    private static String longestAsciiRun(String text) {
        String best = "";
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) >= 0x80) {
                if (i - start > best.length()) {
                    best = text.substring(start, i);
                }
                start = i + 1;
            }
        }
        return best;
    }

    /** Whether smart case sees an upper-case letter: in a regex, letters right after a backslash do not count. */
    static boolean hasUpperCase(String text, boolean regex) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (regex && c == '\\') {
                i++;
                if (i < text.length() && (text.charAt(i) == 'p' || text.charAt(i) == 'P')
                        && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                    i = Math.max(i, text.indexOf('}', i));
                    if (i < 0) {
                        return false;
                    }
                }
                continue;
            }
            if (Character.isUpperCase(c)) {
                return true;
            }
        }
        return false;
    }
}
