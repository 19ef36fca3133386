package io.ifastapi.sse;

import io.ifastapi.IFastAPI;
import io.ifastapi.testclient.TestClient;
import io.ifastapi.testclient.TestResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The TestClient reads a finite event stream whole, in-process as over a socket (FastAPI's TestClient does too). */
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
    void inProcessAndOverTheNetwork() {
        for (TestClient client : new TestClient[]{new TestClient(app()), TestClient.overNetwork(app())}) {
            try (client) {
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
