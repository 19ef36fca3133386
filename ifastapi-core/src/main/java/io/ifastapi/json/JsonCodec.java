package io.ifastapi.json;

import java.io.IOException;
import java.lang.reflect.Type;

/**
 * An app's JSON: what turns handlers' return values into response bodies, request bodies into objects, and session
 * values into the plain data every session backend stores. One per app ({@code app.json(codec)}), Jackson by
 * default ({@link JacksonJsonCodec}); swap it to configure the mapper or to use another library.
 */
public interface JsonCodec {

    /** Compact UTF-8 JSON, as FastAPI's JSONResponse writes it. */
    byte[] write(Object value);

    /** Reads JSON into a type (a record, a {@code List<Item>}...). */
    <T> T read(byte[] json, Type type) throws IOException;

    /**
     * The value as plain JSON data: maps, lists, strings, numbers, booleans and nulls, exactly what reading its JSON
     * back would give. Sessions store values in this form, so a value reads back alike in every backend.
     */
    Object toPlain(Object value);

    /** Converts already-parsed data (a map from a session, say) to a type. */
    <T> T convert(Object value, Type type);
}
