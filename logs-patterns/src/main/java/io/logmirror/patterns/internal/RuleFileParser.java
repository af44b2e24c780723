package io.logmirror.patterns.internal;

import io.logmirror.patterns.ErrorRule;
import io.logmirror.patterns.ErrorRules;
import io.logmirror.patterns.JobState;
import io.logmirror.patterns.Level;
import io.logmirror.patterns.RuleFileException;
import io.logmirror.patterns.RuleFileException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
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
 * Reads an error rule file. Like logs-categorizer's parser, the YAML is composed into a node tree
 * (no object a file names is ever built) with limits on size, nesting and aliases; unlike it, the
 * tree is checked to the end and every mistake is collected, so one run tells the user all of them.
 */
public final class RuleFileParser {

    static final int MAX_CODE_POINTS = 1 << 20;
    private static final List<String> TOP_KEYS = List.of("defaults", "disable", "traceback", "signatures");
    private static final List<String> TRACEBACK_KEYS = List.of("enabled", "maxLines");
    private static final List<String> RULE_KEYS = List.of("name", "level", "contains", "regex", "job");
    private static final String LEVELS = Arrays.stream(Level.values()).map(Level::wireName).collect(Collectors.joining(", "));
    private static final String STATES = Arrays.stream(JobState.values()).filter(s -> s != JobState.RUNNING)
            .map(JobState::wireName).collect(Collectors.joining(", "));

    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL);

    private final String source;
    private final List<Problem> problems = new ArrayList<>();

    private RuleFileParser(String source) {
        this.source = source;
    }

    /** Reads a UTF-8 file; its rules go in front of {@code defaults} unless it says {@code defaults: false}. */
    public static ErrorRules parse(Path file, ErrorRules defaults) {
        String source = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new RuleFileParser(source).read(reader, defaults);
        } catch (NoSuchFileException e) {
            throw single(source, "the error rule file does not exist: create it, or fix the configured path ("
                    + file.toAbsolutePath() + ")", e);
        } catch (IOException | UncheckedIOException e) {
            throw single(source, "cannot read the error rule file (" + e + "): check that it is a readable UTF-8 text file", e);
        }
    }

    /** Reads YAML text. */
    public static ErrorRules parse(String yaml, String sourceName, ErrorRules defaults) {
        return new RuleFileParser(sourceName).read(new StringReader(yaml), defaults);
    }

    /** Reads the shipped defaults from the class path. */
    public static ErrorRules parseResource(String resource, String sourceName) {
        try (InputStream in = RuleFileParser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the logs-patterns jar");
            }
            return new RuleFileParser(sourceName).read(new InputStreamReader(in, StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    private static RuleFileException single(String source, String message, Throwable cause) {
        return new RuleFileException(source, List.of(new Problem(0, 0, message)), cause);
    }

    private ErrorRules read(Reader reader, ErrorRules defaults) {
        Node root;
        try {
            root = newYaml().compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = String.valueOf(e.getProblem() == null ? e.getMessage() : e.getProblem()).trim();
            String hint = problem.contains("tag") ? "a rule file holds plain names, lists and maps only; remove the tag"
                    : "check indentation and quoting (write regexes in single quotes: 'exit code (\\d+)')";
            throw new RuleFileException(source, List.of(new Problem(mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "not valid YAML: " + problem + "; " + hint)), e);
        } catch (YAMLException e) {
            throw single(source, "refused: " + e.getMessage() + "; a rule file is a small UTF-8 YAML file of at most "
                    + MAX_CODE_POINTS + " characters without aliases bombs or deep nesting", e);
        }
        if (root == null) {
            throw single(source, "the error rule file is empty: add 'signatures:' with at least one rule", null);
        }
        Map<String, Entry> top = entries(root, TOP_KEYS, "at the top level");
        boolean useDefaults = defaults != null;
        Entry defaultsEntry = top.get("defaults");
        if (defaultsEntry != null) {
            useDefaults = bool(defaultsEntry, "defaults", true) && defaults != null;
        }
        Set<String> disabled = new LinkedHashSet<>();
        Entry disableEntry = top.get("disable");
        if (disableEntry != null) {
            for (ScalarNode item : scalarList(disableEntry, "disable")) {
                String name = item.getValue().trim();
                if (defaults != null && defaults.signatures().stream().noneMatch(r -> r.name().equals(name))) {
                    problem(item, "disable names '" + name + "', which is not a default rule; default rules: "
                            + defaults.signatures().stream().map(ErrorRule::name).collect(Collectors.joining(", ")));
                }
                disabled.add(name);
            }
        }
        boolean tracebacks = defaults == null || defaults.tracebacks();
        int maxLines = defaults == null ? 200 : defaults.tracebackMaxLines();
        Entry tracebackEntry = top.get("traceback");
        if (tracebackEntry != null) {
            Map<String, Entry> tb = entries(tracebackEntry.value, TRACEBACK_KEYS, "in traceback");
            if (tb.containsKey("enabled")) {
                tracebacks = bool(tb.get("enabled"), "traceback.enabled", tracebacks);
            }
            if (tb.containsKey("maxLines")) {
                maxLines = integer(tb.get("maxLines"), "traceback.maxLines", 1, ErrorRules.MAX_TRACEBACK_LINES, maxLines);
            }
        }
        List<ErrorRule> rules = new ArrayList<>();
        Entry signaturesEntry = top.get("signatures");
        if (signaturesEntry != null) {
            if (!(signaturesEntry.value instanceof SequenceNode list)) {
                problem(signaturesEntry.value, "'signatures' must be a list of rules (lines starting with '- name: ...')");
            } else {
                Map<String, Node> names = new LinkedHashMap<>();
                int number = 0;
                for (Node ruleNode : list.getValue()) {
                    number++;
                    Optional<ErrorRule> rule = rule(ruleNode, number);
                    if (rule.isPresent()) {
                        String name = rule.get().name();
                        if (names.containsKey(name)) {
                            problem(ruleNode, "two rules are named '" + name + "' (the first on line "
                                    + line(names.get(name)) + "): give each a distinct name");
                        } else {
                            names.put(name, ruleNode);
                            rules.add(rule.get());
                        }
                    }
                }
            }
        } else if (!useDefaults) {
            problem(root, "with 'defaults: false' the file needs a 'signatures' list of its own");
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new RuleFileException(source, problems, null);
        }
        try {
            ErrorRules own = new ErrorRules(rules, tracebacks, maxLines, source);
            return useDefaults ? own.followedBy(defaults, disabled) : own;
        } catch (IllegalArgumentException e) {
            throw single(source, e.getMessage(), e);
        }
    }

    private Optional<ErrorRule> rule(Node node, int number) {
        int before = problems.size();
        Map<String, Entry> keys = entries(node, RULE_KEYS, "in signature " + number);
        if (!(node instanceof MappingNode)) {
            return Optional.empty();
        }
        String name = "signature " + number;
        Entry nameEntry = keys.get("name");
        String ruleName = null;
        if (nameEntry == null) {
            problem(node, name + " has no 'name': add 'name: <kind>' (lower case, digits, '-', '_')");
        } else {
            ScalarNode value = scalar(nameEntry, "name of " + name);
            if (value != null) {
                ruleName = value.getValue().trim();
                name = "rule '" + ruleName + "'";
                if (ruleName.equals(ErrorRules.PYTHON_TRACEBACK) || ruleName.equals(ErrorRules.LEVEL_ONLY)) {
                    problem(value, "the name '" + ruleName + "' is reserved for built-in events: choose another");
                } else if (!ruleName.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                    problem(value, name + ": a name is 1 to 64 lower-case letters, digits, '-' or '_'");
                }
            }
        }
        Level level = Level.ERROR;
        Entry levelEntry = keys.get("level");
        if (levelEntry != null) {
            ScalarNode value = scalar(levelEntry, "level of " + name);
            if (value != null) {
                Optional<Level> parsed = Arrays.stream(Level.values())
                        .filter(l -> l.wireName().equalsIgnoreCase(value.getValue().trim())).findFirst();
                if (parsed.isEmpty()) {
                    problem(value, name + ": unknown level '" + value.getValue() + "'; levels: " + LEVELS);
                } else {
                    level = parsed.get();
                }
            }
        }
        List<String> literals = new ArrayList<>();
        Entry containsEntry = keys.get("contains");
        if (containsEntry == null) {
            problem(node, name + " has no 'contains': add one or more literals the line must contain "
                    + "(the fast check; 'regex' then refines)");
        } else {
            for (ScalarNode literal : stringOrList(containsEntry, "contains of " + name)) {
                literals.add(literal.getValue());
            }
        }
        Optional<Pattern> regex = Optional.empty();
        Entry regexEntry = keys.get("regex");
        if (regexEntry != null) {
            ScalarNode value = scalar(regexEntry, "regex of " + name);
            if (value != null) {
                try {
                    regex = Optional.of(Pattern.compile(value.getValue()));
                } catch (PatternSyntaxException e) {
                    problem(value, name + ": the regex does not compile: " + e.getDescription() + " near index "
                            + e.getIndex() + " of '" + value.getValue() + "'");
                }
            }
        }
        Optional<JobState> job = Optional.empty();
        Entry jobEntry = keys.get("job");
        if (jobEntry != null) {
            ScalarNode value = scalar(jobEntry, "job of " + name);
            if (value != null) {
                job = JobState.fromWireName(value.getValue()).filter(s -> s != JobState.RUNNING);
                if (job.isEmpty()) {
                    problem(value, name + ": unknown job state '" + value.getValue() + "'; states: " + STATES);
                }
            }
        }
        if (problems.size() > before || ruleName == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ErrorRule(ruleName, level, literals, regex, job));
        } catch (IllegalArgumentException e) {
            problem(node, e.getMessage());
            return Optional.empty();
        }
    }

    // ---- node helpers: each records a problem and returns an empty value instead of throwing ----

    private record Entry(String name, Node key, Node value) {
    }

    private Map<String, Entry> entries(Node node, List<String> allowed, String where) {
        Map<String, Entry> result = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problem(node, "expected a map of " + String.join(", ", allowed) + " " + where + ", found " + kind(node));
            return result;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || !key.getTag().equals(Tag.STR)) {
                problem(keyNode, "a key must be a plain name " + where + ", found " + kind(keyNode));
                continue;
            }
            String name = key.getValue();
            if (!allowed.contains(name)) {
                problem(key, "unknown key '" + name + "' " + where + "; allowed keys: " + String.join(", ", allowed));
            } else if (result.containsKey(name)) {
                problem(key, "duplicate key '" + name + "' " + where + " (first on line " + line(result.get(name).key)
                        + "): keep one");
            } else {
                result.put(name, new Entry(name, key, tuple.getValueNode()));
            }
        }
        return result;
    }

    private ScalarNode scalar(Entry entry, String what) {
        if (!(entry.value instanceof ScalarNode node)) {
            problem(entry.value, what + " must be a single value, found " + kind(entry.value));
            return null;
        }
        if (!SCALAR_TAGS.contains(node.getTag())) {
            problem(node, what + " has the tag '" + node.getTag().getValue() + "', which is not allowed: a rule file "
                    + "holds plain names, lists and maps only; remove the tag");
            return null;
        }
        if (node.getTag().equals(Tag.NULL) || node.getValue().isEmpty()) {
            problem(node, what + " is empty: give it a value or remove the key");
            return null;
        }
        return node;
    }

    private List<ScalarNode> scalarList(Entry entry, String what) {
        List<ScalarNode> result = new ArrayList<>();
        if (!(entry.value instanceof SequenceNode list)) {
            problem(entry.value, what + " must be a list such as [a, b], found " + kind(entry.value));
            return result;
        }
        if (list.getValue().isEmpty()) {
            problem(list, what + " is empty: list at least one value, or remove the key");
        }
        for (Node item : list.getValue()) {
            ScalarNode scalar = scalar(new Entry(what, item, item), "an item of " + what);
            if (scalar != null) {
                result.add(scalar);
            }
        }
        return result;
    }

    private List<ScalarNode> stringOrList(Entry entry, String what) {
        if (entry.value instanceof SequenceNode) {
            return scalarList(entry, what);
        }
        ScalarNode node = scalar(entry, what);
        return node == null ? List.of() : List.of(node);
    }

    private boolean bool(Entry entry, String what, boolean fallback) {
        ScalarNode node = scalar(entry, what);
        if (node == null) {
            return fallback;
        }
        String value = node.getValue().trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            problem(node, what + " must be true or false, not '" + value + "'");
            return fallback;
        }
        return Boolean.parseBoolean(value);
    }

    private int integer(Entry entry, String what, int min, int max, int fallback) {
        ScalarNode node = scalar(entry, what);
        if (node == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(node.getValue().trim().replace("_", ""));
            if (value < min || value > max) {
                problem(node, what + " must be between " + min + " and " + max + ", not " + value);
                return fallback;
            }
            return value;
        } catch (NumberFormatException e) {
            problem(node, what + " must be a whole number, not '" + node.getValue() + "'");
            return fallback;
        }
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private void problem(Node node, String message) {
        Mark mark = node.getStartMark();
        problems.add(new Problem(mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1, message));
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(16);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(true); // duplicates are reported by entries(), with both lines
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }
}
