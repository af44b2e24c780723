package io.logmirror.categorizer.internal;

import io.logmirror.core.InvalidLogPathException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the shapes a rule file is made of (maps of known keys, single values, lists) out of a YAML node tree, and
 * records what does not have the expected shape in {@link RuleProblems}. Explicit tags are refused everywhere: a rule
 * file holds plain names, lists and maps only.
 */
final class YamlNodes {

    private static final Set<Tag> SCALAR_TAGS = Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL);

    /** A key of a mapping, its value node and its key node (for locations). */
    record Entry(String name, Node key, Node value) {
    }

    private final RuleProblems problems;

    YamlNodes(RuleProblems problems) {
        this.problems = problems;
    }

    /**
     * The keys of the map {@code node}. An unknown or duplicate key is reported and left out, and the other keys are
     * still read; a node that is not a map abandons the part.
     */
    Map<String, Entry> entries(Node node, List<String> allowed, String where) {
        if (!(node instanceof MappingNode mapping)) {
            throw problems.at(node, "expected a map of " + String.join(", ", allowed) + (where.isEmpty() ? "" : " " + where)
                    + ", found " + kind(node));
        }
        checkTag(mapping, Tag.MAP);
        Map<String, Entry> result = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key)) {
                problems.report(keyNode, "a key must be a plain name " + where + ", found " + kind(keyNode));
                continue;
            }
            if (problems.attempt(() -> checkTag(key, Tag.STR)).isEmpty()) {
                continue;
            }
            String name = key.getValue();
            if (!allowed.contains(name)) {
                problems.report(key, "unknown key '" + printable(name) + "'" + (where.isEmpty() ? "" : " " + where)
                        + "; allowed keys: " + String.join(", ", allowed));
            } else if (result.containsKey(name)) {
                problems.report(key, "duplicate key '" + name + "'" + (where.isEmpty() ? "" : " " + where)
                        + " (first on line " + line(result.get(name).key()) + "): keep one");
            } else {
                result.put(name, new Entry(name, key, tuple.getValueNode()));
            }
        }
        return result;
    }

    /** The single, non-empty value of {@code entry}. */
    ScalarNode scalar(Entry entry, String what) {
        if (!(entry.value() instanceof ScalarNode node)) {
            throw problems.at(entry.value(), what + " must be a single value, found " + kind(entry.value()));
        }
        checkTag(node, null);
        if (node.getTag().equals(Tag.NULL) || node.getValue().isBlank()) {
            throw problems.at(entry.value(), what + " is empty: give it a value or remove the key");
        }
        return node;
    }

    /** The values of the non-empty list {@code entry}; a bad item is reported and left out. */
    List<ScalarNode> scalarList(Entry entry, String what) {
        if (!(entry.value() instanceof SequenceNode list)) {
            throw problems.at(entry.value(), what + " must be a list such as [a, b], found " + kind(entry.value()));
        }
        checkTag(list, Tag.SEQ);
        if (list.getValue().isEmpty()) {
            throw problems.at(list, what + " is empty: list at least one value, or remove the key");
        }
        List<ScalarNode> result = new ArrayList<>();
        for (Node item : list.getValue()) {
            problems.attempt(() -> scalar(new Entry(what, item, item), "an item of " + what)).ifPresent(result::add);
        }
        return result;
    }

    /** One value or a list of values. */
    List<ScalarNode> stringOrList(Entry entry, String what) {
        if (entry.value() instanceof SequenceNode) {
            return scalarList(entry, what);
        }
        return List.of(scalar(entry, what));
    }

    /** Refuses explicit tags ({@code !foo}, {@code !!java.io.File}); {@code expected} null means any plain value. */
    Node checkTag(Node node, Tag expected) {
        Tag tag = node.getTag();
        boolean ok = expected == null ? SCALAR_TAGS.contains(tag) : tag.equals(expected)
                || (expected == Tag.STR && SCALAR_TAGS.contains(tag));
        if (!ok) {
            throw problems.at(node, "the tag '" + printable(tag.getValue()) + "' is not allowed: a rule file holds "
                    + "plain names, lists and maps only; remove the tag");
        }
        return node;
    }

    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + printable(((ScalarNode) node).getValue()) + "'";
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static String printable(String text) {
        return InvalidLogPathException.printable(text);
    }
}
