package io.ifastapi.sessions;

import io.ifastapi.json.Json;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's session: a mutable map of JSON-serialisable values ({@code request.session()}). Values are what JSON
 * holds: strings, numbers, booleans, null, lists and maps, and any object Jackson can write (a record, say), which
 * reads back as a map or, with {@link #get(String, Class)}, as the type again.
 *
 * <p>The session remembers which keys may have changed (put, removed, or handed out as a list or map the caller
 * may mutate); SessionMiddleware compares those values with what came in and saves only a real change. So a nested
 * change such as {@code ((List<Object>) session.get("cart")).add(item)} is saved, and a put that writes the same
 * value back is not (Starlette judges by method calls, and gets both wrong).
 */
public final class Session {
    private final Map<String, Object> values;
    private final Set<String> touchedKeys = new HashSet<>();
    private final String id;
    private boolean cleared;
    private boolean invalidated;
    private boolean regenerateId;

    /** A session holding these values (taken over, not copied); {@code id} is null for cookie sessions. */
    public Session(Map<String, Object> values, String id) {
        this.values = values;
        this.id = id;
    }

    public static Session empty() {
        return new Session(new LinkedHashMap<>(), null);
    }

    // ----- reading -----

    /** The value, or null. A list or map returned here may be changed in place; the change is saved. */
    public Object get(String key) {
        Object value = values.get(key);
        if (value instanceof Map || value instanceof List || !isPlain(value)) {
            touchedKeys.add(key);
        }
        return value;
    }

    public Object getOrDefault(String key, Object defaultValue) {
        return containsKey(key) ? get(key) : defaultValue;
    }

    /**
     * The value converted to a type: a record, a List, an Integer... The value in the session is not touched, so
     * mutating the returned object changes nothing: put it back to save it. Null when absent.
     */
    public <T> T get(String key, Class<T> type) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        try {
            return Json.convert(value, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Session value '" + key + "' cannot be read as " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    public String getString(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(key, value, "a string");
    }

    public Integer getInt(String key) {
        Number number = number(key);
        return number == null ? null : Math.toIntExact(number.longValue());
    }

    public int getInt(String key, int defaultValue) {
        Integer value = getInt(key);
        return value == null ? defaultValue : value;
    }

    public Long getLong(String key) {
        Number number = number(key);
        return number == null ? null : number.longValue();
    }

    public long getLong(String key, long defaultValue) {
        Long value = getLong(key);
        return value == null ? defaultValue : value;
    }

    public Double getDouble(String key) {
        Number number = number(key);
        return number == null ? null : number.doubleValue();
    }

    public Boolean getBoolean(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw wrongType(key, value, "a boolean");
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Boolean value = getBoolean(key);
        return value == null ? defaultValue : value;
    }

    public boolean containsKey(String key) {
        return values.containsKey(key);
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public int size() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * A read-only view of the whole session, e.g. to return it as JSON. Nested lists and maps are the session's own,
     * so every key counts as possibly changed once this is called.
     */
    public Map<String, Object> asMap() {
        touchedKeys.addAll(values.keySet());
        return Collections.unmodifiableMap(values);
    }

    // ----- writing -----

    /** Stores a value; it must be JSON-serialisable by the time the response is sent. Returns the previous one. */
    public Object put(String key, Object value) {
        if (key == null) {
            throw new IllegalArgumentException("Session keys must not be null");
        }
        touchedKeys.add(key);
        return values.put(key, value);
    }

    public Object remove(String key) {
        touchedKeys.add(key);
        return values.remove(key);
    }

    public void clear() {
        cleared = true;
        touchedKeys.addAll(values.keySet());
        values.clear();
    }

    /**
     * Ends the session: its data is dropped and the cookie cleared; with a server-side store the stored session is
     * deleted too. Call it at logout.
     */
    public void invalidate() {
        clear();
        invalidated = true;
    }

    /**
     * Gives the session a new id and keeps its data, deleting the old id from the store. Call it at login, against
     * session fixation. Cookie sessions have no id; for them the cookie is simply re-issued.
     */
    public void regenerateId() {
        regenerateId = true;
    }

    // ----- for SessionMiddleware -----

    /** The server-side session id, or null for cookie sessions and for a session not yet saved. */
    public String id() {
        return id;
    }

    /** The live values, for the middleware to serialise. */
    public Map<String, Object> values() {
        return values;
    }

    /** Keys that were put, removed, or handed out as mutable values: only these can differ from what came in. */
    public Set<String> touchedKeys() {
        return touchedKeys;
    }

    public boolean wasCleared() {
        return cleared;
    }

    public boolean isInvalidated() {
        return invalidated;
    }

    public boolean isRegenerateIdRequested() {
        return regenerateId;
    }

    private Number number(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Number) {
            return (Number) value;
        }
        throw wrongType(key, value, "a number");
    }

    private static boolean isPlain(Object value) {
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static IllegalStateException wrongType(String key, Object value, String expected) {
        return new IllegalStateException("Session value '" + key + "' is " + value.getClass().getSimpleName()
                + ", not " + expected);
    }

    /** Like Python's {@code print(request.session)}: the values, e.g. {@code {key=value, n=2}}. */
    @Override
    public String toString() {
        return "Session" + values; // never the id: it is as good as a password
    }
}
