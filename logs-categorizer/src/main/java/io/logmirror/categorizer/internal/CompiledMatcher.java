package io.logmirror.categorizer.internal;

import io.logmirror.categorizer.TextMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TextMatcher} prepared for matching: literal alternations take the fast path
 * ({@link LiteralAlternation}), every other pattern is precompiled once and runs over a
 * {@link BudgetedText}, so a pathological regex costs a bounded time per file (and is logged once).
 */
final class CompiledMatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledMatcher.class);

    private final AtomicBoolean warned = new AtomicBoolean();
    private final boolean find;
    /** The fast path, or {@code null} when some pattern needs the regex engine (kept bare: this is the hot loop). */
    private final LiteralAlternation literals;
    private final Pattern[] patterns;

    private CompiledMatcher(boolean find, Optional<LiteralAlternation> literals, Pattern[] patterns) {
        this.find = find;
        this.literals = literals.orElse(null);
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

    /** Whether the literal fast path serves this matcher (for the texts {@link Subject} lets through). */
    boolean hasFastPath() {
        return literals != null;
    }

    boolean matches(Subject subject) {
        if (literals != null && subject.fastPathApplies()) {
            return literals.matches(subject.fastForm());
        }
        for (Pattern pattern : patterns) {
            BudgetedText text = new BudgetedText(subject.text());
            try {
                if (find ? pattern.matcher(text).find() : pattern.matcher(text).matches()) {
                    return true;
                }
            } catch (BudgetedText.Exhausted e) {
                if (warned.compareAndSet(false, true)) {
                    LOG.warn("the pattern '{}' gave up on a text of {} characters: it backtracks too much "
                            + "(nested repetition such as (a+)+ ?); it counts as not matching; simplify it in the "
                            + "rule file", pattern.pattern(), text.length());
                }
            }
        }
        return false;
    }
}
