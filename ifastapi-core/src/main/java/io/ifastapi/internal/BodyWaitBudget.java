package io.ifastapi.internal;

import io.ifastapi.http.HTTPException;
import io.ifastapi.server.ServerConfig;

/**
 * How much longer a request body may keep the app waiting, per {@link ServerConfig#minBodyRate()}: the time spent
 * waiting for the client may reach {@link ServerConfig#headTimeout()} plus one second per {@code minBodyRate} bytes
 * received (Apache's mod_reqtimeout rule). Only time spent waiting counts, so an app slow to read its body never
 * makes its client look slow. Used by both server adapters, on the request's thread.
 */
public final class BodyWaitBudget {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long graceNanos;
    private final long minRate;
    private long waitedNanos;
    private long received;

    public BodyWaitBudget(ServerConfig config) {
        this.graceNanos = config.headTimeout().toNanos();
        this.minRate = config.minBodyRate();
    }

    /** Nanoseconds the reader may still wait for more bytes; {@code Long.MAX_VALUE} when there is no minimum. */
    public long remainingNanos() {
        if (minRate == 0) {
            return Long.MAX_VALUE;
        }
        long earned = received >= Long.MAX_VALUE / NANOS_PER_SECOND ? Long.MAX_VALUE / 2
                : received * NANOS_PER_SECOND / minRate;
        return graceNanos + earned - waitedNanos;
    }

    public void waited(long nanos) {
        waitedNanos += nanos;
    }

    public void received(long bytes) {
        received += bytes;
    }

    /** The error a body read fails with once the budget is spent: 408, and the connection closes after it. */
    public HTTPException tooSlow() {
        return new HTTPException(408, "Request body arrived slower than " + minRate + " bytes per second");
    }
}
