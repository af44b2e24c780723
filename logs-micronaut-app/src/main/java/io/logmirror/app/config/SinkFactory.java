package io.logmirror.app.config;

import io.logmirror.core.LogMirror;
import io.logmirror.core.sink.CursorStore;
import io.logmirror.core.sink.LogSink;
import io.logmirror.core.sink.SinkBackend;
import io.logmirror.core.sink.SinkOptions;
import io.logmirror.core.sink.SinkStats;
import io.logmirror.sink.loki.LokiSink;
import io.logmirror.sink.opensearch.OpenSearchSink;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the Loki and OpenSearch sinks when {@code LOKI_URL} or {@code OPENSEARCH_URL} is set (docs/sinks.md), with
 * their cursors under {@code DATA_DIR/sinks/}, and closes them on shutdown before the engine.
 */
@Factory
public class SinkFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SinkFactory.class);

    /** The running sinks (none when no sink is configured); their {@link SinkStats} are for metrics. */
    public static final class Sinks implements AutoCloseable {
        private final List<LogSink> running;

        Sinks(List<LogSink> running) {
            this.running = List.copyOf(running);
        }

        public List<SinkStats> stats() {
            return running.stream().map(LogSink::stats).toList();
        }

        @Override
        public void close() {
            running.forEach(LogSink::close);
        }
    }

    @Singleton
    @Bean(preDestroy = "close")
    Sinks sinks(VariableSource variables, LogMirror mirror) {
        SinkSettings settings = SinkSettings.from(variables.variables());
        Path folder = mirror.config().dataDirectory().resolve("sinks");
        List<LogSink> running = new ArrayList<>();
        try {
            if (settings.loki().isPresent()) {
                running.add(start(mirror, LokiSink.backend(settings.loki().get()), folder.resolve("loki.cursors")));
                LOG.info("Shipping new lines to Loki at {}", settings.loki().get().pushUri());
            }
            if (settings.openSearch().isPresent()) {
                running.add(start(mirror, OpenSearchSink.backend(settings.openSearch().get()),
                        folder.resolve("opensearch.cursors")));
                LOG.info("Indexing new lines into OpenSearch at {}", settings.openSearch().get().url());
            }
        } catch (IOException e) {
            running.forEach(LogSink::close);
            throw new UncheckedIOException("cannot start a sink: " + e.getMessage(), e);
        }
        return new Sinks(running);
    }

    private static LogSink start(LogMirror mirror, SinkBackend backend, Path cursors) throws IOException {
        return LogSink.start(mirror.lines(), mirror.store(), backend, CursorStore.file(cursors),
                SinkOptions.defaults());
    }
}
