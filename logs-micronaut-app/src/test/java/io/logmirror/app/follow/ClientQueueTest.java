package io.logmirror.app.follow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ClientQueueTest {

    private static FollowEvent line(int n) {
        return new FollowEvent(FollowEvent.LINE, Optional.of(Integer.toString(n)), "{\"n\":" + n + "}");
    }

    private static FollowEvent dropped(long count, int first) {
        return new FollowEvent(FollowEvent.DROPPED, Optional.empty(), "{\"count\":" + count + ",\"first\":" + first + "}");
    }

    @Test
    void sendsNothingBeforeDemandAndThenInOrder() {
        List<FollowEvent> sent = new ArrayList<>();
        ClientQueue queue = new ClientQueue(16, sent::add);
        for (int i = 0; i < 3; i++) {
            int n = i;
            queue.offer(line(n), count -> dropped(count, n));
        }
        assertThat(sent).isEmpty();
        queue.request(2);
        assertThat(sent).containsExactly(line(0), line(1));
        queue.request(10);
        assertThat(sent).containsExactly(line(0), line(1), line(2));
    }

    @Test
    void aFullQueueDropsAndCountsThenSendsOneDroppedEventAfterWhatWaited() {
        List<FollowEvent> sent = new ArrayList<>();
        ClientQueue queue = new ClientQueue(16, sent::add);
        for (int i = 0; i < 40; i++) {
            int n = i;
            queue.offer(line(n), count -> dropped(count, n));
        }
        assertThat(queue.droppedSinceLastReport()).isEqualTo(24);
        queue.request(Long.MAX_VALUE);
        assertThat(sent).hasSize(17);
        assertThat(sent.subList(0, 16)).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 16)
                .mapToObj(ClientQueueTest::line).toList());
        assertThat(sent.get(16)).isEqualTo(dropped(24, 16));
        queue.offer(line(40), count -> dropped(count, 40));
        assertThat(sent.get(17)).isEqualTo(line(40));
    }

    @Test
    void aHeartbeatIsQueuedOnlyWhenNothingWaits() {
        List<FollowEvent> sent = new ArrayList<>();
        ClientQueue queue = new ClientQueue(16, sent::add);
        queue.offer(line(0), count -> dropped(count, 0));
        queue.heartbeat();
        assertThat(queue.size()).isEqualTo(1);
        queue.request(5);
        queue.heartbeat();
        assertThat(sent).containsExactly(line(0), FollowEvent.HEARTBEAT_EVENT);
    }

    @Test
    void aClosedQueueSendsNothingMore() {
        List<FollowEvent> sent = new ArrayList<>();
        ClientQueue queue = new ClientQueue(16, sent::add);
        queue.offer(line(0), count -> dropped(count, 0));
        queue.close();
        queue.request(5);
        queue.offer(line(1), count -> dropped(count, 1));
        assertThat(sent).isEmpty();
    }
}
