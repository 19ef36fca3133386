package io.ifastapi.server;

import io.ifastapi.http.Handler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the adapter is chosen among the providers ServiceLoader finds: a class loader that sees a services file
 * listing two providers, as an app with both ifastapi-netty and ifastapi-jetty has.
 */
class ServerProvidersTest {

    /** Stands for Netty: the higher priority (the real ones are tried together in the examples' AdapterChoiceTest). */
    public static final class Preferred extends Named {
        public Preferred() {
            super("preferred", 100);
        }
    }

    /** Stands for Jetty. */
    public static final class Other extends Named {
        public Other() {
            super("other", 50);
        }
    }

    abstract static class Named implements ServerProvider {
        private final String name;
        private final int priority;

        Named(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public ServerFactory factory() {
            return (Handler app, ServerConfig config, Runnable afterStop) -> {
                throw new IllegalStateException("started " + name);
            };
        }
    }

    private static ClassLoader seeing(Path dir, Class<?>... providers) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        StringBuilder lines = new StringBuilder();
        for (Class<?> provider : providers) {
            lines.append(provider.getName()).append('\n');
        }
        Files.writeString(services.resolve(ServerProvider.class.getName()), lines);
        return new URLClassLoader(new URL[]{dir.toUri().toURL()}, ServerProvidersTest.class.getClassLoader());
    }

    @Test
    void theHighestPriorityWinsWhateverTheOrderOfTheServicesFile(@TempDir Path dir) throws IOException {
        ClassLoader loader = seeing(dir, Other.class, Preferred.class);

        assertThat(ServerProviders.available(loader)).extracting(ServerProvider::name)
                .containsExactly("preferred", "other");
        assertThat(ServerProviders.best(loader)).isInstanceOf(Preferred.class);
    }
}
