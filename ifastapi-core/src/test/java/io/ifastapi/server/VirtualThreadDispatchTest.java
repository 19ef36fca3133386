package io.ifastapi.server;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Requirement: each request runs on a virtual thread, never on a selector, event loop or other platform thread. */
public abstract class VirtualThreadDispatchTest extends ServerTestBase {

    @Test
    void handlersRunOnVirtualThreads() throws Exception {
        app.get("/thread", request -> Map.of(
                "virtual", Thread.currentThread().isVirtual(),
                "name", Thread.currentThread().getName()));
        app.post("/thread", request -> {
            request.body(); // reading the body must not move us to another thread
            return Map.of("virtual", Thread.currentThread().isVirtual());
        });
        start();

        for (int i = 0; i < 5; i++) { // fresh and reused connections
            var response = get("/thread");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"virtual\":true").contains("ifastapi-request-");
        }
        try (RawHttp raw = raw()) { // pipelined: the second request is parsed on the connection's virtual thread
            raw.send("GET /thread HTTP/1.1\r\nHost: x\r\n\r\nPOST /thread HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 3\r\n\r\nabc");
            assertThat(raw.read().text()).contains("\"virtual\":true");
            assertThat(raw.read().text()).contains("\"virtual\":true");
        }
    }
}
