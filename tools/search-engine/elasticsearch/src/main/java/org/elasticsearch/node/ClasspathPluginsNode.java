package org.elasticsearch.node;

import java.util.Collection;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * An Elasticsearch node whose plugins are classes on the classpath, built the way the test
 * framework's {@code MockNode} builds its nodes (same package, since the node construction hooks are
 * package-private), but without {@code MockNode}'s test-case set-up: {@code MockNode} initialises
 * {@code ESTestCase} (randomized-testing context, test entitlements), which needs a JUnit runner.
 * Only the plugin service is replaced (by the framework's {@code MockPluginsService}); every other
 * service (HTTP, transport, search, big arrays...) is Elasticsearch's real one.
 */
public final class ClasspathPluginsNode extends Node {

    public ClasspathPluginsNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(environment, null, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader loader) {
                return new MockPluginsService(env.settings(), env, plugins);
            }
        }, true));
    }
}
