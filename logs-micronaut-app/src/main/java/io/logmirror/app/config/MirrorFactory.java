package io.logmirror.app.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.logmirror.app.demo.DemoRemote;
import io.logmirror.core.Categorizer;
import io.logmirror.core.LogMirror;
import io.logmirror.core.LogMirrorConfig;
import io.logmirror.core.RemoteSource;
import io.logmirror.sync.ssh.SshRemoteSource;
import io.logmirror.sync.ssh.SshSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Maps {@link AppSettings} onto the core's configuration and opens the engine. Nothing else in the app knows
 * which variable feeds which setting.
 */
@Factory
public class MirrorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(MirrorFactory.class);

    /** The process's variables; tests replace this bean with a fixed map. */
    @Singleton
    @Secondary
    VariableSource variables() {
        return VariableSource.fromProcess();
    }

    @Singleton
    AppSettings settings(VariableSource variables) {
        Map<String, String> values = variables.variables();
        AppSettings settings = AppSettings.from(values);
        if (values.containsKey("LOG_LEVEL")) {
            // Unset, logback.xml's level (INFO, the documented default) stays; tests keep logback-test.xml's.
            applyLogLevel(settings.logLevel());
        }
        return settings;
    }

    /** The categorizer the settings ask for; {@code Application.main} registers the one it already loaded instead. */
    @Singleton
    @Secondary
    Categorizer categorizer(AppSettings settings) {
        return Categorizers.load(settings);
    }

    @Singleton
    @Secondary
    RemoteSource remoteSource(AppSettings settings) {
        return switch (settings.mode()) {
            case SSH -> SshRemoteSource.create(sshSettings(settings));
            case LOCAL -> LocalSources.of(settings.localLogsDir().orElseThrow());
            case DEMO -> DemoRemote.start();
            case OFFLINE -> new NoRemoteSource();
        };
    }

    @Singleton
    @Bean(preDestroy = "close")
    LogMirror logMirror(AppSettings settings, RemoteSource source, Categorizer categorizer) {
        LogMirrorConfig config = LogMirrorConfig.builder(settings.dataDir(), source)
                .categorizer(categorizer)
                .syncInterval(settings.syncInterval())
                .build();
        try {
            return LogMirror.open(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data folder " + settings.dataDir() + " (DATA_DIR): "
                    + e.getMessage() + "; check that it exists or can be created and that this user may write to it", e);
        }
    }

    /** The SSH source's settings: the one mapping from variables to {@link SshSettings}. */
    static SshSettings sshSettings(AppSettings settings) {
        SshSettings.Builder builder = SshSettings.builder(settings.sshHost().orElseThrow(), settings.sshUser().orElseThrow())
                .port(settings.sshPort())
                .remoteBasePath(settings.remoteBasePath())
                .knownHosts(settings.knownHosts())
                .hostKeyPolicy(settings.hostKeyPolicy())
                .compression(settings.sshCompression())
                .transferCompression(settings.sshTransferCompression())
                .channels(settings.sshChannels())
                .connections(settings.sshConnections());
        settings.sshKeyPath().ifPresent(builder::identityFile);
        settings.sshKeyPassphrase().ifPresent(secret -> builder.passphrase(secret.value().toCharArray()));
        return builder.build();
    }

    static void applyLogLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
        } else {
            LOG.debug("LOG_LEVEL={} not applied: logging is not done by logback here", level);
        }
    }
}
