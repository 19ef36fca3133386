package io.ifastapi.openapi;

import io.ifastapi.forms.UploadFile;
import io.ifastapi.json.Json;
import io.ifastapi.params.FieldDoc;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * JSON Schema for Java types, as pydantic 2 writes it for the matching Python types: records and enums become
 * {@code components.schemas} entries named by their simple class name (FastAPI names a model by its class) and are
 * referenced with {@code $ref}; everything else is inlined. One instance collects the components of one document:
 * the OpenAPI generator and the typed-parameter documentation share it, so a record used as a body and as a response
 * is described once.
 *
 * <p>Key order follows pydantic's output ({@code type}/{@code format}, then {@code title}, then {@code description})
 * so that documents compare with FastAPI's key by key.
 */
public final class JsonSchemas {
    private static final String REF_PREFIX = "#/components/schemas/";

    /** The hand-written components (HTTPValidationError...), by name. */
    private final Map<String, Map<String, Object>> written = new TreeMap<>();
    /** Records' schemas per class and mode, enums' (the same both ways) under mode INPUT; in registration order. */
    private final Map<Key, Map<String, Object>> models = new LinkedHashMap<>();
    /** Every {@code $ref} object made for a model, patched when the names are settled (Input/Output suffixes). */
    private final Map<Key, List<Map<String, Object>>> references = new LinkedHashMap<>();
    /** Which class owns each component name, so that two classes with one simple name fail loudly. */
    private final Map<String, Class<?>> owners = new LinkedHashMap<>();

    /**
     * Whether a schema describes what a request sends (a body, a parameter) or what a response carries. They differ
     * for a record with Optional or defaulted components: a request may leave them out, a response always has them
     * (the codec writes every component, an empty Optional as null), so only the output lists them as required.
     */
    enum Mode { INPUT, OUTPUT }

    private record Key(Class<?> type, Mode mode) {
    }

    /** The schema of {@code type} as a request sends it: inline, or a {@code $ref} to a component this call registers. */
    public Map<String, Object> schema(Type type) {
        return build(type, Mode.INPUT);
    }

    /** The schema of {@code type} as a response carries it (a response model): every record component required. */
    public Map<String, Object> outputSchema(Type type) {
        return build(type, Mode.OUTPUT);
    }

    /**
     * The schema of a named value (a record component, a parameter): {@code title} from the name as pydantic makes
     * it ("Item Id" for item_id) unless the schema is a bare {@code $ref} or {@code anyOf} of one, where pydantic
     * writes none.
     */
    public Map<String, Object> property(Type type, String name, Schema doc) {
        return property(type, name, doc, Map.of(), null, Mode.INPUT);
    }

    /**
     * A record component's schema as pydantic writes a model field: constraints (pydantic's names: ge, max_length...)
     * in the value's schema (the non-null branch of an Optional), then title, description, default, examples.
     */
    Map<String, Object> property(Type type, String name, Schema doc, Map<String, Object> constraints,
                                 Object defaultValue, Mode mode) {
        Map<String, Object> schema = build(type, mode);
        constrain(schema, constraints);
        boolean reference = schema.containsKey("$ref") || isOptionalReference(schema);
        String title = doc != null && !doc.title().isEmpty() ? doc.title() : reference ? null : Names.title(name);
        if (title != null) {
            schema.put("title", title);
        }
        if (doc != null && !doc.description().isEmpty()) {
            schema.put("description", doc.description());
        }
        putDefault(schema, defaultValue);
        examples(schema, doc);
        return schema;
    }

    /**
     * A parameter's schema as FastAPI writes it: constraints, then default, then title (always, a {@code $ref}'s
     * too), then description and examples.
     */
    Map<String, Object> parameter(Type type, String name, Schema doc, Map<String, Object> constraints,
                                  Object defaultValue) {
        Map<String, Object> schema = build(type, Mode.INPUT);
        constrain(schema, constraints);
        putDefault(schema, defaultValue);
        schema.put("title", doc != null && !doc.title().isEmpty() ? doc.title() : Names.title(name));
        if (doc != null && !doc.description().isEmpty()) {
            schema.put("description", doc.description());
        }
        examples(schema, doc);
        return schema;
    }

