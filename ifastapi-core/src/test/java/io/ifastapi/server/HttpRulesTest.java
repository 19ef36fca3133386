package io.ifastapi.server;

import io.ifastapi.http.Headers;
import io.ifastapi.http.Request;
import io.ifastapi.http.Response;
import io.ifastapi.http.URL;
import io.ifastapi.internal.ServerRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules every adapter shares, checked once here; the server suites check them again on the wire. */
class HttpRulesTest {

    private static Request request(String method) {
        return new ServerRequest(method, new URL("http", "testserver", 80, "/", ""), new Headers(), null, null);
    }

    @Test
    void theDetailOfA4xxIsKeptAndA5xxOnlyGivesItsReason() {
        assertThat(new String(HttpRules.errorBody(400, "No Host"), StandardCharsets.UTF_8))
                .isEqualTo("{\"detail\":\"No Host\"}");
        assertThat(new String(HttpRules.errorBody(400, " "), StandardCharsets.UTF_8))
                .isEqualTo("{\"detail\":\"Bad Request\"}");
        assertThat(new String(HttpRules.errorBody(500, "java.lang.NullPointerException: secret"),
                StandardCharsets.UTF_8)).isEqualTo("{\"detail\":\"Internal Server Error\"}");
    }

    @Test
    void aHeadKeepsTheLengthOfABodyInMemory() {
        Response head = AppInvoker.respond(request -> Response.text("hello"), request("HEAD"));

        assertThat(head.body()).isEmpty();
        assertThat(head.isStreaming()).isFalse();
        assertThat(head.headers().get("content-length")).isEqualTo("5");
        assertThat(head.headers().get("content-type")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void aHeadNeverRunsAStream() {
        AtomicBoolean ran = new AtomicBoolean();
        Response head = AppInvoker.respond(request -> Response.stream("text/plain", out -> ran.set(true)),
                request("HEAD"));

        assertThat(ran).isFalse();
        assertThat(head.isStreaming()).isFalse();
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().contains("content-length")).isFalse();
    }

    @Test
    void aGetKeepsItsBodyAndAFailingOrSilentHandlerIsA500() {
        assertThat(AppInvoker.respond(request -> Response.text("hello"), request("GET")).body())
                .isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(AppInvoker.respond(request -> null, request("GET")).status()).isEqualTo(500);
        Response failed = AppInvoker.respond(request -> {
            throw new IllegalStateException("boom");
        }, request("GET"));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(new String(failed.body(), StandardCharsets.UTF_8)).isEqualTo("Internal Server Error");
    }
}
