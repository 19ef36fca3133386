package io.ifastapi.forms;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed form (Starlette's {@code FormData}): fields and uploaded files in the order they were sent, where a name
 * may repeat. {@link #get} gives a field's first text value, {@link #getAll} every one; {@link #file} and
 * {@link #files(String)} give uploads. Closing it deletes the uploads' temporary files; the framework does that
 * when the request is over.
 */
public final class FormData implements AutoCloseable {
    private static final FormData EMPTY = new FormData(List.of());

    private final List<Map.Entry<String, Object>> items;

    private FormData(List<Map.Entry<String, Object>> items) {
        this.items = items;
    }

    public static FormData empty() {
        return EMPTY;
    }

    /** A form of text fields, e.g. for tests: {@code FormData.of(List.of(Map.entry("a", "1")))}. */
    public static FormData of(List<? extends Map.Entry<String, ?>> items) {
        List<Map.Entry<String, Object>> copy = new ArrayList<>(items.size());
        for (Map.Entry<String, ?> item : items) {
            Object value = item.getValue();
            if (!(value instanceof String) && !(value instanceof UploadFile)) {
                throw new IllegalArgumentException("A form value is a String or an UploadFile, got " + value);
            }
            copy.add(Map.entry(item.getKey(), value));
        }
        return new FormData(Collections.unmodifiableList(copy));
    }

    /** The first text value of a field, or null (uploads are not text: see {@link #file}). */
    public String get(String name) {
        for (Map.Entry<String, Object> item : items) {
            if (item.getKey().equals(name) && item.getValue() instanceof String value) {
                return value;
            }
        }
        return null;
    }

    public String get(String name, String defaultValue) {
        String value = get(name);
        return value == null ? defaultValue : value;
    }

    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /** Every text value of a field, in order ({@code <select multiple>}, repeated inputs). */
    public List<String> getAll(String name) {
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, Object> item : items) {
            if (item.getKey().equals(name) && item.getValue() instanceof String value) {
                values.add(value);
            }
        }
        return values;
    }

    /** The first upload sent as {@code name}, or null. */
    public UploadFile file(String name) {
        for (Map.Entry<String, Object> item : items) {
            if (item.getKey().equals(name) && item.getValue() instanceof UploadFile file) {
                return file;
            }
        }
        return null;
    }

    /** Every upload sent as {@code name} ({@code <input type=file multiple>}). */
    public List<UploadFile> files(String name) {
        List<UploadFile> files = new ArrayList<>(1);
        for (Map.Entry<String, Object> item : items) {
            if (item.getKey().equals(name) && item.getValue() instanceof UploadFile file) {
                files.add(file);
            }
        }
        return files;
    }

    /** Every upload, in order. */
    public List<UploadFile> files() {
        List<UploadFile> files = new ArrayList<>();
        for (Map.Entry<String, Object> item : items) {
            if (item.getValue() instanceof UploadFile file) {
                files.add(file);
            }
        }
        return files;
    }

    /** Every value (a String or an UploadFile) sent as {@code name}, in order: what FastAPI binds a form field from. */
    public List<Object> values(String name) {
        List<Object> values = new ArrayList<>(1);
        for (Map.Entry<String, Object> item : items) {
            if (item.getKey().equals(name)) {
                values.add(item.getValue());
            }
        }
        return values;
    }

    /** Every (name, value) pair as sent; a value is a String or an UploadFile (Starlette's {@code multi_items()}). */
    public List<Map.Entry<String, Object>> items() {
        return items;
    }

    public boolean containsKey(String name) {
        for (Map.Entry<String, Object> item : items) {
            if (item.getKey().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The distinct names, in order of first appearance. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Map.Entry<String, Object> item : items) {
            keys.add(item.getKey());
        }
        return Collections.unmodifiableSet(keys);
    }

    /** The number of (name, value) pairs. */
    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The first value per name, a String or an UploadFile. */
    public Map<String, Object> toSingleValueMap() {
        Map<String, Object> single = new LinkedHashMap<>();
        for (Map.Entry<String, Object> item : items) {
            single.putIfAbsent(item.getKey(), item.getValue());
        }
        return single;
    }

    /** Deletes every upload's temporary file; later reads of them fail. Idempotent. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (UploadFile file : files()) {
            try {
                file.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return items.toString();
    }
}
