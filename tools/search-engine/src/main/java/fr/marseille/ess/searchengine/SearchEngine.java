package fr.marseille.ess.searchengine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch server running in this JVM, for local development and tests.
 *
 * <p>Plugins are loaded from the classpath (no plugins/ or modules/ directories, no tarball).
 * The Node is constructed directly, so none of the production bootstrap checks (including the
 * refusal to run as root) apply.
 *
 * <p>Configuration: {@code SEARCH_ENGINE_PORT} (HTTP port, default 9200) and
 * {@code SEARCH_ENGINE_HOME} (directory for data and logs, default /tmp/ess-search-engine),
 * or the arguments {@code [home] [port]}.
 */
public final class SearchEngine {

    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,          // HTTP and transport
        CommonAnalysisPlugin.class,  // french analyzer, elision, asciifolding, stemmer, (edge_)ngram...
        PainlessPlugin.class,        // scripts
        MapperExtrasPlugin.class,    // search_as_you_type, scaled_float, rank_feature, token_count
        ReindexPlugin.class);        // _reindex, _update_by_query, _delete_by_query

    /** Node exposes the classpath-plugins constructor only to subclasses. */
    private static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

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
            // never turn indices read-only because the disk of a dev machine or CI is fairly full
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put("action.auto_create_index", true)
            .build();

        Environment environment =
            InternalSettingsPreparer.prepareEnvironment(settings, Collections.emptyMap(), null, () -> "ess-search-node");
        Node node = new EmbeddedNode(environment, PLUGINS);

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
        // A single node can hold no replica. This default is read from the cluster state (not
        // from node settings), so set it there: new indices get 0 replicas and health is green.
        node.client().admin().cluster().prepareUpdateSettings()
            .setPersistentSettings(Settings.builder().put("cluster.default_number_of_replicas", 0))
            .get();
        System.out.println("search-engine: OpenSearch listening on http://127.0.0.1:" + port + " (home " + homeDir + ")");
        // OpenSearch's own threads are daemons: keep the JVM alive until the shutdown hook has run.
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
