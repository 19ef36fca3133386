package io.ifastapi.server;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the server adapter on the class path ({@link ServerProvider}s, through {@link ServiceLoader}). Only asked
 * when an app starts serving, so building an app, or testing it in-process, needs no adapter at all.
 */
public final class ServerProviders {
    /** What to add when there is no adapter: the exception's message names the artifacts. */
    static final String NO_ADAPTER = "No server adapter on the class path: an app needs one to start serving. Add "
            + "the dependency io.ifastapi:ifastapi-standard (the core with the default Netty server), or one adapter: "
            + "io.ifastapi:ifastapi-netty or io.ifastapi:ifastapi-jetty. (Or pass a factory yourself: "
            + "app.server(JettyServer::start).)";

    private ServerProviders() {
    }

    /**
     * The factory that {@code IFastAPI} uses unless told otherwise: it looks the adapter up when a server starts
     * (each time: starts are rare, and a class path that changed between them is honoured).
     */
    public static ServerFactory discovered() {
        return (app, config, afterStop) -> best(ServerProviders.class.getClassLoader()).factory()
                .start(app, config, afterStop);
    }

    /** The providers {@code loader} sees, the preferred first (highest priority, then by name). */
    public static List<ServerProvider> available(ClassLoader loader) {
        return ServiceLoader.load(ServerProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(ServerProvider::priority).reversed()
                        .thenComparing(ServerProvider::name))
                .toList();
    }

    /**
     * The preferred provider {@code loader} sees.
     *
     * @throws IllegalStateException when there is none, naming the artifacts to add
     */
    public static ServerProvider best(ClassLoader loader) {
        List<ServerProvider> providers = available(loader);
        if (providers.isEmpty()) {
            throw new IllegalStateException(NO_ADAPTER);
        }
        return providers.getFirst();
    }
}
