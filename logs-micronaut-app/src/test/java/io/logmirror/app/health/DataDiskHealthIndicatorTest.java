package io.logmirror.app.health;

import io.logmirror.app.RunningService;
import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.fakecluster.FakeRemote;
import io.logmirror.testkit.SmallDisk;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.diskspace.DiskSpaceIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /management/health}'s {@code diskSpace} on a real small disk (the testkit's {@link SmallDisk}: a tmpfs; needs
 * root, fails instead of skipping when {@code CI=true}) holding {@code DATA_DIR}: DOWN with 503, naming the path, while
 * less than {@code DATA_DIR_MIN_FREE_MB} is free, UP again once space is freed; {@code /health} answers as before.
 */
class DataDiskHealthIndicatorTest {

    private static final long MIB = 1 << 20;

    private SmallDisk disk;
    private FakeRemote remote;
    private RunningService service;

    @AfterEach
    void stopAndUnmount() throws Exception {
        RunningService.closeInOrder(service, remote == null ? null : remote::destroy, disk);
    }

    @Test
    void aDataDiskBelowTheThresholdIsDownWith503NamingThePathAndUpAgainOnceSpaceIsFreed() throws Exception {
        disk = SmallDisk.mountOrSkip(4 * MIB);
        Path dataDir = disk.root().resolve("data");
        start(dataDir, "1", "demo");
        service.trigger(); // the mirror is written before the disk is filled
        String originalHealth = service.get("/health").body();

        JsonNode roomy = health(200);
        assertThat(roomy.get("status").getStringValue()).isEqualTo("UP");
        JsonNode up = roomy.get("details").get(DataDiskHealthIndicator.NAME);
        assertThat(up.get("status").getStringValue()).isEqualTo("UP");
        assertThat(up.get("details").get("path").getStringValue()).isEqualTo(dataDir.toString());
        assertThat(up.get("details").get("threshold").getLongValue()).isEqualTo(MIB);
        assertThat(up.get("details").get("total").getLongValue()).isEqualTo(4 * MIB);
        assertThat(up.get("details").get("free").getLongValue()).isGreaterThan(MIB);
        assertThat(up.get("details").get("error")).isNull();

        disk.leaveFree(MIB / 2);

        JsonNode full = health(503);
        assertThat(full.get("status").getStringValue()).isEqualTo("DOWN");
        JsonNode down = full.get("details").get(DataDiskHealthIndicator.NAME);
        assertThat(down.get("status").getStringValue()).isEqualTo("DOWN");
        assertThat(down.get("details").get("path").getStringValue()).isEqualTo(dataDir.toString());
        assertThat(down.get("details").get("free").getLongValue()).isLessThan(MIB);
        assertThat(down.get("details").get("error").getStringValue())
                .as("says what happened, to which folder, and what to do")
                .contains("bytes are free on the disk of DATA_DIR " + dataDir, "below DATA_DIR_MIN_FREE_MB (1048576 bytes)",
                        "free space on that disk");
        assertThat(full.get("details").get("remote").get("status").getStringValue())
                .as("the remote itself is fine").isEqualTo("UP");
        HttpResponse<String> liveness = service.get("/management/health/liveness");
        assertThat(liveness.statusCode()).as("a full disk is no reason to restart the process: " + liveness.body())
                .isEqualTo(200);
        assertThat(service.get("/management/health/readiness").statusCode()).isEqualTo(503);
        HttpResponse<String> original = service.get("/health");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).as("the original's /health does not look at the disk").isEqualTo(originalHealth)
                .contains("\"status\":\"healthy\"");

        disk.removeFiller();

        JsonNode freed = health(200);
        assertThat(freed.get("status").getStringValue()).isEqualTo("UP");
        assertThat(freed.get("details").get(DataDiskHealthIndicator.NAME).get("status").getStringValue()).isEqualTo("UP");
    }

    @Test
    void aDataDirWhoseFreeSpaceCannotBeReadIsDownNamingItAndWhatToDo() throws Exception {
        Path dataDir = TestHttp.tempDir("health-gone").resolve("data");
        start(dataDir, "1", "offline");
        deleteRecursively(dataDir);

        JsonNode gone = health(503);

        JsonNode down = gone.get("details").get(DataDiskHealthIndicator.NAME);
        assertThat(down.get("status").getStringValue()).isEqualTo("DOWN");
        assertThat(down.get("details").get("path").getStringValue()).isEqualTo(dataDir.toString());
        assertThat(down.get("details").get("error").getStringValue())
                .contains("cannot read the free space of DATA_DIR " + dataDir, "NoSuchFileException",
                        "check that the folder exists");
        assertThat(service.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aThresholdOfZeroLeavesTheDiskUpWhateverIsFree() throws Exception {
        Path dataDir = TestHttp.tempDir("health-zero").resolve("data");
        start(dataDir, "0", "offline");

        JsonNode details = health(200).get("details");
        JsonNode disk = details.get(DataDiskHealthIndicator.NAME);

        assertThat(disk.get("status").getStringValue()).isEqualTo("UP");
        assertThat(disk.get("details").get("threshold").getLongValue()).isZero();
        assertThat(details.get("compositeDiscoveryClient()")).as("no empty service-discovery part").isNull();
    }

    @Test
    void replacesMicronautsDiskSpaceIndicatorWhichWatchesTheWorkingFolder() {
        start(TestHttp.tempDir("health-replaced").resolve("data"), "1", "offline");

        assertThat(service.context().getBeansOfType(HealthIndicator.class))
                .noneMatch(DiskSpaceIndicator.class::isInstance)
                .filteredOn(DataDiskHealthIndicator.class::isInstance).hasSize(1);
    }

    /** Starts the service; in demo mode it mirrors {@link SampleCluster}, offline it syncs nothing. */
    private void start(Path dataDir, String minFreeMb, String mode) {
        Map<String, String> variables = Map.of("DATA_DIR", dataDir.toString(), "LOGS_MODE", mode,
                "SYNC_INTERVAL", "3600", "DATA_DIR_MIN_FREE_MB", minFreeMb);
        if (mode.equals("demo")) {
            remote = SampleCluster.create();
            service = RunningService.start(variables, remote);
        } else {
            service = RunningService.start(variables);
        }
    }

    private JsonNode health(int expectedStatus) throws Exception {
        return service.json("/management/health", expectedStatus);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
