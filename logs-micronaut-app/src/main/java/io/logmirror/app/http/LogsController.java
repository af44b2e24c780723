package io.logmirror.app.http;

import io.logmirror.app.errors.ErrorAnalysis;
import io.logmirror.app.http.wire.ErrorBody;
import io.logmirror.app.http.wire.LogFileBody;
import io.logmirror.app.http.wire.ValidationErrorBody;
import io.logmirror.core.Category;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogQuery;
import io.logmirror.core.LogStore;
import io.logmirror.patterns.FileSummary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Lists mirrored files and streams their content. Every answer comes from the store's index and files. */
@Controller("/logs")
@Tag(name = "logs")
public class LogsController {

    /** The media type of file content, as the original's {@code PlainTextResponse}. */
    public static final String TEXT_UTF8 = "text/plain; charset=utf-8";

    private final LogMirror mirror;
    private final ErrorAnalysis errors;

    public LogsController(LogMirror mirror, ErrorAnalysis errors) {
        this.mirror = mirror;
        this.errors = errors;
    }

    /**
     * The newest files first (by the remote's modification time), at most {@code limit}, optionally of one
     * category ({@code service}); hidden files are not listed; an unknown category gives an empty list.
     * {@code has_errors=true} keeps only files with at least one error (ours only).
     */
    @Get
    @Operation(summary = "List log files")
    @ApiResponse(responseCode = "200", description = "the files, newest first")
    @ApiResponse(responseCode = "422", description = "limit is not a whole number from 1 to 1000, offset is negative, or since or until is not a time",
            content = @Content(schema = @Schema(implementation = ValidationErrorBody.class)))
    public List<LogFileBody> list(
            @Parameter(description = "only this category") @Nullable @QueryValue("service") String service,
            @Parameter(description = "at most this many files", schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "50"))
            @Nullable @QueryValue("limit") String limit,
            @Parameter(description = "only files with at least one error (true/false)") @Nullable @QueryValue("has_errors") String hasErrors,
            @Parameter(description = "only files modified at or after this time: ISO 8601 date or date-time (no offset: the service's time zone), epoch seconds, or 15m, 2h, 7d ago")
            @Nullable @QueryValue("since") String since,
            @Parameter(description = "only files modified before this time (same forms as since)")
            @Nullable @QueryValue("until") String until,
            @Parameter(description = "files to skip first, for paging", schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
            @Nullable @QueryValue("offset") String offset,
            @Parameter(description = "only files whose path contains this text")
            @Nullable @QueryValue("name") String name) {
        int max = QueryParams.intOrDefault("limit", limit, 50, 1, 1000);
        boolean onlyWithErrors = QueryParams.bool("has_errors", hasErrors, false);
        Instant now = Instant.now();
        Optional<Instant> from = QueryParams.time("since", since, now);
        Optional<Instant> to = QueryParams.time("until", until, now);
        int skip = QueryParams.intOrDefault("offset", offset, 0, 0, Integer.MAX_VALUE);
        LogStore store = mirror.store();
        // With the error filter the newest files are read until enough have errors: the whole index at worst.
        LogQuery query = onlyWithErrors ? LogQuery.newest(Math.max(1, store.fileCount())) : LogQuery.newest(max).skip(skip);
        Optional<String> wanted = QueryParams.nonBlank(service);
        if (wanted.isPresent()) {
            Optional<Category> category = mirror.categories().stream()
                    .filter(c -> c.name().equals(wanted.get())).findFirst();
            if (category.isEmpty()) {
                return List.of();
            }
            query = query.inCategory(category.get());
        }
        query = from.map(query::modifiedSince).orElse(query);
        query = to.map(query::modifiedBefore).orElse(query);
        Optional<String> part = QueryParams.nonBlank(name);
        query = part.map(query::nameContaining).orElse(query);
        return store.list(query).stream().map(this::body)
                .filter(body -> !onlyWithErrors || body.errorCount() > 0)
                .skip(onlyWithErrors ? skip : 0).limit(max).toList();
    }

