package io.ifastapi.sse;

import io.ifastapi.http.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSE wire format, as FastAPI's format_sse_event writes it, and the checks of FastAPI's ServerSentEvent model. */
class ServerSentEventTest {
    private static String encoded(ServerSentEvent event) {
        return new String(event.encode(), StandardCharsets.UTF_8);
    }

    @Test
    void fieldsInFastApisOrder() {
        ServerSentEvent event = ServerSentEvent.of(Map.of("n", 1)).event("tick").id("7").retry(3000).comment("hi");
        assertThat(encoded(event)).isEqualTo(": hi\nevent: tick\ndata: {\"n\":1}\nid: 7\nretry: 3000\n\n");
    }

    @Test
    void dataIsJsonAndRawDataIsNot() {
        assertThat(encoded(ServerSentEvent.of("hello"))).isEqualTo("data: \"hello\"\n\n");
        assertThat(encoded(ServerSentEvent.raw("hello"))).isEqualTo("data: hello\n\n");
        assertThat(encoded(ServerSentEvent.of(42))).isEqualTo("data: 42\n\n");
    }

    @Test
    void everyKindOfLineEndSplitsDataAndComments() {
        assertThat(encoded(ServerSentEvent.raw("a\r\nb\rc\nd\n"))).isEqualTo("data: a\ndata: b\ndata: c\ndata: d\ndata: \n\n");
        assertThat(encoded(ServerSentEvent.ofComment("x\ny"))).isEqualTo(": x\n: y\n\n");
        assertThat(encoded(ServerSentEvent.raw(""))).isEqualTo("data: \n\n");
    }

    @Test
    void fastApisValidation() {
        assertThatThrownBy(() -> ServerSentEvent.of(1).event("a\nb")).hasMessage("SSE 'event' must be a single line");
        assertThatThrownBy(() -> ServerSentEvent.of(1).id("a\rb")).hasMessage("SSE 'id' must be a single line");
        assertThatThrownBy(() -> ServerSentEvent.of(1).id("a\0b")).hasMessage("SSE 'id' must not contain null characters");
        assertThatThrownBy(() -> ServerSentEvent.of(1).retry(-1)).hasMessageContaining("retry");
        assertThatThrownBy(() -> new ServerSentEvent("a", "b", null, null, null, null))
                .hasMessageContaining("Cannot set both data and rawData");
    }

    @Test
    void responseHeadersAsFastApi() {
        Response response = EventSourceResponse.of(sink -> sink.send("x"));
        assertThat(response.mediaType()).isEqualTo("text/event-stream; charset=utf-8");
        assertThat(response.headers().get("cache-control")).isEqualTo("no-cache");
        assertThat(response.headers().get("x-accel-buffering")).isEqualTo("no");
        assertThat(response.isStreaming()).isTrue();
    }

    @Test
    void iteratorsAndStreamsBecomeEvents() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventSourceResponse.of(List.<Object>of("a", ServerSentEvent.raw("b").event("e")).iterator()).writeBody(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("data: \"a\"\n\nevent: e\ndata: b\n\n");

        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        boolean[] closed = {false};
        EventSourceResponse.of(Stream.of(1, 2).onClose(() -> closed[0] = true)).writeBody(streamed);
        assertThat(streamed.toString(StandardCharsets.UTF_8)).isEqualTo("data: 1\n\ndata: 2\n\n");
        assertThat(closed[0]).as("the stream is closed when the response ends").isTrue();
    }

    @Test
    void pingsGoOutWhileTheProducerIsQuiet() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventSourceResponse.of(Duration.ofMillis(50), sink -> {
            sink.send("a");
            Thread.sleep(400);
            sink.send("b");
        }).writeBody(out);
        // a ping may also come before "a" when the producer's thread starts late (a loaded machine)
        assertThat(out.toString(StandardCharsets.UTF_8))
                .matches("(: ping\n\n)*data: \"a\"\n\n(: ping\n\n)+data: \"b\"\n\n");
    }

    @Test
    void aProducerFailureIsTheServersNotTheClients() {
        Response response = EventSourceResponse.of(sink -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> response.writeBody(new ByteArrayOutputStream())).hasMessage("boom");
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> EventSourceResponse.of(Duration.ofSeconds(-1), sink -> { }))
                .hasMessageContaining("pingInterval");
        assertThatThrownBy(() -> EventSourceResponse.of((EventSource) null)).hasMessageContaining("EventSource");
    }
}
