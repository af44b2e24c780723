package io.logmirror.core;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogQueryTest {

    @Test
    void startsWithEveryCategoryAndNoHiddenFiles() {
        LogQuery query = LogQuery.newest(50);

        assertThat(query.category()).isEmpty();
        assertThat(query.limit()).isEqualTo(50);
        assertThat(query.includeHidden()).isFalse();
    }

    @Test
    void narrowsToACategoryAndAddsHiddenFilesKeepingTheRest() {
        LogQuery query = LogQuery.newest(5).inCategory(Category.SLURM).withHidden();

        assertThat(query).isEqualTo(new LogQuery(Optional.of(Category.SLURM), 5, true));
    }

    @Test
    void rejectsALimitBelowOneNamingIt() {
        assertThatThrownBy(() -> LogQuery.newest(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit must be at least 1, was 0");
    }
}
