package io.logmirror.app.http;

import io.logmirror.app.config.AppSettings;
import io.logmirror.app.config.Mode;
import io.logmirror.app.http.wire.ErrorBody;
import io.logmirror.app.http.wire.HealthBody;
import io.logmirror.app.http.wire.ServiceInfo;
import io.logmirror.app.http.wire.ServiceStatsBody;
import io.logmirror.app.http.wire.StatusBody;
import io.logmirror.app.http.wire.TriggerBody;
import io.logmirror.core.Category;
import io.logmirror.core.CategoryStats;
import io.logmirror.core.LogMirror;
import io.logmirror.core.SyncProgress;
import io.logmirror.core.SyncReport;
import io.logmirror.core.SyncStatus;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The original service's information, health, status, sync and category endpoints. */
@Controller
@Tag(name = "service")
public class ServiceController {

    static final String SERVICE_NAME = "Logs Service";
    static final String VERSION = "1.0.0";
    /** The original's text, word for word: clients and dashboards may show or compare it. */
    static final String DESCRIPTION = "Microservice for syncing and categorizing logs from MeluXina HPC";

    private final LogMirror mirror;
    private final AppSettings settings;

    public ServiceController(LogMirror mirror, AppSettings settings) {
        this.mirror = mirror;
        this.settings = settings;
    }

    /** What this service is, where its endpoints are, and where its mirror comes from ({@code mode}). */
    @Get("/")
    @Operation(summary = "Service information")
    public ServiceInfo info() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("health", "/health");
        endpoints.put("status", "/status");
        endpoints.put("trigger_sync", "/sync/trigger (POST)");
        endpoints.put("list_services", "/services");
        endpoints.put("service_stats", "/services/stats");
        endpoints.put("list_logs", "/logs");
        endpoints.put("log_content", "/logs/content");
        return new ServiceInfo(SERVICE_NAME, VERSION, DESCRIPTION, endpoints,
                settings.mode().wireName());
    }

    /**
     * Always 200 while the process runs; says whether SSH is configured and whether the periodic sync runs. As in
     * the original, {@code sync_running} is the background sync loop's flag (true between syncs too), not "a sync
     * is transferring now" ({@code GET /status} has that as its own {@code sync_running}).
     */
    @Get("/health")
    @Operation(summary = "Liveness")
    public HealthBody health() {
        return new HealthBody("healthy", "logs", settings.mode() == Mode.SSH,
                settings.mode() != Mode.OFFLINE || mirror.status().running());
    }

    /**
     * Sync counters and times (the original's fields first), then the running sync's progress, and what the last
     * successful sync changed, with the files it could not sync.
     */
    @Get("/status")
    @Operation(summary = "Sync status")
    public StatusBody status() {
        SyncStatus status = mirror.status();
        SyncProgress progress = status.progress();
        StatusBody.Changes changes = status.lastReport().map(ServiceController::changes).orElse(null);
        Double lastDuration = status.lastReport().map(r -> r.duration().toNanos() / 1e9).orElse(null);
        return new StatusBody(
                settings.mode() != Mode.OFFLINE,
                Times.isoOrNull(status.lastFinished()),
                settings.syncInterval().toSeconds(),
                status.successfulSyncs(),
                status.failedSyncs(),
                mirror.store().dataDirectory().resolve(LogLocator.LOGS).toString(),
                mirror.store().dataDirectory().resolve(LogLocator.CATEGORIZED).toString(),
                settings.mode().wireName(),
                status.running(),
                status.lastError().orElse(null),
                lastDuration,
                Times.isoOrNull(status.nextSync()),
                changes,
                new StatusBody.Progress(progress.filesDone(), progress.filesTotal(), progress.bytesDone(), progress.bytesTotal()),
                mirror.store().fileCount());
    }

    /**
     * Runs a sync now (or joins the running one) and answers when it is done, with the number of files per
     * category and the files it could not sync (200 all the same: one file failing does not fail a sync).
     * 503 when no remote is configured; 500 when the sync failed as a whole.
     */
    // Any Content-Type: the request has no body, but `curl -d ''` and Python's urllib send a form type (the original
    // accepted every type; Micronaut's default, JSON only, answered those clients 415).
    @Post(value = "/sync/trigger", consumes = MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Sync now")
    @ApiResponse(responseCode = "200",
            description = "the sync completed; files_failed and failures tell the files it could not sync")
    @ApiResponse(responseCode = "500", description = "the sync failed", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "503", description = "no remote is configured", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public TriggerBody trigger() {
        if (settings.mode() == Mode.OFFLINE) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SSH manager not initialized");
        }
        SyncReport report;
        try {
            report = mirror.syncNow();
        } catch (IOException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Sync failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Sync interrupted: the service is shutting down");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (CategoryStats stats : mirror.store().statsByCategory()) {
            counts.put(stats.category().name(), stats.fileCount());
        }
        int failed = report.failures().size();
        return new TriggerBody("success", SyncFailures.message(failed), counts, failed,
                SyncFailures.shown(report.failures()));
    }

    /** The categories, in display order. */
    @Get("/services")
    @Operation(summary = "Categories")
    public List<String> services() {
        return mirror.categories().stream().map(Category::name).toList();
    }

    /** Files, bytes and newest modification time per category, keyed by category in display order. */
    @Get("/services/stats")
    @Operation(summary = "Statistics per category")
    public Map<String, ServiceStatsBody> stats() {
        Map<String, ServiceStatsBody> result = new LinkedHashMap<>();
        for (CategoryStats stats : mirror.store().statsByCategory()) {
            String name = stats.category().name();
            result.put(name, new ServiceStatsBody(name, stats.fileCount(), stats.totalBytes(),
                    Times.isoOrNull(stats.latestModified())));
        }
        return result;
    }

    private static StatusBody.Changes changes(SyncReport report) {
        return new StatusBody.Changes(report.filesAdded(), report.filesGrown(), report.filesReplaced(),
                report.filesGone(), report.bytesFetched(), report.failures().size(),
                SyncFailures.shown(report.failures()), report.skipped().size(),
                SyncFailures.shownSkipped(report.skipped()));
    }
}
