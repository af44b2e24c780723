package io.logmirror.app.http;

import io.logmirror.app.http.wire.ErrorBody;
import io.logmirror.app.http.wire.LineIndexBody;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.OptionalInt;

/**
 * {@code GET /logs/line-index}: the byte offset of every {@value LineCheckpoints#EVERY}th line of a file and its line
 * count, so that a viewer (the web page's) shows line numbers and jumps to any line of a large file while fetching
 * only the byte ranges on screen from {@code /logs/content}.
 */
@Controller("/logs")
@Tag(name = "logs")
public class LineIndexController {

    private final LogMirror mirror;
    private final LineCheckpoints checkpoints = new LineCheckpoints();

    public LineIndexController(LogMirror mirror) {
        this.mirror = mirror;
    }

    @Get("/line-index")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Where lines begin in a file", description = "Line count and the offset of line 1, 1 + every, "
            + "1 + 2 * every, ...; pass an offset to /logs/content to read from there.")
    @ApiResponse(responseCode = "200", description = "the index")
    @ApiResponse(responseCode = "404", description = "Log file not found", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public LineIndexBody lineIndex(
            @Parameter(description = "logs/<path> or categorized/<category>/<path>", required = true)
            @Nullable @QueryValue("path") String path,
            @Parameter(description = "an earlier generation (1 is the oldest)")
            @Nullable @QueryValue("generation") String generation) {
        String wanted = QueryParams.required("path", path);
        OptionalInt gen = QueryParams.optionalInt("generation", generation, 1, Integer.MAX_VALUE);
        LogEntry entry = new LogLocator(mirror.store(), mirror.categories()).locate(wanted, gen);
        try {
            LineCheckpoints.Index index = checkpoints.index(mirror.store(), entry);
            return new LineIndexBody(index.size(), index.lines(), index.every(), index.offsets());
        } catch (NoSuchFileException e) {
            throw ApiException.notFound();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index " + entry.path() + ": " + e.getMessage(), e);
        }
    }
}
