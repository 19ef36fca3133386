package io.ifastapi.params;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A route's declared response type (FastAPI's {@code response_model}): a plain return value is turned into plain
 * JSON data by the app's codec and then cut to the model's shape, so a field the model does not declare is never
 * sent (a password hash on the user record, say). Records are shaped by their components, recursively through
 * lists, sets, maps and Optionals; other types pass as they are. A returned {@code Response} is sent as is. Float
 * fields are written as FastAPI writes a response model, with pydantic-core's float text ({@link PydanticFloat}).
 */
public final class ResponseModel {
    private final Type type;
    private final UnaryOperator<Object> shape;

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

    /** Plain JSON data (maps, lists, scalars) as the model lets it out. */
    public Object apply(Object plain) {
        return shape == null || plain == null ? plain : shape.apply(plain);
    }

    private static UnaryOperator<Object> shapeOf(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                UnaryOperator<Object> item = shapeOf(args[0]);
                return item == null ? null : value -> {
                    if (!(value instanceof List<?> list)) {
                        return value;
                    }
                    List<Object> out = new ArrayList<>(list.size());
                    for (Object element : list) {
                        out.add(element == null ? null : item.apply(element));
                    }
                    return out;
                };
            }
            if (Map.class.isAssignableFrom(raw)) {
                UnaryOperator<Object> valueShape = shapeOf(args[1]);
                return valueShape == null ? null : value -> {
                    if (!(value instanceof Map<?, ?> map)) {
                        return value;
                    }
                    Map<Object, Object> out = new LinkedHashMap<>();
                    map.forEach((k, v) -> out.put(k, v == null ? null : valueShape.apply(v)));
                    return out;
                };
            }
            if (raw == Optional.class) {
                return shapeOf(args[0]);
            }
            return null;
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return PydanticFloat::of;
        }
        if (type instanceof Class<?> cls && cls.isRecord()) {
            RecordComponent[] components = cls.getRecordComponents();
            String[] names = new String[components.length];
            List<UnaryOperator<Object>> shapes = new ArrayList<>(components.length);
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                shapes.add(shapeOf(components[i].getGenericType()));
            }
            return value -> {
                if (!(value instanceof Map<?, ?> map)) {
                    return value;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                for (int i = 0; i < names.length; i++) {
                    Object field = map.get(names[i]);
                    UnaryOperator<Object> fieldShape = shapes.get(i);
                    out.put(names[i], fieldShape == null || field == null ? field : fieldShape.apply(field));
                }
                return out;
            };
        }
        return null;
    }
}
