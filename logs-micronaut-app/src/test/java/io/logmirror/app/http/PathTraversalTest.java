package io.logmirror.app.http;

import io.logmirror.app.TestHttp;
import io.logmirror.fakecluster.FakeRemote;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends a corpus of traversal attempts to the running server over a raw socket (so that nothing normalizes the
 * request on the way) and checks that none of them reads a byte outside the data folder: not a secret file next
 * to it, not a sibling folder whose name starts with the data folder's name, not what a symlink planted inside
 * the data folder points to, not {@code /etc/passwd}.
 */
@MicronautTest
class PathTraversalTest extends DemoAppTest {

    static final String SECRET = "TOP-SECRET-" + UUID.randomUUID();
    static final Path BASE = TestHttp.tempDir("traversal");
    static final Path DATA = BASE.resolve("data");
    static final FakeRemote REMOTE = FakeRemote.named("traversal");

    static {
        try {
            Files.writeString(BASE.resolve("secret.txt"), SECRET + "\n");
            Path evil = Files.createDirectories(BASE.resolve("data-evil").resolve("logs"));
            Files.writeString(evil.resolve("slurm-100.out"), SECRET + " in a sibling folder\n");
            Files.createDirectories(evil.getParent().resolve("categorized").resolve("slurm"));
            Files.writeString(evil.getParent().resolve("categorized").resolve("slurm").resolve("slurm-100.out"), SECRET + "\n");
            // Planted before the service starts, so the store's start-up scan meets them.
            Path logs = Files.createDirectories(DATA.resolve("logs"));
            Files.createSymbolicLink(logs.resolve("planted.log"), BASE.resolve("secret.txt"));
            Files.createSymbolicLink(logs.resolve("planted-dir"), evil);
            Files.createSymbolicLink(logs.resolve("planted-passwd.out"), Path.of("/etc/passwd"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        REMOTE.write("slurm-100.out", "legit content\n");
    }

    @Inject
    EmbeddedServer server;

    PathTraversalTest() {
        super(DATA, REMOTE);
    }

    @BeforeEach
    void syncedAndPlanted() throws Exception {
        mirror().syncNow();
        Path late = DATA.resolve("logs").resolve("late.log");
        if (!Files.exists(late, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // Planted while the service runs, after the index was built.
            Files.createSymbolicLink(late, BASE.resolve("secret.txt"));
            Path categorized = Files.createDirectories(DATA.resolve("categorized").resolve("slurm"));
            Files.createSymbolicLink(categorized.resolve("planted.out"), BASE.resolve("secret.txt"));
        }
    }

    record Answer(int status, String text) {
    }

    private Answer raw(String target) {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] statusLine = text.split("\r\n", 2)[0].split(" ");
            return new Answer(statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1, text);
        } catch (IOException e) {
            // A server that drops a hostile request reads nothing either.
            return new Answer(-1, "");
        }
    }

    static List<String> corpus() {
        String abs = BASE.resolve("secret.txt").toString();
        List<String> paths = List.of(
                "../secret.txt",
                "logs/../../secret.txt",
                "logs/../../etc/passwd",
                "logs/../../../../../../../../etc/passwd",
                "%2e%2e/secret.txt",
                "%2E%2E%2Fsecret.txt",
                "logs/%2e%2e/%2e%2e/secret.txt",
                "logs%2f..%2f..%2fsecret.txt",
                "logs/..%2f..%2fsecret.txt",
                "..%2fsecret.txt",
                "%252e%252e/secret.txt",
                "%252e%252e%252fsecret.txt",
                "logs/%252e%252e/%252e%252e/secret.txt",
                "..%5c..%5csecret.txt",
                "logs%5c..%5c..%5csecret.txt",
                "logs\\..\\..\\secret.txt",
                "/etc/passwd",
                "%2fetc%2fpasswd",
                "//etc/passwd",
                abs,
                abs.replace("/", "%2f"),
                "logs/slurm-100.out%00../../secret.txt",
                "logs/%00",
                "%00",
                "logs/slurm-100.out%00",
                "../data-evil/logs/slurm-100.out",
                "logs/../../data-evil/logs/slurm-100.out",
                "categorized/../../data-evil/categorized/slurm/slurm-100.out",
                "../data-evil/categorized/slurm/slurm-100.out",
                "logs/planted.log",
                "logs/planted-dir/slurm-100.out",
                "logs/planted-passwd.out",
                "categorized/slurm/planted-passwd.out",
                "logs/late.log",
                "categorized/slurm/planted.out",
                "categorized/uncategorized/planted.log",
                "categorized/slurm/../../../secret.txt",
                "logs/./../secret.txt",
                "logs//../secret.txt",
                "logs/..;/..;/secret.txt",
                "%c0%ae%c0%ae/secret.txt",
                "..%c0%af..%c0%afsecret.txt",
                "logs/%e0%80%ae%e0%80%ae/secret.txt",
                "....//....//secret.txt",
                "logs/....//....//secret.txt",
                "logs/.%2e/.%2e/secret.txt");
        List<String> targets = new ArrayList<>();
        for (String path : paths) {
            targets.add("/logs/content?path=" + path);
            targets.add("/logs/content?path=" + path + "&tail=5");
            targets.add("/logs/content?tail=5&path=" + path + "&offset=0");
        }
        targets.addAll(List.of(
                "/logs/../../secret.txt",
                "/%2e%2e/%2e%2e/secret.txt",
                "/logs/content/..%2f..%2fsecret.txt",
                "/swagger-ui/res/../../../../../../etc/passwd",
                "/swagger-ui/res/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/swagger-ui/res/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
                "/swagger-ui/res/" + abs.replace("/", "%2f"),
                "/docs/..%2f..%2fsecret.txt",
                "/docs/%2e%2e/%2e%2e/etc/passwd"));
        return targets;
    }

    @Test
    void theServerWorksForALegitimatePathSoTheCorpusIsMeaningful() {
        Answer answer = raw("/logs/content?path=logs/slurm-100.out");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).endsWith("legit content\n");
    }

    @Test
    void noTraversalAttemptReadsAnythingOutsideTheDataFolder() {
        List<String> leaks = new ArrayList<>();
        for (String target : corpus()) {
            Answer answer = raw(target);
            boolean leaked = answer.text().contains(SECRET) || answer.text().contains("root:x:0:0")
                    || answer.status() == 200 || answer.status() == 206;
            if (leaked) {
                leaks.add(target + " -> " + answer.status());
            }
        }
        assertThat(leaks).as("requests that were answered with content or leaked a secret").isEmpty();
    }

    @Test
    void hostilePathsAnswer400Or404() {
        for (String target : corpus()) {
            Answer answer = raw(target);
            assertThat(answer.status()).as(target).isIn(-1, 400, 404, 422);
        }
    }

    @Test
    void aDotDotPathAnswersInvalidPath() {
        Answer answer = raw("/logs/content?path=logs/../../etc/passwd");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).endsWith("{\"detail\":\"Invalid path\"}");
    }

    @Test
    void aSymlinkPlantedInTheDataFolderIsNotFollowed() {
        for (String path : List.of("logs/planted.log", "logs/late.log", "categorized/slurm/planted.out",
                "logs/planted-passwd.out", "logs/planted-dir/slurm-100.out")) {
            Answer answer = raw("/logs/content?path=" + path);
            assertThat(answer.status()).as(path).isEqualTo(404);
        }
    }
}
