package io.logmirror.retention.internal;

import io.logmirror.core.Category;
import io.logmirror.retention.RetentionRule;
import io.logmirror.retention.RetentionRules;
import io.logmirror.retention.RetentionRulesException;
import io.logmirror.retention.RetentionRulesException.Problem;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.representer.Representer;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Reads a retention rule file into {@link RetentionRules}. The YAML is composed into a node tree (no object a file
 * names is ever built), then checked key by key; every problem is collected with its line and column and reported
 * together.
 */
public final class RetentionYaml {

    static final int MAX_CODE_POINTS = 1 << 20;
    private static final List<String> TOP_KEYS = List.of("defaults", "categories");
    private static final List<String> RULE_KEYS =
            List.of("max_age", "max_total_bytes", "max_files", "generations_kept", "include_present");

    private final String source;
    private final Collection<Category> known;
    private final List<Problem> problems = new ArrayList<>();

    private RetentionYaml(String source, Collection<Category> known) {
        this.source = source;
        this.known = known;
    }

    public static RetentionRules load(Path file, Collection<Category> known) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(file.toString(), "the retention rule file does not exist: create it, or fix RETENTION_RULES ("
                    + file.toAbsolutePath() + ")");
        } catch (MalformedInputException e) {
            throw single(file.toString(), "the retention rule file is not UTF-8 text: save it as UTF-8");
        } catch (IOException e) {
            throw single(file.toString(), "cannot read the retention rule file (" + e + ")");
        }
        return parse(text, file.toString(), known);
    }

    public static RetentionRules parse(String yaml, String source, Collection<Category> known) {
        return new RetentionYaml(source, List.copyOf(known)).read(yaml);
    }

    private static RetentionRulesException single(String source, String message) {
        return new RetentionRulesException(List.of(new Problem(source, 0, 0, message)));
    }

    private RetentionRules read(String yaml) {
        if (yaml.codePointCount(0, yaml.length()) > MAX_CODE_POINTS) {
            throw single(source, "refused: longer than " + MAX_CODE_POINTS + " characters; a rule file is small");
        }
        Node root;
        try {
            root = newYaml().compose(new java.io.StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = String.valueOf(e.getProblem() != null ? e.getProblem() : e.getMessage()).trim();
            throw new RetentionRulesException(List.of(new Problem(source, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "not valid YAML: " + problem
                    + "; check indentation (two spaces per level) and that each key is followed by ': '")));
        } catch (YAMLException e) {
            throw single(source, "refused: " + e.getMessage());
        }
        if (root == null) {
            return RetentionRules.NONE; // an empty file: no limits
        }
        Map<String, NodeTuple> top = mapping(root, TOP_KEYS, "at the top level");
        RetentionRule defaults = RetentionRule.NONE;
        if (top.containsKey("defaults")) {
            defaults = rule(top.get("defaults").getValueNode(), RetentionRule.NONE, "in 'defaults'");
        }
        Map<Category, RetentionRule> categories = new LinkedHashMap<>();
        if (top.containsKey("categories")) {
            Node node = top.get("categories").getValueNode();
            for (Map.Entry<String, NodeTuple> entry : mapping(node, null, "in 'categories'").entrySet()) {
                Optional<Category> category = category(entry.getKey(), entry.getValue().getKeyNode());
                RetentionRule rule = rule(entry.getValue().getValueNode(), defaults,
                        "in category '" + entry.getKey() + "'");
                category.ifPresent(c -> categories.put(c, rule));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new RetentionRulesException(problems);
        }
        return new RetentionRules(defaults, categories);
    }

    private Optional<Category> category(String name, Node at) {
        Category category;
        try {
            category = Category.of(name);
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage());
            return Optional.empty();
        }
        if (!known.isEmpty() && !known.contains(category)) {
            problem(at, "unknown category '" + name + "'; known: "
                    + known.stream().map(Category::name).collect(Collectors.joining(", ")));
            return Optional.empty();
        }
        return Optional.of(category);
    }

    private RetentionRule rule(Node node, RetentionRule base, String where) {
        if (node instanceof ScalarNode scalar && isNull(scalar)) {
            return base; // "vllm:" with nothing under it
        }
        Map<String, NodeTuple> keys = mapping(node, RULE_KEYS, where);
        Optional<Duration> maxAge = base.maxAge();
        OptionalLong maxBytes = base.maxTotalBytes();
        OptionalInt maxFiles = base.maxFiles();
        OptionalInt generations = base.generationsKept();
        boolean includePresent = base.includePresent();
        for (Map.Entry<String, NodeTuple> entry : keys.entrySet()) {
            Node value = entry.getValue().getValueNode();
            Optional<String> text = scalar(value, entry.getKey(), where);
            if (text.isEmpty()) {
                continue;
            }
            String t = text.get();
            boolean none = t.isEmpty() || t.equalsIgnoreCase("none");
            switch (entry.getKey()) {
                case "max_age" -> {
                    Optional<Duration> d = none ? Optional.empty() : Quantities.duration(t);
                    if (!none && d.isEmpty()) {
                        problem(value, "max_age '" + t + "' is not a duration: " + Quantities.DURATION_HINT
                                + "; 'none' for no limit");
                    }
                    maxAge = d;
                }
                case "max_total_bytes" -> {
                    Optional<Long> s = none ? Optional.empty() : Quantities.size(t);
                    if (!none && s.isEmpty()) {
                        problem(value, "max_total_bytes '" + t + "' is not a size: " + Quantities.SIZE_HINT
                                + "; 'none' for no limit");
                    }
                    maxBytes = s.map(OptionalLong::of).orElse(OptionalLong.empty());
                }
                case "max_files" -> maxFiles = count(value, "max_files", t, none);
                case "generations_kept" -> generations = count(value, "generations_kept", t, none);
                default -> {
                    String b = t.toLowerCase(Locale.ROOT);
                    if (b.equals("true") || b.equals("false")) {
                        includePresent = b.equals("true");
                    } else {
                        problem(value, "include_present '" + t + "' must be true or false");
                    }
                }
            }
        }
        return new RetentionRule(maxAge, maxBytes, maxFiles, generations, includePresent);
    }

    private OptionalInt count(Node value, String key, String text, boolean none) {
        if (none) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(value, key + " '" + text + "' must be a whole number from 0 to " + Integer.MAX_VALUE
                + "; 'none' for no limit");
        return OptionalInt.empty();
    }

    /** The keys of a mapping (allowed: null for any), reporting other shapes and keys; empty on a problem. */
    private Map<String, NodeTuple> mapping(Node node, List<String> allowed, String where) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        if (node instanceof ScalarNode scalar && isNull(scalar)) {
            return keys;
        }
        if (!(node instanceof MappingNode mapping)) {
            problem(node, "expected keys and values " + where + " (such as 'max_age: 30d'), found " + kind(node));
            return keys;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problem(tuple.getKeyNode(), "a key must be a plain name " + where);
                continue;
            }
            String name = key.getValue();
            if (allowed != null && !allowed.contains(name)) {
                problem(key, "unknown key '" + name + "' " + where + "; allowed: " + String.join(", ", allowed));
                continue;
            }
            if (keys.containsKey(name)) {
                problem(key, "'" + name + "' appears twice " + where + "; keep one");
                continue;
            }
            keys.put(name, tuple);
        }
        return keys;
    }

    private Optional<String> scalar(Node node, String key, String where) {
        if (node instanceof ScalarNode scalar) {
            return Optional.of(isNull(scalar) ? "" : scalar.getValue().trim());
        }
        problem(node, key + " " + where + " must be a single value, found " + kind(node));
        return Optional.empty();
    }

    private static boolean isNull(ScalarNode scalar) {
        String v = scalar.getValue();
        return scalar.getTag().getValue().endsWith(":null") || v.isEmpty() || v.equals("~") || v.equals("null");
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        return node instanceof ScalarNode s ? "'" + s.getValue() + "'" : "a list";
    }

    private void problem(Node at, String message) {
        Mark mark = at.getStartMark();
        problems.add(new Problem(source, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                message));
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(8);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(true); // reported by mapping(), with the line, together with the rest
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }
}
