package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MinerConfigTest {

    @Test
    void statesItsDefaults() {
        assertThat(MinerConfig.defaults()).isEqualTo(new MinerConfig(4, 0.5, 100, 20_000, 128, 4_096));
    }

    @Test
    void namesTheFieldAndValueItRefuses() {
        assertThatThrownBy(() -> MinerConfig.builder().depth(2)).hasMessage("depth must be between 3 and 8, not 2");
        assertThatThrownBy(() -> MinerConfig.builder().similarity(0)).hasMessageContaining("similarity");
        assertThatThrownBy(() -> MinerConfig.builder().similarity(Double.NaN)).hasMessageContaining("similarity");
        assertThatThrownBy(() -> MinerConfig.builder().maxPatterns(5)).hasMessageContaining("maxPatterns");
        assertThatThrownBy(() -> MinerConfig.builder().maxChildren(1)).hasMessageContaining("maxChildren");
        assertThatThrownBy(() -> MinerConfig.builder().maxTokens(2000)).hasMessageContaining("maxTokens");
        assertThatThrownBy(() -> MinerConfig.builder().maxLineChars(10)).hasMessageContaining("maxLineChars");
    }
}
