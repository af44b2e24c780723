package io.logmirror.sync.ssh.internal;

import org.junit.jupiter.api.Test;

import javax.net.SocketFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SshjConfigTest {

    @Test
    void everySocketOfTheFactoryHasNoDelayAndKeepAliveWhicheverOverloadMadeIt() throws Exception {
        SocketFactory factory = new SshjConfig.NoDelaySocketFactory();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 8, loopback)) {
            int port = server.getLocalPort();
            List<Socket> sockets = new ArrayList<>();
            try {
                sockets.add(factory.createSocket());
                sockets.add(factory.createSocket(loopback.getHostAddress(), port));
                sockets.add(factory.createSocket(loopback.getHostAddress(), port, loopback, 0));
                sockets.add(factory.createSocket(loopback, port));
                sockets.add(factory.createSocket(loopback, port, loopback, 0));

                for (Socket socket : sockets) {
                    assertThat(socket.getTcpNoDelay()).as("TCP_NODELAY of %s", socket).isTrue();
                    assertThat(socket.getKeepAlive()).as("SO_KEEPALIVE of %s", socket).isTrue();
                }
                assertThat(sockets.subList(1, sockets.size())).allSatisfy(socket ->
                        assertThat(socket.isConnected()).as("connected to port %d", port).isTrue());
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void prefersTheJdksAesCiphers() {
        assertThat(SshjConfig.cipherNames()).startsWith("aes128-gcm@openssh.com", "aes128-ctr");
    }
}
