package fr.marseille.ess.searchengine.elasticsearch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

/**
 * A single-node Elasticsearch 9 server running in this JVM, for local development and tests.
 *
 * <p>The node is built as the test framework's in-process nodes are ({@code MockNode}), with its
 * plugins given as classes on the classpath: no tarball, no modules/ directory (see
 * {@link ClasspathPluginsNode}). HTTP and transport are the real Netty 4 ones. The node is
 * constructed directly, so the production bootstrap checks (the refusal to run as root included)
 * do not apply.
 *
 * <p>Arguments: {@code [home] [port]}, or {@code SEARCH_ENGINE_HOME} and {@code SEARCH_ENGINE_PORT}.
 */
public final class ElasticsearchEngine {

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,          // HTTP and transport
        FrenchAnalysisPlugin.class); // elision, asciifolding, stemmer (light_french...), (edge_)ngram, french

    /** New indices get 0 replicas, so that they are green on this single node. */
    static final String SINGLE_NODE_TEMPLATE = "ess-single-node";

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1); // runs the shutdown hook, which closes the node if it was created
        }
    }

    private static void run(String[] args) throws Exception {
        String home = args.length > 0 ? args[0] : env("SEARCH_ENGINE_HOME", "/tmp/ess-search-engine");
        int port = Integer.parseInt(args.length > 1 ? args[1] : env("SEARCH_ENGINE_PORT", "9200"));

        Path homeDir = Paths.get(home).toAbsolutePath();
        Path nodeHome = homeDir.resolve("node");
        for (String dir : new String[] {"config", "data", "logs", "plugins", "modules"}) {
            Files.createDirectories(nodeHome.resolve(dir));
        }

        // Elasticsearch's own log4j plugins and status logger; the layout comes from log4j2.properties.
        LogConfigurator.loadLog4jPlugins();
        LogConfigurator.configureESLogging();

        Settings settings = Settings.builder()
            .put("path.home", nodeHome.toString())
            .put("path.data", nodeHome.resolve("data").toString())
            .put("path.logs", nodeHome.resolve("logs").toString())
            .put("cluster.name", "ess-search")
            .put("node.name", "ess-search-node")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            .put("transport.port", "9300-9400")
            .put("http.type", Netty4Plugin.NETTY_HTTP_TRANSPORT_NAME)
            .put("transport.type", Netty4Plugin.NETTY_TRANSPORT_NAME)
            // never turn indices read-only because the disk of a dev machine or CI is fairly full
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true)
            .build();

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, java.util.Collections.emptyMap(), nodeHome.resolve("config"), () -> "ess-search-node");
        Node node = new ClasspathPluginsNode(environment, PLUGINS);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
                LogManager.shutdown();
            }
        }, "search-engine-shutdown"));

        node.start();
        // Elasticsearch has no cluster-wide default for replicas: a catch-all index template with a
        // priority of 0 gives new indices 0 replicas (any template of the client's takes precedence).
        put(port, "/_index_template/" + SINGLE_NODE_TEMPLATE,
            "{\"index_patterns\":[\"*\"],\"priority\":0,\"template\":{\"settings\":{\"number_of_replicas\":0}}}");
        System.out.println("search-engine: Elasticsearch listening on http://127.0.0.1:" + port + " (home " + homeDir + ")");
        // Elasticsearch's own threads are daemons: keep the JVM alive until the shutdown hook has run.
        stopped.await();
    }

    private static void put(int port, String path, String json) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
