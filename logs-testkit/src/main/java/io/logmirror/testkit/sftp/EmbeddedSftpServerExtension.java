package io.logmirror.testkit.sftp;

import io.logmirror.testkit.internal.Folders;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JUnit 5 extension that starts a fresh {@link EmbeddedSftpServer} before each test, serving a new temp folder
 * that already holds an empty {@code logs/} folder, and stops it after the test. Inject it as a test-method (or
 * constructor) parameter:
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedSftpServerExtension.class)
 * class MyTest {
 *     @Test
 *     void readsWhatTheServerHolds(EmbeddedSftpServer server) throws IOException {
 *         Files.writeString(server.root().resolve("logs/a.log"), "hello\n");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>One server per test: tests stay independent and may run in parallel.
 */
public final class EmbeddedSftpServerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedSftpServerExtension.class);
    private static final String KEY = "server";

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        Started started = context.getStore(NAMESPACE).remove(KEY, Started.class);
        if (started != null) {
            try {
                started.server.close();
            } finally {
                Folders.deleteTree(started.root);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedSftpServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return server(context);
        } catch (IOException e) {
            throw new ParameterResolutionException("cannot start the embedded SFTP server: " + e.getMessage(), e);
        }
    }

    private static EmbeddedSftpServer server(ExtensionContext context) throws IOException {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Started started = store.get(KEY, Started.class);
        if (started == null) {
            Path root = Files.createTempDirectory("embedded-sftp-root");
            Files.createDirectories(root.resolve("logs"));
            started = new Started(EmbeddedSftpServer.start(root), root);
            store.put(KEY, started);
        }
        return started.server;
    }

    private record Started(EmbeddedSftpServer server, Path root) {
    }
}
