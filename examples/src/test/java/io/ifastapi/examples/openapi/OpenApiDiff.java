package io.ifastapi.examples.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The differences between two OpenAPI documents, on what they mean rather than how they are written: key order,
 * the order of parameters and of {@code required} and {@code security} lists, and {@code 1} against {@code 1.0}
 * (pydantic writes a model's bounds as floats, a parameter's as given) do not count. Each difference is one line,
 * {@code <where>: fastapi=<value> java=<value>}, where is a JSON-pointer-like path with parameters keyed
 * {@code in name} ({@code /paths/items/get/parameters/query limit/schema/maximum}).
 */
final class OpenApiDiff {
    private OpenApiDiff() {
    }

    static List<String> differences(JsonNode fastapi, JsonNode java) {
        List<String> out = new ArrayList<>();
        diff("", normalize(fastapi, ""), normalize(java, ""), out);
        return out;
    }

    /** Plain, order-free data: maps sorted by key, parameters as a map, sets as sorted lists, exact numbers. */
    private static Object normalize(JsonNode node, String key) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                map.put(field.getKey(), normalize(field.getValue(), field.getKey()));
            }
            return map;
        }
        if (node.isArray()) {
            if (key.equals("parameters")) {
                Map<String, Object> byName = new TreeMap<>();
                node.forEach(p -> byName.put(p.path("in").asText() + " " + p.path("name").asText(), normalize(p, "")));
                return byName;
            }
            if (key.equals("required") || key.equals("security")) {
                TreeSet<String> set = new TreeSet<>();
                node.forEach(e -> set.add(e.isObject() ? String.join(",", names(e)) : e.asText()));
                return new ArrayList<>(set);
            }
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(normalize(e, "")));
            return list;
        }
        if (node.isNumber()) {
            return new BigDecimal(node.asText()).stripTrailingZeros().toPlainString();
        }
        return node.isNull() ? "null" : node.isTextual() ? "\"" + node.asText() + "\"" : node.asText();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void diff(String where, Object fastapi, Object java, List<String> out) {
        if (fastapi instanceof Map<?, ?> a && java instanceof Map<?, ?> b) {
            Map<String, Object> left = (Map<String, Object>) a;
            Map<String, Object> right = (Map<String, Object>) b;
            Map<String, Object> keys = new LinkedHashMap<>(left);
            keys.putAll(right);
            for (String key : new TreeSet<>(keys.keySet())) {
                String at = where + "/" + key;
                if (!right.containsKey(key)) {
                    out.add(at + ": fastapi=" + compact(left.get(key)) + " java=(none)");
                } else if (!left.containsKey(key)) {
                    out.add(at + ": fastapi=(none) java=" + compact(right.get(key)));
                } else {
                    diff(at, left.get(key), right.get(key), out);
                }
            }
        } else if (!fastapi.equals(java)) {
            out.add(where + ": fastapi=" + compact(fastapi) + " java=" + compact(java));
        }
    }

    private static String compact(Object value) {
        String text = String.valueOf(value);
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }
}
