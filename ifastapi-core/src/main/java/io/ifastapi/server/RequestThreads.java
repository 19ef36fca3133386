package io.ifastapi.server;

import java.util.concurrent.ThreadFactory;

/** The threads requests run on, in every adapter: one virtual thread per request, named for logs and dumps. */
public final class RequestThreads {
    private RequestThreads() {
    }

    /**
     * A bare factory rather than a thread-per-task executor, which would track every thread in a set for nothing.
     * Names: {@code ifastapi-request-0}, {@code -1}, ...
     */
    public static ThreadFactory factory() {
        return Thread.ofVirtual().name("ifastapi-request-", 0).factory();
    }
}
