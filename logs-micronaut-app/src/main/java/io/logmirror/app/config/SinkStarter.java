package io.logmirror.app.config;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * Starts the configured sinks once the server listens (not while the context is being built, when the engine's
 * settings may still be on their way).
 */
@Singleton
public class SinkStarter {

    private final Provider<SinkFactory.Sinks> sinks;

    public SinkStarter(Provider<SinkFactory.Sinks> sinks) {
        this.sinks = sinks;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        sinks.get();
    }
}
