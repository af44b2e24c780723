package io.logmirror.sync.ssh.internal;

import io.logmirror.core.LogPath;
import io.logmirror.core.RangeRequest;
import io.logmirror.core.RemoteFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FetchPlanTest {

    private static RangeRequest whole(String name, long size, long modifiedSecond) {
        return new RangeRequest(RemoteFile.of(LogPath.of(name), size, Instant.ofEpochSecond(modifiedSecond)), 0, Long.MAX_VALUE);
    }

    @Test
    void groupsSmallWholeFilesOldestFirstAndSendsRangesAndLargeFilesOneByOne() {
        RangeRequest recent = whole("recent.log", 100, 2_000);
        RangeRequest old = whole("old.log", 100, 1_000);
        RangeRequest large = whole("large.log", FetchPlan.GROUP_FILE_MAX + 1, 1_000);
        RangeRequest append = new RangeRequest(RemoteFile.of(LogPath.of("grown.log"), 500, Instant.EPOCH), 400, 100);

        FetchPlan plan = FetchPlan.of(List.of(recent, large, append, old), false);

        assertThat(plan.items()).hasSize(2);
        assertThat(plan.items().get(0).group()).isTrue();
        assertThat(plan.items().get(0).members()).extracting(FetchPlan.Member::request).containsExactly(old, recent);
        assertThat(plan.items().get(1).group()).isFalse();
        assertThat(plan.items().get(1).members()).extracting(FetchPlan.Member::request).containsExactly(large, append);
        assertThat(new String(plan.requestBytes(), StandardCharsets.ISO_8859_1)).isEqualTo(
                "W\0" + "2\0old.log\0recent.log\0"
                        + "R\0" + "2\0"
                        + "0\0" + Long.MAX_VALUE + "\0large.log\0"
                        + "400\0" + "100\0grown.log\0");
    }

    @Test
    void closesAGroupAtItsByteOrFileLimit() {
        List<RangeRequest> requests = new ArrayList<>();
        for (int i = 0; i < FetchPlan.GROUP_FILES_MAX + 10; i++) {
            requests.add(whole("f" + i + ".log", 10, i));
        }
        for (int i = 0; i < 6; i++) {
            requests.add(whole("m" + i + ".log", FetchPlan.GROUP_FILE_MAX, 10_000 + i));
        }

        FetchPlan plan = FetchPlan.of(requests, false);

        assertThat(plan.items()).allSatisfy(item -> {
            assertThat(item.group()).isTrue();
            assertThat(item.members()).hasSizeLessThanOrEqualTo(FetchPlan.GROUP_FILES_MAX);
            assertThat(item.members().stream().mapToLong(m -> m.request().file().size()).sum())
                    .isLessThanOrEqualTo(FetchPlan.GROUP_BYTES_MAX);
        });
        assertThat(plan.items().stream().mapToInt(item -> item.members().size()).sum()).isEqualTo(requests.size());
    }

    @Test
    void sendsEveryRequestAsARangeWhenAskedTo() {
        FetchPlan plan = FetchPlan.of(List.of(whole("a.log", 1, 1), whole("b.log", 1, 1)), true);

        assertThat(plan.items()).hasSize(1).noneMatch(FetchPlan.Item::group);
        assertThat(plan.items().get(0).members()).hasSize(2);
    }

    @Test
    void refusesRawNamesThatWouldBreakTheRequestListOrLeaveTheFolder() {
        Instant now = Instant.now();
        List<RangeRequest> requests = new ArrayList<>();
        for (String raw : new String[] {"../etc/passwd", "/etc/passwd", "a/../../b", "a\nD", "a//b", "./a", ""}) {
            requests.add(new RangeRequest(new RemoteFile(LogPath.of("x" + requests.size() + ".log"), 1, now, raw), 0, 1));
        }
        requests.add(new RangeRequest(new RemoteFile(LogPath.of("caf%E9.log"), 1, now, "caf\u00e9.log"), 0, 1));

        FetchPlan plan = FetchPlan.of(requests, false);

        assertThat(plan.refused()).hasSize(7);
        assertThat(plan.items()).hasSize(1);
        assertThat(plan.items().get(0).members().get(0).carrier()).isEqualTo("caf\u00e9.log"); // raw bytes, sent as they are
    }

    @Test
    void acceptsNamesWithSpacesQuotesAndLeadingDashes() {
        assertThat(FetchPlan.hostile("-rf 'x' $(rm -rf ~).log")).isEmpty();
        assertThat(FetchPlan.hostile("a/b c/d.log")).isEmpty();
    }
}
