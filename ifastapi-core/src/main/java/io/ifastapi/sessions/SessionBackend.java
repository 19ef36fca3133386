package io.ifastapi.sessions;

import io.ifastapi.json.JsonCodec;

/**
 * Where sessions live between requests: in the cookie itself ({@link CookieBackend}) or in a {@link SessionStore}
 * under an id the cookie carries ({@link StoreBackend}). SessionMiddleware owns the rest: when to load, the cookie's
 * attributes, Vary, and saving even when the handler failed.
 */
interface SessionBackend {

    /**
     * Loads the session named by the request's cookie value (null when there is none); {@code json} is the codec of
     * the app handling the request.
     */
    SessionData load(String cookieValue, Commit commit, JsonCodec json);

    /**
     * Saves what changed and returns the Set-Cookie header value to send, or null to send none.
     *
     * @param rolling true to re-issue the cookie (and refresh a store's time to live) even when nothing changed
     */
    String save(SessionData session, Commit commit, boolean rolling);

    /** True when load and save never block (no store over the network): see {@code Middleware.nonBlocking()}. */
    boolean nonBlocking();

    /** What load learnt that save needs: one per request, owned by the request's thread. */
    final class Commit {
        /** The cookie was accepted (authentic, not expired, known to the store). */
        boolean hadValidCookie;
        /** The cookie was signed with a rotated-out key and should be re-issued under the current one. */
        boolean resign;
        /** Cookie backend: the JSON the session was read from. */
        String originalJson;
        /**
         * Store backend: the id, with the stored fields as they were loaded below. Cookie backend with a revocation
         * list: the session's hidden id.
         */
        String id;
        java.util.Map<String, String> originalFields;
        /** Store backend: this is the session's first request since it was created (it is still on its short ttl). */
        boolean firstReturn;
    }
}
