package io.logmirror.categorizer.internal;

import io.logmirror.categorizer.Rule;
import io.logmirror.categorizer.RuleCategorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import java.util.List;
import java.util.Objects;

/** The {@link RuleCategorizer}: rules compiled once, tried in order, the cheapest matcher of a rule first. */
public final class DefaultRuleCategorizer implements RuleCategorizer {

    private static final String DEFAULT_RULES_RESOURCE = "/io/logmirror/categorizer/default-rules.yaml";

    private final List<Rule> rules;
    private final Category fallback;
    private final List<Category> categories;
    private final boolean caseSensitive;
    private final int headBytes;
    private final int headBytesWanted;
    private final String source;
    private final CompiledRule[] compiled;

    /** Called by {@link RuleCategorizer.Builder#build()}, which has checked every value. */
    public DefaultRuleCategorizer(List<Rule> rules, Category fallback, List<Category> categories,
                                  boolean caseSensitive, int headBytes, String source) {
        this.rules = List.copyOf(rules);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.categories = List.copyOf(categories);
        this.caseSensitive = caseSensitive;
        this.headBytes = headBytes;
        this.source = Objects.requireNonNull(source, "source");
        this.compiled = this.rules.stream().map(rule -> new CompiledRule(rule, caseSensitive)).toArray(CompiledRule[]::new);
        this.headBytesWanted = this.rules.stream().anyMatch(Rule::readsContent) ? headBytes : 0;
    }

    /** The built-in default rules, parsed once. */
    public static RuleCategorizer defaults() {
        return Defaults.INSTANCE;
    }

    private static final class Defaults {
        static final RuleCategorizer INSTANCE = RuleFileParser.parseResource(DEFAULT_RULES_RESOURCE,
                RuleCategorizer.DEFAULT_RULES_SOURCE);
    }

    @Override
    public Category categorize(LogPath path) {
        return categorize(path, EMPTY);
    }

    private static final byte[] EMPTY = new byte[0];

    @Override
    public Category categorize(LogPath path, byte[] head) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(head, "head");
        Subject name = null;
        Subject whole = null;
        Subject content = null;
        for (CompiledRule rule : compiled) {
            if (rule.name != null) {
                if (name == null) {
                    name = new Subject(path.fileName(), !caseSensitive);
                }
                if (!rule.name.matches(name)) {
                    continue;
                }
            }
            if (rule.path != null) {
                if (whole == null) {
                    whole = new Subject(path.toString(), !caseSensitive);
                }
                if (!rule.path.matches(whole)) {
                    continue;
                }
            }
            if (rule.content != null) {
                if (content == null) {
                    content = new Subject(HeadText.decode(head, headBytes), !caseSensitive);
                }
                if (!rule.content.matches(content)) {
                    continue;
                }
            }
            return rule.category;
        }
        return fallback;
    }

    @Override
    public int headBytesWanted() {
        return headBytesWanted;
    }

    @Override
    public List<Category> categories() {
        return categories;
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public Category fallback() {
        return fallback;
    }

    @Override
    public boolean caseSensitive() {
        return caseSensitive;
    }

    @Override
    public String toString() {
        return "RuleCategorizer[" + rules.size() + " rules from " + source + ", fallback " + fallback
                + (caseSensitive ? ", case-sensitive" : "") + "]";
    }

    /** A rule's matchers, compiled; an absent matcher is {@code null} here to keep the hot loop lean. */
    private static final class CompiledRule {
        final Category category;
        final CompiledMatcher name;
        final CompiledMatcher path;
        final CompiledMatcher content;

        CompiledRule(Rule rule, boolean caseSensitive) {
            this.category = rule.category();
            this.name = rule.name().map(m -> CompiledMatcher.compile(m, caseSensitive)).orElse(null);
            this.path = rule.path().map(m -> CompiledMatcher.compile(m, caseSensitive)).orElse(null);
            this.content = rule.content().map(m -> CompiledMatcher.compile(m, caseSensitive)).orElse(null);
        }
    }
}
