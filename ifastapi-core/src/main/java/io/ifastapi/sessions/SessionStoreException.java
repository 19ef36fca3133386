package io.ifastapi.sessions;

/**
 * A {@link SessionStore} could not do its work: the backend is down, unreachable, too slow or refused the
 * command. Unchecked because a handler can do nothing better than let it through; the session middleware
 * answers it with HTTP 503 Service Unavailable. The message says what failed and what to check; it never
 * contains a session id.
 */
public class SessionStoreException extends RuntimeException {

    public SessionStoreException(String message) {
        super(message);
    }

    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
