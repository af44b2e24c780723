package io.logmirror.categorizer.internal;

import io.logmirror.categorizer.Rule;
import io.logmirror.categorizer.RuleCategorizer;
import io.logmirror.categorizer.RuleFileException;
import io.logmirror.categorizer.TextMatcher;
import io.logmirror.categorizer.internal.YamlNodes.Entry;
import io.logmirror.core.Category;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns the YAML node tree of a rule file into a {@link RuleCategorizer}, checking it key by key. Every problem is
 * recorded with its line and column, and the reading goes on with the next key, rule or pattern, so that a file with
 * several mistakes reports all of them at once. Checks that depend on a part with a problem (a rule's category
 * against a broken {@code categories} list, say) are left out rather than reported twice. One instance per file.
 */
final class RuleTreeReader {

    private static final List<String> TOP_KEYS = List.of("categories", "fallback", "caseSensitive", "headBytes", "rules");
    private static final List<String> RULE_KEYS = List.of("category", "name", "path", "content");
    private static final List<String> MATCHER_KEYS = List.of("regex", "glob");

    private final String source;
    private final RuleProblems problems;
    private final YamlNodes nodes;

    RuleTreeReader(String source) {
        this.source = source;
        this.problems = new RuleProblems(source);
        this.nodes = new YamlNodes(problems);
    }