    /** Puts pydantic's constraints under JSON Schema's names into the value's schema, in pydantic's key order. */
    static void constrain(Map<String, Object> schema, Map<String, Object> constraints) {
        if (constraints.isEmpty()) {
            return;
        }
        Map<String, Object> target = schema;
        if (schema.get("anyOf") instanceof List<?> options && !options.isEmpty()
                && options.getFirst() instanceof Map<?, ?> first) {
            @SuppressWarnings("unchecked")
            Map<String, Object> inner = new LinkedHashMap<>((Map<String, Object>) first);
            List<Object> replaced = new ArrayList<>(options);
            replaced.set(0, inner);
            schema.put("anyOf", replaced);
            target = inner;
        }
        boolean array = "array".equals(target.get("type"));
        String[][] names = {{"multiple_of", "multipleOf"}, {"le", "maximum"}, {"lt", "exclusiveMaximum"},
                {"ge", "minimum"}, {"gt", "exclusiveMinimum"},
                {"max_length", array ? "maxItems" : "maxLength"}, {"min_length", array ? "minItems" : "minLength"},
                {"pattern", "pattern"}};
        for (String[] name : names) {
            Object value = constraints.get(name[0]);
            if (value != null) {
                target.put(name[1], value);
            }
        }
    }

    private static void putDefault(Map<String, Object> schema, Object defaultValue) {
        Object value = defaultValue instanceof Optional<?> optional ? optional.orElse(null) : defaultValue;
        if (value != null) {
            // As the app's codec writes it: an enum by its value, a date as text, a list as an array.
            schema.put("default", Json.mapper().valueToTree(value));
        }
    }

    private static void examples(Map<String, Object> schema, Schema doc) {
        if (doc == null || doc.examples().length == 0) {
            return;
        }
        List<Object> values = new ArrayList<>();
        for (String example : doc.examples()) {
            values.add(exampleValue(example));
        }
        schema.put("examples", values);
    }

    /** An example written as JSON ({@code "3"}, {@code "[1, 2]"}, {@code "\"text\""}), or else as a plain string. */
    private static Object exampleValue(String example) {
        try {
            return Json.mapper().readTree(example);
        } catch (Exception notJson) {
            return example;
        }
    }

    /**
     * The components registered so far, sorted by name: {@code components.schemas} of the document. A record
     * described both as input and as output, where the two differ, gets two components, {@code Name-Input} and
     * {@code Name-Output}, as FastAPI names them (and its references are renamed to match); otherwise one, under its
     * simple class name.
     */
    public Map<String, Map<String, Object>> components() {
        Set<Class<?>> split = splitModels();
        Map<String, Map<String, Object>> out = new TreeMap<>(written);
        models.forEach((key, schema) -> {
            String name = name(key, split);
            // An output schema the same as its input's is that one component; both keep the model's title.
            if (key.mode() == Mode.INPUT || split.contains(key.type())
                    || !models.containsKey(new Key(key.type(), Mode.INPUT))) {
                out.put(name, schema);
            }
        });
        references.forEach((key, refs) -> {
            for (Map<String, Object> ref : refs) {
                ref.put("$ref", REF_PREFIX + name(key, split));
            }
        });
        return out;
    }

    /** Registers a component written by hand (FastAPI's HTTPValidationError, say) unless one has that name. */
    public Map<String, Object> component(String name, Map<String, Object> schema) {
        written.putIfAbsent(name, schema);
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("$ref", REF_PREFIX + name);
        return ref;
    }

    private static String name(Key key, Set<Class<?>> split) {
        String simple = key.type().getSimpleName();
        return !split.contains(key.type()) ? simple : simple + (key.mode() == Mode.INPUT ? "-Input" : "-Output");
    }

