package io.ifastapi.http;

import java.util.Map;
import java.util.Set;

/**
 * A user's session ({@code request.session()}): a mutable map of JSON values, kept by SessionMiddleware in a signed
 * or encrypted cookie or in a server-side store. Values are what JSON holds (strings, numbers, booleans, null, lists
 * and maps) or any object the app's JSON codec can write (a record, say): it is stored as that JSON, so it reads back
 * as a map, or as the type again with {@link #get(String, Class)}, whichever backend keeps it.
 *
 * <p>Changes are saved by content: a nested change such as {@code ((List<Object>) session.get("cart")).add(item)} is
 * saved, and a put that writes the same value back is not.
 */
public interface Session {

    // ----- reading -----

    /** The value, or null. A list or map returned here may be changed in place; the change is saved. */
    Object get(String key);

    Object getOrDefault(String key, Object defaultValue);

    /**
     * The value converted to a type: a record, a List, an Integer... Mutating the returned object changes nothing:
     * put it back to save it. Null when absent.
     */
    <T> T get(String key, Class<T> type);

    String getString(String key);

    Integer getInt(String key);

    int getInt(String key, int defaultValue);

    Long getLong(String key);

    long getLong(String key, long defaultValue);

    Double getDouble(String key);

    Boolean getBoolean(String key);

    boolean getBoolean(String key, boolean defaultValue);

    boolean containsKey(String key);

    /** The keys, read-only. */
    Set<String> keys();

    int size();

    boolean isEmpty();

    /**
     * A read-only view of the whole session, e.g. to return it as JSON. Nested lists and maps are the session's own,
     * so every key counts as possibly changed once this is called.
     */
    Map<String, Object> asMap();

    // ----- writing -----

    /** Stores a value; the app's JSON codec must be able to write it. Returns the previous one. */
    Object put(String key, Object value);

    Object remove(String key);

    void clear();

    /**
     * Ends the session: its data is dropped and the cookie cleared; with a server-side store the stored session is
     * deleted too. Call it at logout.
     */
    void invalidate();

    /**
     * Gives the session a new id and keeps its data, deleting the old id from the store. Call it at login, against
     * session fixation. Cookie sessions have no id; for them the cookie is simply re-issued.
     */
    void regenerateId();
}
