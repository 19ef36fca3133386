package io.ifastapi.sessions;

import io.ifastapi.json.JsonCodec;
import java.util.Map;

/**
 * Sessions kept in the cookie itself, in the format of a {@link SessionCodec} (Starlette's signed cookie by
 * default). A change is judged by content: the session's JSON at the end of the request against the JSON it was
 * read from, so nested changes are saved and a write of the same value is not.
 */
final class CookieBackend implements SessionBackend {
    private final SessionCodec codec;
    private final SessionCookie cookie;

    CookieBackend(SessionCodec codec, SessionCookie cookie) {
        this.codec = codec;
        this.cookie = cookie;
    }

    @Override
    public SessionData load(String cookieValue, Commit commit, JsonCodec json) {
        DecodeResult result = codec.decode(cookieValue);
        // Only a cookie that held something is worth clearing: one holding {} (Starlette never mints it) that stays
        // empty is no change, whatever the handler called.
        commit.hadValidCookie = result.isValid() && !result.session().isEmpty();
        commit.resign = result.signedWithOldKey() && result.isValid();
        commit.originalJson = result.payloadJson();
        return new SessionData(result.session(), null, json);
    }

    @Override
    public String save(SessionData session, Commit commit, boolean rolling) {
        Map<String, Object> values = session.plainValues();
        if (values.isEmpty()) {
            // Starlette clears the cookie when a session that came in non-empty is now empty, and sends nothing
            // otherwise.
            return commit.hadValidCookie ? cookie.clearHeader() : null;
        }
        String json = null; // the session's JSON once the change check has written it, so encoding does not again
        if (!rolling && !commit.resign && !session.isRegenerateIdRequested()) {
            if (session.touchedKeys().isEmpty() && !session.wasCleared()) {
                return null; // nothing was written or handed out: the fast path of a read-only request
            }
            if (commit.originalJson != null) {
                json = PythonJson.dumps(values);
                if (!changed(json, commit.originalJson)) {
                    return null;
                }
            } // else a new session with something in it
        }
        String header = cookie.setHeader(encode(values, json));
        if (header.length() > SessionCookie.BROWSER_LIMIT) {
            throw new SessionTooLargeException(cookie.name(), header.length());
        }
        return header;
    }

    /** Whether the session's JSON now says something else than the JSON it was read from. */
    static boolean changed(String now, String original) {
        if (now.equals(original)) {
            return false;
        }
        // Same content in another key order (a key removed and put back) is no change either.
        return !PythonJson.parse(now).equals(PythonJson.parse(original));
    }

    private String encode(Map<String, Object> values, String json) {
        if (json != null) {
            if (codec instanceof SignedCookieCodec signed) {
                return signed.encodeJson(json);
            }
            if (codec instanceof EncryptedCookieCodec encrypted) {
                return encrypted.encodeJson(json);
            }
        }
        return codec.encode(values);
    }
}
