package io.ifastapi.sessions;

import io.ifastapi.json.JsonCodec;
import io.ifastapi.http.HTTPException;
import io.ifastapi.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sessions kept in a {@link SessionStore}; the cookie carries only a signed random id. Each key is stored as its own
 * JSON document and only the keys a request changed are written, so two concurrent requests of one user that change
 * different keys both survive. A store that is down or slow turns a request that touches the session into a 503;
 * requests that never touch it do not notice.
 */
final class StoreBackend implements SessionBackend {
    /** Hidden field: when the session was created (epoch seconds), for the absolute lifetime. */
    static final String CREATED = "_ifastapi.created";
    /**
     * Hidden field of a session that has not come back yet: written with the new session under the short first time
     * to live, removed (with the full time to live) by the session's second request. Against floods: a client that
     * mints sessions and never returns leaves only short-lived ones behind.
     */
    static final String FIRST_VISIT = "_ifastapi.new";

    /** The 503's detail when the store fails. */
    static final String UNAVAILABLE = "Session store unavailable, please retry shortly";
    private static final Logger LOG = LoggerFactory.getLogger(SessionMiddleware.class);
    private static final long LOG_INTERVAL_NANOS = 1_000_000_000L;
    private static final long NEVER = Long.MIN_VALUE;

    private final AtomicLong lastFailureLog = new AtomicLong(NEVER);
    private final SessionStore store;
    private final SessionIdSigner signer;
    private final SessionCookie cookie;
    private final Duration ttl;
    private final Duration firstTtl;
    private final Duration absoluteLifetime;
    private final Clock clock;

    StoreBackend(SessionStore store, SessionIdSigner signer, SessionCookie cookie, Duration ttl, Duration firstTtl,
                 Duration absoluteLifetime, Clock clock) {
        this.store = store;
        this.signer = signer;
        this.cookie = cookie;
        this.ttl = ttl;
        this.firstTtl = firstTtl.compareTo(ttl) < 0 ? firstTtl : ttl;
        this.absoluteLifetime = absoluteLifetime;
        this.clock = clock;
    }

    @Override
    public boolean nonBlocking() {
        return store.nonBlocking();
    }

    @Override
    public SessionData load(String cookieValue, Commit commit, JsonCodec json) {
        SessionIdSigner.Verified verified = signer.verify(cookieValue);
        if (verified == null) {
            return SessionData.empty(json);
        }
        Map<String, String> fields = call(() -> store.load(verified.id()));
        if (fields == null) {
            return SessionData.empty(json); // unknown or expired: a fresh session, and later a new id, never the client's
        }
        if (expiredAbsolutely(fields)) {
            call(() -> {
                store.delete(verified.id());
                return null;
            });
            return SessionData.empty(json);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!field.getKey().equals(CREATED) && !field.getKey().equals(FIRST_VISIT)) {
                values.put(field.getKey(), parse(field.getValue(), json));
            }
        }
        commit.hadValidCookie = true;
        commit.resign = verified.oldKey();
        commit.id = verified.id();
        commit.originalFields = fields;
        commit.firstReturn = fields.containsKey(FIRST_VISIT);
        return new SessionData(values, verified.id(), json);
    }

    @Override
    public String save(SessionData session, Commit commit, boolean rolling) {
        if (commit.id != null && (session.isInvalidated() || session.isEmpty())) {
            String ended = commit.id;
            call(() -> {
                store.delete(ended);
                return null;
            });
        }
        if (session.isEmpty()) {
            return commit.hadValidCookie ? cookie.clearHeader() : null;
        }
        // Values put after invalidate() (a flash message at logout) start a new session, under a new id.
        String id = session.isInvalidated() ? null : commit.id;
        if (id == null) { // a new session: everything is new
            String newId = SessionIdSigner.newId();
            Map<String, String> fields = allFields(session);
            fields.put(CREATED, Long.toString(clock.instant().getEpochSecond()));
            fields.put(FIRST_VISIT, "1");
            call(() -> {
                store.save(newId, fields, Set.of(), firstTtl);
                return null;
            });
            return cookie.setHeader(signer.sign(newId));
        }
        if (session.isRegenerateIdRequested()) {
            String newId = SessionIdSigner.newId();
            Map<String, String> fields = allFields(session);
            fields.put(CREATED, commit.originalFields.getOrDefault(CREATED,
                    Long.toString(clock.instant().getEpochSecond())));
            call(() -> {
                store.save(newId, fields, Set.of(), ttl);
                store.delete(id);
                return null;
            });
            return cookie.setHeader(signer.sign(newId));
        }
        Map<String, String> upserts = new HashMap<>();
        Set<String> removals = new HashSet<>();
        Map<String, Object> values = session.plainValues();
        for (String key : session.touchedKeys()) {
            String before = commit.originalFields.get(key);
            if (!values.containsKey(key)) {
                if (before != null) {
                    removals.add(key);
                }
            } else {
                String now = Json.string(values.get(key));
                if (!now.equals(before)) {
                    upserts.put(key, now);
                }
            }
        }
        if (commit.firstReturn) {
            removals.add(FIRST_VISIT); // the session came back: it is a user's now, with the full time to live
        }
        if (!upserts.isEmpty() || !removals.isEmpty()) {
            // An update, never a save: if logout or a new id at login deleted this id while this request ran, it
            // stays deleted, and this response must not send the old id back after the clearing or new cookie.
            boolean updated = call(() -> store.update(id, upserts, removals, ttl));
            if (!updated) {
                return null;
            }
            boolean onlyPromoted = upserts.isEmpty() && removals.equals(Set.of(FIRST_VISIT));
            return onlyPromoted && !rolling && !commit.resign ? null : cookie.setHeader(signer.sign(id));
        }
        if (rolling) {
            boolean touched = call(() -> store.touch(id, ttl));
            return touched ? cookie.setHeader(signer.sign(id)) : null;
        }
        return commit.resign ? cookie.setHeader(signer.sign(id)) : null;
    }

    private boolean expiredAbsolutely(Map<String, String> fields) {
        if (absoluteLifetime == null) {
            return false;
        }
        String created = fields.get(CREATED);
        try {
            long age = clock.instant().getEpochSecond() - Long.parseLong(created);
            return age > absoluteLifetime.toSeconds();
        } catch (NumberFormatException | NullPointerException unknown) {
            return true; // no creation time: cannot prove it is young enough
        }
    }

    private static Map<String, String> allFields(SessionData session) {
        Map<String, String> fields = new HashMap<>();
        session.plainValues().forEach((key, value) -> fields.put(key, Json.string(value)));
        return fields;
    }

    private static Object parse(String field, JsonCodec json) {
        try {
            return json.read(field.getBytes(java.nio.charset.StandardCharsets.UTF_8), Object.class);
        } catch (java.io.IOException e) {
            return null; // a field we cannot read is dropped rather than failing the whole session
        }
    }

    /**
     * Runs a store operation; a store failure becomes a 503. The client gets a short, fixed message: the store's
     * own message names internal hosts and ports, so it goes to the log (at most once a second, not once per
     * request, so that an outage under load does not flood the log).
     */
    private <T> T call(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (SessionStoreException e) {
            long now = System.nanoTime();
            long last = lastFailureLog.get();
            if ((now - last >= LOG_INTERVAL_NANOS || last == NEVER) && lastFailureLog.compareAndSet(last, now)) {
                LOG.warn("Session store unavailable, answering 503: {}", e.getMessage());
            }
            throw new HTTPException(503, UNAVAILABLE);
        }
    }
}
