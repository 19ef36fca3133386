package io.ifastapi.params;

import io.ifastapi.IFastAPI;
import io.ifastapi.server.ServerFactory;
import io.ifastapi.testclient.TestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dependencies' clean-ups over a real socket: the server runs them once the response is out, after a streamed body
 * was written, in reverse order (FastAPI 0.142's order, see {@link RouterDependenciesTest}). Run by each adapter
 * module against its server.
 */
public abstract class DependencyTeardownOverSocketSuite {

    /** The adapter under test. */
    protected abstract ServerFactory serverFactory();

    @BeforeEach
    void reset() {
        RouterDependenciesTest.EVENTS.clear();
    }

    @Test
    void theCleanUpRunsAfterTheStreamedBodyWasWritten() throws InterruptedException {
        IFastAPI app = RouterDependenciesTest.nested().server(serverFactory());
        try (TestClient client = TestClient.overNetwork(app)) {
            assertThat(client.get("/outer/inner/s").text()).isEqualTo("a");
            assertThat(client.get("/outer/inner/x").text()).isEqualTo("\"x\"");
            // The server runs the clean-ups once the response is out, which may be just after the client read it.
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (RouterDependenciesTest.EVENTS.size() < 24 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(RouterDependenciesTest.EVENTS).containsExactly(
                "open app", "open incl-outer", "open outer", "open incl-inner", "open inner", "streaming",
                "close inner", "close incl-inner", "close outer", "close incl-outer", "close app",
                "open app", "open incl-outer", "open outer", "open incl-inner", "open inner", "open param", "handler",
                "close param", "close inner", "close incl-inner", "close outer", "close incl-outer", "close app");
    }
}
