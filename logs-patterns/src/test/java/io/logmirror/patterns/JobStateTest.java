package io.logmirror.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobStateTest {

    @Test
    void ranksTheMoreSpecificTerminalStatesHigher() {
        assertThat(JobState.TIME_LIMIT.rank()).isGreaterThan(JobState.OUT_OF_MEMORY.rank());
        assertThat(JobState.OUT_OF_MEMORY.rank()).isGreaterThan(JobState.CANCELLED.rank());
        assertThat(JobState.CANCELLED.rank()).isGreaterThan(JobState.FAILED.rank());
        assertThat(JobState.FAILED.rank()).isGreaterThan(JobState.COMPLETED.rank());
    }

    @Test
    void readsItsWireName() {
        assertThat(JobState.fromWireName(" Time_Limit ")).contains(JobState.TIME_LIMIT);
        assertThat(JobState.fromWireName("exploded")).isEmpty();
        assertThat(JobState.OUT_OF_MEMORY.wireName()).isEqualTo("out_of_memory");
    }
}
