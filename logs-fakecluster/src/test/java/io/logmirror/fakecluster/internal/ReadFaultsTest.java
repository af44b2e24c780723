package io.logmirror.fakecluster.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadFaultsTest {

    private final ReadFaults faults = new ReadFaults();

    @Test
    void aOneShotFailureAppliesToTheNextOpenOnly() {
        faults.failReads("a", 5, 1);

        assertThat(faults.takeFor("a").failAfter()).isEqualTo(5);
        assertThat(faults.takeFor("a").failAfter()).isEqualTo(-1);
        assertThat(faults.takeFor("b").failAfter()).isEqualTo(-1);
    }

    @Test
    void aStandingFailureAppliesToEveryOpenUntilCleared() {
        faults.failReads("a", 0, Integer.MAX_VALUE);

        assertThat(faults.takeFor("a").failAfter()).isZero();
        assertThat(faults.takeFor("a").failAfter()).isZero();
        faults.clear();
        assertThat(faults.takeFor("a").failAfter()).isEqualTo(-1);
    }

    @Test
    void aPauseIsTakenOnceAndReleasedByClear() {
        AtomicInteger released = new AtomicInteger();
        faults.pauseNextRead("a", 3, new ReadFaults.Pause() {
            @Override
            public void block() {
            }

            @Override
            public void release() {
                released.incrementAndGet();
            }
        });

        assertThat(faults.takeFor("a").pauseAfter()).isEqualTo(3);
        assertThat(faults.takeFor("a").pause()).isNull();
        faults.clear();
        assertThat(released.get()).isEqualTo(1);
    }

    @Test
    void carriesTheSlowDelayAndTheUnreadableFiles() {
        faults.slowReads(Duration.ofMillis(2));
        faults.unreadable("x");

        assertThat(faults.takeFor("a").slowDelay()).isEqualTo(Duration.ofMillis(2));
        assertThat(faults.isUnreadable("x")).isTrue();
        assertThat(faults.isUnreadable("a")).isFalse();
    }

    @Test
    void refusesANegativeFailurePoint() {
        assertThatThrownBy(() -> faults.failReads("a", -1, 1)).hasMessageContaining("-1");
    }
}
