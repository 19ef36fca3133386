package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;
import io.ifastapi.json.Json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A record, or a bean ({@link BeanModel}), read from a JSON object, as a pydantic model: each component is a field named like the component,
 * validated with its type and constraints; every error is collected with its location; the record is built through
 * a method handle to its canonical constructor (looked up once). A missing required field is {@code missing} with
 * the whole object as its input, as pydantic reports it. Fields the record does not declare are ignored, or each one
 * is {@code extra_forbidden} with {@link ForbidExtra}. An {@code IllegalArgumentException} thrown by the record's
 * compact constructor (a check across fields) is a {@code value_error}, as a pydantic model validator's ValueError;
 * one thrown by a bean's setter is a {@code value_error} at that field, as a pydantic field validator's.
 */
final class RecordValidator implements Validator {
    private static final Map<Class<?>, RecordValidator> CACHE = new ConcurrentHashMap<>();
    private static final Object IN_PROGRESS = new Object();

    /** One field of the model; {@code annotations} is where its constraints are (for documentation). */
    record Field(String name, Type type, Validator validator, boolean optional, boolean required,
                 Object defaultValue, java.lang.reflect.AnnotatedElement annotations) {
    }

    private final Class<?> type;
    private volatile Field[] fields;
    private Set<String> names;
    private MethodHandle constructor;
    /** For a bean: each field's setter, {@code (Object bean, Object value) -> void}; null for a record. */
    private MethodHandle[] setters;
    private final boolean forbidExtra;

    private RecordValidator(Class<?> type) {
        this.type = type;
        this.forbidExtra = type.isAnnotationPresent(ForbidExtra.class);
    }

    static RecordValidator of(Class<?> type) {
        RecordValidator existing = CACHE.get(type);
        if (existing != null) {
            return existing;
        }
        // Registered before its fields are compiled, so a record that refers to itself (a tree) compiles.
        RecordValidator validator = new RecordValidator(type);
        RecordValidator raced = CACHE.putIfAbsent(type, validator);
        if (raced != null) {
            return raced;
        }
        try {
            validator.compile();
        } catch (RuntimeException e) {
            CACHE.remove(type);
            throw e;
        }
        return validator;
    }

    Class<?> type() {
        return type;
    }

    List<Field> fields() {
        return List.of(fields);
    }

