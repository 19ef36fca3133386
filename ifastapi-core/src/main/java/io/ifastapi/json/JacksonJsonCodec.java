package io.ifastapi.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.lang.reflect.Type;

/** The default {@link JsonCodec}, on a Jackson {@link ObjectMapper} ({@link Json#mapper()} unless given another). */
public final class JacksonJsonCodec implements JsonCodec {
    private static final JacksonJsonCodec DEFAULT = new JacksonJsonCodec(Json.mapper());

    private final ObjectMapper mapper;
    /** For {@link #toPlain}: an object with nothing to write is a mistake there (a session would keep {@code {}}). */
    private final ObjectMapper strict;

    private JacksonJsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.strict = mapper.copy().enable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** The framework's default: Java time types as ISO strings, Optional unwrapped, unknown fields ignored. */
    public static JacksonJsonCodec defaults() {
        return DEFAULT;
    }

    /** A codec on your own mapper, e.g. {@code Json.mapper().copy().setPropertyNamingStrategy(SNAKE_CASE)}. */
    public static JacksonJsonCodec of(ObjectMapper mapper) {
        if (mapper == null) {
            throw new IllegalArgumentException("mapper must not be null; start from Json.mapper().copy()");
        }
        return new JacksonJsonCodec(mapper);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    @Override
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T read(byte[] json, Type type) throws IOException {
        return mapper.readValue(json, javaType(type));
    }

    @Override
    public Object toPlain(Object value) {
        try {
            return strict.convertValue(value, Object.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public <T> T convert(Object value, Type type) {
        return mapper.convertValue(value, javaType(type));
    }

    private JavaType javaType(Type type) {
        return mapper.getTypeFactory().constructType(type);
    }
}
