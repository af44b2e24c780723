package io.logmirror.app.config;

import com.sun.net.httpserver.HttpServer;
import io.logmirror.app.RunningService;
import io.logmirror.app.TestHttp;
import io.logmirror.core.LogMirror;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service ships its mirror's lines to Loki when LOKI_URL is set, and starts no sink when it is not. */
class SinksTest {

    @Test
    void shipsTheMirrorSLinesToTheLokiNamedByLokiUrl() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer loki = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        loki.createContext("/loki/api/v1/push", exchange -> {
            try (exchange; InputStream in = new GZIPInputStream(
                    new ByteArrayInputStream(exchange.getRequestBody().readAllBytes()))) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        loki.start();
        Path cluster = TestHttp.tempDir("sink-cluster");
        Files.writeString(cluster.resolve("slurm-5.out"), "SLURM_JOB_ID=5\nstarted\n");
        Path data = TestHttp.tempDir("sink-data");
        try (RunningService service = RunningService.start(Map.of("DATA_DIR", data.toString(),
                "LOCAL_LOGS_DIR", cluster.toString(), "CLUSTER_NAME", "c1",
                "LOKI_URL", "http://127.0.0.1:" + loki.getAddress().getPort()))) {
            service.context().getBean(LogMirror.class).syncNow();
            for (int i = 0; i < 400 && bodies.stream().noneMatch(b -> b.contains("started")); i++) {
                Thread.sleep(25);
            }
            assertThat(String.join("", bodies)).contains("\"cluster\":\"c1\"", "\"job\":\"5\"", "SLURM_JOB_ID=5",
                    "started");
            assertThat(service.context().getBean(Sinks.class).stats()).hasSize(1);
            for (int i = 0; i < 400 && !Files.exists(data.resolve("sinks/loki.cursors")); i++) {
                Thread.sleep(25);
            }
            assertThat(data.resolve("sinks/loki.cursors")).as("the sink's cursors").exists();
            String metrics = service.context().getBean(PrometheusMeterRegistry.class).scrape();
            assertThat(metrics).containsPattern("logmirror_sink_delivered_lines_total\\{sink=\"[a-z]+\"} [1-9]")
                    .contains("logmirror_sink_queue_lines{sink=", "logmirror_sink_retried_lines_total{sink=",
                            "logmirror_sink_dropped_lines_total{sink=");
        } finally {
            loki.stop(0);
        }

    }

    @Test
    void aWrongSinkVariableStopsTheStartNamingIt() throws Exception {
        Path cluster = TestHttp.tempDir("bad-sink-cluster");
        Map<String, String> variables = Map.of("DATA_DIR", TestHttp.tempDir("bad-sink").toString(),
                "LOCAL_LOGS_DIR", cluster.toString(), "LOKI_URL", "loki:3100");

        assertThatThrownBy(() -> RunningService.start(variables).close())
                .hasStackTraceContaining("LOKI_URL must be an http:// or https:// address");
    }

    @Test
    void startsNoSinkWithoutASinkUrl() throws Exception {
        Path cluster = TestHttp.tempDir("no-sink-cluster");
        try (RunningService service = RunningService.start(Map.of("DATA_DIR", TestHttp.tempDir("no-sink").toString(),
                "LOCAL_LOGS_DIR", cluster.toString()))) {
            assertThat(service.context().getBean(Sinks.class).stats()).isEmpty();
        }
    }
}
