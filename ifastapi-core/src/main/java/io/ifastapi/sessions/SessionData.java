package io.ifastapi.sessions;

import io.ifastapi.http.Session;
import io.ifastapi.json.JacksonJsonCodec;
import io.ifastapi.json.JsonCodec;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link Session} that SessionMiddleware hands to handlers, with what its backends need: which keys may have
 * changed (put, removed, or handed out as a list or map the caller may mutate), so that only a real change is saved
 * (Starlette judges by method calls, and gets nested changes and same-value puts wrong), and the values as plain
 * JSON data for saving. The live map never leaves this package.
 */
public final class SessionData implements Session {
    private final Map<String, Object> values;
    private final Set<String> touchedKeys = new HashSet<>();
    private final String id;
    private final JsonCodec json;
    private boolean cleared;
    private boolean invalidated;
    private boolean regenerateId;

    /**
     * A session holding these values (taken over, not copied); {@code id} is null for cookie sessions; {@code json} is
     * the app's codec, which writes values to plain data and reads them back as types.
     */
    SessionData(Map<String, Object> values, String id, JsonCodec json) {
        this.values = values;
        this.id = id;
        this.json = json;
    }

    SessionData(Map<String, Object> values, String id) {
        this(values, id, JacksonJsonCodec.defaults());
    }

    static SessionData empty(JsonCodec json) {
        return new SessionData(new LinkedHashMap<>(), null, json);
    }

    static SessionData empty() {
        return empty(JacksonJsonCodec.defaults());
    }

    // ----- reading -----

    /** The value, or null. A list or map returned here may be changed in place; the change is saved. */
    @Override
    public Object get(String key) {
        Object value = values.get(key);
        if (value instanceof Map || value instanceof List || !isPlain(value)) {
            touchedKeys.add(key);
        }
        return value;
    }

    @Override
    public Object getOrDefault(String key, Object defaultValue) {
        return containsKey(key) ? get(key) : defaultValue;
    }

    /**
     * The value converted to a type: a record, a List, an Integer... The value in the session is not touched, so
     * mutating the returned object changes nothing: put it back to save it. Null when absent.
     */
    @Override
    public <T> T get(String key, Class<T> type) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        try {
            return json.convert(value, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Session value '" + key + "' cannot be read as " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getString(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(key, value, "a string");
    }

    @Override
    public Integer getInt(String key) {
        Number number = number(key);
        return number == null ? null : Math.toIntExact(number.longValue());
    }

    @Override
    public int getInt(String key, int defaultValue) {
        Integer value = getInt(key);
        return value == null ? defaultValue : value;
    }

    @Override
    public Long getLong(String key) {
        Number number = number(key);
        return number == null ? null : number.longValue();
    }

    @Override
    public long getLong(String key, long defaultValue) {
        Long value = getLong(key);
        return value == null ? defaultValue : value;
    }

    @Override
    public Double getDouble(String key) {
        Number number = number(key);
        return number == null ? null : number.doubleValue();
    }

    @Override
    public Boolean getBoolean(String key) {
        Object value = values.get(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw wrongType(key, value, "a boolean");
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
        Boolean value = getBoolean(key);
        return value == null ? defaultValue : value;
    }

    @Override
    public boolean containsKey(String key) {
        return values.containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * A read-only view of the whole session, e.g. to return it as JSON. Nested lists and maps are the session's own,
     * so every key counts as possibly changed once this is called.
     */
    @Override
    public Map<String, Object> asMap() {
        touchedKeys.addAll(values.keySet());
        return Collections.unmodifiableMap(values);
    }

    // ----- writing -----

    /** Stores a value; it must be JSON-serialisable by the time the response is sent. Returns the previous one. */
    @Override
    public Object put(String key, Object value) {
        if (key == null) {
            throw new IllegalArgumentException("Session keys must not be null");
        }
        touchedKeys.add(key);
        return values.put(key, value);
    }

    @Override
    public Object remove(String key) {
        touchedKeys.add(key);
        return values.remove(key);
    }

    @Override
    public void clear() {
        cleared = true;
        touchedKeys.addAll(values.keySet());
        values.clear();
    }

    /**
     * Ends the session: its data is dropped and the cookie cleared; with a server-side store the stored session is
     * deleted too. Call it at logout.
     */
    @Override
    public void invalidate() {
        clear();
        invalidated = true;
    }

    /**
     * Gives the session a new id and keeps its data, deleting the old id from the store. Call it at login, against
     * session fixation. Cookie sessions have no id; for them the cookie is simply re-issued.
     */
    @Override
    public void regenerateId() {
        regenerateId = true;
    }

    // ----- for the backends -----

    /** The server-side session id, or null for cookie sessions and for a session not yet saved. */
    String id() {
        return id;
    }

    /**
     * The values as plain JSON data, for saving: what the next request will read back, in every backend. Only
     * touched keys can hold something else than what was read (a record, an Optional), so only they are converted.
     */
    Map<String, Object> plainValues() {
        Map<String, Object> plain = values;
        for (String key : touchedKeys) {
            Object value = values.get(key);
            if (!isPlainData(value)) {
                if (plain == values) {
                    plain = new LinkedHashMap<>(values); // copied only when something needs converting
                }
                try {
                    plain.put(key, json.toPlain(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Cannot store a " + value.getClass().getName()
                            + " in a session as JSON (session key '" + key + "'): " + e.getMessage(), e);
                }
            }
        }
        return plain;
    }

    /** JSON data already: scalars, and lists and string-keyed maps of JSON data (what a parsed session holds). */
    private static boolean isPlainData(Object value) {
        if (isPlain(value)) {
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!isPlainData(item)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String) || !isPlainData(entry.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Keys that were put, removed, or handed out as mutable values: only these can differ from what came in. */
    Set<String> touchedKeys() {
        return touchedKeys;
    }

    boolean wasCleared() {
        return cleared;
    }

    boolean isInvalidated() {
        return invalidated;
    }

    boolean isRegenerateIdRequested() {
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
