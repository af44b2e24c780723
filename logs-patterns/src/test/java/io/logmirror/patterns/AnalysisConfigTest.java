package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.core.Categorizer;
import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AnalysisConfigTest {

    @Test
    void statesItsDefaults() {
        AnalysisConfig config = AnalysisConfig.defaults();
        assertThat(config.rules()).isSameAs(ErrorRules.defaults());
        assertThat(config.dataFolder()).isEmpty();
        assertThat(config.samplesPerGroup()).isEqualTo(5);
        assertThat(config.lineNumbersPerPattern()).isEqualTo(10_000);
        assertThat(config.idleAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.categoryOf().apply(LogPath.of("a.log"))).isEqualTo(Category.UNCATEGORIZED);
    }

    @Test
    void takesCategoriesFromACategorizer() {
        AnalysisConfig config = AnalysisConfig.builder().categorizer(Categorizer.uncategorized()).build();
        assertThat(config.categoryOf().apply(LogPath.of("vllm_0.log"))).isEqualTo(Category.UNCATEGORIZED);
    }

    @Test
    void refusesOutOfRangeValues() {
        assertThatThrownBy(() -> AnalysisConfig.builder().samplesPerGroup(-1).build()).hasMessageContaining("samplesPerGroup");
        assertThatThrownBy(() -> AnalysisConfig.builder().lineNumbersPerPattern(-1).build())
                .hasMessageContaining("lineNumbersPerPattern");
        assertThatThrownBy(() -> AnalysisConfig.builder().idleAfter(Duration.ZERO).build()).hasMessageContaining("idleAfter");
    }
}
