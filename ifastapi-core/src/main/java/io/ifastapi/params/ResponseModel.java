package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ifastapi.json.Json;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * A route's declared response type (FastAPI's {@code response_model}): a plain return value is written as JSON and
 * then cut to the model's shape, so a field the model does not declare is never sent (a password hash on the user
 * record, say). Records are shaped by their components, recursively through lists, sets, maps and Optionals; other
 * types pass as written. A returned {@code Response} is sent as is.
 */
public final class ResponseModel {
    private final Type type;
    private final Shape shape;

    private interface Shape {
        JsonNode apply(JsonNode node);
    }

    private ResponseModel(Type type) {
        this.type = type;
        this.shape = shapeOf(type);
    }

    public static ResponseModel of(Type type) {
        return new ResponseModel(type);
    }

    /** The declared type, for the OpenAPI generator. */
    public Type type() {
        return type;
    }

    /** The value as the model lets it out. */
    public Object apply(Object value) {
        JsonNode node = Json.mapper().valueToTree(value);
        return shape == null || node == null ? node : shape.apply(node);
    }

    private static Shape shapeOf(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                Shape item = shapeOf(args[0]);
                return item == null ? null : node -> {
                    if (!node.isArray()) {
                        return node;
                    }
                    ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
                    node.forEach(element -> out.add(element.isNull() ? element : item.apply(element)));
                    return out;
                };
            }
            if (Map.class.isAssignableFrom(raw)) {
                Shape value = shapeOf(args[1]);
                return value == null ? null : node -> {
                    if (!node.isObject()) {
                        return node;
                    }
                    ObjectNode out = JsonNodeFactory.instance.objectNode();
                    node.properties().forEach(e -> out.set(e.getKey(), value.apply(e.getValue())));
                    return out;
                };
            }
            if (raw == Optional.class) {
                return shapeOf(args[0]);
            }
            return null;
        }
        if (type instanceof Class<?> cls && cls.isRecord()) {
            RecordComponent[] components = cls.getRecordComponents();
            String[] names = new String[components.length];
            Shape[] shapes = new Shape[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                shapes[i] = shapeOf(components[i].getGenericType());
            }
            return node -> {
                if (!node.isObject()) {
                    return node;
                }
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < names.length; i++) {
                    JsonNode field = node.get(names[i]);
                    if (field == null) {
                        field = JsonNodeFactory.instance.nullNode();
                    }
                    out.set(names[i], shapes[i] == null || field.isNull() ? field : shapes[i].apply(field));
                }
                return out;
            };
        }
        return null;
    }
}
