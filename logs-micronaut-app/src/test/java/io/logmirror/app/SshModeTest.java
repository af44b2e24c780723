package io.logmirror.app;

import io.logmirror.app.config.VariableSource;
import io.logmirror.testkit.sftp.EmbeddedSftpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service in SSH mode, configured only through the documented variables, against the testkit's embedded
 * SFTP server: the whole path from {@code SSH_*} variables to served content.
 */
class SshModeTest {

    private Path cluster;
    private EmbeddedSftpServer sftp;
    private EmbeddedServer server;

    @BeforeEach
    void cluster() throws Exception {
        cluster = TestHttp.tempDir("ssh-cluster");
        Files.createDirectories(cluster.resolve("logs").resolve("job-1"));
        Files.writeString(cluster.resolve("logs").resolve("job-1").resolve("slurm-1.out"), "SLURM_JOB_ID=1\nstep 1\n");
        Files.writeString(cluster.resolve("logs").resolve("vllm_0.log"), "INFO engine ready\n");
        sftp = EmbeddedSftpServer.start(cluster);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.getApplicationContext().close();
        }
        sftp.close();
    }

    private Map<String, String> sshVariables() {
        Map<String, String> variables = new HashMap<>();
        variables.put("SSH_HOST", sftp.host());
        variables.put("SSH_PORT", Integer.toString(sftp.port()));
        variables.put("SSH_USER", sftp.user());
        variables.put("REMOTE_BASE_PATH", sftp.remoteBasePath());
        variables.put("SSH_KEY_PATH", sftp.privateKey().toString());
        variables.put("SSH_KNOWN_HOSTS", sftp.knownHosts().toString());
        variables.put("DATA_DIR", TestHttp.tempDir("ssh-data").toString());
        variables.put("SYNC_INTERVAL", "3600");
        return variables;
    }

    private void start(Map<String, String> variables) {
        ApplicationContext context = ApplicationContext.builder()
                .singletons((VariableSource) () -> variables)
                .properties(Map.of("micronaut.server.port", -1))
                .start();
        server = context.getBean(EmbeddedServer.class).start();
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mirrorsTheClusterOverSshFromTheVariablesAlone() throws Exception {
        start(sshVariables());
        HttpResponse<String> trigger = call("POST", "/sync/trigger");
        assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(200);
        assertThat(trigger.body()).contains("\"slurm\":1", "\"vllm\":1");
        assertThat(call("GET", "/health").body()).contains("\"ssh_configured\":true");
        assertThat(call("GET", "/status").body()).contains("\"mode\":\"ssh\"", "\"last_error\":null");
        assertThat(call("GET", "/logs/content?path=categorized/slurm/job-1/slurm-1.out&tail=1").body()).isEqualTo("step 1\n");
    }

    @Test
    void anUnknownHostKeyFailsTheSyncAndShowsInStatusAndHealth() throws Exception {
        Map<String, String> variables = sshVariables();
        Path otherKnownHosts = Files.writeString(TestHttp.tempDir("known").resolve("known_hosts"),
                "[" + sftp.host() + "]:" + sftp.port() + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");
        variables.put("SSH_KNOWN_HOSTS", otherKnownHosts.toString());
        start(variables);
        HttpResponse<String> trigger = call("POST", "/sync/trigger");
        assertThat(trigger.statusCode()).isEqualTo(500);
        assertThat(trigger.body()).startsWith("{\"detail\":\"Sync failed: ");
        assertThat(call("GET", "/status").body()).contains("\"failed_syncs\":").doesNotContain("\"last_error\":null");
        HttpResponse<String> health = call("GET", "/management/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
        assertThat(health.body()).contains("\"remote\"", "\"reachable\":false");
        assertThat(call("GET", "/health").statusCode()).isEqualTo(200);
    }
}
