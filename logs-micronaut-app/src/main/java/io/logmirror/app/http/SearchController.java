package io.logmirror.app.http;

import io.logmirror.app.config.AppSettings;
import io.logmirror.app.http.wire.SearchEndBody;
import io.logmirror.app.http.wire.SearchMatchBody;
import io.logmirror.app.http.wire.ValidationErrorBody;
import io.logmirror.app.http.wire.ValidationErrorBody.Issue;
import io.logmirror.core.Category;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogPath;
import io.logmirror.search.CaseMode;
import io.logmirror.search.ContextLine;
import io.logmirror.search.InvalidQueryException;
import io.logmirror.search.LogSearch;
import io.logmirror.search.SearchMatch;
import io.logmirror.search.SearchQuery;
import io.logmirror.search.SearchSink;
import io.logmirror.search.SearchSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /logs/search}: searches every mirrored file like {@code rg -n} and streams the matches as they are found.
 * The controller only reads parameters and writes matches; the search is {@link LogSearch} (module logs-search).
 */
@Controller("/logs")
@Tag(name = "logs")
public class SearchController {

    /** The media type of {@code format=ndjson}. */
    public static final String NDJSON = "application/x-ndjson";
    private static final Logger LOG = LoggerFactory.getLogger(SearchController.class);
    private static final int QUEUED_CHUNKS = 64;
    /** Matches are sent in chunks of about this size, or at once when the search has nothing more for now. */
    private static final int BATCH_BYTES = 64 << 10;

    private final LogMirror mirror;
    private final AppSettings settings;
    private final JsonMapper json;
    private final ExecutorService executor;
    private final AtomicInteger running = new AtomicInteger();
    private final MeterRegistry meters;

    public SearchController(LogMirror mirror, AppSettings settings, JsonMapper json,
                            @Named(TaskExecutors.BLOCKING) ExecutorService executor, MeterRegistry meters) {
        this.mirror = mirror;
        this.settings = settings;
        this.json = json;
        this.executor = executor;
        this.meters = meters;
    }

    /** How many searches are running now (tests watch a cancelled one end). */
    int runningSearches() {
        return running.get();
    }

