package io.logmirror.app;

import io.micronaut.http.server.exceptions.ServerStartupException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ServerStartFailureTest {

    @Test
    void aPortInUseIsExplainedInOneLineNamingPortAndThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            BindException bind = catchThrowableOfType(BindException.class, () -> {
                try (ServerSocket second = new ServerSocket()) {
                    second.bind(new InetSocketAddress(port));
                }
            });
            Exception wrapped = new RuntimeException("Error starting Micronaut server",
                    new ServerStartupException("Unable to start Micronaut server on *:" + port, bind));

            assertThat(ServerStartFailure.explain(wrapped, port)).hasValueSatisfying(message -> assertThat(message)
                    .contains("port " + port + " is already in use", "PORT=" + port)
                    .doesNotContain("\n"));
        }
    }

    @Test
    void anotherBindFailureNamesPortAndTheReason() {
        Exception error = new ServerStartupException("Unable to start", new BindException("Permission denied"));

        assertThat(ServerStartFailure.explain(error, 80)).hasValueSatisfying(message -> assertThat(message)
                .contains("cannot listen on port 80 (PORT=80): Permission denied", "1024 or above"));
    }

    @Test
    void aFailureThatIsNotAboutThePortIsNotExplainedAway() {
        Exception error = new ServerStartupException("Unable to start", new IllegalStateException("some bean failed"));

        assertThat(ServerStartFailure.explain(error, 8004)).isEmpty();
    }
}
