package io.ifastapi.sessions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Map;
import java.util.Optional;

/**
 * JSON exactly as CPython's {@code json} module writes and reads it, so that a session cookie we mint is the very
 * cookie Starlette would mint for the same session (byte for byte) and each side reads the other's.
 *
 * <p>Writing: {@link #dumps(Map)} is {@code json.dumps(session)} with the default arguments. Values may be what
 * Jackson produces when it reads JSON (String, Integer, Long, BigInteger, Double, BigDecimal, Boolean, null, List,
 * Map) or any other object: those go through one shared Jackson {@link ObjectMapper} first
 * ({@code valueToTree}), so a record stored in a session becomes a JSON object. That mapper writes java.time
 * values as their ISO-8601 strings and {@link Optional} as its content or null; the core has no jsr310/jdk8
 * modules, and a session should hold "2026-01-01" rather than Jackson's default timestamp arrays.
 *
 * <p>Reading: {@link #parse(String)} is {@code json.loads} restricted to an object at the top level.
 */
public final class PythonJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(plainTextModule()).build();

    private PythonJson() {
    }

    /**
     * {@code json.dumps(object)}: separators {@code ", "} and {@code ": "}, ASCII only (other characters as
     * lowercase {@code \\uXXXX}, astral ones as surrogate pairs), Python's float repr, NaN and the infinities as
     * {@code NaN}, {@code Infinity}, {@code -Infinity}, entries in the map's iteration order.
     *
     * @throws IllegalArgumentException when a value cannot be turned into JSON (Jackson cannot serialise it, or the
     *     tree is nested more than 1000 levels deep, e.g. because it contains itself)
     */
    public static String dumps(Map<String, ?> object) {
        return PythonJsonWriter.write(object, false);
    }

    /**
     * {@code json.dumps(object, indent=2, ensure_ascii=False)}: for people reading a session, not for cookies.
     *
     * @throws IllegalArgumentException as {@link #dumps(Map)}
     */
    public static String dumpsPretty(Map<String, ?> object) {
        return PythonJsonWriter.write(object, true);
    }

    /**
     * {@code json.loads(text)} where the top level must be an object. Objects become {@link java.util.LinkedHashMap}s
     * in document order (a repeated key keeps its first position and its last value, as a Python dict does),
     * arrays {@link java.util.ArrayList}s, integers the smallest of Integer, Long and BigInteger that holds them,
     * numbers with a fraction or an exponent Doubles; NaN, Infinity and -Infinity are accepted as Python does.
     * Every map and list is new and mutable, owned by the caller.
     *
     * @throws MalformedJsonException when the text is not JSON, has something after the value, or its top level is
     *     not an object
     */
    public static Map<String, Object> parse(String text) {
        return new PythonJsonParser(text).parseObjectDocument();
    }

    /** The shared Jackson conversion of one value that is not JSON-shaped already. */
    static JsonNode toTree(Object value) {
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot store a " + value.getClass().getName()
                    + " in a session as JSON: " + e.getMessage(), e);
        }
    }

    private static SimpleModule plainTextModule() {
        SimpleModule module = new SimpleModule("ifastapi-session-values");
        module.addSerializer(TemporalAccessor.class, ToStringSerializer.instance);
        module.addSerializer(TemporalAmount.class, ToStringSerializer.instance);
        module.addSerializer(ZoneId.class, ToStringSerializer.instance);
        module.addSerializer(new OptionalSerializer());
        return module;
    }

    /** {@code Optional.of(x)} is written as x, {@code Optional.empty()} as null. */
    private static final class OptionalSerializer extends StdSerializer<Optional<?>> {

        @SuppressWarnings({"unchecked", "rawtypes"})
        OptionalSerializer() {
            super((Class) Optional.class);
        }

        @Override
        public void serialize(Optional<?> value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            provider.defaultSerializeValue(value.orElse(null), generator);
        }
    }
}
