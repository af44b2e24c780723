package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

class YamlNodesTest {

    private final RuleProblems problems = new RuleProblems("rules.yaml");
    private final YamlNodes nodes = new YamlNodes(problems);

    private static Node node(String yaml) {
        return new Yaml().compose(new StringReader(yaml));
    }

    @Test
    void readsTheKnownKeysAndReportsEachUnknownOneWithoutStopping() {
        Map<String, YamlNodes.Entry> entries = nodes.entries(node("a: 1\nzz: 2\nb: 3\nyy: 4\n"), List.of("a", "b"), "here");

        assertThat(entries).containsOnlyKeys("a", "b");
        assertThat(problems.count()).isEqualTo(2);
    }

    @Test
    void leavesABadItemOutOfAListAndKeepsTheOthers() {
        Map<String, YamlNodes.Entry> entries = nodes.entries(node("list: [a, '', c]\n"), List.of("list"), "");

        List<ScalarNode> items = nodes.scalarList(entries.get("list"), "list");

        assertThat(items).extracting(ScalarNode::getValue).containsExactly("a", "c");
        assertThat(problems.count()).isEqualTo(1);
    }

    @Test
    void describesANodeByItsKind() {
        assertThat(YamlNodes.kind(node("[a]"))).isEqualTo("a list");
        assertThat(YamlNodes.kind(node("{a: 1}"))).isEqualTo("a map");
        assertThat(YamlNodes.kind(node("word"))).isEqualTo("'word'");
        assertThat(YamlNodes.line(node("\n\nword"))).isEqualTo(3);
    }
}
