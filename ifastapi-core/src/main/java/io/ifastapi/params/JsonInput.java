package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.ifastapi.json.PythonFloat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A received JSON value as pydantic echoes it in an error's {@code input}: Python parsed it, so a float is written as
 * Python writes floats ({@code 1e+20}, {@code 2.0}), ints keep every digit, objects keep their key order.
 */
final class JsonInput {
    private JsonInput() {
    }

    static Object of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return switch (node.getNodeType()) {
            case STRING -> node.textValue();
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> node.isIntegralNumber() ? node.bigIntegerValue() : python(node.doubleValue());
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode item : node) {
                    list.add(of(item));
                }
                yield list;
            }
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    map.put(field.getKey(), of(field.getValue()));
                }
                yield map;
            }
            default -> node.toString();
        };
    }

    /** A float written as Python's json.dumps writes it. */
    static Object python(double value) {
        return new RawValue(PythonFloat.repr(value));
    }
}
