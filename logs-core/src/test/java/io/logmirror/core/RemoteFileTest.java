package io.logmirror.core;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteFileTest {

    @Test
    void usesItsPathAsSourceNameByDefault() {
        RemoteFile file = RemoteFile.of(LogPath.of("a/b.log"), 3, Instant.EPOCH);

        assertThat(file.sourceName()).isEqualTo("a/b.log");
    }

    @Test
    void rejectsANegativeSizeNamingTheFile() {
        assertThatThrownBy(() -> RemoteFile.of(LogPath.of("a.log"), -1, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.log").hasMessageContaining("-1");
    }
}
