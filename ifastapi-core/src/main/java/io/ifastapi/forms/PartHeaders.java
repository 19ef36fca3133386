package io.ifastapi.forms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of one multipart part, in order, names lower-cased and values decoded as Latin-1 (as Starlette keeps
 * them). Few and small, so a list: lookups scan it.
 */
public final class PartHeaders {
    private final List<Map.Entry<String, String>> entries;

    PartHeaders(List<Map.Entry<String, String>> entries) {
        this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String get(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(lower)) {
                return e.getValue();
            }
        }
        return null;
    }

    public List<String> getAll(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> e : entries) {
            if (e.getKey().equals(lower)) {
                values.add(e.getValue());
            }
        }
        return values;
    }

    /** Every header as received, names lower-cased. */
    public List<Map.Entry<String, String>> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
