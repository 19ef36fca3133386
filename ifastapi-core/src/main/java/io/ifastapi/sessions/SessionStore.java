package io.ifastapi.sessions;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Where server-side sessions live: the session cookie carries only a signed random id, the data stays here.
 *
 * <p>A session is a set of fields, each a key and one JSON document as text. Stores keep strings only, so a
 * session never shares a mutable Java object between two requests. The middleware writes per field: it passes
 * only the keys a request changed, so two concurrent requests of one user that change different keys both
 * survive.
 *
 * <p>A session with no fields does not exist: {@link #load} returns {@code null} for it, exactly as for an id
 * that was never saved. (A Redis hash cannot be empty, and the middleware has nothing to restore anyway.)
 *
 * <p>Every method must be safe to call from many threads at once, also for the same id, and must return or
 * fail within a bounded time. When the backend is unreachable or too slow, methods throw
 * {@link SessionStoreException}, which the middleware answers with HTTP 503. Session ids are bearer secrets:
 * implementations should not log them or put them in exception messages.
 *
 * <p>Writing a store (JDBC, say) takes these five methods; run {@code SessionStoreContractTest} from
 * ifastapi-core's test-jar against it: it checks, among the rest, that an update never recreates a deleted session.
 */
public interface SessionStore extends AutoCloseable {

    /**
     * Reads a session.
     *
     * @param id the session id from the cookie
     * @return the session's fields (key to JSON text) as an unmodifiable snapshot, or {@code null} when the id
     *     is unknown, expired or has no fields. Loading does not extend the time to live.
     * @throws SessionStoreException when the backend cannot answer in time
     */
    Map<String, String> load(String id);

    /**
     * Writes a new session, or changes some fields of one, in one atomic step: sets {@code upserts}, removes
     * {@code removals}, leaves every other field as it is, creates the session if absent and (re)sets its idle time
     * to live. The middleware calls it only for a session id it has just minted (a new session, or the new id of
     * {@link io.ifastapi.http.Session#regenerateId}); a store may treat a session so created as on probation (see
     * {@link #update}) until its first update. Concurrent saves of one session never lose each other's fields; when
     * two of them set the same field, one value wins whole. A field in both arguments ends up removed. If no field
     * is left, the session is deleted. The store copies what it keeps: changing the arguments afterwards has no
     * effect on it. Applying the same save twice leaves the same session as applying it once (a retried save is
     * safe).
     *
     * @param id the session id
     * @param upserts fields to set, key to JSON text (no null keys or values)
     * @param removals keys to remove; unknown keys are ignored
     * @param ttl how long the session lives without being saved or touched; positive
     * @throws IllegalArgumentException when {@code ttl} is zero or negative
     * @throws SessionStoreException when the backend cannot answer in time; the save may or may not have
     *     been applied
     */
    void save(String id, Map<String, String> upserts, Set<String> removals, Duration ttl);

    /**
     * Changes some fields of an <em>existing</em> session, atomically, as {@link #save} does, but never creates one:
     * when the id is unknown, expired or deleted, nothing is written and the answer is false. This is what keeps a
     * session ended by logout ({@link #delete}) or by a new id at login from coming back: a slow request of the old
     * id that saves after the delete finds no session and writes nothing. The existence check and the write must be
     * one atomic step (a Redis script, a conditional {@code UPDATE ... WHERE id = ?}); a load-then-save would let the
     * delete slip in between. The session leaves probation, if the store keeps one. Applying the same update twice
     * leaves the same session as applying it once, so a retried update is safe.
     *
     * @return true when the session existed and the change was applied, false when there was no such session
     * @throws IllegalArgumentException when {@code ttl} is zero or negative
     * @throws SessionStoreException when the backend cannot answer in time; the update may or may not have
     *     been applied
     */
    boolean update(String id, Map<String, String> upserts, Set<String> removals, Duration ttl);

    /**
     * Restarts the idle time to live of an existing session, for requests that read it without changing it.
     * Does nothing when the id is unknown or already expired (it never resurrects a session).
     *
     * @param id the session id
     * @param ttl the new time to live, counted from now; positive
     * @return true when the session existed, false when there was none to touch
     * @throws IllegalArgumentException when {@code ttl} is zero or negative
     * @throws SessionStoreException when the backend cannot answer in time
     */
    boolean touch(String id, Duration ttl);

    /**
     * Deletes a session, e.g. on logout. Does nothing when the id is unknown.
     *
     * @param id the session id
     * @throws SessionStoreException when the backend cannot answer in time
     */
    void delete(String id);

    /**
     * True when every method answers without I/O or long waits (an in-memory store), so that a SessionMiddleware
     * over this store may run on the server's event loop for non-blocking routes. False by default: a store over
     * the network (Redis, JDBC) blocks.
     */
    default boolean nonBlocking() {
        return false;
    }

    /** Releases connections and threads; a closed store must not be used again. */
    @Override
    default void close() {}
}
