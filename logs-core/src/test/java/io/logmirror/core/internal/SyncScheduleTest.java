package io.logmirror.core.internal;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyncScheduleTest {

    @Test
    void doublesTheWaitPerFailureUpToTheMaximumBackoff() {
        Duration interval = Duration.ofSeconds(60);
        Duration max = Duration.ofMinutes(15);

        assertThat(SyncSchedule.delay(interval, max, 0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(SyncSchedule.delay(interval, max, 1)).isEqualTo(Duration.ofSeconds(120));
        assertThat(SyncSchedule.delay(interval, max, 3)).isEqualTo(Duration.ofSeconds(480));
        assertThat(SyncSchedule.delay(interval, max, 4)).isEqualTo(max);
        assertThat(SyncSchedule.delay(interval, max, 1000)).isEqualTo(max);
        assertThat(SyncSchedule.delay(Duration.ofMinutes(30), max, 2)).isEqualTo(Duration.ofMinutes(30));
    }
}