    /**
     * The categorizer {@code root} describes.
     *
     * @throws RuleFileException with every problem found
     */
    RuleCategorizer read(Node root) {
        Optional<Map<String, Entry>> parsedTop = problems.attempt(() -> nodes.entries(root, TOP_KEYS, "at the top level"));
        if (parsedTop.isEmpty()) {
            problems.throwIfAny();
        }
        Map<String, Entry> top = parsedTop.orElseThrow();
        RuleCategorizer.Builder builder = RuleCategorizer.builder().source(source);

        Entry categoriesEntry = top.get("categories");
        Optional<List<Category>> order = categoriesEntry == null ? Optional.empty() : categories(categoriesEntry);
        order.ifPresent(builder::categories);
        problems.attempt(() -> fallback(top.get("fallback"), categoriesEntry, order, builder));
        problems.attempt(() -> caseSensitive(top.get("caseSensitive"), builder));
        problems.attempt(() -> headBytes(top.get("headBytes"), builder));
        rules(root, top.get("rules"), categoriesEntry, order, builder);

        problems.throwIfAny();
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new RuleFileException(source, YamlNodes.line(root), 0, e.getMessage(), e);
        }
    }

    /** The categories listed, or empty when the list has a problem (so no rule is checked against it). */
    private Optional<List<Category>> categories(Entry entry) {
        int before = problems.count();
        List<ScalarNode> items = problems.attempt(() -> nodes.scalarList(entry, "categories")).orElse(List.of());
        List<Category> order = new ArrayList<>();
        Set<Category> seen = new LinkedHashSet<>();
        for (ScalarNode item : items) {
            problems.attempt(() -> category(item, "categories")).ifPresent(category -> {
                if (seen.add(category)) {
                    order.add(category);
                } else {
                    problems.report(item, "categories lists '" + category + "' twice: list each category once");
                }
            });
        }
        return problems.count() == before ? Optional.of(order) : Optional.empty();
    }

    private void fallback(Entry entry, Entry categoriesEntry, Optional<List<Category>> order, RuleCategorizer.Builder builder) {
        if (entry != null) {
            Category fallback = category(nodes.scalar(entry, "fallback"), "fallback");
            builder.fallback(fallback);
            if (order.isPresent() && !order.get().contains(fallback)) {
                throw problems.at(entry.value(), "fallback category '" + fallback + "' is not listed in 'categories' (line "
                        + YamlNodes.line(categoriesEntry.key()) + "): add it there");
            }
        } else if (order.isPresent() && !order.get().contains(Category.UNCATEGORIZED)) {
            throw problems.at(categoriesEntry.value(), "'categories' does not list the fallback category '"
                    + Category.UNCATEGORIZED + "': add it, or set 'fallback' to one of the listed categories");
        }
    }

    private void caseSensitive(Entry entry, RuleCategorizer.Builder builder) {
        if (entry == null) {
            return;
        }
        ScalarNode node = nodes.scalar(entry, "caseSensitive");
        String value = node.getValue().trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw problems.at(node, "caseSensitive must be true or false, not '" + YamlNodes.printable(value) + "'");
        }
        builder.caseSensitive(Boolean.parseBoolean(value));
    }

    private void headBytes(Entry entry, RuleCategorizer.Builder builder) {
        if (entry == null) {
            return;
        }
        ScalarNode node = nodes.scalar(entry, "headBytes");
        try {
            builder.headBytes(Integer.parseInt(node.getValue().trim().replace("_", "")));
        } catch (NumberFormatException e) {
            throw problems.at(node, "headBytes must be a whole number of bytes, not '" + YamlNodes.printable(node.getValue()) + "'");
        } catch (IllegalArgumentException e) {
            throw problems.at(node, e.getMessage());
        }
    }

    private void rules(Node root, Entry rulesEntry, Entry categoriesEntry, Optional<List<Category>> order,
                       RuleCategorizer.Builder builder) {
        if (rulesEntry == null) {
            problems.report(root, "there is no 'rules' list: add 'rules:' with at least one rule");
            return;
        }
        if (!(rulesEntry.value() instanceof SequenceNode rulesNode)) {
            problems.report(rulesEntry.value(), "'rules' must be a list of rules (lines starting with '- category: ...')");
            return;
        }
        if (problems.attempt(() -> nodes.checkTag(rulesNode, Tag.SEQ)).isEmpty()) {
            return;
        }
        if (rulesNode.getValue().isEmpty()) {
            problems.report(rulesNode, "'rules' is empty: add at least one rule");
            return;
        }
        int number = 0;
        for (Node ruleNode : rulesNode.getValue()) {
            int ruleNumber = ++number;
            problems.attempt(() -> rule(ruleNode, ruleNumber)).ifPresent(read -> {
                if (order.isPresent() && !order.get().contains(read.rule().category())) {
                    problems.report(read.categoryNode(), "category '" + read.rule().category() + "' of rule " + ruleNumber
                            + " is not listed in 'categories' (line " + YamlNodes.line(categoriesEntry.key()) + "): add it there");
                }
                builder.rule(read.rule());
            });
        }
    }

    /** A rule and where its category was written. */
    private record ReadRule(Rule rule, Node categoryNode) {
    }

    /** The rule, or null when it has a problem (each of its problems is recorded). */
    private ReadRule rule(Node node, int number) {
        int before = problems.count();
        Map<String, Entry> keys = nodes.entries(node, RULE_KEYS, "in rule " + number);
        boolean keyProblems = problems.count() > before;
        Entry categoryEntry = keys.get("category");
        Optional<Category> category = Optional.empty();
        if (categoryEntry == null) {
            problems.report(node, "rule " + number + " has no 'category': add 'category: <name>'");
        } else {
            category = problems.attempt(() -> category(nodes.scalar(categoryEntry, "category"), "category of rule " + number));
        }
        Entry name = keys.get("name");
        Entry path = keys.get("path");
        Entry content = keys.get("content");
        if (name == null && path == null && content == null && !keyProblems) {
            // (an unknown key was probably meant as the matcher: it is reported already)
            problems.report(node, "rule " + number + category.map(c -> " (category '" + c + "')").orElse("")
                    + " has no matcher: add 'name', 'path' or 'content'");
        }
        Optional<TextMatcher> nameMatcher = name == null ? Optional.empty() : problems.attempt(() -> matcher(name, number));
        Optional<TextMatcher> pathMatcher = path == null ? Optional.empty() : problems.attempt(() -> matcher(path, number));
        Optional<TextMatcher> contentMatcher = content == null ? Optional.empty()
                : problems.attempt(() -> contentMatcher(content, number));
        if (problems.count() > before) {
            return null;
        }
        Rule.Builder rule = Rule.builder(category.orElseThrow());
        nameMatcher.ifPresent(rule::name);
        pathMatcher.ifPresent(rule::path);
        contentMatcher.ifPresent(rule::content);
        try {
            return new ReadRule(rule.build(), categoryEntry.value());
        } catch (IllegalArgumentException e) {
            throw problems.at(node, "rule " + number + ": " + e.getMessage());
        }
    }

    private TextMatcher contentMatcher(Entry content, int number) {
        TextMatcher matcher = matcher(content, number);
        if (matcher.syntax() != TextMatcher.Syntax.REGEX) {
            throw problems.at(content.value(), "the content matcher of rule " + number + " uses 'glob': "
                    + "content takes 'regex' only (found anywhere in the first bytes of the file)");
        }
        return matcher;
    }

    private TextMatcher matcher(Entry entry, int number) {
        String what = "'" + entry.name() + "' of rule " + number;
        if (!(entry.value() instanceof MappingNode)) {
            throw problems.at(entry.value(), what + " must be a matcher such as { regex: 'server[-_]' } or "
                    + "{ glob: 'loadgen-*.out' }");
        }
        int before = problems.count();
        Map<String, Entry> keys = nodes.entries(entry.value(), MATCHER_KEYS, "in " + what);
        if (keys.size() != 1) {
            if (keys.isEmpty() && problems.count() > before) {
                throw new RuleProblems.Skip();
            }
            throw problems.at(entry.value(), what + " needs exactly one of 'regex' or 'glob'"
                    + (keys.isEmpty() ? "" : ", not both: split it into two rules"));
        }
        Entry patterns = keys.values().iterator().next();
        TextMatcher.Syntax syntax = patterns.name().equals("regex") ? TextMatcher.Syntax.REGEX : TextMatcher.Syntax.GLOB;
        List<String> texts = new ArrayList<>();
        for (ScalarNode pattern : nodes.stringOrList(patterns, patterns.name() + " of " + what)) {
            try {
                new TextMatcher(syntax, List.of(pattern.getValue()));
                texts.add(pattern.getValue());
            } catch (IllegalArgumentException e) {
                problems.report(pattern, e.getMessage());
            }
        }
        if (problems.count() > before || texts.isEmpty()) {
            throw new RuleProblems.Skip();
        }
        return new TextMatcher(syntax, texts);
    }

    private Category category(ScalarNode node, String what) {
        try {
            return Category.of(node.getValue().trim());
        } catch (IllegalArgumentException e) {
            throw problems.at(node, what + ": " + e.getMessage());
        }
    }
}
