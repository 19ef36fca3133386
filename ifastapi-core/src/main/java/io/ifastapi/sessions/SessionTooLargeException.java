package io.ifastapi.sessions;

/**
 * The session no longer fits in a cookie. Browsers silently drop cookies over about 4 KB (RFC 6265 only promises
 * 4096 bytes), which would log the user out without a trace, so SessionMiddleware fails loudly instead.
 */
public final class SessionTooLargeException extends IllegalStateException {
    private final int size;

    public SessionTooLargeException(String cookieName, int size) {
        super("The session cookie '" + cookieName + "' would be " + size + " bytes, over the "
                + SessionCookie.BROWSER_LIMIT + " bytes browsers keep; they would drop it silently. Store less in "
                + "the session (ids rather than objects), or keep sessions on the server: "
                + "SessionMiddleware.builder().store(new MemorySessionStore()) (or RedisSessionStore for several "
                + "machines); see docs/sessions.md, 'Choosing where sessions live'.");
        this.size = size;
    }

    public int size() {
        return size;
    }
}
