package io.logmirror.app.metrics;

import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.app.http.DemoAppTest;
import io.logmirror.core.LogEntry;
import io.logmirror.core.LogQuery;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

@MicronautTest
class MetricsControllerTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("metrics-controller");
    static final FakeRemote REMOTE = SampleCluster.create();

    MetricsControllerTest() {
        super(DATA, REMOTE);
    }

    private String scrape() {
        HttpResponse<String> response = TestHttp.exchange(client(), HttpRequest.GET("/metrics"));
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/plain; version=0.0.4");
        return TestHttp.body(response);
    }

    @Test
    void aSyncShowsInTheDurationHistogramTheTransferCountersAndTheCategoryGauges() throws Exception {
        mirror().syncNow();
        // Every file counts as transferred, hidden ones too (category totals leave those out).
        List<LogEntry> all = mirror().store().list(LogQuery.newest(1000).withHidden());
        long files = all.size();
        long bytes = all.stream().mapToLong(LogEntry::size).sum();
        String text = awaitLine(line -> line.startsWith("logmirror_sync_duration_seconds_count ") && value(line) >= 1);
        text = awaitLine(line -> line.startsWith("logmirror_transferred_files_total ") && value(line) >= files);
        assertThat(text).contains("logmirror_sync_duration_seconds_bucket{le=");
        assertThat(valueOf(text, "logmirror_transferred_files_total")).isEqualTo(files);
        assertThat(valueOf(text, "logmirror_transferred_bytes_total")).isEqualTo(bytes);
        assertThat(text).contains("logmirror_category_files{category=\"slurm\"}");
        assertThat(text).contains("logmirror_category_size_bytes{category=\"uncategorized\"}");
        assertThat(text).contains("logmirror_sync_failures_total{kind=\"sync\"} 0.0");
        assertThat(text).contains("logmirror_remote_lag_seconds ");
    }

    @Test
    void requestsAreTimedPerEndpoint() {
        TestHttp.exchange(client(), HttpRequest.GET("/logs?limit=1"));
        String text = scrape();
        assertThat(text).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/logs\"");
    }

    @Test
    void searchesAreTimed() throws Exception {
        mirror().syncNow();
        assertThat(TestHttp.exchange(client(), HttpRequest.GET("/logs/search?q=line")).code()).isEqualTo(200);
        String text = awaitLine(line -> line.startsWith("logmirror_search_duration_seconds_count{"));
        assertThat(text).containsPattern("logmirror_search_duration_seconds_count\\{stopped=\"completed\"} [1-9]");
    }

    @Test
    void promtoolAcceptsTheOutput() throws Exception {
        mirror().syncNow();
        TestHttp.exchange(client(), HttpRequest.GET("/logs?limit=1"));
        TestHttp.exchange(client(), HttpRequest.GET("/logs/search?q=line"));
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("promtool is missing: .ci/run installs Debian's 'prometheus' package, which has it");
            }
            assumeThat(false).as("promtool (Debian package 'prometheus') is not installed").isTrue();
        }
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(scrape().getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(said).isZero();
        assertThat(said).as("promtool's lint findings").isBlank();
    }

    private String awaitLine(java.util.function.Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String text = scrape();
        while (text.lines().noneMatch(wanted) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            text = scrape();
        }
        return text;
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static long valueOf(String text, String name) {
        return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToLong(line -> (long) value(line)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the scrape:\n" + text));
    }
}
