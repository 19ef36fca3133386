package io.ifastapi.sse;

import io.ifastapi.http.StreamingBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The body of an {@link EventSourceResponse}: runs the source on the request's thread and, beside it, a virtual
 * thread that writes a keep-alive comment when no event went out for the ping interval. Writes are serialised by a
 * lock (not a monitor: a write may block on a slow client and must not pin the carrier). The first failed write
 * means the client left: later sends throw {@link ClientDisconnected}, the producer is interrupted if it is waiting,
 * and the close callbacks run.
 */
final class EventStream implements StreamingBody {
    static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    private final EventSource source;
    private final long pingNanos;

    EventStream(EventSource source, Duration pingInterval) {
        this.source = source;
        this.pingNanos = pingInterval.toNanos();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        Sink sink = new Sink(out, Thread.currentThread());
        sink.write(null, false); // the head goes out now: the client knows the stream is open before the first event
        Thread pinger = pingNanos > 0 ? Thread.ofVirtual().name("ifastapi-sse-ping").start(() -> sink.keepAlive(pingNanos))
                : null;
        Throwable failure = null;
        try {
            source.stream(sink);
        } catch (Throwable e) {
            failure = e;
        } finally {
            sink.producerDone();
            if (pinger != null) {
                pinger.interrupt();
            }
        }
        if (!sink.isOpen()) {
            // The client left: whatever the producer threw on the way out (ClientDisconnected, the interrupt of its
            // wait) is the normal end of the stream, reported to the server as the client's failure.
            throw sink.disconnected;
        }
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("The event source was interrupted");
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IOException("The event source failed: " + failure, failure);
        }
    }

    private static final class Sink implements EventSink {
        private final ReentrantLock lock = new ReentrantLock();
        private final OutputStream out;
        private final Thread producer;
        private final List<Runnable> onClose = new ArrayList<>();
        /** Guarded by lock. */
        private boolean producing = true;
        private volatile ClientDisconnected disconnected;
        private volatile long lastWrite = System.nanoTime();

        Sink(OutputStream out, Thread producer) {
            this.out = out;
            this.producer = producer;
        }

        @Override
        public void send(ServerSentEvent event) throws ClientDisconnected {
            write(event.encode(), false);
        }

        @Override
        public boolean isOpen() {
            return disconnected == null;
        }

        @Override
        public void onClose(Runnable callback) {
            boolean runNow;
            lock.lock();
            try {
                runNow = disconnected != null;
                if (!runNow) {
                    onClose.add(callback);
                }
            } finally {
                lock.unlock();
            }
            if (runNow) {
                callback.run();
            }
        }

        /** Writes and flushes {@code bytes} (null: flush only); a ping only while the producer runs. */
        void write(byte[] bytes, boolean ping) throws ClientDisconnected {
            List<Runnable> callbacks = null;
            lock.lock();
            try {
                if (ping && !producing) {
                    return; // the response is being finished: the server's thread owns the stream now
                }
                if (disconnected != null) {
                    throw disconnected;
                }
                try {
                    if (bytes != null) {
                        out.write(bytes);
                    }
                    out.flush();
                    lastWrite = System.nanoTime();
                } catch (IOException e) {
                    disconnected = new ClientDisconnected("The client closed the event stream", e);
                    if (producing && Thread.currentThread() != producer) {
                        producer.interrupt(); // it may be blocked waiting for its next event
                    }
                    callbacks = List.copyOf(onClose);
                    onClose.clear();
                }
            } finally {
                lock.unlock();
            }
            if (callbacks != null) {
                callbacks.forEach(Runnable::run);
                throw disconnected;
            }
        }

        /** The pinger: a comment whenever nothing was written for the interval, until the stream ends. */
        void keepAlive(long intervalNanos) {
            try {
                while (isOpen() && !Thread.currentThread().isInterrupted()) {
                    long wait = lastWrite + intervalNanos - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                        continue;
                    }
                    write(PING, true);
                }
            } catch (InterruptedException | ClientDisconnected done) {
                // the stream ended, or the client left (the producer has been told)
            }
        }

        /** The producer returned: no more interrupts for its thread, which goes on to finish the response. */
        void producerDone() {
            lock.lock();
            try {
                producing = false;
            } finally {
                lock.unlock();
            }
            Thread.interrupted(); // an interrupt meant for the wait it has left
        }
    }
}
