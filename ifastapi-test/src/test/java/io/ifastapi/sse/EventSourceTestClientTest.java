package io.ifastapi.sse;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TestClient reads a finite event stream whole, in-process, as FastAPI's TestClient does (over a socket:
 * EventStreamSuite, run by each adapter).
 */
class EventSourceTestClientTest {
    private static IFastAPI app() {
        IFastAPI app = new IFastAPI();
        app.post("/chat", request -> EventSourceResponse.of(sink -> {
            sink.send(ServerSentEvent.of(Map.of("token", "Hel")).event("token"));
            sink.send(ServerSentEvent.of(Map.of("token", "lo")).event("token"));
            sink.send(ServerSentEvent.raw("[DONE]").event("end"));
        }));
        return app;
    }

    @Test
    void inProcess() {
        {
            try (TestClient client = new TestClient(app())) {
                TestResponse response = client.request("POST", "/chat").send();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("content-type")).isEqualTo("text/event-stream; charset=utf-8");
                assertThat(response.text()).isEqualTo("""
                        event: token
                        data: {"token":"Hel"}

                        event: token
                        data: {"token":"lo"}

                        event: end
                        data: [DONE]

                        """);
            }
        }
    }
}
