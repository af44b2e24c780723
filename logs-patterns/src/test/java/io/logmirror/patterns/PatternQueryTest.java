package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logmirror.core.Category;
import io.logmirror.core.LogPath;
import org.junit.jupiter.api.Test;

class PatternQueryTest {

    @Test
    void selectsAFileACategoryOrEverything() {
        assertThat(PatternQuery.ofFile(LogPath.of("a.log")).withLineNumbers(true).lineNumbers()).isTrue();
        assertThat(PatternQuery.ofCategory(Category.SLURM).category()).contains(Category.SLURM);
        assertThat(PatternQuery.all().limit(7).limit()).isEqualTo(7);
    }

    @Test
    void givesLineNumbersForOneFileOnly() {
        assertThatThrownBy(() -> PatternQuery.ofCategory(Category.SLURM).withLineNumbers(true))
                .hasMessageContaining("add a path");
        assertThatThrownBy(() -> PatternQuery.all().limit(0)).hasMessageContaining("limit");
    }
}
