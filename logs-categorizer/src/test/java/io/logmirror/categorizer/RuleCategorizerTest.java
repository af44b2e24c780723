package io.logmirror.categorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleCategorizerTest {

    /** The seed service's table, row by row, in its order. */
    private static final Map<String, List<String>> SEED_TABLE = new java.util.LinkedHashMap<>();

    static {
        SEED_TABLE.put("server", List.of("server-", "orchestrator", "slurm-job"));
        SEED_TABLE.put("client", List.of("client-", "benchmark-"));
        SEED_TABLE.put("monitoring", List.of("monitor", "prometheus", "grafana"));
        SEED_TABLE.put("vllm", List.of("vllm", "model-server", "inference"));
        SEED_TABLE.put("slurm", List.of(".err", ".out", "slurm-", "sbatch"));
        SEED_TABLE.put("logs", List.of("logs-service"));
    }

    private static final RuleCategorizer DEFAULTS = RuleCategorizer.defaults();

    private static String categoryOf(String path) {
        return DEFAULTS.categorize(LogPath.of(path)).name();
    }

    @Test
    void defaultRulesSortEveryPatternOfEveryTableRowIntoItsRow() {
        List<String> checked = new ArrayList<>();
        SEED_TABLE.forEach((category, patterns) -> {
            for (String pattern : patterns) {
                boolean endOnly = pattern.equals(".err") || pattern.equals(".out");
                for (String variant : List.of(pattern, pattern.replace('-', '_'), pattern.toUpperCase(Locale.ROOT))) {
                    String name = endOnly ? "job" + variant : "a" + variant + "1.txt";
                    assertThat(categoryOf(name)).as("%s (pattern %s)", name, pattern).isEqualTo(category);
                    checked.add(name);
                }
            }
        });
        assertThat(checked).hasSize(3 * 16);
    }

    @Test
    void defaultRulesMatchTheEndingPatternsOnlyAtTheEndOfTheName() {
        assertThat(categoryOf("my.out.txt")).isEqualTo("uncategorized");
        assertThat(categoryOf("job.err.gz")).isEqualTo("uncategorized");
        assertThat(categoryOf("job.errors")).isEqualTo("uncategorized");
        assertThat(categoryOf("job_err")).isEqualTo("uncategorized");
        assertThat(categoryOf("job.OUT")).isEqualTo("slurm");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "slurm-job-1.log, server",
        "slurm_job_1.log, server",
        "slurm-1.out, slurm",
        "orchestrator_job-1.err, server",
        "orchestrator_job-123456.out, server",
        "vllm-replicas_1.err, vllm",
        "vllm_3.log, vllm",
        "SERVER-x.LOG, server",
        "benchmark_run.txt, client",
        "sbatch_script.sh, slurm",
        "logs-service.log, logs",
        "logs_service.log, logs",
        "logs-service.out, slurm",
        "client-monitor.log, client",
        "monitor-vllm.log, monitoring",
        "grafana.err, monitoring",
        "benchmark-server-1.out, server",
        "inference_server_2.out, server",
        "model-server.log, vllm",
        "loadgen-123.out, client",
        "loadgen_7.err, client",
        "server.log, uncategorized",
        "client.log, uncategorized",
        "results_123.json, uncategorized",
        "my.out.txt, uncategorized",
    })
    void defaultRulesResolveOverlapsBetweenRowsByTheTableOrder(String name, String expected) {
        assertThat(categoryOf(name)).isEqualTo(expected);
    }

    @Test
    void defaultRulesLookAtTheFileNameOnlyNotAtItsFolders() {
        assertThat(categoryOf("server-x/foo.txt")).isEqualTo("uncategorized");
        assertThat(categoryOf("monitoring/node1.txt")).isEqualTo("uncategorized");
        assertThat(categoryOf("job.out/readme.txt")).isEqualTo("uncategorized");
        assertThat(categoryOf("monitoring/slurm-5.out")).isEqualTo("slurm");
        assertThat(categoryOf("runs/2026-11-26/orchestrator_job-9.err")).isEqualTo("server");
    }

    @Test
    void defaultRulesListTheSevenStandardCategoriesInTheirUsualOrder() {
        assertThat(DEFAULTS.categories()).containsExactly(Category.SERVER, Category.CLIENT, Category.MONITORING,
                Category.VLLM, Category.SLURM, Category.LOGS, Category.UNCATEGORIZED);
        assertThat(DEFAULTS.categories()).isEqualTo(Category.STANDARD);
        assertThat(DEFAULTS.fallback()).isEqualTo(Category.UNCATEGORIZED);
        assertThat(DEFAULTS.caseSensitive()).isFalse();
    }

    @Test
    void defaultRulesDoNotAskForFileContents() {
        assertThat(DEFAULTS.headBytesWanted()).isZero();
        assertThat(DEFAULTS.rules()).hasSize(6).noneMatch(Rule::readsContent);
    }

    @Test
    void defaultRulesAreOneSharedInstanceNamingTheirSource() {
        assertThat(RuleCategorizer.defaults()).isSameAs(DEFAULTS);
        assertThat(DEFAULTS.toString()).contains(RuleCategorizer.DEFAULT_RULES_SOURCE);
    }

    /** The example of docs/categories.md, word for word. */
    @Test
    void aRuleFileCanMakeResultsFilesClientAheadOfTheDefaultRules() {
        String yaml = """
                categories: [server, client, monitoring, vllm, slurm, logs, uncategorized]
                rules:
                  - category: client
                    name: { glob: 'results_*.json' }
                  # ... then the six default rules, copied from default-rules.yaml above
                  - category: server
                    name: { regex: ['server[-_]', 'orchestrator', 'slurm[-_]job'] }
                  - category: client
                    name: { regex: ['client[-_]', 'benchmark[-_]', 'loadgen[-_]'] }
                  - category: monitoring
                    name: { regex: ['monitor', 'prometheus', 'grafana'] }
                  - category: vllm
                    name: { regex: ['vllm', 'model[-_]server', 'inference'] }
                  - category: slurm
                    name: { regex: ['\\.err$', '\\.out$', 'slurm[-_]', 'sbatch'] }
                  - category: logs
                    name: { regex: ['logs[-_]service'] }
                """;
        RuleCategorizer custom = RuleCategorizer.fromYaml(yaml, "results.yaml");

        assertThat(custom.categorize(LogPath.of("results_123.json"))).isEqualTo(Category.CLIENT);
        assertThat(custom.categorize(LogPath.of("slurm-123.out"))).isEqualTo(Category.SLURM);
        assertThat(custom.rules().subList(1, 7)).isEqualTo(DEFAULTS.rules());
        assertThat(custom.categories()).isEqualTo(Category.STANDARD);
    }

    @Test
    void theBuilderCanPutARuleInFrontOfTheDefaultRules() {
        RuleCategorizer custom = RuleCategorizer.builder()
                .rule(Rule.byName(Category.CLIENT, TextMatcher.glob("results_*.json")))
                .rules(DEFAULTS.rules())
                .categories(Category.STANDARD)
                .build();

        assertThat(custom.categorize(LogPath.of("results_123.json"))).isEqualTo(Category.CLIENT);
        assertThat(custom.categorize(LogPath.of("vllm_1.out"))).isEqualTo(Category.VLLM);
        assertThat(custom.rules()).hasSize(7);
    }

    @Test
    void fromYamlReadsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("categories.yaml");
        Files.writeString(file, "rules:\n  - category: server\n    name: { glob: '*.srv' }\n");

        RuleCategorizer fromFile = RuleCategorizer.fromYaml(file);

        assertThat(fromFile.categorize(LogPath.of("a.srv"))).isEqualTo(Category.SERVER);
        assertThat(fromFile.toString()).contains(file.toString());
    }

    @Test
    void fromYamlReadsAReaderAndNamesItInErrors() {
        RuleCategorizer fromReader = RuleCategorizer.fromYaml(
                new StringReader("rules: [{category: vllm, name: {regex: vllm}}]"), "reader.yaml");
        assertThat(fromReader.categorize(LogPath.of("x-vllm"))).isEqualTo(Category.VLLM);

        assertThatThrownBy(() -> RuleCategorizer.fromYaml(new StringReader("rules: []"), "reader.yaml"))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith("reader.yaml:1:8: ");
    }

    @Test
    void theBuilderDerivesTheDisplayOrderFromTheRulesWithTheFallbackLast() {
        RuleCategorizer built = RuleCategorizer.builder()
                .rule(Rule.byName(Category.of("b"), TextMatcher.regex("b")))
                .rule(Rule.byName(Category.of("a"), TextMatcher.regex("a")))
                .rule(Rule.byName(Category.of("other"), TextMatcher.regex("x")))
                .rule(Rule.byName(Category.of("b"), TextMatcher.regex("c")))
                .fallback(Category.of("other"))
                .build();

        assertThat(built.categories()).extracting(Category::name).containsExactly("b", "a", "other");
        assertThat(built.categorize(LogPath.of("zzz"))).isEqualTo(Category.of("other"));
    }

    @Test
    void theBuilderAcceptsExtraCategoriesInTheDisplayOrder() {
        RuleCategorizer built = RuleCategorizer.builder()
                .rule(Rule.byName(Category.SERVER, TextMatcher.regex("server")))
                .categories(Category.STANDARD)
                .build();

        assertThat(built.categories()).isEqualTo(Category.STANDARD);
    }

    @Test
    void theBuilderRefusesNoRules() {
        assertThatThrownBy(() -> RuleCategorizer.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no rules")
                .hasMessageContaining("Categorizer.uncategorized()");
    }

    @Test
    void theBuilderRefusesADisplayOrderListingACategoryTwice() {
        RuleCategorizer.Builder builder = RuleCategorizer.builder()
                .rule(Rule.byName(Category.SERVER, TextMatcher.regex("server")))
                .categories(List.of(Category.SERVER, Category.SERVER, Category.UNCATEGORIZED));

        assertThatThrownBy(builder::build).hasMessageContaining("'server' twice");
    }

    @Test
    void theBuilderRefusesADisplayOrderMissingARuleCategory() {
        RuleCategorizer.Builder builder = RuleCategorizer.builder()
                .rule(Rule.byName(Category.SERVER, TextMatcher.regex("server")))
                .rule(Rule.byName(Category.VLLM, TextMatcher.regex("vllm")))
                .categories(List.of(Category.SERVER, Category.UNCATEGORIZED));

        assertThatThrownBy(builder::build)
                .hasMessageContaining("category 'vllm' of rule 2 is missing from categories [server, uncategorized]");
    }

    @Test
    void theBuilderRefusesADisplayOrderMissingTheFallback() {
        RuleCategorizer.Builder builder = RuleCategorizer.builder()
                .rule(Rule.byName(Category.SERVER, TextMatcher.regex("server")))
                .categories(List.of(Category.SERVER));

        assertThatThrownBy(builder::build).hasMessageContaining("fallback category 'uncategorized' is missing");
    }

    @Test
    void theBuilderRefusesHeadBytesOutOfRange() {
        assertThatThrownBy(() -> RuleCategorizer.builder().headBytes(0))
                .hasMessageContaining("headBytes 0 is out of range: use 1 to 1048576");
        assertThatThrownBy(() -> RuleCategorizer.builder().headBytes(RuleCategorizer.Builder.MAX_HEAD_BYTES + 1))
                .hasMessageContaining("out of range");
    }

    @Test
    void headBytesWantedIsTheConfiguredCountOnlyWhenARuleReadsContent() {
        RuleCategorizer byName = RuleCategorizer.builder()
                .rule(Rule.byName(Category.VLLM, TextMatcher.regex("vllm")))
                .headBytes(100)
                .build();
        RuleCategorizer byContent = RuleCategorizer.builder()
                .rule(Rule.builder(Category.VLLM).content(TextMatcher.regex("vLLM API server")).build())
                .headBytes(100)
                .build();
        RuleCategorizer byContentDefault = RuleCategorizer.builder()
                .rule(Rule.builder(Category.VLLM).content(TextMatcher.regex("vLLM API server")).build())
                .build();

        assertThat(byName.headBytesWanted()).isZero();
        assertThat(byContent.headBytesWanted()).isEqualTo(100);
        assertThat(byContentDefault.headBytesWanted()).isEqualTo(RuleCategorizer.Builder.DEFAULT_HEAD_BYTES);
    }
}
