package io.ifastapi.internal;

import java.util.ArrayDeque;

/**
 * The messages a WebSocket peer sent that the app has not received yet, shared by the server adapters: the
 * adapter's I/O thread {@link #offer}s, the connection's virtual thread {@link #take}s. Bounded by backpressure,
 * not by refusing: when {@link #offer} says the inbox is full the adapter stops reading from the socket, and
 * {@code resume} (given by the adapter) runs once the app has taken the inbox down to half, so memory per connection
 * stays within {@code capacity} messages plus what one socket read decodes.
 */
public final class WebSocketInbox {
    private final ArrayDeque<WebSocketMessage> messages = new ArrayDeque<>();
    private final int capacity;
    private final Runnable resume;
    private WebSocketMessage.Close closed;
    private boolean paused;

    /**
     * @param capacity messages held before the adapter should stop reading
     * @param resume   runs (on the app's thread) when a paused inbox has room again; the adapter resumes reading
     */
    public WebSocketInbox(int capacity, Runnable resume) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.resume = resume;
    }

    /** Adds a message; true when the inbox is now full and the adapter should pause reading. */
    public synchronized boolean offer(WebSocketMessage message) {
        if (closed != null) {
            return false; // nothing counts after the close
        }
        if (message instanceof WebSocketMessage.Close close) {
            closed = close;
        }
        messages.add(message);
        notifyAll();
        if (messages.size() >= capacity && closed == null) {
            paused = true;
        }
        return paused;
    }

    /** Records the end of the connection, unless a close came first: what {@link #take} ends with. */
    public void closed(int code, String reason) {
        offer(new WebSocketMessage.Close(code, reason));
    }

    /** Whether the peer's close (or the disconnection) has been recorded. */
    public synchronized boolean isClosed() {
        return closed != null;
    }

    /** The next message, waiting for one; the close again and again once it was taken. */
    public WebSocketMessage take() throws InterruptedException {
        WebSocketMessage message;
        boolean wake = false;
        synchronized (this) {
            while (messages.isEmpty() && closed == null) {
                wait();
            }
            message = messages.isEmpty() ? closed : messages.poll();
            if (paused && messages.size() <= capacity / 2) {
                paused = false;
                wake = true;
            }
        }
        if (wake) {
            resume.run();
        }
        return message;
    }
}
