package io.logmirror.core;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogMirrorConfigTest {

    private final RemoteSource source = new RemoteSource() {
        @Override
        public RemoteListing list() {
            return new RemoteListing(List.of(), List.of());
        }

        @Override
        public InputStream open(RemoteFile file, long offset, long length) {
            return InputStream.nullInputStream();
        }

        @Override
        public int preferredParallelism() {
            return 6;
        }

        @Override
        public String describe() {
            return "test";
        }
    };

    private LogMirrorConfig.Builder builder() {
        return LogMirrorConfig.builder(Path.of("data"), source);
    }

    @Test
    void hasTheStatedDefaults() {
        LogMirrorConfig config = builder().build();

        assertThat(config.dataDirectory()).isEqualTo(Path.of("data").toAbsolutePath().normalize());
        assertThat(config.source()).isSameAs(source);
        assertThat(config.categorizer().categories()).isEqualTo(Category.STANDARD);
        assertThat(config.syncInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.parallelism()).isEqualTo(6);
        assertThat(config.categorizedLinks()).isTrue();
        assertThat(config.excludes()).isEmpty();
        assertThat(config.growthCheckWindow()).isEqualTo(4096);
    }

    @Test
    void keepsEveryValueSetAndCopiesThemIntoANewBuilder() {
        LogMirrorConfig config = builder().syncInterval(Duration.ofSeconds(5)).maxBackoff(Duration.ofMinutes(2))
                .parallelism(3).categorizedLinks(false).exclude("*.tmp").exclude("scratch/**").growthCheckWindow(0)
                .build();

        LogMirrorConfig copy = config.toBuilder().build();

        for (LogMirrorConfig c : List.of(config, copy)) {
            assertThat(c.syncInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(c.maxBackoff()).isEqualTo(Duration.ofMinutes(2));
            assertThat(c.parallelism()).isEqualTo(3);
            assertThat(c.categorizedLinks()).isFalse();
            assertThat(c.excludes()).containsExactly("*.tmp", "scratch/**");
            assertThat(c.growthCheckWindow()).isZero();
        }
        assertThatThrownBy(() -> config.excludes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsASyncIntervalBelowOneSecondNamingTheValue() {
        assertThatThrownBy(() -> builder().syncInterval(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("syncInterval").hasMessageContaining("PT0.5S");
    }

    @Test
    void rejectsAMaxBackoffBelowOneSecond() {
        assertThatThrownBy(() -> builder().maxBackoff(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
    }

    @Test
    void rejectsParallelismOutsideOneToSixtyFour() {
        assertThatThrownBy(() -> builder().parallelism(0)).hasMessageContaining("parallelism").hasMessageContaining("0");
        assertThatThrownBy(() -> builder().parallelism(65)).hasMessageContaining("65");
    }

    @Test
    void rejectsBlankAndInvalidExcludePatterns() {
        assertThatThrownBy(() -> builder().exclude(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> builder().exclude("a[")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a['").hasMessageContaining("not a valid glob");
    }

    @Test
    void rejectsAGrowthCheckWindowOutsideZeroToOneMebibyte() {
        assertThatThrownBy(() -> builder().growthCheckWindow(-1)).hasMessageContaining("growthCheckWindow");
        assertThatThrownBy(() -> builder().growthCheckWindow((1 << 20) + 1)).hasMessageContaining("1048577");
    }

    @Test
    void rejectsMissingRequiredValues() {
        assertThatThrownBy(() -> LogMirrorConfig.builder(null, source)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("dataDirectory");
        assertThatThrownBy(() -> LogMirrorConfig.builder(Path.of("d"), null)).hasMessageContaining("source");
        assertThatThrownBy(() -> builder().categorizer(null)).hasMessageContaining("categorizer");
    }
}
