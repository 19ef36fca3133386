package io.ifastapi.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default Jackson mapper and helpers around it. Each app has its own {@link JsonCodec} (this mapper unless the
 * app is given another, see {@code IFastAPI.json}); these static helpers use the default, for code that has no app
 * at hand.
 */
public final class Json {
    /**
     * Jackson's default buffer pool is per thread (a ThreadLocal holding a SoftReference), and every request runs on
     * a new virtual thread: each one would allocate a fresh BufferRecycler, its buffers and a SoftReference for the GC
     * to process. A small shared pool keeps the buffers across requests instead; it is bounded, so a burst of
     * concurrent requests does not leave thousands of buffers behind.
     */
    private static final int RECYCLER_POOL_SIZE = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newBoundedPool(RECYCLER_POOL_SIZE))
                    // floats as FastAPI writes them (0.0001, not 1.0E-4)
                    .addDecorator((factory, generator) -> new PythonFloatGenerator(generator))
                    .build())
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module()) // Optional<T> as T or null, as FastAPI writes Optional[T]
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // A client sending a field the record does not have is not an error in FastAPI either.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A JSON object from alternating keys and values, in order. Unlike {@code Map.of}, values may be null:
     * {@code Json.object("key", request.session().get("key"))} gives {@code {"key":null}} for a new session.
     */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Json.object takes pairs of key and value");
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put(String.valueOf(keysAndValues[i]), keysAndValues[i + 1]);
        }
        return object;
    }

    /** Compact UTF-8 JSON, as FastAPI's JSONResponse writes it. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    public static String string(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Converts an already-parsed value (a Map from a session, say) to a type: a record, a List, a number. */
    public static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }
}
