package io.ifastapi.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ordered multi-map of strings: query parameters and urlencoded form fields, where a key may repeat
 * ({@code ?tag=a&tag=b}). {@link #get} returns the first value, {@link #getAll} every one.
 */
public final class Params {
    private static final Params EMPTY = new Params(Map.of());
    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Params empty() {
        return EMPTY;
    }

    /**
     * Parses {@code a=1&b=x+y&a=2} as browsers encode it: '+' is a space and %XX are UTF-8 bytes. Malformed escapes
     * are kept as written rather than rejected, as Python's parse_qsl does, so bad input never becomes an error.
     */
    public static Params parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        }
        return new Params(values);
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return part.replace('+', ' ');
        }
    }

    public String get(String key) {
        List<String> all = values.get(key);
        return all == null ? null : all.get(0);
    }

    /**
     * The last value of a repeated parameter, or null: what Starlette's {@code query_params[key]} gives, and so what
     * FastAPI binds a scalar query parameter from ({@code ?limit=0&limit=5} is 5).
     */
    public String last(String key) {
        List<String> all = values.get(key);
        return all == null ? null : all.get(all.size() - 1);
    }

    public String get(String key, String defaultValue) {
        String value = get(key);
        return value == null ? defaultValue : value;
    }

    public Optional<String> first(String key) {
        return Optional.ofNullable(get(key));
    }

    public List<String> getAll(String key) {
        List<String> all = values.get(key);
        return all == null ? List.of() : Collections.unmodifiableList(all);
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

    /** First value per key, as FastAPI's {@code dict(request.query_params)}. */
    public Map<String, String> toSingleValueMap() {
        Map<String, String> single = new LinkedHashMap<>();
        values.forEach((k, v) -> single.put(k, v.get(0)));
        return single;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
