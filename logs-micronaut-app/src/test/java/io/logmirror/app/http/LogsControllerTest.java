package io.logmirror.app.http;

import io.logmirror.app.SampleCluster;
import io.logmirror.app.errors.ErrorAnalysis;
import io.logmirror.app.TestHttp;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class LogsControllerTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("logs-controller");
    static final FakeRemote REMOTE = SampleCluster.create();

    LogsControllerTest() {
        super(DATA, REMOTE);
    }

    @BeforeEach
    void synced() throws Exception {
        mirror().syncNow();
    }

    private HttpResponse<String> get(String uri) {
        return TestHttp.exchange(client(), HttpRequest.GET(uri));
    }

    private static String content(String path) {
        return "/logs/content?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    private JsonNode list(String uri) throws Exception {
        HttpResponse<String> response = get(uri);
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        return json.readValue(TestHttp.body(response), JsonNode.class);
    }

    private static List<String> paths(JsonNode array) {
        List<String> paths = new ArrayList<>();
        for (JsonNode element : array.values()) {
            paths.add(element.get("path").getStringValue());
        }
        return paths;
    }

    private void awaitAnalysed() throws Exception {
        ErrorAnalysis analysis = context.getBean(ErrorAnalysis.class);
        ErrorsControllerTest.awaitTrue("the sample cluster analysed", () -> analysis.ready()
                && ErrorsControllerTest.linesOf(analysis, "orchestrator_job-5.err") == 2);
    }

    @Test
    void entriesCountTheErrorsAndWarningsFoundInEachFile() throws Exception {
        awaitAnalysed();
        JsonNode files = list("/logs");
        for (JsonNode file : files.values()) {
            boolean traceback = file.get("path").getStringValue().equals("categorized/server/orchestrator_job-5.err");
            assertThat(file.get("error_count").getLongValue()).as(file.get("path").getStringValue()).isEqualTo(traceback ? 1 : 0);
            assertThat(file.get("warning_count").getLongValue()).isZero();
        }
    }

    @Test
    void hasErrorsKeepsOnlyFilesWithErrors() throws Exception {
        awaitAnalysed();
        assertThat(paths(list("/logs?has_errors=true"))).containsExactly("categorized/server/orchestrator_job-5.err");
        assertThat(paths(list("/logs?has_errors=true&service=slurm"))).isEmpty();
        assertThat(list("/logs?has_errors=false").size()).isEqualTo(SampleCluster.FILES.length - 1);
    }

    @Test
    void aHasErrorsThatIsNoBooleanIs422() throws Exception {
        HttpResponse<String> response = get("/logs?has_errors=maybe");
        assertThat(response.status().getCode()).isEqualTo(422);
        assertThat(json.readValue(TestHttp.body(response), JsonNode.class).get("detail").get(0).get("type").getStringValue())
                .isEqualTo("bool_parsing");
    }

    @Test
    void listsVisibleFilesNewestFirstByTheRemoteModificationTime() throws Exception {
        assertThat(paths(list("/logs"))).containsExactly(
                "categorized/uncategorized/notes.txt",
                "categorized/slurm/job-9/slurm-9.out",
                "categorized/logs/logs-service.log",
                "categorized/monitoring/prometheus.log",
                "categorized/vllm/vllm_0.log",
                "categorized/server/orchestrator_job-5.err",
                "categorized/client/client-7.log",
                "categorized/slurm/slurm-100.out");
    }

    @Test
    void describesEachFileWithTheOriginalFields() throws Exception {
        JsonNode first = list("/logs?service=slurm&limit=1").get(0);
        assertThat(first.get("filename").getStringValue()).isEqualTo("slurm-9.out");
        assertThat(first.get("path").getStringValue()).isEqualTo("categorized/slurm/job-9/slurm-9.out");
        assertThat(first.get("size_bytes").getLongValue()).isEqualTo("SLURM_JOB_ID=9\n".length());
        assertThat(first.get("modified_time").getStringValue()).isEqualTo(
                java.time.LocalDateTime.ofInstant(java.time.Instant.parse("2025-03-01T16:00:00.250Z"), java.time.ZoneId.systemDefault())
                        .format(java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS")));
        assertThat(first.get("service").getStringValue()).isEqualTo("slurm");
    }

    @Test
    void limitsTheList() throws Exception {
        assertThat(list("/logs?limit=2").size()).isEqualTo(2);
        assertThat(list("/logs?limit=1000").size()).isEqualTo(SampleCluster.FILES.length - 1);
    }

    @Test
    void filtersByService() throws Exception {
        assertThat(paths(list("/logs?service=slurm")))
                .containsExactly("categorized/slurm/job-9/slurm-9.out", "categorized/slurm/slurm-100.out");
    }

    @Test
    void sinceAndUntilFilterOnTheRemoteModificationTimeInEveryAcceptedForm() throws Exception {
        assertThat(paths(list("/logs?since=2025-03-01T15:00:00Z"))).containsExactly(
                "categorized/uncategorized/notes.txt", "categorized/slurm/job-9/slurm-9.out",
                "categorized/logs/logs-service.log");
        assertThat(paths(list("/logs?until=2025-03-01T11:00:00%2B00:00")))
                .containsExactly("categorized/slurm/slurm-100.out");
        assertThat(list("/logs?since=1740837600").size()).as("epoch seconds: 14:00 UTC").isEqualTo(4);
        assertThat(list("/logs?since=2025-03-01T14:00:00Z&until=2025-03-01T16:00:00Z").size()).isEqualTo(2);
        assertThat(list("/logs?since=7d").size()).as("a relative bound: nothing that old is newer").isZero();
    }

    @Test
    void offsetPagesThroughTheListAndNameMatchesPartOfThePath() throws Exception {
        assertThat(paths(list("/logs?limit=2&offset=2")))
                .containsExactly("categorized/logs/logs-service.log", "categorized/monitoring/prometheus.log");
        assertThat(paths(list("/logs?name=slurm")))
                .containsExactly("categorized/slurm/job-9/slurm-9.out", "categorized/slurm/slurm-100.out");
        assertThat(paths(list("/logs?name=job-9/"))).containsExactly("categorized/slurm/job-9/slurm-9.out");
    }

    @Test
    void aBadSinceOrOffsetIs422InTheOriginalShape() throws Exception {
        HttpResponse<String> since = get("/logs?since=yesterday");
        assertThat(since.code()).isEqualTo(422);
        assertThat(TestHttp.body(since)).contains("\"loc\":[\"query\",\"since\"]");
        assertThat(get("/logs?offset=-1").code()).isEqualTo(422);
    }

    @Test
    void answersAnEmptyListForAnUnknownService() throws Exception {
        assertThat(TestHttp.body(get("/logs?service=nonsense"))).isEqualTo("[]");
        assertThat(TestHttp.body(get("/logs?service=..%2F..%2Fetc"))).isEqualTo("[]");
    }

    @ParameterizedTest(name = "limit={0} gives 422 {1}")
    @CsvSource({"0,greater_than_equal", "1001,less_than_equal", "abc,int_parsing", "-5,greater_than_equal", "1.5,int_parsing"})
    void refusesALimitOutsideOneToAThousandWith422(String limit, String type) throws Exception {
        HttpResponse<String> response = get("/logs?limit=" + limit);
        assertThat(response.status().getCode()).isEqualTo(422);
        JsonNode issue = json.readValue(TestHttp.body(response), JsonNode.class).get("detail").get(0);
        assertThat(issue.get("type").getStringValue()).isEqualTo(type);
        assertThat(issue.get("loc").get(0).getStringValue()).isEqualTo("query");
        assertThat(issue.get("loc").get(1).getStringValue()).isEqualTo("limit");
        assertThat(issue.get("input").getStringValue()).isEqualTo(limit);
    }

    @Test
    void servesTheWholeFileAsUtf8Text() {
        HttpResponse<String> response = get(content("logs/slurm-100.out"));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(response.getHeaders().get(HttpHeaders.CONTENT_TYPE)).isEqualTo("text/plain; charset=utf-8");
        assertThat(TestHttp.body(response)).isEqualTo("line 1\nline 2\nline 3\n");
        assertThat(response.getHeaders().get(HttpHeaders.ACCEPT_RANGES)).isEqualTo("bytes");
        assertThat(response.getHeaders().getAll(HttpHeaders.CACHE_CONTROL)).containsExactly("no-cache");
        assertThat(response.getHeaders().contentLength()).hasValue(21);
        assertThat(response.getHeaders().get(HttpHeaders.LAST_MODIFIED)).isEqualTo("Sat, 1 Mar 2025 10:00:00 GMT");
    }

    @Test
    void servesAFileByItsCategorizedPathAsListed() {
        assertThat(TestHttp.body(get(content("categorized/slurm/job-9/slurm-9.out")))).isEqualTo("SLURM_JOB_ID=9\n");
    }

    @Test
    void servesAHiddenFileWhenAskedByName() {
        assertThat(TestHttp.body(get(content("logs/.hidden.log")))).isEqualTo("hidden\n");
    }

    @Test
    void answers404WhenTheCategoryInThePathIsNotTheFilesCategory() {
        HttpResponse<String> response = get(content("categorized/client/slurm-100.out"));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(TestHttp.body(response)).isEqualTo("{\"detail\":\"Log file not found\"}");
    }

    @Test
    void answers404ForAnUnknownCategory() {
        assertThat(get(content("categorized/nonsense/slurm-100.out")).status().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    }

    @Test
    void answers404ForAMissingFile() {
        HttpResponse<String> response = get(content("logs/missing.log"));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(TestHttp.body(response)).isEqualTo("{\"detail\":\"Log file not found\"}");
    }

    @Test
    void answers404ForAPathOutsideLogsAndCategorized() {
        assertThat(get(content("slurm-100.out")).status().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    }

    @Test
    void answers400ForAFolder() {
        for (String folder : List.of("logs/job-9", "logs", "categorized", "categorized/slurm")) {
            HttpResponse<String> response = get(content(folder));
            assertThat(response.status().getCode()).as(folder).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(TestHttp.body(response)).as(folder).isEqualTo("{\"detail\":\"Path is not a file\"}");
        }
    }

    @Test
    void answers400ForAPathThatLeavesTheDataFolder() {
        HttpResponse<String> response = get(content("logs/../../etc/passwd"));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(TestHttp.body(response)).isEqualTo("{\"detail\":\"Invalid path\"}");
    }

    @Test
    void answers400ForAPathLongerThanAnyFileCanBeAndKeepsServing() {
        HttpResponse<String> segment = get(content("logs/" + "a".repeat(300) + ".log"));
        assertThat(segment.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(TestHttp.body(segment)).isEqualTo("{\"detail\":\"Invalid path\"}");

        HttpResponse<String> huge = get(content("logs/" + "abcdefgh/".repeat(1200) + "x.log"));
        assertThat(huge.status().getCode()).as("a request line beyond the server's limit is refused, never served")
                .isIn(HttpStatus.BAD_REQUEST.getCode(), HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode(),
                        HttpStatus.REQUEST_URI_TOO_LONG.getCode());

        assertThat(get(content("logs/slurm-100.out")).status().getCode()).isEqualTo(HttpStatus.OK.getCode());
    }

    @Test
    void answers422WhenThePathIsMissing() throws Exception {
        HttpResponse<String> response = get("/logs/content");
        assertThat(response.status().getCode()).isEqualTo(422);
        JsonNode issue = json.readValue(TestHttp.body(response), JsonNode.class).get("detail").get(0);
        assertThat(issue.get("type").getStringValue()).isEqualTo("missing");
        assertThat(issue.get("loc").get(1).getStringValue()).isEqualTo("path");
    }

    @Test
    void tailGivesExactlyTheLastLinesOfAFileEndingInANewline() {
        assertThat(TestHttp.body(get(content("logs/slurm-100.out") + "&tail=2"))).isEqualTo("line 2\nline 3\n");
        assertThat(TestHttp.body(get(content("logs/slurm-100.out") + "&tail=1"))).isEqualTo("line 3\n");
    }

    @Test
    void tailCountsAFinalLineWithoutANewline() {
        assertThat(TestHttp.body(get(content("logs/client-7.log") + "&tail=1"))).isEqualTo("c2");
    }

    @Test
    void tailLongerThanTheFileGivesTheWholeFile() {
        assertThat(TestHttp.body(get(content("logs/slurm-100.out") + "&tail=10000"))).isEqualTo("line 1\nline 2\nline 3\n");
    }

    @ParameterizedTest(name = "tail={0} gives 422")
    @CsvSource({"0", "10001", "x", "-1"})
    void refusesATailOutsideOneToTenThousandWith422(String tail) {
        assertThat(get(content("logs/slurm-100.out") + "&tail=" + tail).status().getCode()).isEqualTo(422);
    }

    @Test
    void refusesTailTogetherWithOffset() {
        assertThat(get(content("logs/slurm-100.out") + "&tail=1&offset=0").status().getCode()).isEqualTo(422);
    }

    @Test
    void offsetAndLengthGiveAByteRange() {
        HttpResponse<String> response = get(content("logs/slurm-100.out") + "&offset=7&length=6");
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(TestHttp.body(response)).isEqualTo("line 2");
        assertThat(response.getHeaders().get("X-Log-Size")).isEqualTo("21");
    }

    @Test
    void offsetAloneGivesTheRestOfTheFileAndAtTheEndNothing() {
        assertThat(TestHttp.body(get(content("logs/slurm-100.out") + "&offset=14"))).isEqualTo("line 3\n");
        HttpResponse<String> atEnd = get(content("logs/slurm-100.out") + "&offset=21");
        assertThat(atEnd.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(TestHttp.body(atEnd)).isEmpty();
    }

    @Test
    void anOffsetBeyondTheEndAnswers416() {
        HttpResponse<String> response = get(content("logs/slurm-100.out") + "&offset=22");
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.getCode());
        assertThat(response.getHeaders().get(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes */21");
    }

    @ParameterizedTest(name = "{0}={1} gives 422")
    @CsvSource({"offset,-1", "offset,x", "length,0", "length,y", "generation,0", "generation,z"})
    void refusesBadRangeParametersWith422(String name, String value) {
        assertThat(get(content("logs/slurm-100.out") + "&" + name + "=" + value).status().getCode()).isEqualTo(422);
    }

    @Test
    void aRangeHeaderGives206WithContentRange() {
        HttpResponse<String> response = TestHttp.exchange(client(),
                HttpRequest.GET(content("logs/slurm-100.out")).header(HttpHeaders.RANGE, "bytes=0-5"));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT.getCode());
        assertThat(response.getHeaders().get(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 0-5/21");
        assertThat(TestHttp.body(response)).isEqualTo("line 1");
    }

    @Test
    void aSuffixRangeGivesTheLastBytes() {
        HttpResponse<String> response = TestHttp.exchange(client(),
                HttpRequest.GET(content("logs/slurm-100.out")).header(HttpHeaders.RANGE, "bytes=-7"));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT.getCode());
        assertThat(response.getHeaders().get(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 14-20/21");
        assertThat(TestHttp.body(response)).isEqualTo("line 3\n");
    }

    @Test
    void aRangeBeyondTheEndAnswers416() {
        HttpResponse<String> response = TestHttp.exchange(client(),
                HttpRequest.GET(content("logs/slurm-100.out")).header(HttpHeaders.RANGE, "bytes=100-"));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.getCode());
        assertThat(response.getHeaders().get(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes */21");
    }

    @Test
    void aMalformedRangeHeaderIsIgnored() {
        HttpResponse<String> response = TestHttp.exchange(client(),
                HttpRequest.GET(content("logs/slurm-100.out")).header(HttpHeaders.RANGE, "lines=1-2"));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(TestHttp.body(response)).isEqualTo("line 1\nline 2\nline 3\n");
    }
}
