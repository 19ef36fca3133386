package io.ifastapi.server.jetty;

import io.ifastapi.server.ServerConfig;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@link ServerConfig#headTimeout()} for Jetty, which has no deadline for a request head (its idle timeout restarts
 * with every byte, so a slowloris client trickling a head holds the connection forever). Each connection is looked
 * at every quarter of the timeout: a head seen in progress (the parser past its start, no new request parsed) for
 * the whole timeout gets a 408 with the JSON error and the connection is closed. So the 408 comes between the
 * timeout and 1.25 times it after the head's first byte. Connections waiting for their next request (parser at its
 * start) are left to the idle timeout.
 */
final class HeadDeadline implements Connection.Listener {
    private final long timeoutNanos;
    private final long periodNanos;
    private final Scheduler scheduler;

    HeadDeadline(ServerConfig config, Scheduler scheduler) {
        this.timeoutNanos = config.headTimeout().toNanos();
        this.periodNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(20), timeoutNanos / 4);
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        if (timeoutNanos > 0 && connection instanceof HttpConnection http) {
            new Watch(http).schedule();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        // the watch sees the closed end point and stops
    }

    /** One connection's watch: which request it saw in progress, and since when. */
    private final class Watch implements Runnable {
        private final HttpConnection connection;
        private long messages = -1;
        private long since;

        Watch(HttpConnection connection) {
            this.connection = connection;
        }

        void schedule() {
            scheduler.schedule(this, periodNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            EndPoint endPoint = connection.getEndPoint();
            if (!endPoint.isOpen()) {
                return;
            }
            boolean inHead = connection.getParser().inHeaderState() && !connection.getParser().isStart();
            long now = System.nanoTime();
            if (!inHead) {
                messages = -1;
            } else if (messages != connection.getMessagesIn()) {
                messages = connection.getMessagesIn();
                since = now - periodNanos; // it started at most one period ago: count that period
            } else if (now - since >= timeoutNanos) {
                timeOut(endPoint);
                return;
            }
            schedule();
        }

        private void timeOut(EndPoint endPoint) {
            String body = "{\"detail\":\"Request head not received within "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms\"}";
            String response = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
            try {
                endPoint.write(Callback.from(endPoint::close, failure -> endPoint.close()),
                        ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
            } catch (RuntimeException writePending) { // a response is being written after all: just close
                endPoint.close();
            }
        }
    }
}
