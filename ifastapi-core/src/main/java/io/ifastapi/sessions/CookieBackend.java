package io.ifastapi.sessions;

import io.ifastapi.http.HTTPException;
import io.ifastapi.json.JsonCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sessions kept in the cookie itself, in the format of a {@link SessionCodec} (Starlette's signed cookie by
 * default). A change is judged by content: the session's JSON at the end of the request against the JSON it was
 * read from, so nested changes are saved and a write of the same value is not.
 *
 * <p>With a revocation list ({@code SessionMiddleware.Builder.revocations}), each session also carries a hidden random
 * id, {@value #SESSION_ID}, and a session that ends (invalidate, regenerateId, or emptied as by Starlette's
 * {@code session.clear()} at logout) has that id written to the list for the cookie's max age. A cookie whose id is
 * listed reads as no session, so the old session cannot come back, not even from a slow request's late Set-Cookie.
 */
final class CookieBackend implements SessionBackend {
    /** The hidden field of a revocable cookie session: a random id, the key of its revocation entry. */
    static final String SESSION_ID = "_ifastapi.sid";

    private final SessionCodec codec;
    private final SessionCookie cookie;
    private final SessionStore revocations;
    private final Duration revocationTtl;

    CookieBackend(SessionCodec codec, SessionCookie cookie) {
        this(codec, cookie, null, null);
    }

    /** {@code revocations} null: no revocation list, the cookie is Starlette's to the byte. */
    CookieBackend(SessionCodec codec, SessionCookie cookie, SessionStore revocations, Duration revocationTtl) {
        this.codec = codec;
        this.cookie = cookie;
        this.revocations = revocations;
        this.revocationTtl = revocationTtl;
    }

    /** The cookie alone never blocks; a revocation list blocks when its store does. */
    @Override
    public boolean nonBlocking() {
        return revocations == null || revocations.nonBlocking();
    }

    @Override
    public SessionData load(String cookieValue, Commit commit, JsonCodec json) {
        DecodeResult result = codec.decode(cookieValue);
        // Only a cookie that held something is worth clearing: one holding {} (Starlette never mints it) that stays
        // empty is no change, whatever the handler called.
        commit.hadValidCookie = result.isValid() && !result.session().isEmpty();
        commit.resign = result.signedWithOldKey() && result.isValid();
        commit.originalJson = result.payloadJson();
        Map<String, Object> values = result.session();
        if (revocations != null && result.isValid()) {
            Object id = values.remove(SESSION_ID);
            if (id instanceof String sid) {
                if (call(() -> revocations.load(sid)) != null) {
                    // Ended at logout or login: an empty session, and the cookie is cleared.
                    commit.hadValidCookie = true;
                    commit.originalJson = null;
                    return new SessionData(new LinkedHashMap<>(), null, json);
                }
                commit.id = sid;
            }
        }
        return new SessionData(values, null, json);
    }

    @Override
    public String save(SessionData session, Commit commit, boolean rolling) {
        Map<String, Object> values = session.plainValues();
        if (revocations != null) {
            values = withRevocableId(session, values, commit);
        }
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

    /**
     * Revokes the session's id when the session ends or gets a new id, and returns the values to write: with the
     * session's id (a new one after regenerateId or for a new session), or empty when the session ended.
     */
    private Map<String, Object> withRevocableId(SessionData session, Map<String, Object> values, Commit commit) {
        boolean ends = values.isEmpty() || session.isInvalidated() || session.isRegenerateIdRequested();
        if (commit.id != null && ends) {
            String ended = commit.id;
            call(() -> {
                revocations.save(ended, Map.of("revoked", "1"), Set.of(), revocationTtl);
                return null;
            });
        }
        if (values.isEmpty()) {
            return values;
        }
        Map<String, Object> withId = new LinkedHashMap<>(values);
        withId.put(SESSION_ID, commit.id != null && !ends ? commit.id : SessionIdSigner.newId());
        return withId;
    }

    private static <T> T call(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SessionStoreException e) {
            throw new HTTPException(503, StoreBackend.UNAVAILABLE);
        }
    }

    /** Whether the session's JSON now says something else than the JSON it was read from. */
    static boolean changed(String now, String original) {
        if (now.equals(original)) {
            return false;
        }
        // Same content in another key order (a key removed and put back) is no change either. Such a text has the
        // same length: PythonJson writes each value one way, as Python's json.dumps does for the cookies Starlette
        // mints. So texts of different lengths changed, without parsing both (a counter changes on every request).
        // A cookie written by a foreign JSON writer (other spacing) is then re-issued once, with the same content.
        if (now.length() != original.length()) {
            return true;
        }
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
