package io.logmirror.core.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkBackendTest {

    @Test
    void resultsSayWhatBecomesOfTheBatch() {
        assertThat(SinkBackend.Result.accepted().status()).isEqualTo(SinkBackend.Status.ACCEPTED);
        assertThat(SinkBackend.Result.partlyAccepted(2, "mapping").dropped()).isEqualTo(2);
        assertThat(SinkBackend.Result.rejected("400").status()).isEqualTo(SinkBackend.Status.REJECTED);
        assertThat(SinkBackend.Result.retry("503").detail()).isEqualTo("503");
    }

    @Test
    void refusesANegativeDropCount() {
        assertThatThrownBy(() -> SinkBackend.Result.partlyAccepted(-1, "x")).hasMessageContaining("dropped");
    }
}
