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
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Loki and OpenSearch sinks, started once the server listens when {@code LOKI_URL} or {@code OPENSEARCH_URL} is
 * set (docs/sinks.md), with their cursors under {@code DATA_DIR/sinks/}; closed on shutdown. Their {@link SinkStats}
 * are for metrics.
 */
@Singleton
@Bean(preDestroy = "close")
public class Sinks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sinks.class);

    private final VariableSource variables;
    private final LogMirror mirror;
    private final List<LogSink> running = new ArrayList<>();

    public Sinks(VariableSource variables, LogMirror mirror) {
        this.variables = variables;
        this.mirror = mirror;
    }

    @EventListener
    synchronized void onStartup(ServerStartupEvent event) {
        if (!running.isEmpty()) {
            return;
        }
        SinkSettings settings = SinkSettings.from(variables.variables());
        Path folder = mirror.config().dataDirectory().resolve("sinks");
        try {
            if (settings.loki().isPresent()) {
                running.add(start(LokiSink.backend(settings.loki().get()), folder.resolve("loki.cursors")));
                LOG.info("Shipping new lines to Loki at {}", settings.loki().get().pushUri());
            }
            if (settings.openSearch().isPresent()) {
                running.add(start(OpenSearchSink.backend(settings.openSearch().get()),
                        folder.resolve("opensearch.cursors")));
                LOG.info("Indexing new lines into OpenSearch at {}", settings.openSearch().get().url());
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start a sink: " + e.getMessage(), e);
        }
    }

    /** The counters of each running sink; empty when none is configured. */
    public synchronized List<SinkStats> stats() {
        return running.stream().map(LogSink::stats).toList();
    }

    private LogSink start(SinkBackend backend, Path cursors) throws IOException {
        return LogSink.start(mirror.lines(), mirror.store(), backend, CursorStore.file(cursors),
                SinkOptions.defaults());
    }

    @Override
    public synchronized void close() {
        running.forEach(LogSink::close);
        running.clear();
    }
}
