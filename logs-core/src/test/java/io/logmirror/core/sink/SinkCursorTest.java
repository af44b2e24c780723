package io.logmirror.core.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SinkCursorTest {

    @Test
    void startsAtOffsetZeroLineOne() {
        assertThat(SinkCursor.start(2)).isEqualTo(new SinkCursor(0, 1, 2));
    }

    @Test
    void refusesANegativeOffsetOrALineNumberBelowOne() {
        assertThatThrownBy(() -> new SinkCursor(-1, 1, 0)).hasMessageContaining("offset");
        assertThatThrownBy(() -> new SinkCursor(0, 0, 0)).hasMessageContaining("lineNumber");
        assertThatThrownBy(() -> new SinkCursor(0, 1, -1)).hasMessageContaining("generations");
    }
}
