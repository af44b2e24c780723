package io.logmirror.app;

import io.logmirror.app.config.AppSettings;
import io.logmirror.app.config.Categorizers;
import io.logmirror.app.config.InvalidSettingsException;
import io.logmirror.app.config.VariableSource;
import io.logmirror.core.Categorizer;
import io.micronaut.http.server.exceptions.ServerStartupException;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.exceptions.ApplicationStartupException;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the logs service. The variables are checked before Micronaut starts, so a bad value stops start-up
 * with one clear message per variable (exit status 2) instead of a stack trace; so does a {@code PORT} that is already
 * in use, which only shows when the server binds it.
 */
@OpenAPIDefinition(info = @Info(title = "Logs Service", version = "1.0.0",
        description = "Mirrors the HPC cluster's log folder and serves it by category: the original logs service's API, "
                + "with byte ranges, earlier generations and sync progress added."))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        VariableSource variables;
        AppSettings settings;
        Categorizer categorizer;
        try {
            variables = VariableSource.fromProcess();
            settings = AppSettings.from(variables.variables());
            categorizer = Categorizers.load(settings);
        } catch (InvalidSettingsException e) {
            System.err.println("logs-service: cannot start, the configuration is not valid:");
            e.problems().forEach(problem -> System.err.println("  - " + problem));
            System.err.println("See docs/configuration.md for every variable and its allowed values.");
            System.exit(2);
            return;
        } catch (UncheckedIOException e) {
            System.err.println("logs-service: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            Micronaut.build(args)
                    .mainClass(Application.class)
                    // What was just read and checked is what the service runs with: the .env files and a CATEGORY_RULES
                    // file are read once, not again by MirrorFactory.
                    .singletons(variables, categorizer)
                    .properties(Map.of("micronaut.server.port", settings.port()))
                    // Exit status 0 from a mapper makes Micronaut throw instead of logging a stack trace and exiting,
                    // so that a port already in use gets one line naming PORT, as every other bad setting does.
                    .mapError(ServerStartupException.class, e -> 0)
                    .mapError(ApplicationStartupException.class, e -> 0)
                    .start();
        } catch (ApplicationStartupException e) {
            Optional<String> portProblem = ServerStartFailure.explain(e, settings.port());
            if (portProblem.isPresent()) {
                System.err.println(portProblem.get());
                System.exit(2);
            }
            e.printStackTrace();
            System.exit(1);
        }
    }
}
