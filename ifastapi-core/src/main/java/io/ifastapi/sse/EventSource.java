package io.ifastapi.sse;

/**
 * What produces a stream of Server-Sent Events: it runs on the request's virtual thread, may block between events
 * as it likes, and sends each event to the sink. Returning ends the stream. When the client leaves, the sink's next
 * {@code send} throws {@link ClientDisconnected} (and a producer blocked waiting for its next event is interrupted),
 * so the producer stops there and its {@code finally} blocks and try-with-resources release what it holds.
 */
@FunctionalInterface
public interface EventSource {
    void stream(EventSink sink) throws Exception;
}