    /**
     * A file's content as text, streamed. {@code tail} gives its last N lines; {@code offset} and {@code length}
     * (or an HTTP {@code Range} header, answered with 206) give a byte range; {@code generation} reads an
     * earlier generation kept when the remote file was rewritten.
     */
    @Get(value = "/content", produces = TEXT_UTF8)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Read a log file")
    @ApiResponse(responseCode = "200", description = "the content", content = @Content(mediaType = TEXT_UTF8, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "206", description = "the requested byte range", content = @Content(mediaType = TEXT_UTF8, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Invalid path, or Path is not a file", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "Log file not found", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "416", description = "the range or offset lies beyond the end of the file", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "422", description = "a parameter is missing, not a number or out of range", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrorBody.class)))
    public HttpResponse<StreamedFile> content(
            @Parameter(description = "logs/<path> or categorized/<category>/<path>", required = true)
            @Nullable @QueryValue("path") String path,
            @Parameter(description = "only the last N lines", schema = @Schema(type = "integer", minimum = "1", maximum = "10000"))
            @Nullable @QueryValue("tail") String tail,
            @Parameter(description = "first byte to return", schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @Nullable @QueryValue("offset") String offset,
            @Parameter(description = "at most this many bytes", schema = @Schema(type = "integer", format = "int64", minimum = "1"))
            @Nullable @QueryValue("length") String length,
            @Parameter(description = "an earlier generation (1 is the oldest) instead of the current file", schema = @Schema(type = "integer", minimum = "1"))
            @Nullable @QueryValue("generation") String generation,
            @Parameter(in = ParameterIn.HEADER, name = "Range", description = "bytes=<first>-<last>, bytes=<first>- or bytes=-<suffix>")
            @Nullable @Header(HttpHeaders.RANGE) String range) {
        String wanted = QueryParams.required("path", path);
        OptionalInt tailLines = QueryParams.optionalInt("tail", tail, 1, 10_000);
        OptionalLong from = QueryParams.optionalLong("offset", offset, 0, Long.MAX_VALUE);
        OptionalLong count = QueryParams.optionalLong("length", length, 1, Long.MAX_VALUE);
        OptionalInt gen = QueryParams.optionalInt("generation", generation, 1, Integer.MAX_VALUE);
        if (tailLines.isPresent() && (from.isPresent() || count.isPresent())) {
            throw QueryParams.conflict("tail", tail, "Use either tail or offset/length, not both");
        }

        LogStore store = mirror.store();
        LogEntry entry = new LogLocator(store, mirror.categories()).locate(wanted, gen);
        long size = entry.size();
        try {
            if (tailLines.isPresent()) {
                long start = store.tailOffset(entry, tailLines.getAsInt());
                return stream(HttpResponse.ok(), store, entry, start, size - start);
            }
            if (from.isPresent() || count.isPresent()) {
                long start = from.orElse(0);
                if (start > size) {
                    throw ApiException.beyondTheEnd("offset " + start + " is beyond the end of the file (" + size + " bytes)", size);
                }
                long available = size - start;
                return stream(HttpResponse.ok(), store, entry, start, Math.min(available, count.orElse(available)));
            }
            Optional<ByteRange> byteRange;
            try {
                byteRange = ByteRange.parse(range, size);
            } catch (ByteRange.Unsatisfiable e) {
                throw ApiException.beyondTheEnd("Range '" + range + "' lies beyond the end of the file (" + size + " bytes)", size);
            }
            if (byteRange.isPresent()) {
                ByteRange r = byteRange.get();
                MutableHttpResponse<StreamedFile> partial = HttpResponse.status(HttpStatus.PARTIAL_CONTENT);
                partial.header(HttpHeaders.CONTENT_RANGE, r.contentRange(size));
                return stream(partial, store, entry, r.start(), r.length());
            }
            return stream(HttpResponse.ok(), store, entry, 0, size);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.path() + ": " + e.getMessage(), e);
        }
    }

    private static MutableHttpResponse<StreamedFile> stream(MutableHttpResponse<StreamedFile> response, LogStore store,
                                                            LogEntry entry, long offset, long length) throws IOException {
        InputStream in = store.open(entry, offset, length);
        response.header(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.header("X-Log-Size", Long.toString(entry.size()));
        // A log grows: caches must revalidate instead of serving a stale tail.
        response.header(HttpHeaders.CACHE_CONTROL, "no-cache");
        return response.body(new StreamedFile(in, MediaType.of(TEXT_UTF8), entry.modified().toEpochMilli(), length));
    }

    private LogFileBody body(LogEntry entry) {
        Optional<FileSummary> summary = errors.analysis().file(entry.path());
        return new LogFileBody(entry.path().fileName(), LogLocator.categorizedPath(entry), entry.size(),
                Times.iso(entry.modified()), entry.category().name(), summary.map(FileSummary::errorCount).orElse(0L),
                summary.map(FileSummary::warningCount).orElse(0L));
    }
}
