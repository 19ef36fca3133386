package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Compiles a declared Java type and its constraint annotations into a {@link Validator}, once per route. */
final class Validators {
    static final String SUPPORTED = "String, int/long/short/byte/BigInteger, double/float/BigDecimal, boolean, UUID, "
            + "enums, LocalDate, LocalDateTime, OffsetDateTime, Instant, List/Set of those, records and beans (bodies), "
            + "Map<String, ?> and JsonNode (bodies)";

    private Validators() {
    }

    /**
     * @param type        the declared type, without its Optional
     * @param constraints where the annotations are (a record component's accessor), or null for none
     * @param where       names the declaration in configuration errors
     */
    static Validator of(Type type, AnnotatedElement constraints, String where) {
        AnnotatedElement c = constraints == null ? NONE : constraints;
        checkConstraints(type, c, where);
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type arg = parameterized.getActualTypeArguments()[0];
            if (raw == List.class || raw == Set.class || raw == Collection.class) {
                Size size = c.getAnnotation(Size.class);
                int min = size == null ? 0 : size.min();
                if (c.isAnnotationPresent(NotEmpty.class)) {
                    min = Math.max(min, 1);
                }
                return new ListValidator(of(arg, null, where + " (an item)"), raw == Set.class, min,
                        size == null ? Integer.MAX_VALUE : size.max());
            }
            if (raw == Map.class) {
                return MapValidator.INSTANCE;
            }
            throw unsupported(type, where);
        }
        if (!(type instanceof Class<?> cls)) {
            throw unsupported(type, where);
        }
        if (cls == String.class) {
            Size size = c.getAnnotation(Size.class);
            jakarta.validation.constraints.Pattern pattern =
                    c.getAnnotation(jakarta.validation.constraints.Pattern.class);
            int min = size == null ? 0 : size.min();
            if (c.isAnnotationPresent(NotEmpty.class)) {
                min = Math.max(min, 1);
            }
            return new StringValidator(min, size == null ? Integer.MAX_VALUE : size.max(),
                    pattern == null ? null : pattern.regexp(), c.isAnnotationPresent(NotBlank.class));
        }
        if (cls == int.class || cls == Integer.class) return ints(IntValidator.Kind.INT, c, where);
        if (cls == long.class || cls == Long.class) return ints(IntValidator.Kind.LONG, c, where);
        if (cls == short.class || cls == Short.class) return ints(IntValidator.Kind.SHORT, c, where);
        if (cls == byte.class || cls == Byte.class) return ints(IntValidator.Kind.BYTE, c, where);
        if (cls == BigInteger.class) return ints(IntValidator.Kind.BIG, c, where);
        if (cls == double.class || cls == Double.class) {
            return new FloatValidator(false, NumberBounds.of(c, true, where));
        }
        if (cls == float.class || cls == Float.class) {
            return new FloatValidator(true, NumberBounds.of(c, true, where));
        }
        if (cls == BigDecimal.class) return new DecimalValidator(NumberBounds.of(c, false, where));
        if (cls == boolean.class || cls == Boolean.class) return BoolValidator.INSTANCE;
        if (cls == UUID.class) return UuidValidator.INSTANCE;
        if (cls.isEnum()) return new EnumValidator(cls);
        if (cls == LocalDate.class) return new DateTimeValidator(DateTimeValidator.Kind.DATE);
        if (cls == LocalDateTime.class) return new DateTimeValidator(DateTimeValidator.Kind.LOCAL_DATE_TIME);
        if (cls == OffsetDateTime.class) return new DateTimeValidator(DateTimeValidator.Kind.OFFSET_DATE_TIME);
        if (cls == Instant.class) return new DateTimeValidator(DateTimeValidator.Kind.INSTANT);
        if (cls.isRecord() || BeanModel.isCandidate(cls)) return RecordValidator.of(cls);
        if (cls == Map.class) return MapValidator.INSTANCE;
        if (JsonNode.class.isAssignableFrom(cls)) return AnyJson.INSTANCE;
        throw unsupported(type, where);
    }

    private static final Set<String> STRING_CONSTRAINTS = Set.of("Size", "Pattern", "NotEmpty", "NotBlank");
    private static final Set<String> NUMBER_CONSTRAINTS = Set.of("Min", "Max", "DecimalMin", "DecimalMax", "Positive",
            "PositiveOrZero", "Negative", "NegativeOrZero", "MultipleOf");
    private static final Set<String> LIST_CONSTRAINTS = Set.of("Size", "NotEmpty");
    private static final Set<Class<?>> NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class, short.class,
            Short.class, byte.class, Byte.class, BigInteger.class, double.class, Double.class, float.class,
            Float.class, BigDecimal.class);

    /**
     * Refuses a constraint that would be silently ignored: one iFastAPI does not check (@Email, @Past, @Digits...)
     * or one that does not apply to the type (@Size on an int). {@code @NotNull} is accepted: a field that is not
     * Optional is required and refuses null already.
     */
    private static void checkConstraints(Type type, AnnotatedElement c, String where) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : type instanceof Class<?> k ? k : Object.class;
        Set<String> allowed = raw == String.class ? STRING_CONSTRAINTS
                : NUMBERS.contains(raw) ? NUMBER_CONSTRAINTS
                : raw == List.class || raw == Set.class || raw == Collection.class ? LIST_CONSTRAINTS
                : Set.of();
        for (java.lang.annotation.Annotation annotation : c.getAnnotations()) {
            Class<?> kind = annotation.annotationType();
            boolean constraint = kind.getPackageName().equals("jakarta.validation.constraints")
                    || kind == MultipleOf.class;
            if (!constraint || kind == jakarta.validation.constraints.NotNull.class
                    || allowed.contains(kind.getSimpleName())) {
                continue;
            }
            boolean known = STRING_CONSTRAINTS.contains(kind.getSimpleName())
                    || NUMBER_CONSTRAINTS.contains(kind.getSimpleName());
            throw new IllegalArgumentException(where + ": @" + kind.getSimpleName() + (known
                    ? " does not apply to " + type.getTypeName() + " (numbers take @Min/@Max/@DecimalMin/"
                    + "@DecimalMax/@Positive.../@MultipleOf; strings @Size/@Pattern/@NotEmpty/@NotBlank; lists and "
                    + "sets @Size/@NotEmpty)"
                    : " is not checked by iFastAPI; use @Pattern for formats, or check it in the record's compact "
                    + "constructor (an IllegalArgumentException there is a 422 value_error)"));
        }
    }

    private static Validator ints(IntValidator.Kind kind, AnnotatedElement c, String where) {
        return new IntValidator(kind, NumberBounds.of(c, false, where));
    }

    private static IllegalArgumentException unsupported(Type type, String where) {
        return new IllegalArgumentException(where + ": the type " + type.getTypeName() + " is not supported as an "
                + "input; use one of " + SUPPORTED);
    }

    /** No annotations at all. */
    private static final AnnotatedElement NONE = new AnnotatedElement() {
        @Override
        public <A extends java.lang.annotation.Annotation> A getAnnotation(Class<A> annotationClass) {
            return null;
        }

        @Override
        public java.lang.annotation.Annotation[] getAnnotations() {
            return new java.lang.annotation.Annotation[0];
        }

        @Override
        public java.lang.annotation.Annotation[] getDeclaredAnnotations() {
            return getAnnotations();
        }
    };

    /** A JSON object as a Map (pydantic's {@code dict}). */
    static final class MapValidator implements Validator {
        static final MapValidator INSTANCE = new MapValidator();

        @Override
        public Object fromText(String raw, Errors errors) {
            return errors.add("dict_type", "Input should be a valid dictionary", raw, null);
        }

        @Override
        public Object fromJson(JsonNode node, Errors errors) {
            if (!node.isObject()) {
                return errors.add("dict_type", "Input should be a valid dictionary", JsonInput.of(node), null);
            }
            return io.ifastapi.json.Json.mapper().convertValue(node, Map.class);
        }
    }

    /** Any JSON value, as received (pydantic's {@code Any}). */
    static final class AnyJson implements Validator {
        static final AnyJson INSTANCE = new AnyJson();

        @Override
        public Object fromText(String raw, Errors errors) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(raw);
        }

        @Override
        public Object fromJson(JsonNode node, Errors errors) {
            return node;
        }
    }
}
