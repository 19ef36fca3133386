package io.ifastapi.server.jetty;

import io.ifastapi.internal.ConnectionLimitLog;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;

/**
 * {@link io.ifastapi.server.ServerConfig#maxConnections()}: Jetty's NetworkConnectionLimit, which stops accepting at
 * the cap (new clients wait in the listen backlog until a connection closes), plus the one log line that says so.
 */
final class LoggedConnectionLimit extends NetworkConnectionLimit {
    private final ConnectionLimitLog log;

    LoggedConnectionLimit(int max, Connector connector) {
        super(max, connector);
        this.log = new ConnectionLimitLog(max);
    }

    @Override
    protected void limit() {
        super.limit();
        log.reached();
    }
}
