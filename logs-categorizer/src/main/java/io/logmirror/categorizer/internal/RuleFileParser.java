package io.logmirror.categorizer.internal;

import io.logmirror.categorizer.Rule;
import io.logmirror.categorizer.RuleCategorizer;
import io.logmirror.categorizer.RuleFileException;
import io.logmirror.categorizer.TextMatcher;
import io.logmirror.core.Category;
import io.logmirror.core.InvalidLogPathException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads a rule file into a {@link RuleCategorizer}. The YAML is composed into a node tree (never
 * into objects, so no type a file names is ever instantiated), with limits on size, nesting and
 * aliases; the tree is then checked key by key, and every problem is reported with its line and
 * column.
 */
public final class RuleFileParser {

    /** Largest rule file, in code points: rule files are small; this stops a huge or endless input. */
    static final int MAX_CODE_POINTS = 1 << 20;
    /** Aliases of lists or maps allowed: enough to share a pattern list, too few for an alias bomb. */
    static final int MAX_COLLECTION_ALIASES = 20;
    /** Nesting allowed: the format needs 5 levels. */
    static final int MAX_NESTING = 16;

    private static final List<String> TOP_KEYS = List.of("categories", "fallback", "caseSensitive", "headBytes", "rules");
    private static final List<String> RULE_KEYS = List.of("category", "name", "path", "content");
    private static final List<String> MATCHER_KEYS = List.of("regex", "glob");
    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL);

    private final String source;

    private RuleFileParser(String source) {
        this.source = source;
    }

    /** Reads the UTF-8 file. */
    public static RuleCategorizer parse(Path file) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, source);
        } catch (NoSuchFileException e) {
            throw new RuleFileException(source, 0, 0, "the rule file does not exist: create it, or fix the "
                    + "configured path (" + file.toAbsolutePath() + ")", e);
        } catch (IOException | UncheckedIOException e) {
            throw new RuleFileException(source, 0, 0, "cannot read the rule file (" + e
                    + "): check that it is a readable UTF-8 text file", e);
        }
    }

    /** Reads YAML text. */
    public static RuleCategorizer parse(String yamlText, String sourceName) {
        Objects.requireNonNull(yamlText, "yamlText");
        return parse(new StringReader(yamlText), sourceName);
    }

    /** Reads a YAML stream; the caller closes it. */
    public static RuleCategorizer parse(Reader reader, String sourceName) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sourceName, "sourceName");
        return new RuleFileParser(sourceName).read(reader);
    }

    /** Reads a class-path resource (the built-in defaults). */
    static RuleCategorizer parseResource(String resource, String sourceName) {
        try (InputStream in = RuleFileParser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the logs-categorizer jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), sourceName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    private RuleCategorizer read(Reader reader) {
        Node root;
        try {
            root = newYaml().compose(new LimitedReader(reader, MAX_CODE_POINTS));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext().trim() + ")";
            String problem = Objects.requireNonNullElse(e.getProblem(), e.getMessage()).trim();
            String hint = problem.contains("tag")
                    ? "a rule file holds plain names, lists and maps only; remove the tag"
                    : "check indentation and quoting (write regexes in single quotes: '\\.out$')";
            throw new RuleFileException(source, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "not valid YAML: " + problem + context + "; " + hint, e);
        } catch (YAMLException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof LimitedReader.TooLongException) {
                    throw new RuleFileException(source, 0, 0, "refused: the rule file is longer than " + MAX_CODE_POINTS
                            + " characters; rule files are small: check that the path names the rule file", e);
                }
                if (cause instanceof CharacterCodingException) {
                    throw new RuleFileException(source, 0, 0, "the rule file is not valid UTF-8 text (" + cause
                            + "): save it as UTF-8", e);
                }
                if (cause instanceof IOException) {
                    throw new RuleFileException(source, 0, 0, "cannot read the rule file (" + cause
                            + "): check that it is a readable UTF-8 text file", e);
                }
            }
            throw new RuleFileException(source, 0, 0, "refused: " + e.getMessage() + "; " + hintFor(e.getMessage()), e);
        }
        if (root == null) {
            throw new RuleFileException(source, 1, 0, "the rule file is empty: it needs at least a 'rules:' list", null);
        }
        return build(root);
    }

    private static String hintFor(String message) {
        String m = String.valueOf(message);
        if (m.contains("aliases")) {
            return "a rule file needs at most " + MAX_COLLECTION_ALIASES + " aliases (*name) of lists or maps; "
                    + "this limit protects against alias bombs";
        }
        if (m.contains("code points") || m.contains("exceeds the limit")) {
            return "a rule file may hold at most " + MAX_CODE_POINTS + " characters";
        }
        if (m.contains("Nesting")) {
            return "a rule file nests at most " + MAX_NESTING + " levels";
        }
        return "fix the rule file";
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(false);
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }

    private RuleCategorizer build(Node root) {
        Map<String, Entry> top = entries(root, TOP_KEYS, "at the top level");
        RuleCategorizer.Builder builder = RuleCategorizer.builder().source(source);

        List<Category> order = new ArrayList<>();
        Entry categoriesEntry = top.get("categories");
        if (categoriesEntry != null) {
            List<ScalarNode> items = scalarList(categoriesEntry, "categories");
            Set<Category> seen = new LinkedHashSet<>();
            for (ScalarNode item : items) {
                Category category = category(item, "categories");
                if (!seen.add(category)) {
                    throw error(item, "categories lists '" + category + "' twice: list each category once");
                }
                order.add(category);
            }
            builder.categories(order);
        }

        Category fallback = Category.UNCATEGORIZED;
        Entry fallbackEntry = top.get("fallback");
        if (fallbackEntry != null) {
            fallback = category(scalar(fallbackEntry, "fallback"), "fallback");
            builder.fallback(fallback);
            if (categoriesEntry != null && !order.contains(fallback)) {
                throw error(fallbackEntry.value, "fallback category '" + fallback + "' is not listed in 'categories' (line "
                        + line(categoriesEntry.key) + "): add it there");
            }
        } else if (categoriesEntry != null && !order.contains(fallback)) {
            throw error(categoriesEntry.value, "'categories' does not list the fallback category '" + fallback
                    + "': add it, or set 'fallback' to one of the listed categories");
        }

        Entry caseEntry = top.get("caseSensitive");
        if (caseEntry != null) {
            ScalarNode node = scalar(caseEntry, "caseSensitive");
            String value = node.getValue().trim();
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw error(node, "caseSensitive must be true or false, not '" + printable(value) + "'");
            }
            builder.caseSensitive(Boolean.parseBoolean(value));
        }

        Entry headEntry = top.get("headBytes");
        if (headEntry != null) {
            ScalarNode node = scalar(headEntry, "headBytes");
            try {
                builder.headBytes(Integer.parseInt(node.getValue().trim().replace("_", "")));
            } catch (NumberFormatException e) {
                throw error(node, "headBytes must be a whole number of bytes, not '" + printable(node.getValue()) + "'");
            } catch (IllegalArgumentException e) {
                throw error(node, e.getMessage());
            }
        }

        Entry rulesEntry = top.get("rules");
        if (rulesEntry == null) {
            throw error(root, "there is no 'rules' list: add 'rules:' with at least one rule");
        }
        if (!(rulesEntry.value instanceof SequenceNode rulesNode)) {
            throw error(rulesEntry.value, "'rules' must be a list of rules (lines starting with '- category: ...')");
        }
        checkTag(rulesNode, Tag.SEQ);
        if (rulesNode.getValue().isEmpty()) {
            throw error(rulesNode, "'rules' is empty: add at least one rule");
        }
        int number = 0;
        for (Node ruleNode : rulesNode.getValue()) {
            number++;
            Rule rule = rule(ruleNode, number);
            if (categoriesEntry != null && !order.contains(rule.category())) {
                throw error(entries(ruleNode, RULE_KEYS, "").get("category").value, "category '" + rule.category()
                        + "' of rule " + number + " is not listed in 'categories' (line " + line(categoriesEntry.key)
                        + "): add it there");
            }
            builder.rule(rule);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw error(root, e.getMessage());
        }
    }

    private Rule rule(Node node, int number) {
        String where = "in rule " + number;
        Map<String, Entry> keys = entries(node, RULE_KEYS, where);
        Entry categoryEntry = keys.get("category");
        if (categoryEntry == null) {
            throw error(node, "rule " + number + " has no 'category': add 'category: <name>'");
        }
        Category category = category(scalar(categoryEntry, "category"), "category of rule " + number);
        Rule.Builder rule = Rule.builder(category);
        Entry name = keys.get("name");
        Entry path = keys.get("path");
        Entry content = keys.get("content");
        if (name == null && path == null && content == null) {
            throw error(node, "rule " + number + " (category '" + category + "') has no matcher: "
                    + "add 'name', 'path' or 'content'");
        }
        if (name != null) {
            rule.name(matcher(name, number));
        }
        if (path != null) {
            rule.path(matcher(path, number));
        }
        if (content != null) {
            TextMatcher matcher = matcher(content, number);
            if (matcher.syntax() != TextMatcher.Syntax.REGEX) {
                throw error(content.value, "the content matcher of rule " + number + " uses 'glob': "
                        + "content takes 'regex' only (found anywhere in the first bytes of the file)");
            }
            rule.content(matcher);
        }
        try {
            return rule.build();
        } catch (IllegalArgumentException e) {
            throw error(node, "rule " + number + ": " + e.getMessage());
        }
    }

    private TextMatcher matcher(Entry entry, int number) {
        String what = "'" + entry.name + "' of rule " + number;
        if (!(entry.value instanceof MappingNode)) {
            throw error(entry.value, what + " must be a matcher such as { regex: 'server[-_]' } or "
                    + "{ glob: 'loadgen-*.out' }");
        }
        Map<String, Entry> keys = entries(entry.value, MATCHER_KEYS, "in " + what);
        if (keys.size() != 1) {
            throw error(entry.value, what + " needs exactly one of 'regex' or 'glob'"
                    + (keys.isEmpty() ? "" : ", not both: split it into two rules"));
        }
        Entry patterns = keys.values().iterator().next();
        TextMatcher.Syntax syntax = patterns.name.equals("regex") ? TextMatcher.Syntax.REGEX : TextMatcher.Syntax.GLOB;
        List<String> texts = new ArrayList<>();
        for (ScalarNode pattern : stringOrList(patterns, patterns.name + " of " + what)) {
            try {
                new TextMatcher(syntax, List.of(pattern.getValue()));
            } catch (IllegalArgumentException e) {
                throw error(pattern, e.getMessage());
            }
            texts.add(pattern.getValue());
        }
        return new TextMatcher(syntax, texts);
    }

    // ---- node helpers ----

    /** A key of a mapping, its value node and its key node (for locations). */
    private record Entry(String name, Node key, Node value) {
    }

    private Map<String, Entry> entries(Node node, List<String> allowed, String where) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, "expected a map of " + String.join(", ", allowed) + (where.isEmpty() ? "" : " " + where)
                    + ", found " + kind(node));
        }
        checkTag(mapping, Tag.MAP);
        Map<String, Entry> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key)) {
                throw error(keyNode, "a key must be a plain name " + where + ", found " + kind(keyNode));
            }
            checkTag(key, Tag.STR);
            String name = key.getValue();
            if (!allowed.contains(name)) {
                throw error(key, "unknown key '" + printable(name) + "'" + (where.isEmpty() ? "" : " " + where)
                        + "; allowed keys: " + String.join(", ", allowed));
            }
            if (result.containsKey(name)) {
                throw error(key, "duplicate key '" + name + "'" + (where.isEmpty() ? "" : " " + where)
                        + " (first on line " + line(result.get(name).key) + "): keep one");
            }
            result.put(name, new Entry(name, key, tuple.getValueNode()));
        }
        return result;
    }

    private ScalarNode scalar(Entry entry, String what) {
        if (!(entry.value instanceof ScalarNode node)) {
            throw error(entry.value, what + " must be a single value, found " + kind(entry.value));
        }
        checkTag(node, null);
        if (node.getTag().equals(Tag.NULL) || node.getValue().isBlank()) {
            throw error(entry.value, what + " is empty: give it a value or remove the key");
        }
        return node;
    }

    private List<ScalarNode> scalarList(Entry entry, String what) {
        if (!(entry.value instanceof SequenceNode list)) {
            throw error(entry.value, what + " must be a list such as [a, b], found " + kind(entry.value));
        }
        checkTag(list, Tag.SEQ);
        if (list.getValue().isEmpty()) {
            throw error(list, what + " is empty: list at least one value, or remove the key");
        }
        List<ScalarNode> result = new ArrayList<>();
        for (Node item : list.getValue()) {
            result.add(scalar(new Entry(what, item, item), "an item of " + what));
        }
        return result;
    }

    private List<ScalarNode> stringOrList(Entry entry, String what) {
        if (entry.value instanceof SequenceNode) {
            return scalarList(entry, what);
        }
        return List.of(scalar(entry, what));
    }

    private Category category(ScalarNode node, String what) {
        try {
            return Category.of(node.getValue().trim());
        } catch (IllegalArgumentException e) {
            throw error(node, what + ": " + e.getMessage());
        }
    }

    /** Refuses explicit tags ({@code !foo}, {@code !!java.io.File}): a rule file holds plain values only. */
    private void checkTag(Node node, Tag expected) {
        Tag tag = node.getTag();
        boolean ok = expected == null ? SCALAR_TAGS.contains(tag) : tag.equals(expected)
                || (expected == Tag.STR && SCALAR_TAGS.contains(tag));
        if (!ok) {
            throw error(node, "the tag '" + printable(tag.getValue()) + "' is not allowed: a rule file holds "
                    + "plain names, lists and maps only; remove the tag");
        }
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + printable(((ScalarNode) node).getValue()) + "'";
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private RuleFileException error(Node node, String problem) {
        Mark mark = node.getStartMark();
        return new RuleFileException(source, mark == null ? 0 : mark.getLine() + 1,
                mark == null ? 0 : mark.getColumn() + 1, problem, null);
    }

    private static String printable(String text) {
        return InvalidLogPathException.printable(text);
    }
}
