package io.logmirror.app.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRangeTest {

    @Test
    void readsAClosedRange() throws Exception {
        assertThat(ByteRange.parse("bytes=0-9", 100)).contains(new ByteRange(0, 9));
    }

    @Test
    void cutsAnEndBeyondTheFileToItsLastByte() throws Exception {
        assertThat(ByteRange.parse("bytes=90-200", 100)).contains(new ByteRange(90, 99));
    }

    @Test
    void readsAnOpenRange() throws Exception {
        assertThat(ByteRange.parse("bytes=50-", 100)).contains(new ByteRange(50, 99));
    }

    @Test
    void readsASuffixRange() throws Exception {
        assertThat(ByteRange.parse("bytes=-10", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-1000", 100)).contains(new ByteRange(0, 99));
    }

    @Test
    void ignoresAbsentMalformedAndMultipleRanges() throws Exception {
        assertThat(ByteRange.parse(null, 100)).isEmpty();
        assertThat(ByteRange.parse("lines=1-2", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=5-1", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 100)).isEmpty();
    }

    @Test
    void refusesARangeThatStartsAtOrBeyondTheEnd() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void writesContentRange() {
        assertThat(new ByteRange(0, 9).contentRange(100)).isEqualTo("bytes 0-9/100");
        assertThat(new ByteRange(0, 9).length()).isEqualTo(10);
    }
}
