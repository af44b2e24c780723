package io.logmirror.app;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Application#main} run as the jar runs it: in a JVM of its own, with its output and exit status. */
class ApplicationTest {

    private record Exit(int status, String stderr, String stdout) { }

    private static Exit runMain(Path workingFolder, String... environment) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Application.class.getName()).directory(workingFolder.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SSH_") || name.equals("LOGS_MODE")
                || name.equals("DATA_DIR") || name.equals("PORT") || name.equals("CATEGORY_RULES"));
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Path stdout = Files.createTempFile(workingFolder, "stdout", ".txt");
        Path stderr = Files.createTempFile(workingFolder, "stderr", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the service did not stop within 120 s; stderr: " + Files.readString(stderr));
        }
        return new Exit(process.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8),
                Files.readString(stdout, StandardCharsets.UTF_8));
    }

    @Test
    void aPortAlreadyInUseStopsStartUpWithOneLineNamingPortAndNoStackTrace() throws Exception {
        Path folder = TestHttp.tempDir("port-taken");
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();

            Exit exit = runMain(folder, "PORT", String.valueOf(port), "LOGS_MODE", "offline",
                    "DATA_DIR", folder.resolve("data").toString());

            assertThat(exit.status()).as("exit status; stderr: " + exit.stderr()).isEqualTo(2);
            List<String> errorLines = exit.stderr().lines().toList();
            assertThat(errorLines).as("stderr").containsExactly("logs-service: cannot start: port " + port
                    + " is already in use (PORT=" + port + "); stop the program that holds it (for example another "
                    + "logs-service) or set PORT to a free port");
            assertThat(exit.stdout() + exit.stderr()).doesNotContain("\tat ", "Exception");
        }
    }

    @Test
    void aBadPortValueStopsStartUpBeforeTheServerStarts() throws Exception {
        Path folder = TestHttp.tempDir("port-bad");

        Exit exit = runMain(folder, "PORT", "eighty", "LOGS_MODE", "offline", "DATA_DIR", folder.resolve("data").toString());

        assertThat(exit.status()).isEqualTo(2);
        assertThat(exit.stderr()).contains("PORT='eighty' is not allowed").doesNotContain("\tat ");
    }
}
