package io.logmirror.retention;

import io.logmirror.core.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionPolicyTest {

    @TempDir
    Path folder;

    @Test
    void defaultsToNoDeletionNoBudgetAndCompressionAfterSevenDays() {
        RetentionPolicy policy = RetentionPolicy.fromSettings(Map.of(), Category.STANDARD);
        assertThat(policy).isEqualTo(RetentionPolicy.defaults());
        assertThat(policy.rules()).isEqualTo(RetentionRules.NONE);
        assertThat(policy.dataDirMaxBytes()).isEmpty();
        assertThat(policy.compressAfter()).hasValue(Duration.ofDays(7));
    }

    @Test
    void readsTheThreeVariables() throws IOException {
        Path rules = folder.resolve("retention.yaml");
        Files.writeString(rules, "defaults:\n  max_age: 30d\n");
        RetentionPolicy policy = RetentionPolicy.fromSettings(Map.of("RETENTION_RULES", rules.toString(),
                "DATA_DIR_MAX_GB", "1.5", "COMPRESS_AFTER", "0"), Category.STANDARD);
        assertThat(policy.rules().defaults().maxAge()).hasValue(Duration.ofDays(30));
        assertThat(policy.dataDirMaxBytes()).hasValue(3L << 29);
        assertThat(policy.compressAfter()).hasValue(Duration.ZERO);
    }

    @Test
    void turnsCompressionOffWithOffAndTreatsEmptyValuesAsUnset() {
        assertThat(RetentionPolicy.fromSettings(Map.of("COMPRESS_AFTER", "off"), Category.STANDARD).compressAfter())
                .isEmpty();
        assertThat(RetentionPolicy.fromSettings(Map.of("COMPRESS_AFTER", " ", "DATA_DIR_MAX_GB", "",
                "RETENTION_RULES", ""), Category.STANDARD)).isEqualTo(RetentionPolicy.defaults());
    }

    @Test
    void reportsEveryBadVariableAndRuleFileProblemAtOnce() throws IOException {
        Path rules = folder.resolve("retention.yaml");
        Files.writeString(rules, "defaults:\n  max_age: soon\n");
        assertThatThrownBy(() -> RetentionPolicy.fromSettings(Map.of("RETENTION_RULES", rules.toString(),
                "DATA_DIR_MAX_GB", "0", "COMPRESS_AFTER", "weekly"), Category.STANDARD))
                .isInstanceOfSatisfying(RetentionRulesException.class, e -> assertThat(e.problems())
                        .extracting(RetentionRulesException.Problem::source)
                        .containsExactly(rules.toString(), "DATA_DIR_MAX_GB", "COMPRESS_AFTER"))
                .hasMessageContaining("DATA_DIR_MAX_GB: '0' is not allowed: use a number of GiB")
                .hasMessageContaining("COMPRESS_AFTER: 'weekly' is not allowed")
                .hasMessageContaining("max_age 'soon' is not a duration");
    }

    @Test
    void refusesANegativeBudgetOrDelayBuiltInCode() {
        assertThatThrownBy(() -> RetentionPolicy.defaults().withDataDirMaxBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataDirMaxBytes must be positive");
        assertThatThrownBy(() -> new RetentionPolicy(RetentionRules.NONE, OptionalLong.empty(),
                Optional.of(Duration.ofDays(-1)))).hasMessageContaining("compressAfter must not be negative");
    }
}