    @Get(value = "/search", produces = {NDJSON, LogsController.TEXT_UTF8})
    @Operation(summary = "Search the logs", description = "Finds lines like rg -n: newest files first, lines in order, "
            + "streamed as found. ndjson: one match object per line, then {\"summary\": ...}. text: path:line:text.")
    @ApiResponse(responseCode = "200", description = "the matches, streamed",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = SearchMatchBody.class)))
    @ApiResponse(responseCode = "422", description = "a parameter is missing or not allowed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ValidationErrorBody.class)))
    public HttpResponse<StreamedFile> search(
            @Parameter(description = "the text or regex to find", required = true) @Nullable @QueryValue("q") String q,
            @Parameter(description = "whether q is a regular expression (RE2 syntax)", schema = @Schema(type = "boolean", defaultValue = "false"))
            @Nullable @QueryValue("regex") String regex,
            @Parameter(description = "sensitive, insensitive or smart (insensitive unless q has an upper-case letter)",
                    schema = @Schema(type = "string", allowableValues = {"sensitive", "insensitive", "smart"}, defaultValue = "smart"))
            @Nullable @QueryValue("case") String caseMode,
            @Parameter(description = "only this category") @Nullable @QueryValue("service") String service,
            @Parameter(description = "only this file or folder: logs/<path> or categorized/<category>/<path>")
            @Nullable @QueryValue("path") String path,
            @Parameter(description = "only files matching this glob (without '/' it matches the file name)")
            @Nullable @QueryValue("glob") String glob,
            @Parameter(description = "only lines at or after: ISO date or date-time, epoch seconds, or 15m, 2h, 7d ago")
            @Nullable @QueryValue("since") String since,
            @Parameter(description = "only lines before: same forms as since") @Nullable @QueryValue("until") String until,
            @Parameter(description = "context lines before and after each match", schema = @Schema(type = "integer", minimum = "0", maximum = "100"))
            @Nullable @QueryValue("context") String context,
            @Parameter(description = "context lines before (overrides context)", schema = @Schema(type = "integer", minimum = "0", maximum = "100"))
            @Nullable @QueryValue("before") String before,
            @Parameter(description = "context lines after (overrides context)", schema = @Schema(type = "integer", minimum = "0", maximum = "100"))
            @Nullable @QueryValue("after") String after,
            @Parameter(description = "at most this many matches (the maximum is the SEARCH_MAX_LIMIT setting)",
                    schema = @Schema(type = "integer", minimum = "1", defaultValue = "1000"))
            @Nullable @QueryValue("limit") String limit,
            @Parameter(description = "ndjson (default) or text (path:line:text, as rg -n prints)",
                    schema = @Schema(type = "string", allowableValues = {"ndjson", "text"}, defaultValue = "ndjson"))
            @Nullable @QueryValue("format") String format) {
        String text = QueryParams.required("q", q);
        boolean isRegex = QueryParams.bool("regex", regex, false);
        CaseMode mode = choice("case", caseMode, CaseMode.SMART, Map.of(
                "sensitive", CaseMode.SENSITIVE, "insensitive", CaseMode.INSENSITIVE, "smart", CaseMode.SMART));
        boolean asText = choice("format", format, false, Map.of("ndjson", false, "text", true));
        OptionalInt both = QueryParams.optionalInt("context", context, 0, SearchQuery.MAX_CONTEXT);
        int linesBefore = QueryParams.optionalInt("before", before, 0, SearchQuery.MAX_CONTEXT).orElse(both.orElse(0));
        int linesAfter = QueryParams.optionalInt("after", after, 0, SearchQuery.MAX_CONTEXT).orElse(both.orElse(0));
        int max = settings.searchMaxLimit();
        int matches = QueryParams.intOrDefault("limit", limit, Math.min(SearchQuery.DEFAULT_LIMIT, max), 1, max);
        Instant now = Instant.now();
        Optional<Instant> from = QueryParams.time("since", since, now);
        Optional<Instant> to = QueryParams.time("until", until, now);

        SearchQuery.Builder builder = SearchQuery.builder(text).regex(isRegex).caseMode(mode).before(linesBefore)
                .after(linesAfter).limit(matches).timeLimit(settings.searchTimeLimit());
        from.ifPresent(builder::since);
        to.ifPresent(builder::until);
        QueryParams.nonBlank(glob).ifPresent(builder::glob);
        boolean nothing = false;
        Optional<String> wanted = QueryParams.nonBlank(service);
        if (wanted.isPresent()) {
            Optional<Category> category = known(wanted.get());
            nothing = category.isEmpty();
            category.ifPresent(builder::category);
        }
        if (path != null) {
            Optional<Scope> scope = scope(path);
            if (scope.isEmpty() || (wanted.isPresent() && scope.get().category().isPresent()
                    && !scope.get().category().get().name().equals(wanted.get()))) {
                nothing = true;
            } else {
                scope.get().category().ifPresent(builder::category);
                scope.get().prefix().ifPresent(builder::path);
            }
        }
        SearchQuery query;
        try {
            query = builder.build();
        } catch (InvalidQueryException e) {
            throw new ParameterException(Issue.of("value_error", List.of("query", e.field()), e.getMessage(), e.value(), null));
        }

        SearchStream body = new SearchStream(QUEUED_CHUNKS);
        boolean empty = nothing;
        running.incrementAndGet();
        executor.execute(() -> run(query, empty, asText, body));
        return HttpResponse.ok(new StreamedFile(body, MediaType.of(asText ? LogsController.TEXT_UTF8 : NDJSON)))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private void run(SearchQuery query, boolean nothing, boolean asText, SearchStream body) {
        java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream(BATCH_BYTES * 2);
        try {
            SearchSummary summary = nothing
                    ? new SearchSummary(0, 0, 0, 0, 0, io.logmirror.search.StopReason.COMPLETED, java.time.Duration.ZERO)
                    : LogSearch.over(mirror.store(), ZoneId.systemDefault()).search(query, new SearchSink() {
                        private io.logmirror.core.LogEntry lastEntry;
                        private byte[] prefix;

                        @Override
                        public boolean accept(SearchMatch match) {
                            if (asText) {
                                if (match.entry() != lastEntry) { // matches come file by file: one prefix per file
                                    lastEntry = match.entry();
                                    prefix = (LogLocator.logsPath(lastEntry.path().toString()) + ":").getBytes(StandardCharsets.UTF_8);
                                }
                                batch.writeBytes(prefix);
                                batch.writeBytes(Long.toString(match.lineNumber()).getBytes(StandardCharsets.US_ASCII));
                                batch.write(':');
                                batch.writeBytes(match.line().getBytes(StandardCharsets.UTF_8));
                                batch.write('\n');
                            } else {
                                batch.writeBytes(ndjson(match));
                            }
                            return batch.size() < BATCH_BYTES || flush(batch, body);
                        }

                        @Override
                        public void idle() {
                            flush(batch, body);
                        }

                        @Override
                        public boolean cancelled() {
                            return body.closed();
                        }
                    });
            Timer.builder("logmirror.search.duration")
                    .description("How long each search ran, from its start to its last match or its stop")
                    .tag("stopped", summary.stopReason().name().toLowerCase(Locale.ROOT))
                    .publishPercentileHistogram()
                    .register(meters).record(summary.elapsed());
            if (!asText) {
                batch.writeBytes(end(summary));
            }
            flush(batch, body);
        } catch (IOException | RuntimeException e) {
            LOG.warn("search for '{}' failed: {}", query.text(), e.toString());
        } finally {
            body.finish();
            running.decrementAndGet();
        }
    }

    /** Sends the batched matches; false when the client is gone. */
    private static boolean flush(java.io.ByteArrayOutputStream batch, SearchStream body) {
        if (batch.size() == 0) {
            return !body.closed();
        }
        boolean open = body.write(batch.toByteArray());
        batch.reset();
        return open;
    }

    private byte[] ndjson(SearchMatch match) {
        SearchMatchBody body = new SearchMatchBody(LogLocator.logsPath(match.entry().path().toString()),
                match.entry().category().name(), match.lineNumber(), match.byteOffset(), match.line(),
                match.time().map(Times::iso).orElse(null), context(match.before()), context(match.after()));
        return line(body);
    }

    private byte[] end(SearchSummary summary) {
        return line(new SearchEndBody(new SearchEndBody.Summary(summary.matches(), summary.filesSearched(),
                summary.filesSkipped(), summary.filesFailed(), summary.bytesRead(),
                summary.stopReason().name().toLowerCase(Locale.ROOT), summary.elapsed().toMillis())));
    }

    private byte[] line(Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            byte[] line = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            line[bytes.length] = '\n';
            return line;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<SearchMatchBody.Context> context(List<ContextLine> lines) {
        return lines.stream().map(l -> new SearchMatchBody.Context(l.lineNumber(), l.text())).toList();
    }

    /** Where {@code path=} points: a category and a prefix, each optional. */
    private record Scope(Optional<Category> category, Optional<LogPath> prefix) {
    }

    /** Reads {@code path=}; empty when it names a category the service does not know (nothing to search). */
    private Optional<Scope> scope(String text) {
        Optional<LogPath> parsed = LogPath.parse(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        if (parsed.isEmpty()) {
            throw badPath(text);
        }
        List<String> segments = parsed.get().segments();
        if (segments.get(0).equals(LogLocator.LOGS)) {
            return Optional.of(new Scope(Optional.empty(), rest(segments, 1)));
        }
        if (segments.get(0).equals(LogLocator.CATEGORIZED)) {
            if (segments.size() == 1) {
                return Optional.of(new Scope(Optional.empty(), Optional.empty()));
            }
            return known(segments.get(1)).map(c -> new Scope(Optional.of(c), rest(segments, 2)));
        }
        throw badPath(text);
    }

    private static Optional<LogPath> rest(List<String> segments, int from) {
        return segments.size() <= from ? Optional.empty() : Optional.of(LogPath.of(String.join("/", segments.subList(from, segments.size()))));
    }

    private static ParameterException badPath(String text) {
        return new ParameterException(Issue.of("value_error", List.of("query", "path"),
                "Value error, path must be logs/<path> or categorized/<category>/<path> (a file or a folder), "
                        + "without '..', empty segments or control characters", text, null));
    }

    private Optional<Category> known(String name) {
        return mirror.categories().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** One of a few words, as pydantic's Literal. */
    private static <T> T choice(String name, String raw, T defaultValue, Map<String, T> choices) {
        if (raw == null) {
            return defaultValue;
        }
        T value = choices.get(raw);
        if (value == null) {
            List<String> names = choices.keySet().stream().sorted().map(c -> "'" + c + "'").toList();
            String expected = String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
            throw new ParameterException(Issue.of("literal_error", List.of("query", name), "Input should be " + expected,
                    raw, Map.of("expected", expected)));
        }
        return value;
    }
}
