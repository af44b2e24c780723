package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.categorizer.Rule;
import io.logmirror.categorizer.RuleCategorizer;
import io.logmirror.categorizer.TextMatcher;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DefaultRuleCategorizerTest {

    private static final Category A = Category.of("a");
    private static final Category B = Category.of("b");

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstMatchingRuleWins() {
        RuleCategorizer categorizer = RuleCategorizer.builder()
                .rule(Rule.byName(A, TextMatcher.regex("x")))
                .rule(Rule.byName(B, TextMatcher.regex("x", "y")))
                .build();

        assertThat(categorizer.categorize(LogPath.of("xy"))).isEqualTo(A);
        assertThat(categorizer.categorize(LogPath.of("y"))).isEqualTo(B);
        assertThat(categorizer.categorize(LogPath.of("z"))).isEqualTo(Category.UNCATEGORIZED);
    }

    @Test
    void aRuleMatchesOnlyWhenAllItsMatchersMatch() {
        RuleCategorizer categorizer = RuleCategorizer.builder()
                .rule(Rule.builder(A).name(TextMatcher.glob("*.out")).path(TextMatcher.glob("jobs/**")).build())
                .build();

        assertThat(categorizer.categorize(LogPath.of("jobs/1/x.out"))).isEqualTo(A);
        assertThat(categorizer.categorize(LogPath.of("jobs/1/x.err"))).isEqualTo(Category.UNCATEGORIZED);
        assertThat(categorizer.categorize(LogPath.of("other/x.out"))).isEqualTo(Category.UNCATEGORIZED);
    }

    @Test
    void aPathMatcherSeesTheWholeRelativePath() {
        RuleCategorizer categorizer = RuleCategorizer.builder()
                .rule(Rule.builder(Category.MONITORING).path(TextMatcher.regex("(^|/)monitoring/")).build())
                .build();

        assertThat(categorizer.categorize(LogPath.of("monitoring/n1.csv"))).isEqualTo(Category.MONITORING);
        assertThat(categorizer.categorize(LogPath.of("a/monitoring/b/n1.csv"))).isEqualTo(Category.MONITORING);
        assertThat(categorizer.categorize(LogPath.of("monitoring.csv"))).isEqualTo(Category.UNCATEGORIZED);
    }

    @Test
    void aContentMatcherSeesTheFirstBytesUpToHeadBytes() {
        RuleCategorizer categorizer = RuleCategorizer.builder()
                .rule(Rule.builder(Category.VLLM).name(TextMatcher.glob("*.out")).content(TextMatcher.regex("vllm api server")).build())
                .headBytes(32)
                .build();

        assertThat(categorizer.headBytesWanted()).isEqualTo(32);
        assertThat(categorizer.categorize(LogPath.of("x.out"), utf8("INFO: vLLM API server started"))).isEqualTo(Category.VLLM);
        assertThat(categorizer.categorize(LogPath.of("x.log"), utf8("INFO: vLLM API server started"))).isEqualTo(Category.UNCATEGORIZED);
        assertThat(categorizer.categorize(LogPath.of("x.out"), utf8("INFO: starting; " + "." .repeat(16) + "vLLM API server")))
                .as("beyond the first 32 bytes").isEqualTo(Category.UNCATEGORIZED);
        assertThat(categorizer.categorize(LogPath.of("x.out"))).isEqualTo(Category.UNCATEGORIZED);
    }

    @Test
    void aContentMatcherReadsLatin1AndBinaryHeads() {
        RuleCategorizer categorizer = RuleCategorizer.builder()
                .rule(Rule.builder(A).content(TextMatcher.regex("caf\u00e9")).build())
                .build();

        assertThat(categorizer.categorize(LogPath.of("x"), "CAF\u00c9 au lait".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(A);
        assertThat(categorizer.categorize(LogPath.of("x"), utf8("un café"))).isEqualTo(A);
    }

    @Test
    void caseSensitiveRulesDoNotFoldCase() {
        RuleCategorizer categorizer = RuleCategorizer.builder()
                .rule(Rule.byName(Category.SERVER, TextMatcher.regex("server-")))
                .caseSensitive(true)
                .build();

        assertThat(categorizer.caseSensitive()).isTrue();
        assertThat(categorizer.categorize(LogPath.of("server-1"))).isEqualTo(Category.SERVER);
        assertThat(categorizer.categorize(LogPath.of("SERVER-1"))).isEqualTo(Category.UNCATEGORIZED);
        assertThat(categorizer.toString()).contains("case-sensitive");
    }

    @Test
    void itsListsCannotBeChanged() {
        RuleCategorizer categorizer = RuleCategorizer.defaults();

        assertThatThrownBy(() -> categorizer.rules().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> categorizer.categories().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void laterChangesToTheBuilderDoNotReachABuiltCategorizer() {
        RuleCategorizer.Builder builder = RuleCategorizer.builder().rule(Rule.byName(A, TextMatcher.regex("a")));
        RuleCategorizer built = builder.build();
        builder.rule(Rule.byName(B, TextMatcher.regex("b")));

        assertThat(built.rules()).hasSize(1);
        assertThat(built.categorize(LogPath.of("b"))).isEqualTo(Category.UNCATEGORIZED);
    }

    @Test
    void manyThreadsShareOneInstanceAndGetTheSameAnswers() throws Exception {
        RuleCategorizer categorizer = RuleCategorizer.defaults();
        List<LogPath> paths = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            paths.add(LogPath.of(switch (i % 5) {
                case 0 -> "job-" + i + "/orchestrator_job-" + i + ".out";
                case 1 -> "vllm-replicas_" + i + ".ERR";
                case 2 -> "slurm-" + i + ".out";
                case 3 -> "r\u00e9sultats-" + i + ".json";
                default -> "monitoring/prometheus-" + i + ".log";
            }));
        }
        List<Category> expected = paths.stream().map(categorizer::categorize).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<Category>>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> paths.stream().map(categorizer::categorize).toList());
            }
            for (Future<List<Category>> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).contains(Category.SERVER, Category.VLLM, Category.SLURM, Category.UNCATEGORIZED, Category.MONITORING);
    }

    @Test
    void refusesANullPathOrHead() {
        RuleCategorizer categorizer = RuleCategorizer.defaults();

        assertThatThrownBy(() -> categorizer.categorize(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> categorizer.categorize(LogPath.of("x"), null)).isInstanceOf(NullPointerException.class);
    }
}
