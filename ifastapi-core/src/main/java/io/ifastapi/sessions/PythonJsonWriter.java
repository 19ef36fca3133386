package io.ifastapi.sessions;

import io.ifastapi.json.PythonFloat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a tree of plain Java values as CPython's {@code json.dumps} does (Lib/json/encoder.py).
 *
 * <p>Compact mode is {@code json.dumps(obj)} with the defaults: separators {@code ", "} and {@code ": "},
 * {@code ensure_ascii=True}, {@code allow_nan=True}. Pretty mode is {@code json.dumps(obj, indent=2,
 * ensure_ascii=False)}, for people reading a session (the CLI), never for cookies.
 *
 * <p>Values that are not JSON-shaped already (records, POJOs, enums, java.time, ...) are first turned into a tree
 * by {@link PythonJson}'s Jackson mapper, so they are stored the way the rest of the framework renders them.
 */
final class PythonJsonWriter {

    /** CPython's encoder recurses too and stops near its recursion limit of 1000; a cycle ends here as well. */
    static final int MAX_DEPTH = 1000;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out;
    private final boolean pretty;

    private PythonJsonWriter(boolean pretty) {
        this.out = new StringBuilder(128);
        this.pretty = pretty;
    }

    static String write(Object value, boolean pretty) {
        PythonJsonWriter writer = new PythonJsonWriter(pretty);
        writer.value(value, 0);
        return writer.out.toString();
    }

    private void value(Object value, int depth) {
        checkDepth(depth);
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s);
            case Boolean b -> out.append(b ? "true" : "false");
            case Integer i -> out.append(i.intValue());
            case Long l -> out.append(l.longValue());
            case Short s -> out.append(s.shortValue());
            case Byte b -> out.append(b.byteValue());
            case BigInteger i -> out.append(i);
            case AtomicInteger i -> out.append(i.get());
            case AtomicLong l -> out.append(l.get());
            case Double d -> out.append(PythonFloat.repr(d));
            // A float's own shortest digits (0.1f -> 0.1), as Jackson writes it, not those of its exact double
            // widening (0.10000000149011612), which nobody who wrote 0.1f meant.
            case Float f -> out.append(PythonFloat.repr(Double.parseDouble(Float.toString(f))));
            // A Python peer, and our own parser, read every JSON fraction back as a float (double), so writing
            // more digits than the double holds would promise a precision that never comes back.
            case BigDecimal d -> out.append(PythonFloat.repr(d.doubleValue()));
            case Map<?, ?> map -> object(map, depth);
            case Collection<?> collection -> array(collection, depth);
            case JsonNode node -> node(node, depth);
            default -> node(PythonJson.toTree(value), depth);
        }
    }

    private void node(JsonNode node, int depth) {
        checkDepth(depth);
        switch (node.getNodeType()) {
            case OBJECT -> {
                boolean empty = node.isEmpty();
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    first = separator(first, depth);
                    string(field.getKey());
                    out.append(": ");
                    node(field.getValue(), depth + 1);
                }
                close('}', empty, depth);
            }
            case ARRAY -> {
                boolean empty = node.isEmpty();
                out.append('[');
                boolean first = true;
                for (JsonNode element : node) {
                    first = separator(first, depth);
                    node(element, depth + 1);
                }
                close(']', empty, depth);
            }
            case STRING -> string(node.textValue());
            case NUMBER -> value(node.numberValue(), depth);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case BINARY -> string(node.asText()); // Jackson's own text form of bytes: base64
            case POJO -> value(((POJONode) node).getPojo(), depth + 1);
            case NULL, MISSING -> out.append("null");
        }
    }

    private void object(Map<?, ?> map, int depth) {
        boolean empty = map.isEmpty();
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            first = separator(first, depth);
            string(key(entry.getKey()));
            out.append(": ");
            value(entry.getValue(), depth + 1);
        }
        close('}', empty, depth);
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("Cannot write the session as JSON: it is nested more than "
                    + MAX_DEPTH + " levels deep (or contains itself)");
        }
    }

    private void array(Collection<?> elements, int depth) {
        out.append('[');
        boolean first = true;
        for (Object element : elements) {
            first = separator(first, depth);
            value(element, depth + 1);
        }
        close(']', elements.isEmpty(), depth);
    }

    /**
     * JSON keys are strings. Python's encoder turns int, float, bool and None keys into their JSON text; other
     * keys (enums, UUIDs...) take their string form, as Jackson does with map keys.
     */
    private static String key(Object key) {
        return switch (key) {
            case null -> "null";
            case String s -> s;
            case Boolean b -> b ? "true" : "false";
            case Double d -> PythonFloat.repr(d);
            case Float f -> PythonFloat.repr(Double.parseDouble(Float.toString(f)));
            case BigDecimal d -> PythonFloat.repr(d.doubleValue());
            case Enum<?> e -> e.name();
            default -> key.toString();
        };
    }

    /** Writes what goes before an element; returns false, the next value of {@code first}. */
    private boolean separator(boolean first, int depth) {
        if (!first) {
            out.append(pretty ? "," : ", ");
        }
        if (pretty) {
            newline(depth + 1);
        }
        return false;
    }

    private void close(char bracket, boolean empty, int depth) {
        if (pretty && !empty) {
            newline(depth);
        }
        out.append(bracket);
    }

    private void newline(int depth) {
        out.append('\n');
        out.repeat(' ', 2 * depth);
    }

    /**
     * Python's {@code py_encode_basestring_ascii}: {@code "} and {@code \} and the five short escapes, every other
     * character outside printable ASCII (space to tilde) as a lowercase {@code \\uXXXX} of its UTF-16 unit (so
     * astral characters come out as surrogate pairs); {@code /} is not escaped. In pretty mode (ensure_ascii=False)
     * only {@code "}, {@code \} and control characters are escaped.
     */
    private void string(String s) {
        out.append('"');
        int length = s.length();
        int first = 0;
        while (first < length && plain(s.charAt(first))) {
            first++;
        }
        if (first == length) {
            // Nothing to escape, the common case: one bulk copy, where append(s, from, to) goes char by char.
            out.append(s).append('"');
            return;
        }
        out.append(s, 0, first);
        int plainFrom = first; // characters written as they are are copied in runs, not one by one
        for (int i = first; i < length; i++) {
            char c = s.charAt(i);
            if (plain(c)) {
                continue;
            }
            out.append(s, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, plainFrom, length);
        out.append('"');
    }

    /** Whether {@code c} is written as it is. */
    private boolean plain(char c) {
        return c >= ' ' && c != '"' && c != '\\' && (c <= '~' || pretty);
    }
}
