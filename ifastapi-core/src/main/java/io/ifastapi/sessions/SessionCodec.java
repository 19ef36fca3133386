package io.ifastapi.sessions;

import java.util.Map;

/**
 * The format of the session cookie's value: how a session map becomes a cookie value and back. The middleware owns
 * everything else about the cookie (its name, attributes, when to send it).
 *
 * <p>Implementations must be thread-safe: one instance serves every request.
 */
public interface SessionCodec {

    /**
     * Cookie values longer than this (characters) are refused as {@link DecodeStatus#MALFORMED} without being
     * read: browsers keep at most about 4096 bytes per cookie, so anything this long was not minted by a server.
     */
    int MAX_COOKIE_CHARS = 64 * 1024;

    /**
     * The cookie value for this session, issued now (by the codec's clock).
     *
     * @throws IllegalArgumentException when a value in the session cannot be written as JSON
     */
    String encode(Map<String, ?> session);

    /**
     * The session in a cookie value. Never throws, whatever the input (null, empty, garbage, huge, tampered):
     * a cookie that cannot be used gives an empty session and a status saying why.
     */
    DecodeResult decode(String cookieValue);
}
