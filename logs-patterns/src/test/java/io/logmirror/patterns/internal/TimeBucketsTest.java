package io.logmirror.patterns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeBucketsTest {

    @Test
    void countsEventsPerMinuteInAnyOrder() {
        TimeBuckets buckets = new TimeBuckets();
        for (long minute : new long[] {10, 10, 12, 11, 5, 12, 40}) {
            buckets.add(minute);
        }
        assertThat(buckets.range(Long.MIN_VALUE, Long.MAX_VALUE)).containsExactly(7, 5, 40);
        assertThat(buckets.range(10, 12)).containsExactly(3, 10, 11);
        assertThat(buckets.range(13, 40)).isNull();
    }

    @Test
    void handlesTimesBeforeTheEpoch() {
        TimeBuckets buckets = new TimeBuckets();
        buckets.add(-3);
        assertThat(buckets.range(-10, 0)).containsExactly(1, -3, -3);
    }
}
