package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.logmirror.categorizer.RuleFileException;
import io.logmirror.categorizer.RuleFileException.Problem;
import org.junit.jupiter.api.Test;

/** Every mistake of a rule file is reported at once, with its line; the single-mistake cases are in RuleFileParserTest. */
class RuleTreeReaderTest {

    private static RuleFileException refused(String yaml) {
        return catchThrowableOfType(RuleFileException.class, () -> RuleFileParser.parse(yaml, "rules.yaml"));
    }

    @Test
    void reportsEveryMistakeOfAFileAtOnceEachWithItsLineAndColumn() {
        RuleFileException error = refused("""
                categories: [server, client, logs, uncategorized]
                headBytes: 4k
                fallbak: logs
                rules:
                  - category: server
                    name: { regex: 'server[-_' }
                  - name: { glob: 'loadgen-*.out' }
                  - category: vllm
                    content: { glob: '*vLLM*' }
                  - category: client
                    nmae: { glob: 'client-*.log' }
                  - category: logs
                    name: { glob: '*.log' }
                """);

        assertThat(error.problems()).extracting(Problem::line, Problem::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, 12),
                org.assertj.core.groups.Tuple.tuple(3, 1),
                org.assertj.core.groups.Tuple.tuple(6, 20),
                org.assertj.core.groups.Tuple.tuple(7, 5),
                org.assertj.core.groups.Tuple.tuple(9, 14),
                org.assertj.core.groups.Tuple.tuple(11, 5));
        assertThat(error.problems()).extracting(Problem::problem).satisfiesExactly(
                p -> assertThat(p).startsWith("headBytes must be a whole number of bytes, not '4k'"),
                p -> assertThat(p).startsWith("unknown key 'fallbak' at the top level"),
                p -> assertThat(p).startsWith("invalid regex 'server[-_'"),
                p -> assertThat(p).startsWith("rule 2 has no 'category'"),
                p -> assertThat(p).contains("content takes 'regex' only"),
                p -> assertThat(p).startsWith("unknown key 'nmae' in rule 4"));
        assertThat(error).hasMessageStartingWith("rules.yaml: 6 problems:\nrules.yaml:2:12: headBytes must be")
                .hasMessageContaining("\nrules.yaml:11:5: unknown key 'nmae' in rule 4");
        assertThat(error.line()).hasValue(2);
    }

    @Test
    void reportsEachBadPatternOfAListAndTheRulesAfterIt() {
        RuleFileException error = refused("""
                rules:
                  - category: server
                    name:
                      regex:
                        - 'a('
                        - fine
                        - 'b['
                  - category: Client
                    name: { glob: 'x' }
                """);

        assertThat(error.problems()).extracting(Problem::line).containsExactly(5, 7, 8);
        assertThat(error.problems().get(2).problem()).contains("invalid category name 'Client'");
    }

    @Test
    void checksRuleCategoriesAgainstTheListOnlyWhenTheListItselfIsFine() {
        RuleFileException error = refused("""
                categories: [server, server, uncategorized]
                rules:
                  - { category: client, name: { glob: 'x' } }
                """);

        assertThat(error.problems()).extracting(Problem::problem)
                .containsExactly("categories lists 'server' twice: list each category once");
    }

    @Test
    void doesNotCallARuleWithAMisspelledMatcherARuleWithoutMatcher() {
        RuleFileException error = refused("""
                rules:
                  - category: server
                    nmae: { regex: server }
                """);

        assertThat(error.problems()).hasSize(1);
        assertThat(error.problem()).startsWith("unknown key 'nmae' in rule 1");
    }

    @Test
    void reportsAYamlSyntaxErrorAloneAsNothingAfterItCanBeRead() {
        RuleFileException error = refused("""
                headBytes: 4k
                rules:
                  - category: server
                    name: { regex: [a, b }
                """);

        assertThat(error.problems()).hasSize(1);
        assertThat(error.problem()).startsWith("not valid YAML");
    }
}
