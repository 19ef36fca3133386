package io.ifastapi.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * HTTP headers: names are case-insensitive, a name may repeat, and the order of arrival is kept. Requests and
 * responses carry only a handful, so a flat list with a linear, case-insensitive scan beats a hash map here.
 */
public final class Headers {
    private final List<String> names;
    private final List<String> values;

    public Headers() {
        this.names = new ArrayList<>(8);
        this.values = new ArrayList<>(8);
    }

    /** Headers from alternating names and values: {@code Headers.of("Accept", "text/html", "X-A", "1")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of takes pairs of name and value");
        }
        Headers headers = new Headers();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    public Headers copy() {
        Headers copy = new Headers();
        copy.names.addAll(names);
        copy.values.addAll(values);
        return copy;
    }

    /** The first value of the header, or null. */
    public String get(String name) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /** Every value of a repeated header, in order of arrival. */
    public List<String> getAll(String name) {
        List<String> all = new ArrayList<>(2);
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                all.add(values.get(i));
            }
        }
        return all;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    /** Appends a value, keeping the ones already there (for Set-Cookie, Vary, ...). */
    public Headers add(String name, String value) {
        checkValue(name, value);
        names.add(name);
        values.add(value);
        return this;
    }

    /** Replaces every value of the header with this one. */
    public Headers set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    public Headers remove(String name) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
            }
        }
        return this;
    }

    /** Adds {@code token} to a comma-separated header such as Vary unless it is there already. */
    public Headers addToken(String name, String token) {
        String current = get(name);
        if (current == null) {
            return add(name, token);
        }
        for (String part : current.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return this;
            }
        }
        return set(name, current + ", " + token);
    }

    public int size() {
        return names.size();
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** Distinct names, in the case they were first given. */
    public Set<String> names() {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String name : names) {
            seen.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), name);
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(seen.values()));
    }

    /** Visits every (name, value) pair in order; the adapters use this to write headers without copying. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0, n = names.size(); i < n; i++) {
            action.accept(names.get(i), values.get(i));
        }
    }

    private static void checkValue(String name, String value) {
        if (name == null || name.isEmpty() || value == null) {
            throw new IllegalArgumentException("A header needs a name and a value, got " + name + ": " + value);
        }
        // A CR or LF in a value would let a caller inject headers (response splitting). indexOf is vectorised: this
        // runs for every header of every request and response.
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Header " + name + " must not contain CR or LF");
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Headers{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(names.get(i)).append(": ").append(values.get(i));
        }
        return out.append('}').toString();
    }
}
