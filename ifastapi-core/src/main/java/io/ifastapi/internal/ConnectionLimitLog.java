package io.ifastapi.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line a server writes when its {@code maxConnections} is reached, shared by both adapters. A flood keeps
 * the server at its cap, going under and back over it with every connection that closes; one line a minute at most
 * says what is going on without filling the log.
 */
public final class ConnectionLimitLog {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitLog.class);
    private static final long QUIET_NANOS = 60_000_000_000L;

    private final int max;
    private long lastLogged;
    private boolean logged;

    public ConnectionLimitLog(int max) {
        this.max = max;
    }

    /** The cap was reached: logs, unless it did so less than a minute ago. */
    public synchronized void reached() {
        long now = System.nanoTime();
        if (!logged || now - lastLogged >= QUIET_NANOS) {
            logged = true;
            lastLogged = now;
            LOG.warn("Connection limit reached: {} open connections (ServerConfig.maxConnections); new connections "
                    + "wait in the listen backlog until one closes", max);
        }
    }
}
