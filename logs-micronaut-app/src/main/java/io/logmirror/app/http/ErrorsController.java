package io.logmirror.app.http;

import io.logmirror.app.errors.ErrorAnalysis;
import io.logmirror.app.http.wire.ErrorBody;
import io.logmirror.app.http.wire.ErrorsBody;
import io.logmirror.app.http.wire.JobDetailBody;
import io.logmirror.app.http.wire.JobsBody;
import io.logmirror.app.http.wire.ValidationErrorBody;
import io.logmirror.core.Category;
import io.logmirror.core.LogMirror;
import io.logmirror.patterns.ErrorQuery;
import io.logmirror.patterns.Level;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Error and warning groups, and SLURM jobs with the state their logs show. Answers come from {@link ErrorAnalysis}. */
@Controller
@Tag(name = "errors")
public class ErrorsController {

    private final LogMirror mirror;
    private final ErrorAnalysis errors;

    public ErrorsController(LogMirror mirror, ErrorAnalysis errors) {
        this.mirror = mirror;
        this.errors = errors;
    }

    /** Error and warning groups (pattern, kind and level), the most frequent first. */
    @Get("/errors")
    @Operation(summary = "Error and warning groups")
    @ApiResponse(responseCode = "200", description = "the groups, the most frequent first")
    @ApiResponse(responseCode = "404", description = "path names no mirrored file",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "422", description = "a bad since, until, level or limit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrorBody.class)))
    public ErrorsBody errors(
            @Parameter(description = "only this category") @Nullable @QueryValue("service") String service,
            @Parameter(description = "only this file: logs/<path> or categorized/<category>/<path>") @Nullable @QueryValue("path") String path,
            @Parameter(description = "only events at or after: 2026-12-07, 2026-12-07T10:00, epoch seconds, or an age (15m, 2h, 7d)") @Nullable @QueryValue("since") String since,
            @Parameter(description = "only events before: same forms as since") @Nullable @QueryValue("until") String until,
            @Parameter(description = "the least severe level listed: warning (default), error, critical") @Nullable @QueryValue("level") String level,
            @Parameter(description = "at most this many groups", schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
            @Nullable @QueryValue("limit") String limit) {
        Instant now = Instant.now();
        ErrorQuery query = ErrorQuery.all()
                .minLevel(QueryParams.level("level", level, Level.WARNING))
                .limit(QueryParams.intOrDefault("limit", limit, 100, 1, 1000));
        Optional<Instant> from = QueryParams.time("since", since, now);
        Optional<Instant> to = QueryParams.time("until", until, now);
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw QueryParams.conflict("until", until, "Value error, until (" + to.get() + ") is before since (" + from.get() + ")");
        }
        if (from.isPresent()) {
            query = query.since(from.get());
        }
        if (to.isPresent()) {
            query = query.until(to.get());
        }
        if (QueryParams.nonBlank(path).isPresent()) {
            query = query.path(new LogLocator(mirror.store(), mirror.categories()).locate(path, OptionalInt.empty()).path());
        }
        if (QueryParams.nonBlank(service).isPresent()) {
            Optional<Category> category = category(service);
            if (category.isEmpty()) {
                return new ErrorsBody(List.of(), errors.ready());
            }
            query = query.category(category.get());
        }
        AnalysisBodies bodies = bodies();
        return new ErrorsBody(errors.analysis().errors(query).stream().map(bodies::group).toList(), errors.ready());
    }

    /** Every job seen in the file names, the most recently active first, with its state. */
    @Get("/jobs")
    @Operation(summary = "SLURM jobs and their states")
    @ApiResponse(responseCode = "200", description = "the jobs, the most recently active first")
    public JobsBody jobs() {
        AnalysisBodies bodies = bodies();
        return new JobsBody(errors.analysis().jobs().stream().map(bodies::job).toList(), errors.ready());
    }

    /** One job: its files, state, first error and error groups. */
    @Get("/jobs/{id}")
    @Operation(summary = "One SLURM job")
    @ApiResponse(responseCode = "200", description = "the job")
    @ApiResponse(responseCode = "404", description = "no file carries this job id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public JobDetailBody job(@Parameter(description = "the SLURM job id") @PathVariable("id") String id) {
        return errors.analysis().job(id).map(report -> bodies().report(report, errors.ready()))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "Job not found: no mirrored file carries job id " + id));
    }

    private AnalysisBodies bodies() {
        return new AnalysisBodies(mirror.store(), errors.analysis());
    }

    private Optional<Category> category(String name) {
        return mirror.categories().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
