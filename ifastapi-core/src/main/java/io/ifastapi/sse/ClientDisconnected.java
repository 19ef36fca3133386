package io.ifastapi.sse;

import java.io.IOException;

/** The client of an event stream has gone away: what {@link EventSink#send} throws from then on. */
public final class ClientDisconnected extends IOException {
    public ClientDisconnected(String message, Throwable cause) {
        super(message, cause);
    }
}
