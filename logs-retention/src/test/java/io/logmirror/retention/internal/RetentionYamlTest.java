package io.logmirror.retention.internal;

import io.logmirror.core.Category;
import io.logmirror.retention.RetentionRule;
import io.logmirror.retention.RetentionRules;
import io.logmirror.retention.RetentionRulesException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionYamlTest {

    @TempDir
    Path folder;

    @Test
    void readsDefaultsAndPerCategoryRulesThatStartFromThem() {
        RetentionRules rules = parse("""
                defaults:
                  max_age: 90d
                  generations_kept: 3
                categories:
                  vllm:
                    max_age: 14d
                    max_total_bytes: 20GiB
                  slurm:
                    max_files: 2000
                    include_present: true
                """);
        assertThat(rules.defaults()).isEqualTo(RetentionRule.NONE.withMaxAge(Duration.ofDays(90))
                .withGenerationsKept(3));
        assertThat(rules.ruleFor(Category.VLLM)).isEqualTo(new RetentionRule(Optional.of(Duration.ofDays(14)),
                OptionalLong.of(20L << 30), OptionalInt.empty(), OptionalInt.of(3), false));
        assertThat(rules.ruleFor(Category.SLURM)).isEqualTo(new RetentionRule(Optional.of(Duration.ofDays(90)),
                OptionalLong.empty(), OptionalInt.of(2000), OptionalInt.of(3), true));
        assertThat(rules.ruleFor(Category.SERVER)).isEqualTo(rules.defaults());
    }

    @Test
    void letsACategorySayNoneToADefaultLimit() {
        RetentionRules rules = parse("""
                defaults:
                  max_age: 30d
                  max_files: 10
                categories:
                  slurm:
                    max_age: none
                    max_files: ~
                """);
        assertThat(rules.ruleFor(Category.SLURM)).isEqualTo(RetentionRule.NONE);
    }

    @Test
    void readsAnEmptyFileAndAnEmptyCategoryAsNoLimits() {
        assertThat(parse("")).isEqualTo(RetentionRules.NONE);
        assertThat(parse("# nothing yet\n")).isEqualTo(RetentionRules.NONE);
        assertThat(parse("categories:\n  vllm:\n").ruleFor(Category.VLLM)).isEqualTo(RetentionRule.NONE);
    }

    @Test
    void reportsEveryProblemAtOnceWithItsLineAndColumn() {
        assertThatThrownBy(() -> parse("""
                defaults:
                  max_age: 10 days
                  max_total_bytes: lots
                  max_files: -3
                  generations_kept: two
                  include_present: maybe
                  max_agee: 3d
                categories:
                  vlm:
                    max_age: 1d
                  slurm:
                    max_age: [1d]
                """))
                .isInstanceOfSatisfying(RetentionRulesException.class, e -> {
                    assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column()).containsExactly(
                            "2:12", "3:20", "4:14", "5:21", "6:20", "7:3", "9:3", "12:14");
                    assertThat(e.getMessage()).startsWith("retention.yaml: 8 problems:\n")
                            .contains("retention.yaml:2:12: max_age '10 days' is not a duration: write a whole number"
                                    + " and a unit (s, m, h, d or w)")
                            .contains("max_total_bytes 'lots' is not a size")
                            .contains("max_files '-3' must be a whole number from 0")
                            .contains("generations_kept 'two' must be a whole number")
                            .contains("include_present 'maybe' must be true or false")
                            .contains("unknown key 'max_agee' in 'defaults'; allowed: max_age, max_total_bytes")
                            .contains("unknown category 'vlm'; known: server, client, monitoring, vllm")
                            .contains("max_age in category 'slurm' must be a single value, found a list");
                });
    }

    @Test
    void reportsAKeyGivenTwice() {
        assertThatThrownBy(() -> parse("defaults:\n  max_age: 1d\n  max_age: 2d\n"))
                .isInstanceOf(RetentionRulesException.class)
                .hasMessage("retention.yaml:3:3: 'max_age' appears twice in 'defaults'; keep one");
    }

    @Test
    void reportsAnUnknownTopLevelKeyAndAWrongShape() {
        assertThatThrownBy(() -> parse("defaults: 30d\nrules: []\n"))
                .isInstanceOfSatisfying(RetentionRulesException.class, e -> assertThat(e.problems())
                        .extracting(RetentionRulesException.Problem::message).containsExactly(
                                "expected keys and values in 'defaults' (such as 'max_age: 30d'), found '30d'",
                                "unknown key 'rules' at the top level; allowed: defaults, categories"));
    }

    @Test
    void reportsYamlThatDoesNotParseWithItsLine() {
        assertThatThrownBy(() -> parse("defaults:\n  max_age: 1d\n bad indent: [\n"))
                .isInstanceOfSatisfying(RetentionRulesException.class, e -> {
                    assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.line()).isPositive());
                    assertThat(e.getMessage()).contains("not valid YAML");
                });
    }

    @Test
    void refusesTagsThatWouldBuildObjects() {
        assertThatThrownBy(() -> parse("defaults: !!javax.script.ScriptEngineManager []\n"))
                .isInstanceOf(RetentionRulesException.class);
    }

    @Test
    void acceptsAnyValidCategoryNameWhenNoCategoriesAreKnown() {
        RetentionRules rules = RetentionRules.parse("categories:\n  custom-one:\n    max_files: 1\n", "r.yaml", List.of());
        assertThat(rules.ruleFor(Category.of("custom-one")).maxFiles()).hasValue(1);
        assertThatThrownBy(() -> RetentionRules.parse("categories:\n  Bad Name:\n    max_files: 1\n", "r.yaml",
                List.of())).isInstanceOf(RetentionRulesException.class).hasMessageContaining("invalid category name");
    }

    @Test
    void readsAFileAndNamesAMissingOne() throws IOException {
        Path file = folder.resolve("retention.yaml");
        Files.writeString(file, "defaults:\n  max_files: 5\n");
        assertThat(RetentionRules.load(file, Category.STANDARD).defaults().maxFiles()).hasValue(5);
        Path missing = folder.resolve("missing.yaml");
        assertThatThrownBy(() -> RetentionRules.load(missing, Category.STANDARD))
                .isInstanceOf(RetentionRulesException.class)
                .hasMessageContaining("missing.yaml: the retention rule file does not exist");
    }

    @Test
    void namesAFileThatIsNotUtf8() throws IOException {
        Path file = folder.resolve("latin1.yaml");
        Files.write(file, new byte[] {'#', ' ', (byte) 0xe9, '\n'});
        assertThatThrownBy(() -> RetentionRules.load(file, Category.STANDARD))
                .isInstanceOf(RetentionRulesException.class).hasMessageContaining("is not UTF-8 text");
    }

    private static RetentionRules parse(String yaml) {
        return RetentionRules.parse(yaml, "retention.yaml", Category.STANDARD);
    }
}
