package io.ifastapi.http;

/**
 * An app that can tell a server adapter, before running a request, whether the request never blocks: its route
 * declared itself non-blocking ({@code Route.nonBlocking()}) and so did every middleware on its way
 * ({@link Middleware#nonBlocking()}). The Netty adapter then runs it on the event loop that read it instead of
 * handing it to a virtual thread, as FastAPI runs {@code async def} endpoints on its loop and {@code def} ones in a
 * thread pool. {@code IFastAPI} implements it.
 */
public interface NonBlockingRoutes {
    /** False when no request can run non-blocking: the adapter then does not ask {@link #runsNonBlocking}. */
    boolean hasNonBlockingRoutes();

    /**
     * Whether a request with this method and path (decoded, below this app's mount point) is served without
     * blocking. False when unsure: no route matches, a middleware may block, a mounted app cannot tell.
     */
    boolean runsNonBlocking(String method, String path);
}
