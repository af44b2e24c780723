package io.logmirror.sync.ssh;

import org.junit.jupiter.api.Assumptions;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's OpenSSH server ({@code /usr/sbin/sshd}) started by a test on a free loopback port, as the current user,
 * with its own host key, its own authorized_keys and a generated ed25519 user key, all in a temp folder.
 *
 * <p>Sessions get {@code SHLVL=5} so that Debian's bash does not source {@code ~/.bashrc} for commands (it does
 * for SSH commands otherwise); the source itself copes with a slow {@code .bashrc}, the tests should not depend on
 * the machine's.
 *
 * <p>When sshd is missing the test is skipped, except with {@code CI=true}, where it fails. Running as root needs
 * {@code /run/sshd} (created here when missing) and a root account that is not locked ({@code usermod -p '*' root}
 * unlocks it without giving it a password; {@code PermitRootLogin prohibit-password} allows the key). Running as
 * another user needs nothing more: that sshd only logs in its own user, on a high port.
 */
public final class OpenSshServer implements Closeable {

    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process process;

    private OpenSshServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts a server offering a shell and SFTP. */
    public static OpenSshServer start() throws IOException, InterruptedException {
        return start(false);
    }

    /**
     * Starts a server; {@code sftpOnly} forces {@code internal-sftp} on every session, like an account without a shell.
     */
    public static OpenSshServer start(boolean sftpOnly) throws IOException, InterruptedException {
        return start(sftpOnly ? "internal-sftp" : "");
    }

    /**
     * Starts a server whose account behaves like one with {@code /usr/sbin/nologin} as its shell: commands print
     * "This account is currently not available." and exit 1, while SFTP works.
     */
    public static OpenSshServer startWithNoLoginShell() throws IOException, InterruptedException {
        return start("NOLOGIN");
    }

    /**
     * Starts a server offering a shell and SFTP whose sessions get {@code variables} ({@code NAME=value}, sshd's
     * {@code SetEnv}), for example a {@code PATH} without some tools.
     */
    public static OpenSshServer startWithEnvironment(String... variables) throws IOException, InterruptedException {
        return start("", String.join(" ", variables));
    }

    private static OpenSshServer start(String forceCommand) throws IOException, InterruptedException {
        return start(forceCommand, "");
    }

    private static OpenSshServer start(String forceCommand, String environment) throws IOException, InterruptedException {
        requireSshd();
        Path dir = Files.createTempDirectory("openssh-test");
        if (forceCommand.equals("NOLOGIN")) {
            Path script = dir.resolve("nologin-but-sftp.sh");
            Files.writeString(script, "#!/bin/sh\ncase \"$SSH_ORIGINAL_COMMAND\" in\n"
                    + "  internal-sftp|sftp|*sftp-server) exec /usr/lib/openssh/sftp-server ;;\n"
                    + "  *) echo 'This account is currently not available.'; exit 1 ;;\nesac\n");
            script.toFile().setExecutable(true);
            forceCommand = script.toString();
        }
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-host", "-f", dir.resolve("host_ed25519").toString());
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test-user", "-f", dir.resolve("id_ed25519").toString());
        Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        if (isRoot()) {
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation folder, needed as root
        }
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            Path config = dir.resolve("sshd_config");
            Files.writeString(config, String.join("\n",
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + dir.resolve("host_ed25519"),
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "PermitRootLogin prohibit-password",
                    "AllowTcpForwarding no",
                    "X11Forwarding no",
                    "PrintMotd no",
                    "LogLevel ERROR",
                    "MaxStartups 100",
                    "MaxSessions 10", // OpenSSH's default, said here because a test depends on it
                    "Subsystem sftp internal-sftp",
                    // Debian's bash sources ~/.bashrc for commands run over SSH unless SHLVL says it is nested; a heavy
                    // or lock-taking .bashrc (pyenv on the build machine) would make every exec slow and flaky.
                    "SetEnv SHLVL=5" + (environment.isEmpty() ? "" : " " + environment),
                    forceCommand.isEmpty() ? "" : "ForceCommand " + forceCommand,
                    ""), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sshd.log").toFile())
                    .start();
            if (waitForPort(port, process)) {
                return new OpenSshServer(dir, port, process);
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            last = new IOException("sshd did not start on port " + port + ": " + Files.readString(dir.resolve("sshd.log")));
        }
        throw last;
    }

    private static void requireSshd() {
        if (Files.isExecutable(SSHD)) {
            return;
        }
        String message = SSHD + " is missing: install Debian's openssh-server (apt-get install openssh-server) to run the OpenSSH tests";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String user() {
        return System.getProperty("user.name");
    }

    public Path privateKey() {
        return dir.resolve("id_ed25519");
    }

    public Path dir() {
        return dir;
    }

    /** A known_hosts file with this server's host key, as ssh-keyscan would write it. */
    public Path knownHosts() throws IOException {
        Path file = dir.resolve("known_hosts");
        if (!Files.exists(file)) {
            Files.writeString(file, knownHostsLine() + "\n");
        }
        return file;
    }

    public String knownHostsLine() throws IOException {
        String[] pub = Files.readString(dir.resolve("host_ed25519.pub")).trim().split(" ");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1];
    }

    /** The host key's fingerprint as {@code ssh-keygen -l} prints it. */
    public String hostKeyFingerprint() throws IOException, InterruptedException {
        return run(dir, "ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve("host_ed25519.pub").toString()).split(" ")[1];
    }

    /** Generates another user key pair, authorized when {@code authorize}; {@code extra} go to ssh-keygen (e.g. -m PEM). */
    public Path newUserKey(String name, String type, String passphrase, boolean authorize, String... extra)
            throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", name,
                "-f", key.toString()));
        command.addAll(List.of(extra));
        run(dir, command.toArray(String[]::new));
        if (authorize) {
            Files.writeString(dir.resolve("authorized_keys"), Files.readString(dir.resolve(name + ".pub")),
                    java.nio.file.StandardOpenOption.APPEND);
        }
        return key;
    }

    /** Settings for this server, mirroring {@code <base>/logs}, trusting only its host key. */
    public SshSettings.Builder settings(Path base) throws IOException {
        return SshSettings.builder(host(), user())
                .port(port)
                .identityFile(privateKey())
                .knownHosts(knownHosts())
                .remoteBasePath(base.toString());
    }

    /** Kills the session processes whose command line contains {@code text}; returns how many. */
    public long killCommands(String text) {
        return process.descendants()
                .filter(p -> p.info().commandLine().map(line -> line.contains(text)).orElse(false))
                .peek(ProcessHandle::destroyForcibly)
                .count();
    }

    /** Direct children of the listening sshd: one per connection. */
    long sessionProcesses() {
        return process.children().count();
    }

    /**
     * Kills every connection's sshd process (the connections drop, their commands get a hang-up); the listener
     * stays up for new connections.
     */
    public void cutConnections() {
        process.children().forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean waitForPort(int port, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        return false;
    }
}

/** Counts the session processes of an {@link OpenSshServer} (one per open connection). */
final class OpenSshServerSessions {
    private OpenSshServerSessions() {
    }

    static long count(OpenSshServer server) {
        return server.sessionProcesses();
    }
}
