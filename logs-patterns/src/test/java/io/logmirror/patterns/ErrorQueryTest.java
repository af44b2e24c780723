package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ErrorQueryTest {

    @Test
    void buildsAQueryOneParameterAtATime() {
        ErrorQuery q = ErrorQuery.all().path(LogPath.of("a.log")).category(Category.VLLM).jobId("4711")
                .since(Instant.EPOCH).until(Instant.EPOCH.plusSeconds(1)).minLevel(Level.ERROR).limit(3).samples(0);
        assertThat(q.path()).contains(LogPath.of("a.log"));
        assertThat(q.category()).contains(Category.VLLM);
        assertThat(q.jobId()).contains("4711");
        assertThat(q.minLevel()).isEqualTo(Level.ERROR);
        assertThat(q.limit()).isEqualTo(3);
        assertThat(q.samples()).isZero();
        assertThat(ErrorQuery.all().minLevel()).isEqualTo(Level.WARNING);
    }

    @Test
    void refusesABackwardWindowAndOutOfRangeLimits() {
        assertThatThrownBy(() -> ErrorQuery.all().since(Instant.EPOCH.plusSeconds(5)).until(Instant.EPOCH))
                .hasMessageContaining("before since");
        assertThatThrownBy(() -> ErrorQuery.all().limit(0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> ErrorQuery.all().samples(1001)).hasMessageContaining("samples");
    }
}
