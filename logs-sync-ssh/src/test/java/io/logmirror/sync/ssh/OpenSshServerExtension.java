package io.logmirror.sync.ssh;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;

/**
 * One {@link OpenSshServer} for all the tests of a class: started before the first, closed after the last
 * (starting sshd with fresh keys takes a moment, and the tests of a class do not disturb each other's folders).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OpenSshServerExtension sshd = new OpenSshServerExtension();
 *
 * @Test
 * void logsIn() throws Exception {
 *     try (SshRemoteSource source = SshRemoteSource.create(sshd.server().settings(base).build())) { ... }
 * }
 * }</pre>
 */
public final class OpenSshServerExtension implements BeforeAllCallback, AfterAllCallback {

    private OpenSshServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        server = OpenSshServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server. */
    public OpenSshServer server() {
        if (server == null) {
            throw new IllegalStateException("the OpenSSH server runs only while the test class does: register the "
                    + "extension on a static field with @RegisterExtension");
        }
        return server;
    }
}
