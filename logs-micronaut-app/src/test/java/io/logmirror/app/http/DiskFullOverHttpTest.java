package io.logmirror.app.http;

import io.logmirror.app.RunningService;
import io.logmirror.app.SampleCluster;
import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.testkit.SmallDisk;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a real full disk (a small tmpfs from the testkit's {@link SmallDisk}; needs root, fails instead of
 * skipping when {@code CI=true}): a sync in which files do not fit still answers 200 and {@code success}, but says how
 * many files failed and why, on {@code POST /sync/trigger} and on {@code /status}; reads keep serving what was mirrored
 * before; once space is freed the next sync completes the work.
 */
class DiskFullOverHttpTest {

    private static final int KIB = 1024;
    private static final long DISK = 2 << 20;

    private SmallDisk disk;
    private FakeRemote remote;
    private RunningService service;

    @BeforeEach
    void startTheServiceOnASmallDisk() throws IOException {
        disk = SmallDisk.mountOrSkip(DISK);
        // One transfer at a time, biggest first, as DiskFullTest in the testkit: the appends run after the big file
        // has failed, so which files fail is known.
        remote = SampleCluster.fill(FakeRemote.builder().name("disk-full").parallelism(1).build());
        service = RunningService.start(Map.of("DATA_DIR", disk.root().resolve("data").toString(),
                "LOGS_MODE", "demo", "SYNC_INTERVAL", "3600"), remote);
    }

    @AfterEach
    void stopAndUnmount() throws Exception {
        RunningService.closeInOrder(service, remote == null ? null : remote::destroy, disk);
    }

    @Test
    void aFileThatDoesNotFitIsReportedOverHttpWhileReadsGoOnAndIsServedWholeOnceSpaceIsFreed() throws Exception {
        JsonNode first = trigger();
        assertThat(first.get("status").getStringValue()).isEqualTo("success");
        assertThat(first.get("message").getStringValue()).isEqualTo("Log sync completed");
        assertThat(first.get("files_failed").getLongValue()).isZero();
        assertThat(first.get("failures").size()).isZero();

        disk.leaveFree(128 * KIB);
        byte[] huge = randomBytes(1 << 20, 1);
        remote.write("job-2/huge.log", huge).append("slurm-100.out", "line 4\n");

        JsonNode failed = trigger();

        assertThat(failed.get("status").getStringValue()).as("the sync as a whole succeeded").isEqualTo("success");
        assertThat(failed.get("files_failed").getLongValue()).isEqualTo(1);
        assertThat(failed.get("message").getStringValue())
                .isEqualTo("Log sync completed; 1 file could not be synced (see failures)");
        assertThat(failed.get("categories").get("slurm").getLongValue()).isEqualTo(2);
        assertIsTheFullDiskFailureOfTheHugeFile(failed.get("failures"));

        JsonNode status = json("/status");
        assertThat(status.get("total_syncs").getLongValue()).isGreaterThanOrEqualTo(2);
        assertThat(status.get("failed_syncs").getLongValue()).isZero();
        assertThat(status.get("last_error").isNull()).isTrue();
        JsonNode changes = status.get("last_changes");
        assertThat(changes.get("files_failed").getLongValue()).isEqualTo(1);
        assertThat(changes.get("files_grown").getLongValue()).as("the live log's append went through").isEqualTo(1);
        assertIsTheFullDiskFailureOfTheHugeFile(changes.get("failures"));
        assertThat(changes.get("failures")).isEqualTo(failed.get("failures"));

        assertThat(text("/logs?limit=100")).contains("\"path\":\"categorized/client/client-7.log\"")
                .contains("\"path\":\"categorized/slurm/job-9/slurm-9.out\"").doesNotContain("huge.log");
        assertThat(text("/logs/content?path=logs/slurm-100.out&tail=2")).isEqualTo("line 3\nline 4\n");
        assertThat(text("/logs/content?path=" + URLEncoder.encode("categorized/server/orchestrator_job-5.err",
                StandardCharsets.UTF_8) + "&tail=1")).isEqualTo("ValueError: bad\n");
        assertThat(get("/logs/content?path=logs/job-2/huge.log").statusCode()).as("no half-written file").isEqualTo(404);
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"healthy\"");

        disk.removeFiller();
        JsonNode healed = trigger();

        assertThat(healed.get("message").getStringValue()).isEqualTo("Log sync completed");
        assertThat(healed.get("files_failed").getLongValue()).isZero();
        assertThat(healed.get("failures").size()).isZero();
        assertThat(json("/status").get("last_changes").get("files_failed").getLongValue()).isZero();
        HttpResponse<byte[]> served = service.getBytes("/logs/content?path=logs/job-2/huge.log");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).as("byte for byte").isEqualTo(huge);
    }

    @Test
    void manyFailedFilesAreAllCountedButOnlyTheFirstTwentyByPathAreListed() throws Exception {
        trigger();
        disk.leaveFree(0);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String path = String.format("job-%02d/slurm.out", i);
            remote.write(path, randomBytes(2 * SmallDisk.PAGE, i));
            if (i < 20) {
                expected.add("logs/" + path);
            }
        }

        JsonNode failed = trigger();

        assertThat(failed.get("files_failed").getLongValue()).isEqualTo(30);
        assertThat(failed.get("message").getStringValue())
                .isEqualTo("Log sync completed; 30 files could not be synced (see failures)");
        assertThat(paths(failed.get("failures"))).containsExactlyElementsOf(expected);
        JsonNode changes = json("/status").get("last_changes");
        assertThat(changes.get("files_failed").getLongValue()).isEqualTo(30);
        assertThat(paths(changes.get("failures"))).containsExactlyElementsOf(expected);
    }

    private static void assertIsTheFullDiskFailureOfTheHugeFile(JsonNode failures) {
        assertThat(failures.isArray()).isTrue();
        assertThat(failures.size()).isEqualTo(1);
        JsonNode failure = failures.get(0);
        assertThat(failure.get("path").getStringValue()).isEqualTo("logs/job-2/huge.log");
        assertThat(failure.get("reason").getStringValue())
                .as("names the file, says the disk is full and what to do")
                .contains("job-2/huge.log", "No space left on device", "free space", "next sync retries it");
    }

    private static List<String> paths(JsonNode failures) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < failures.size(); i++) {
            assertThat(failures.get(i).size()).as("path and reason only").isEqualTo(2);
            paths.add(failures.get(i).get("path").getStringValue());
        }
        return paths;
    }

    private JsonNode trigger() throws Exception {
        return service.trigger();
    }

    private JsonNode json(String path) throws Exception {
        return service.json(path, 200);
    }

    private String text(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return service.get(path);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
