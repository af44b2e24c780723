package io.logmirror.categorizer;

import io.logmirror.categorizer.internal.Glob;
import io.logmirror.core.InvalidLogPathException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One or more patterns in one syntax, tested against a text (a file name, a relative path, or the
 * first bytes of a file); it matches when <em>any</em> of its patterns matches.
 *
 * <ul>
 *   <li>{@link Syntax#REGEX}: a {@link java.util.regex.Pattern} that must occur somewhere in the
 *       text ({@code find}, like {@code grep}); anchor it with {@code ^} and {@code $} to match the
 *       whole text. {@code "\\.out$"} matches {@code slurm-1.out} but not {@code my.out.txt}.</li>
 *   <li>{@link Syntax#GLOB}: a shell-like pattern that must match the <em>whole</em> text:
 *       {@code *} any characters but {@code /}, {@code **} any characters including {@code /}
 *       ({@code **}{@code /} also matches no folder at all), {@code ?} one character but {@code /},
 *       {@code [abc]}, {@code [a-z]}, {@code [!abc]} one character of (not of) a set,
 *       {@code {a,b}} one of the alternatives, {@code \} quotes the next character.</li>
 * </ul>
 * Whether letters match regardless of case is a property of the whole {@link RuleCategorizer}
 * (case-insensitive by default), not of the matcher.
 *
 * <pre>{@code
 * TextMatcher servers = TextMatcher.regex("server[-_]", "orchestrator");
 * TextMatcher loadgen = TextMatcher.glob("loadgen-*.out");
 * TextMatcher monitoringFolder = TextMatcher.glob("monitoring/**");
 * }</pre>
 *
 * <p>Immutable; every pattern is checked when the matcher is created.
 *
 * @param syntax how the patterns are written
 * @param patterns the patterns, at least one, none empty
 */
public record TextMatcher(Syntax syntax, List<String> patterns) {

    /** How a {@link TextMatcher}'s patterns are written. */
    public enum Syntax {
        /** A Java regular expression, found anywhere in the text. */
        REGEX,
        /** A shell-like glob, matched against the whole text. */
        GLOB
    }

    /**
     * Checks every pattern.
     *
     * @throws IllegalArgumentException naming the pattern and what is wrong with it
     */
    public TextMatcher {
        Objects.requireNonNull(syntax, "syntax");
        Objects.requireNonNull(patterns, "patterns");
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("a " + label(syntax) + " matcher needs at least one pattern");
        }
        for (String pattern : patterns) {
            check(syntax, pattern);
        }
    }

    /** A matcher that matches when any of the regular expressions occurs in the text. */
    public static TextMatcher regex(String pattern, String... more) {
        return new TextMatcher(Syntax.REGEX, join(pattern, more));
    }

    /** A matcher that matches when any of the globs matches the whole text. */
    public static TextMatcher glob(String pattern, String... more) {
        return new TextMatcher(Syntax.GLOB, join(pattern, more));
    }

    private static List<String> join(String first, String... more) {
        Objects.requireNonNull(first, "pattern");
        String[] all = new String[more.length + 1];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        return List.of(all);
    }

    private static void check(Syntax syntax, String pattern) {
        if (pattern.isEmpty()) {
            throw new IllegalArgumentException("empty " + label(syntax) + " pattern: it would match every file; "
                    + "remove the matcher instead, or write the pattern you meant");
        }
        String shown = InvalidLogPathException.printable(pattern);
        if (syntax == Syntax.REGEX) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex '" + shown + "': " + e.getDescription()
                        + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "")
                        + "; quote special characters such as . ( [ with a backslash", e);
            }
            return;
        }
        try {
            Pattern.compile(Glob.toRegex(pattern));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid glob '" + shown + "': " + e.getDescription(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid glob '" + shown + "': " + e.getMessage(), e);
        }
    }

    private static String label(Syntax syntax) {
        return syntax == Syntax.REGEX ? "regex" : "glob";
    }

    @Override
    public String toString() {
        return label(syntax) + patterns;
    }
}
