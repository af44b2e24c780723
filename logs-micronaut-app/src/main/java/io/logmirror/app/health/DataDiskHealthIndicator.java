package io.logmirror.app.health;

import io.logmirror.app.config.AppSettings;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.AsyncSingleResultPublisher;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.diskspace.DiskSpaceIndicator;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The data disk's health under {@code /management/health}, as {@code diskSpace}: DOWN when the disk holding
 * {@code DATA_DIR} has less than {@code DATA_DIR_MIN_FREE_MB} free, or when its free space cannot be read; UP
 * otherwise. Details: {@code path}, {@code total}, {@code free} and {@code threshold} (bytes), and on DOWN an
 * {@code error} saying what to do.
 * <p>
 * It replaces Micronaut's {@code diskSpace} indicator, which watches the working folder
 * ({@code endpoints.health.disk-space.path}, default {@code .}), names no path and reads a missing folder as a full
 * disk. {@code endpoints.health.disk-space.enabled=false} still turns it off. Stateless, so safe under concurrent
 * requests; the file-system call runs on the I/O pool, as a slow network disk must not hold an event loop.
 */
@Singleton
@Replaces(DiskSpaceIndicator.class)
@Requires(property = "endpoints.health.disk-space.enabled", notEquals = "false")
public class DataDiskHealthIndicator implements HealthIndicator {

    /** The indicator's name in the details, Micronaut's own for disk space, so that existing checks keep it. */
    public static final String NAME = "diskSpace";

    private final AppSettings settings;
    private final ExecutorService io;

    public DataDiskHealthIndicator(AppSettings settings, @Named(TaskExecutors.IO) ExecutorService io) {
        this.settings = settings;
        this.io = io;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return new AsyncSingleResultPublisher<>(io, this::check);
    }

    private HealthResult check() {
        Path dataDir = settings.dataDir();
        long threshold = settings.dataDirMinFree();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("path", dataDir.toString());
        HealthStatus status;
        try {
            FileStore store = Files.getFileStore(dataDir);
            long free = store.getUsableSpace();
            details.put("total", store.getTotalSpace());
            details.put("free", free);
            details.put("threshold", threshold);
            if (free < threshold) {
                status = HealthStatus.DOWN;
                details.put("error", "only " + free + " bytes are free on the disk of DATA_DIR " + dataDir
                        + ", below DATA_DIR_MIN_FREE_MB (" + threshold + " bytes): syncs soon fail to write new and growing "
                        + "logs, if they do not already (see files_failed under remote); free space on that disk or "
                        + "move DATA_DIR to a bigger one");
            } else {
                status = HealthStatus.UP;
            }
        } catch (IOException | SecurityException e) {
            status = HealthStatus.DOWN;
            details.put("threshold", threshold);
            details.put("error", "cannot read the free space of DATA_DIR " + dataDir + " (" + e
                    + "); check that the folder exists and that this user may read it");
        }
        return HealthResult.builder(NAME, status).details(details).build();
    }
}
