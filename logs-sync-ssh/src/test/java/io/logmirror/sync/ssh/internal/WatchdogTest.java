package io.logmirror.sync.ssh.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class WatchdogTest {

    @Test
    void firesOnceWhenNoProgressIsReported() throws InterruptedException {
        CountDownLatch stalled = new CountDownLatch(1);
        try (Watchdog watchdog = Watchdog.start(100, stalled::countDown)) {
            assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(watchdog.fired()).isTrue();
        }
    }

    @Test
    void doesNotFireWhileProgressKeepsComing() throws InterruptedException {
        CountDownLatch stalled = new CountDownLatch(1);
        try (Watchdog watchdog = Watchdog.start(2_000, stalled::countDown)) {
            for (int i = 0; i < 20; i++) {
                Thread.sleep(50);
                watchdog.progress();
            }
            assertThat(watchdog.fired()).isFalse();
        }
        assertThat(stalled.getCount()).isEqualTo(1);
    }
}
