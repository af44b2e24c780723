package io.logmirror.app.http;

import io.logmirror.app.errors.ErrorAnalysis;
import io.logmirror.app.http.wire.ErrorBody;
import io.logmirror.app.http.wire.PatternsBody;
import io.logmirror.app.http.wire.ValidationErrorBody;
import io.logmirror.core.Category;
import io.logmirror.core.LogMirror;
import io.logmirror.patterns.PatternQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The log patterns (templates) of a file, a category or everything, with their counts, as Loki's patterns. */
@Controller("/logs")
@Tag(name = "logs")
public class PatternsController {

    private final LogMirror mirror;
    private final ErrorAnalysis errors;

    public PatternsController(LogMirror mirror, ErrorAnalysis errors) {
        this.mirror = mirror;
        this.errors = errors;
    }

    /** Patterns with their counts, newest first (by their last line); {@code lines=true} adds one file's line numbers. */
    @Get("/patterns")
    @Operation(summary = "Log patterns with counts")
    @ApiResponse(responseCode = "200", description = "the patterns, newest first")
    @ApiResponse(responseCode = "404", description = "path names no mirrored file",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "422", description = "lines=true without a path, a bad boolean or limit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrorBody.class)))
    public PatternsBody patterns(
            @Parameter(description = "one file: logs/<path> or categorized/<category>/<path>") @Nullable @QueryValue("path") String path,
            @Parameter(description = "every file of this category") @Nullable @QueryValue("service") String service,
            @Parameter(description = "add each pattern's line numbers (with a path)") @Nullable @QueryValue("lines") String lines,
            @Parameter(description = "at most this many patterns", schema = @Schema(type = "integer", minimum = "1", maximum = "100000", defaultValue = "1000"))
            @Nullable @QueryValue("limit") String limit) {
        boolean withLines = QueryParams.bool("lines", lines, false);
        int max = QueryParams.intOrDefault("limit", limit, 1000, 1, 100_000);
        Optional<String> file = QueryParams.nonBlank(path);
        Optional<String> wanted = QueryParams.nonBlank(service);
        if (file.isPresent() && wanted.isPresent()) {
            throw QueryParams.conflict("service", service, "Value error, use either path or service, not both");
        }
        if (withLines && file.isEmpty()) {
            throw QueryParams.conflict("lines", lines, "Value error, line numbers are given for one file: add a path");
        }
        PatternQuery query = PatternQuery.all();
        if (file.isPresent()) {
            query = PatternQuery.ofFile(new LogLocator(mirror.store(), mirror.categories()).locate(file.get(), OptionalInt.empty()).path());
        } else if (wanted.isPresent()) {
            Optional<Category> category = mirror.categories().stream().filter(c -> c.name().equals(wanted.get())).findFirst();
            if (category.isEmpty()) {
                return new PatternsBody(List.of(), errors.ready());
            }
            query = PatternQuery.ofCategory(category.get());
        }
        query = query.withLineNumbers(withLines).limit(max);
        AnalysisBodies bodies = new AnalysisBodies(mirror.store(), errors.analysis());
        return new PatternsBody(errors.analysis().patterns(query).stream().map(p -> bodies.pattern(p, withLines)).toList(),
                errors.ready());
    }
}
