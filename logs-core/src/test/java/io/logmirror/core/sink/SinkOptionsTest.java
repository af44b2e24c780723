package io.logmirror.core.sink;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkOptionsTest {

    @Test
    void defaultsToOneMebibyteOrOneSecondBatches() {
        SinkOptions options = SinkOptions.defaults();

        assertThat(options.maxBatchBytes()).isEqualTo(1 << 20);
        assertThat(options.maxBatchDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.startAtBeginning()).isTrue();
        assertThat(options.annotator()).isEmpty();
    }

    @Test
    void refusesValuesOutOfRangeNamingThem() {
        assertThatThrownBy(() -> SinkOptions.builder().maxBatchBytes(10).build())
                .hasMessageContaining("maxBatchBytes").hasMessageContaining("10");
        assertThatThrownBy(() -> SinkOptions.builder().maxBatchDelay(Duration.ZERO).build())
                .hasMessageContaining("maxBatchDelay");
        assertThatThrownBy(() -> SinkOptions.builder().queueCapacity(1).build())
                .hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> SinkOptions.builder().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessageContaining("maxBackoff");
    }
}
