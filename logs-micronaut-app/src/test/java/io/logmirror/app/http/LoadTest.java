package io.logmirror.app.http;

import io.logmirror.app.SampleCluster;
import io.logmirror.app.TestHttp;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 concurrent clients for 10 seconds on loopback while syncs keep running against a slow, growing remote:
 * no request may fail. Bounded in time; it asserts no timing, only that every answer was a success.
 */
@MicronautTest
class LoadTest extends DemoAppTest {

    static final Path DATA = TestHttp.tempDir("load");
    static final FakeRemote REMOTE = SampleCluster.create();
    static final int CLIENTS = 200;
    static final Duration RUN = Duration.ofSeconds(10);

    static {
        for (int i = 0; i < 300; i++) {
            REMOTE.write("job-" + i + "/slurm-" + i + ".out", "SLURM_JOB_ID=" + i + "\n".repeat(1 + i % 7));
        }
    }

    @Inject
    EmbeddedServer server;

    LoadTest() {
        super(DATA, REMOTE);
    }

    @Test
    void twoHundredConcurrentClientsGetNoFailureWhileSyncsRun() throws Exception {
        mirror().syncNow();
        long syncsBefore = mirror().status().successfulSyncs();
        String base = "http://127.0.0.1:" + server.getPort();
        List<String> uris = List.of("/logs?limit=50", "/status", "/logs/content?path=logs/slurm-100.out&tail=2",
                "/services/stats", "/health", "/logs?service=slurm&limit=10", "/logs/content?path=logs/job-7/slurm-7.out");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(8)).build();
        AtomicLong successes = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + RUN.toNanos();

        ExecutorService syncer = Executors.newSingleThreadExecutor();
        REMOTE.slowReads(Duration.ofMillis(2));
        syncer.submit(() -> {
            int round = 0;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 20; i++) {
                    REMOTE.append("job-" + ((round * 20 + i) % 300) + "/slurm-x.out", "round " + round + "\n");
                }
                try {
                    mirror().syncNow();
                } catch (Exception e) {
                    failures.add("sync: " + e);
                }
                round++;
            }
            return null;
        });

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch done = new CountDownLatch(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            int id = c;
            clients.submit(() -> {
                try {
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        String uri = uris.get((id + n++) % uris.size());
                        try {
                            HttpResponse<String> response = client.send(
                                    HttpRequest.newBuilder(URI.create(base + uri)).timeout(Duration.ofSeconds(30)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 200) {
                                successes.incrementAndGet();
                            } else {
                                failures.add(uri + " -> " + response.statusCode() + " " + response.body());
                            }
                        } catch (Exception e) {
                            failures.add(uri + " -> " + e);
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(RUN.toSeconds() + 60, TimeUnit.SECONDS)).as("clients finished").isTrue();
        clients.shutdown();
        syncer.shutdown();
        assertThat(syncer.awaitTermination(60, TimeUnit.SECONDS)).as("sync loop finished").isTrue();
        REMOTE.clearFaults();

        assertThat(failures).as("failed requests (of " + successes.get() + " successes)").isEmpty();
        assertThat(successes.get()).isPositive();
        assertThat(mirror().status().successfulSyncs()).as("syncs ran during the load").isGreaterThan(syncsBefore);
    }
}
