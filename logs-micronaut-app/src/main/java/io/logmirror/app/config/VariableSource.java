package io.logmirror.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the service's variables ({@code SSH_HOST}, {@code DATA_DIR}, ...) come from. The running service
 * uses {@link #fromProcess()}: {@code .env}, then {@code .env.local} (which overrides it) in the working
 * folder, then the process environment, which wins over both. Tests replace this bean with a fixed map.
 */
@FunctionalInterface
public interface VariableSource {

    /** Every variable, merged; never null. */
    Map<String, String> variables();

    /** The process's variables: environment over {@code .env.local} over {@code .env}, read from the working folder. */
    static VariableSource fromProcess() {
        Map<String, String> merged = merge(Path.of("").toAbsolutePath(), System.getenv());
        return () -> merged;
    }

    /** {@code environment} over {@code folder/.env.local} over {@code folder/.env}. */
    static Map<String, String> merge(Path folder, Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        try {
            merged.putAll(DotEnv.read(folder.resolve(".env")));
            merged.putAll(DotEnv.read(folder.resolve(".env.local")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the .env files in " + folder + ": " + e.getMessage()
                    + "; fix their permissions or remove them", e);
        }
        merged.putAll(environment);
        return Map.copyOf(merged);
    }
}
