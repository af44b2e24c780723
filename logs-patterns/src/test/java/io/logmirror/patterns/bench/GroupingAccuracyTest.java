package io.logmirror.patterns.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingAccuracyTest {

    @Test
    void countsOnlyLinesWhoseGroupIsExactlyTheirEvent() {
        List<String> truth = List.of("A", "A", "B", "B", "C");
        assertThat(GroupingAccuracy.of(truth, List.of("x", "x", "y", "y", "z"))).isEqualTo(1.0);
        assertThat(GroupingAccuracy.of(truth, List.of("x", "x", "y", "z", "w"))).isEqualTo(0.6);
        assertThat(GroupingAccuracy.of(truth, List.of("x", "x", "x", "x", "z"))).isEqualTo(0.2);
    }

    @Test
    void refusesListsOfDifferentLengths() {
        assertThatThrownBy(() -> GroupingAccuracy.of(List.of("A"), List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
