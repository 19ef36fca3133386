package io.ifastapi.sse;

import io.ifastapi.http.Response;

import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A Server-Sent Events response ({@code text/event-stream}), as FastAPI's {@code EventSourceResponse}: the
 * {@link EventSource} runs on the request's virtual thread and sends events as they happen; each one is flushed to
 * the client at once. Like FastAPI, it sends {@code Cache-Control: no-cache} and {@code X-Accel-Buffering: no} (so
 * nginx passes events on instead of buffering them), and a {@code : ping} comment whenever no event went out for the
 * ping interval (15 s by default, FastAPI's), which keeps proxies from closing an idle stream and finds clients that
 * left. GZipMiddleware leaves event streams alone.
 *
 * <pre>{@code
 * app.get("/ticks", request -> EventSourceResponse.of(sink -> {
 *     for (int i = 0; ; i++) {
 *         sink.send(ServerSentEvent.of(Map.of("n", i)).event("tick").id(Integer.toString(i)));
 *         Thread.sleep(1000);
 *     }
 * }));
 * }</pre>
 *
 * The producer learns that the client left when {@code send} throws {@link ClientDisconnected} (or its blocking wait
 * is interrupted); {@link EventSink#onClose} registers a callback for it.
 */
public final class EventSourceResponse {
    /** Starlette adds the charset to text types; so do we. */
    public static final String MEDIA_TYPE = "text/event-stream; charset=utf-8";
    /** FastAPI's {@code _PING_INTERVAL}. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(15);

    private EventSourceResponse() {
    }

    /** An event stream from {@code source}, with a keep-alive comment after 15 s without an event. */
    public static Response of(EventSource source) {
        return of(DEFAULT_PING_INTERVAL, source);
    }

    /**
     * An event stream from {@code source}, with a keep-alive comment after {@code pingInterval} without an event
     * ({@link Duration#ZERO}: none).
     */
    public static Response of(Duration pingInterval, EventSource source) {
        if (source == null) {
            throw new IllegalArgumentException("EventSourceResponse needs an EventSource");
        }
        if (pingInterval == null || pingInterval.isNegative()) {
            throw new IllegalArgumentException("pingInterval must be a duration >= 0 (0 = no keep-alive comments)");
        }
        return Response.stream(MEDIA_TYPE, new EventStream(source, pingInterval))
                .header("cache-control", "no-cache")
                .header("x-accel-buffering", "no");
    }

    /**
     * One event per element, as FastAPI does for a generator: a {@link ServerSentEvent} as it is, anything else as
     * the JSON data of an unnamed event. The iterator may block for its next element.
     */
    public static Response of(Iterator<?> events) {
        return of(sink -> {
            while (events.hasNext()) {
                sink.send(events.next());
            }
        });
    }

    /** As {@link #of(Iterator)}; the stream is closed when the response ends, also when the client left. */
    public static Response of(Stream<?> events) {
        return of(sink -> {
            try (events) {
                Iterator<?> it = events.iterator();
                while (it.hasNext()) {
                    sink.send(it.next());
                }
            }
        });
    }
}
