package io.logmirror.categorizer.internal;

import io.logmirror.categorizer.TextMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link TextMatcher} prepared for matching: literal alternations take the fast path
 * ({@link LiteralAlternation}), every other pattern is precompiled once.
 */
final class CompiledMatcher {

    private final boolean find;
    private final Optional<LiteralAlternation> literals;
    private final Pattern[] patterns;

    private CompiledMatcher(boolean find, Optional<LiteralAlternation> literals, Pattern[] patterns) {
        this.find = find;
        this.literals = literals;
        this.patterns = patterns;
    }

    static CompiledMatcher compile(TextMatcher spec, boolean caseSensitive) {
        boolean foldCase = !caseSensitive;
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        List<Pattern> compiled = new ArrayList<>();
        Optional<LiteralAlternation> literals = Optional.empty();
        if (spec.syntax() == TextMatcher.Syntax.REGEX) {
            literals = LiteralAlternation.parse(spec.patterns(), foldCase);
            for (String regex : spec.patterns()) {
                compiled.add(Pattern.compile(regex, flags));
            }
        } else {
            for (String glob : spec.patterns()) {
                compiled.add(Pattern.compile(Glob.toRegex(glob), flags));
            }
        }
        return new CompiledMatcher(spec.syntax() == TextMatcher.Syntax.REGEX, literals,
                compiled.toArray(Pattern[]::new));
    }

    /** Whether the literal fast path serves this matcher (for printable ASCII texts). */
    boolean hasFastPath() {
        return literals.isPresent();
    }

    boolean matches(Subject subject) {
        if (literals.isPresent() && subject.isPrintableAscii()) {
            return literals.get().matches(subject.fastForm());
        }
        CharSequence text = subject.text();
        for (Pattern pattern : patterns) {
            if (find ? pattern.matcher(text).find() : pattern.matcher(text).matches()) {
                return true;
            }
        }
        return false;
    }
}
