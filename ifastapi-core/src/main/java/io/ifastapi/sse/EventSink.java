package io.ifastapi.sse;

/** Where an {@link EventSource} sends its events; safe to use from several threads (writes are serialised). */
public interface EventSink {
    /**
     * Sends one event and flushes it to the client.
     *
     * @throws ClientDisconnected when the client has gone: stop producing
     */
    void send(ServerSentEvent event) throws ClientDisconnected;

    /** Sends {@code data} as the JSON data of an unnamed event ({@code message} in the browser). */
    default void send(Object data) throws ClientDisconnected {
        send(data instanceof ServerSentEvent event ? event : ServerSentEvent.of(data));
    }

    /** A comment line, ignored by clients. */
    default void comment(String text) throws ClientDisconnected {
        send(ServerSentEvent.ofComment(text));
    }

    /** False once the client has gone (a write failed). */
    boolean isOpen();

    /**
     * Runs {@code callback} once when the client goes away (found by a failed send or keep-alive), on the thread
     * that found it; runs it at once if it has gone already. Not run when the stream simply ends.
     */
    void onClose(Runnable callback);
}
