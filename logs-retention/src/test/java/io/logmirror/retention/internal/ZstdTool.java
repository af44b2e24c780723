package io.logmirror.retention.internal;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The standard {@code zstd} command-line tool (Debian's package {@code zstd}), for checking that other tools read
 * our files. Missing: the test is skipped, or fails when {@code CI=true}.
 */
final class ZstdTool {

    private ZstdTool() {
    }

    static Path require() {
        Optional<Path> tool = find();
        if (tool.isEmpty()) {
            String why = "the zstd tool is not installed (apt-get install -y zstd)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + "; .ci/run installs it");
            }
            Assumptions.abort(why);
        }
        return tool.get();
    }

    private static Optional<Path> find() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder, "zstd");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs the tool with {@code arguments}; returns its standard output, or fails with its error output. */
    static byte[] run(Path tool, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(arguments));
        Path errors = Files.createTempFile("zstd-errors", ".txt");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            int status = process.waitFor();
            if (status != 0) {
                Assertions.fail(command + " exited with " + status + ": " + Files.readString(errors));
            }
            return output;
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
