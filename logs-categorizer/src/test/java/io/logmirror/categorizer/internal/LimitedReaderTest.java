package io.logmirror.categorizer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LimitedReaderTest {

    @Test
    void readsUpToTheLimit() throws Exception {
        LimitedReader reader = new LimitedReader(new StringReader("abcd"), 4);
        char[] buffer = new char[10];

        assertThat(reader.read(buffer, 0, 10)).isEqualTo(4);
        assertThat(reader.read()).isEqualTo(-1);
    }

    @Test
    void failsOnceMoreThanTheLimitWasRead() {
        LimitedReader reader = new LimitedReader(new StringReader("abcde"), 4);

        assertThatThrownBy(() -> reader.read(new char[10], 0, 10)).isInstanceOf(LimitedReader.TooLongException.class);
    }

    @Test
    void countsSingleCharacterReadsToo() throws Exception {
        LimitedReader reader = new LimitedReader(new StringReader("ab"), 1);

        assertThat(reader.read()).isEqualTo('a');
        assertThatThrownBy(reader::read).isInstanceOf(LimitedReader.TooLongException.class);
    }
}