    /**
     * The records whose input and output schemas differ: by their own components (Optional or defaulted ones), or
     * because a record they refer to differs, to a fixed point.
     */
    private Set<Class<?>> splitModels() {
        Set<Class<?>> split = new java.util.HashSet<>();
        Map<Class<?>, Set<Class<?>>> refersTo = new LinkedHashMap<>();
        for (Key key : models.keySet()) {
            Map<String, Object> output = models.get(new Key(key.type(), Mode.OUTPUT));
            if (key.mode() != Mode.INPUT || output == null) {
                continue;
            }
            Map<String, Object> input = models.get(key);
            if (!Objects.equals(withoutRefs(input), withoutRefs(output))) {
                split.add(key.type());
            }
            Set<Class<?>> targets = new java.util.HashSet<>();
            references.forEach((target, refs) -> {
                for (Map<String, Object> ref : refs) {
                    if (contains(input, ref) || contains(output, ref)) {
                        targets.add(target.type());
                    }
                }
            });
            refersTo.put(key.type(), targets);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<Class<?>, Set<Class<?>>> entry : refersTo.entrySet()) {
                if (!split.contains(entry.getKey()) && entry.getValue().stream().anyMatch(split::contains)) {
                    split.add(entry.getKey());
                    changed = true;
                }
            }
        }
        return split;
    }

    /** The schema with every $ref's target blanked: compares two modes' shapes, references apart. */
    private static Object withoutRefs(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, "$ref".equals(k) ? "" : withoutRefs(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonSchemas::withoutRefs).toList();
        }
        return value;
    }

    /** Whether {@code ref} (that very object) occurs in {@code value}. */
    private static boolean contains(Object value, Map<String, Object> ref) {
        if (value == ref) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(v -> contains(v, ref));
        }
        return value instanceof List<?> list && list.stream().anyMatch(v -> contains(v, ref));
    }

    private Map<String, Object> build(Type type, Mode mode) {
        Map<String, Object> schema = new LinkedHashMap<>();
        Class<?> raw = raw(type);
        if (raw == Optional.class) {
            Map<String, Object> inner = build(typeArgument(type, 0), mode);
            schema.put("anyOf", List.of(inner, Map.of("type", "null")));
        } else if (raw == OptionalInt.class || raw == OptionalLong.class) {
            schema.put("anyOf", List.of(Map.of("type", "integer"), Map.of("type", "null")));
        } else if (raw == OptionalDouble.class) {
            schema.put("anyOf", List.of(Map.of("type", "number"), Map.of("type", "null")));
        } else if (raw == String.class || raw == char.class || raw == Character.class || raw == CharSequence.class) {
            schema.put("type", "string");
        } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class
                || raw == BigInteger.class) {
            schema.put("type", "integer");
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == BigDecimal.class) {
            schema.put("type", "number");
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == UUID.class) {
            format(schema, "uuid");
        } else if (raw == LocalDate.class) {
            format(schema, "date");
        } else if (raw == LocalDateTime.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class
                || raw == Instant.class) {
            format(schema, "date-time");
        } else if (raw == LocalTime.class || raw == OffsetTime.class) {
            format(schema, "time");
        } else if (raw == Duration.class) {
            format(schema, "duration");
        } else if (raw == UploadFile.class) {
            // An uploaded file, as FastAPI 0.14x writes UploadFile for OpenAPI 3.1.
            schema.put("type", "string");
            schema.put("contentMediaType", "application/octet-stream");
        } else if (raw == byte[].class) {
            format(schema, "binary");
        } else if (raw.isEnum()) {
            return enumRef(raw);
        } else if (raw.isRecord()) {
            return recordRef(raw, mode);
        } else if (Collection.class.isAssignableFrom(raw)) {
            schema.put("items", build(typeArgument(type, 0), mode));
            schema.put("type", "array");
            if (Set.class.isAssignableFrom(raw)) {
                schema.put("uniqueItems", true);
            }
        } else if (raw.isArray()) {
            Type component = type instanceof GenericArrayType generic ? generic.getGenericComponentType()
                    : raw.getComponentType();
            schema.put("items", build(component, mode));
            schema.put("type", "array");
        } else if (Map.class.isAssignableFrom(raw)) {
            Map<String, Object> values = build(typeArgument(type, 1), mode);
            if (!values.isEmpty()) {
                schema.put("additionalProperties", values);
            }
            schema.put("type", "object");
        }
        // Object and anything unknown: {} (any value), as pydantic writes Any.
        return schema;
    }

    private static void format(Map<String, Object> schema, String format) {
        schema.put("type", "string");
        schema.put("format", format);
    }

    private Map<String, Object> enumRef(Class<?> type) {
        String name = claim(type);
        Key key = new Key(type, Mode.INPUT); // an enum reads and writes the same values
        if (!models.containsKey(key)) {
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "string");
            List<String> values = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                // Its value as the codec writes it and the validator reads it (@JsonValue, else the name).
                values.add(Json.mapper().valueToTree(constant).asText());
            }
            schema.put("enum", values);
            schema.put("title", name);
            describe(schema, type.getAnnotation(Schema.class));
            examples(schema, type.getAnnotation(Schema.class));
            models.put(key, schema);
        }
        return ref(key);
    }

    private Map<String, Object> recordRef(Class<?> type, Mode mode) {
        String name = claim(type);
        Key key = new Key(type, mode);
        if (!models.containsKey(key)) {
            Map<String, Object> schema = new LinkedHashMap<>();
            models.put(key, schema); // registered first: a record that refers to itself ends here
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                FieldDoc field = fieldDoc(component);
                properties.put(component.getName(), property(component.getGenericType(), component.getName(),
                        component.getAnnotation(Schema.class), field.constraints(), field.defaultValue(), mode));
                if (field.required() || mode == Mode.OUTPUT) {
                    required.add(component.getName());
                }
            }
            schema.put("properties", properties);
            schema.put("type", "object");
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            Schema doc = type.getAnnotation(Schema.class);
            schema.put("title", doc != null && !doc.title().isEmpty() ? doc.title() : name);
            if (doc != null && !doc.description().isEmpty()) {
                schema.put("description", doc.description());
            }
            examples(schema, doc);
        }
        return ref(key);
    }

    private String claim(Class<?> type) {
        String name = type.getSimpleName();
        Class<?> owner = owners.putIfAbsent(name, type);
        if (owner != null && owner != type) {
            throw new IllegalStateException("Two types are named " + name + " in the OpenAPI document: "
                    + owner.getName() + " and " + type.getName() + "; rename one (FastAPI names a schema by its "
                    + "class name)");
        }
        return name;
    }

    private static void describe(Map<String, Object> schema, Schema doc) {
        if (doc != null && !doc.description().isEmpty()) {
            schema.put("description", doc.description());
        }
    }

    private Map<String, Object> ref(Key key) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("$ref", REF_PREFIX + key.type().getSimpleName()); // renamed by components() if the model splits
        references.computeIfAbsent(key, k -> new ArrayList<>()).add(ref);
        return ref;
    }

    /**
     * The component as the validator compiles it; a record only ever sent (a response model) may hold types no
     * request binds (Object, say): then it is required unless Optional, without default or constraints.
     */
    private static FieldDoc fieldDoc(RecordComponent component) {
        try {
            return FieldDoc.of(component);
        } catch (IllegalArgumentException notBindable) {
            Class<?> raw = component.getType();
            boolean optional = raw == Optional.class || raw == OptionalInt.class || raw == OptionalLong.class
                    || raw == OptionalDouble.class;
            return new FieldDoc(!optional, null, Map.of());
        }
    }

    private static boolean isOptionalReference(Map<String, Object> schema) {
        return schema.get("anyOf") instanceof List<?> options && !options.isEmpty()
                && options.getFirst() instanceof Map<?, ?> first && first.containsKey("$ref");
    }

    static Class<?> raw(Type type) {
        return switch (type) {
            case Class<?> c -> c;
            case ParameterizedType p -> (Class<?>) p.getRawType();
            case GenericArrayType g -> java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0)
                    .getClass();
            case WildcardType w -> raw(w.getUpperBounds()[0]);
            default -> Object.class;
        };
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            Type argument = p.getActualTypeArguments()[index];
            return argument instanceof WildcardType w ? w.getUpperBounds()[0] : argument;
        }
        return Object.class; // a raw List: items of any type
    }
}
