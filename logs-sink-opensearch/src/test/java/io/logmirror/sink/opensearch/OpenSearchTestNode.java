package io.logmirror.sink.opensearch;

import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.transport.TransportAddress;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node OpenSearch 2.19 running in this JVM, with the netty4 HTTP transport bound to a free port on
 * 127.0.0.1. Tests talk to it over HTTP exactly as they would to a server; nothing is mocked. Start one per test class.
 */
final class OpenSearchTestNode implements AutoCloseable {

    private final Node node;
    private final URI url;

    private OpenSearchTestNode(Node node, URI url) {
        this.node = node;
        this.url = url;
    }

    static OpenSearchTestNode start(Path home) throws Exception {
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("cluster.name", "logmirror-test")
                .put("node.name", "node-1")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", "0")
                .put("transport.port", "0")
                // A shared build machine's disk may be fuller than the default watermarks allow for new shards.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
        Node node = new PluginNode(settings, List.of(Netty4Plugin.class));
        node.start();
        TransportAddress address = node.injector().getInstance(HttpServerTransport.class).boundAddress()
                .publishAddress();
        return new OpenSearchTestNode(node, URI.create("http://" + address.getAddress() + ":" + address.getPort()));
    }

    /** The node's HTTP address, such as {@code http://127.0.0.1:41234}. */
    URI url() {
        return url;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        node.close();
        node.awaitClose(30, TimeUnit.SECONDS);
    }

    /** Node's constructor that loads plugins from the class path is protected. */
    private static final class PluginNode extends Node {
        PluginNode(Settings settings, List<Class<? extends Plugin>> plugins) {
            super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "node-1"), plugins, true);
        }

        @Override
        protected void configureNodeAndClusterIdStateListener(org.opensearch.cluster.service.ClusterService service) {
            // needs log4j-core's configuration, which the tests do not use
        }
    }
}
