package io.logmirror.sync.ssh;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Logging in with keys held by a real {@code ssh-agent} (started by the test on its own socket) against Debian's
 * OpenSSH server: the private key never reaches this process.
 */
class SshAgentLoginTest {

    @RegisterExtension
    static final OpenSshServerExtension sshd = new OpenSshServerExtension();

    @TempDir
    Path temp;

    private Process agent;
    private Path socket;
    private Path base;

    @BeforeEach
    void startAgent() throws Exception {
        Path binary = Path.of("/usr/bin/ssh-agent");
        if (!Files.isExecutable(binary)) {
            String message = binary + " is missing: install Debian's openssh-client to run the ssh-agent tests";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        socket = temp.resolve("agent.sock");
        agent = new ProcessBuilder(binary.toString(), "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("agent.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            if (!agent.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("ssh-agent did not start: " + Files.readString(temp.resolve("agent.log")));
            }
            Thread.sleep(20);
        }
        base = sshd.server().dir().resolve("agent-base");
        Files.createDirectories(base.resolve("logs"));
        Files.writeString(base.resolve("logs/a.log"), "hello\n");
    }

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.destroyForcibly();
        }
    }

    @Test
    void logsInWithAKeyOnlyTheAgentHolds() throws Exception {
        add(sshd.server().privateKey());

        try (SshRemoteSource source = SshRemoteSource.create(withoutFiles().agentSocket(socket).build())) {
            assertThat(source.list().files()).extracting(file -> file.path().toString()).containsExactly("a.log");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"rsa,-b 3072", "ecdsa,-b 256", "ecdsa,-b 521"})
    void anRsaOrEcdsaKeyInTheAgentLogsInRsaSigningWithSha2AsOpenSshRequires(String type, String bits) throws Exception {
        String[] extra = bits.split(" ");
        add(sshd.server().newUserKey("id_" + type + extra[1] + "_agent", type, "", true, extra));

        try (SshRemoteSource source = SshRemoteSource.create(withoutFiles().agentSocket(socket).build())) {
            assertThatCode(source::connect).doesNotThrowAnyException();
        }
    }

    @Test
    void aNamedIdentityFileStillLogsInWhenTheAgentHoldsOnlyStrangers() throws Exception {
        add(sshd.server().newUserKey("id_stranger_agent", "ed25519", "", false));

        try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).agentSocket(socket).build())) {
            assertThat(source.list().files()).hasSize(1);
        }
    }

    @Test
    void anAgentThatCannotBeReachedIsLeftOutAndTheIdentityFileLogsIn() throws Exception {
        SshSettings settings = sshd.server().settings(base).agentSocket(temp.resolve("no-agent-here.sock")).build();

        try (SshRemoteSource source = SshRemoteSource.create(settings)) {
            assertThat(source.list().files()).hasSize(1);
        }
    }

    @Test
    void aKeyTheAgentWillNotSignWithIsPassedOverForTheNextOne() throws Exception {
        // ssh-add -c: the agent must confirm each use with the user, and with no askpass program it refuses.
        add(sshd.server().newUserKey("id_confirm_agent", "ed25519", "", true), "-c");
        add(sshd.server().privateKey());

        try (SshRemoteSource source = SshRemoteSource.create(withoutFiles().agentSocket(socket).build())) {
            assertThat(source.list().files()).hasSize(1);
        }
    }

    @Test
    @Timeout(60) // a safety net against a hang, not a measure of speed
    void anAgentThatNeverAnswersIsGivenUpAfterTheConnectTimeoutAndTheIdentityFileLogsIn() throws Exception {
        Path silent = temp.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(silent));
            SshSettings settings = sshd.server().settings(base).agentSocket(silent)
                    .connectTimeout(Duration.ofSeconds(2)).build();

            try (SshRemoteSource source = SshRemoteSource.create(settings)) {
                assertThat(source.list().files()).hasSize(1);
            }
        }
    }

    @Test
    void aRefusedLoginNamesTheAgentsKeys() throws Exception {
        add(sshd.server().newUserKey("id_unknown_agent", "ed25519", "", false));
        SshSettings settings = withoutFiles().agentSocket(socket).build();

        try (SshRemoteSource source = SshRemoteSource.create(settings)) {
            assertThatThrownBy(source::connect)
                    .hasMessageContaining("refused public-key login as '" + sshd.server().user() + "'")
                    .hasMessageContaining("1 key(s) of the ssh-agent at " + socket)
                    .hasMessageContaining("authorized_keys");
        }
    }

    /**
     * Settings naming no identity file: only the agent's keys can log in (the machine's own {@code ~/.ssh/id_*}, if
     * any, are tried after them and are not in the test server's authorized_keys).
     */
    private SshSettings.Builder withoutFiles() throws IOException {
        return SshSettings.builder(sshd.server().host(), sshd.server().user())
                .port(sshd.server().port())
                .knownHosts(sshd.server().knownHosts())
                .remoteBasePath(base.toString());
    }

    private void add(Path key, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ssh-add"));
        command.addAll(List.of(options));
        command.add(key.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SSH_AUTH_SOCK", socket.toString());
        builder.environment().remove("SSH_ASKPASS");
        builder.environment().remove("DISPLAY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("ssh-add " + key + " failed: " + output);
        }
    }
}