    private void compile() {
        if (!type.isRecord()) {
            compileBean();
            return;
        }
        RecordComponent[] components = type.getRecordComponents();
        Field[] compiled = new Field[components.length];
        Class<?>[] types = new Class<?>[components.length];
        Set<String> fieldNames = new HashSet<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            compiled[i] = field(component, component.getName(), type.getSimpleName() + "." + component.getName());
            types[i] = component.getType();
            fieldNames.add(component.getName());
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            MethodHandle handle = lookup.findConstructor(type, MethodType.methodType(void.class, types));
            constructor = handle.asSpreader(Object[].class, types.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot build the record " + type.getName() + " from a request: its "
                    + "canonical constructor is not accessible (" + e + "); make the record public or open its "
                    + "package to io.ifastapi.core", e);
        }
        names = fieldNames;
        fields = compiled;
    }

    private void compileBean() {
        List<BeanModel.Property> properties = BeanModel.properties(type);
        MethodHandle create = BeanModel.constructor(type);
        Field[] compiled = new Field[properties.size()];
        MethodHandle[] handles = new MethodHandle[properties.size()];
        Set<String> fieldNames = new HashSet<>();
        for (int i = 0; i < compiled.length; i++) {
            BeanModel.Property property = properties.get(i);
            String where = type.getSimpleName() + "." + property.name();
            compiled[i] = field(property.type(), property.rawType(), property.annotations(),
                    property.annotations().getAnnotation(Default.class), property.name(), where);
            handles[i] = property.setter();
            fieldNames.add(property.name());
        }
        names = fieldNames;
        constructor = create;
        setters = handles;
        fields = compiled;
    }

    /** A component compiled as a field: its validator, whether it is Optional or required, its default. */
    static Field field(RecordComponent component, String name, String where) {
        return field(component.getGenericType(), component.getType(), component.getAccessor(),
                component.getAnnotation(Default.class), name, where);
    }

    /**
     * A field compiled from its declared type, where its constraint annotations are, and its {@code @Default}.
     */
    static Field field(Type declared, Class<?> rawType, java.lang.reflect.AnnotatedElement constraints, Default def,
                       String name, String where) {
        boolean optional = rawType == Optional.class;
        Type valueType = optional ? ((ParameterizedType) declared).getActualTypeArguments()[0] : declared;
        Validator validator = Validators.of(valueType, constraints, where);
        Object defaultValue = null;
        boolean required = !optional;
        if (def != null) {
            defaultValue = defaultValue(validator, def.value(), where);
            if (optional) {
                defaultValue = Optional.of(defaultValue);
            }
            required = false;
        } else if (optional) {
            defaultValue = Optional.empty();
        }
        return new Field(name, declared, validator, optional, required, defaultValue, constraints);
    }

    private static Object defaultValue(Validator validator, String text, String where) {
        Errors errors = new Errors();
        Object value;
        if (validator.isMulti() || validator instanceof RecordValidator || validator instanceof Validators.MapValidator) {
            JsonNode node;
            try {
                node = Json.mapper().readTree(text);
            } catch (Exception e) {
                throw new IllegalArgumentException(where + ": @Default(\"" + text + "\") is not JSON; write a list "
                        + "or object default as JSON, e.g. @Default(\"[]\")");
            }
            value = validator.fromJson(node, errors);
        } else {
            value = validator.fromText(text, errors);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(where + ": @Default(\"" + text + "\") does not validate: "
                    + errors.list().getFirst().msg());
        }
        return value;
    }

    @Override
    public Object fromText(String raw, Errors errors) {
        return errors.add("model_attributes_type", "Input should be a valid dictionary or object to extract fields "
                + "from", raw, null);
    }

    @Override
    public Object fromJson(JsonNode node, Errors errors) {
        if (!node.isObject()) {
            return errors.add("model_attributes_type", "Input should be a valid dictionary or object to extract "
                    + "fields from", JsonInput.of(node), null);
        }
        if (setters != null) {
            return beanFromJson(node, errors);
        }
        Field[] all = fields;
        Object[] args = new Object[all.length];
        int before = errors.size();
        Object whole = null;
        for (int i = 0; i < all.length; i++) {
            Field field = all[i];
            JsonNode value = node.get(field.name);
            errors.push(field.name);
            if (value == null) {
                if (field.required) {
                    if (whole == null) {
                        whole = JsonInput.of(node);
                    }
                    errors.add("missing", "Field required", whole, null);
                } else {
                    args[i] = field.defaultValue;
                }
            } else if (field.optional && value.isNull()) {
                args[i] = Optional.empty();
            } else {
                Object converted = field.validator.fromJson(value, errors);
                args[i] = field.optional && converted != Errors.INVALID ? Optional.of(converted) : converted;
            }
            errors.pop();
        }
        forbidExtra(node, errors);
        if (errors.size() > before) {
            return Errors.INVALID;
        }
        try {
            return construct(args);
        } catch (IllegalArgumentException e) {
            // A compact constructor's own check, as a pydantic model validator raising ValueError.
            return errors.add("value_error", "Value error, " + e.getMessage(), JsonInput.of(node),
                    Map.of("error", Map.of()));
        }
    }

    private void forbidExtra(JsonNode node, Errors errors) {
        if (forbidExtra) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!names.contains(entry.getKey())) {
                    errors.push(entry.getKey());
                    errors.add("extra_forbidden", "Extra inputs are not permitted", JsonInput.of(entry.getValue()),
                            null);
                    errors.pop();
                }
            }
        }
    }

    /**
     * A bean: created empty, then each field validated and set in order. A setter's IllegalArgumentException is a
     * value_error at that field, in field order among the others, as a pydantic field validator's ValueError.
     */
    private Object beanFromJson(JsonNode node, Errors errors) {
        Object bean;
        try {
            bean = constructor.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("The constructor of " + type.getName() + " failed", e);
        }
        Field[] all = fields;
        int before = errors.size();
        Object whole = null;
        for (int i = 0; i < all.length; i++) {
            Field field = all[i];
            JsonNode value = node.get(field.name);
            errors.push(field.name);
            Object converted;
            if (value == null) {
                if (field.required) {
                    if (whole == null) {
                        whole = JsonInput.of(node);
                    }
                    converted = errors.add("missing", "Field required", whole, null);
                } else {
                    converted = field.defaultValue;
                }
            } else if (field.optional && value.isNull()) {
                converted = Optional.empty();
            } else {
                converted = field.validator.fromJson(value, errors);
                if (field.optional && converted != Errors.INVALID) {
                    converted = Optional.of(converted);
                }
            }
            if (converted != Errors.INVALID) {
                set(i, bean, converted, value, errors);
            }
            errors.pop();
        }
        forbidExtra(node, errors);
        return errors.size() > before ? Errors.INVALID : bean;
    }

    private void set(int index, Object bean, Object value, JsonNode input, Errors errors) {
        try {
            setters[index].invokeExact(bean, value);
        } catch (IllegalArgumentException e) {
            errors.add("value_error", "Value error, " + e.getMessage(), input == null ? null : JsonInput.of(input),
                    Map.of("error", Map.of()));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Setting " + type.getName() + "." + fields[index].name + " failed", e);
        }
    }

    Object construct(Object[] args) {
        try {
            return constructor.invokeExact(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("The constructor of " + type.getName() + " failed", e);
        }
    }

    List<String> names() {
        List<String> out = new ArrayList<>();
        for (Field field : fields) {
            out.add(field.name);
        }
        return out;
    }
}
