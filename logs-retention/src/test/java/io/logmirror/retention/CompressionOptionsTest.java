package io.logmirror.retention;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompressionOptionsTest {

    @Test
    void defaultsToLevelThreeAndFramesOfOneMebibyte() {
        assertThat(CompressionOptions.defaults()).isEqualTo(new CompressionOptions(3, 1 << 20));
    }

    @Test
    void refusesALevelOrFrameSizeOutOfRangeNamingTheValue() {
        assertThatThrownBy(() -> CompressionOptions.defaults().withLevel(0))
                .hasMessage("compression level must be 1 to 19, was 0");
        assertThatThrownBy(() -> CompressionOptions.defaults().withLevel(20)).hasMessageContaining("was 20");
        assertThatThrownBy(() -> CompressionOptions.defaults().withFrameSize(4095))
                .hasMessage("frame size must be 4096 to 67108864 bytes, was 4095");
        assertThat(CompressionOptions.defaults().withFrameSize(4096).frameSize()).isEqualTo(4096);
    }
}
