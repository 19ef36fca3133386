package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;
import io.ifastapi.http.HTTPException;
import io.ifastapi.http.Request;
import io.ifastapi.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request body as FastAPI does before validating it: no body (or JSON {@code null}) is absent; a body with
 * a JSON Content-Type ({@code application/json}, {@code application/*+json}) is parsed as JSON (Jackson's tree; when
 * it fails, Python's reason and position are reported as {@code json_invalid}); a body with another Content-Type, or
 * none, reaches validation as text, which a model then rejects ({@code model_attributes_type}), as in FastAPI 0.14x.
 * {@code request.json(Type)} parses the body whatever its Content-Type, as Starlette's {@code request.json()}. A body
 * that is not UTF-8 or nests deeper than Python parses (1000) is a 400 "There was an error parsing the body".
 */
public final class JsonBody {
    /** The body was absent (no bytes, or the JSON {@code null}). */
    static final Object ABSENT = new Object();
    /** Python's json.loads rejects anything after the value ("Extra data"); Jackson stops there by default. */
    private static final com.fasterxml.jackson.databind.ObjectReader READER = Json.mapper().reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** request.json(Type) compiles each type once. */
    private static final java.util.Map<java.lang.reflect.Type, Validator> VALIDATORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private JsonBody() {
    }

    /** The body's JSON tree, {@link #ABSENT}, or {@link Errors#INVALID} after adding a json_invalid error. */
    static Object read(Request request, Errors errors, boolean needsJsonType) {
        byte[] bytes = request.body();
        if (bytes.length == 0) {
            return ABSENT;
        }
        String type = request.header("content-type");
        if (needsJsonType && (type == null || !isJson(type))) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
        }
        JsonNode node;
        try {
            node = READER.readTree(bytes);
        } catch (Exception e) {
            node = null;
        }
        if (node == null || node.isMissingNode()) {
            String text;
            PythonJsonErrors.Failure failure;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                failure = PythonJsonErrors.check(text);
            } catch (java.nio.charset.CharacterCodingException | PythonJsonErrors.TooDeep e) {
                // What FastAPI answers when json.loads fails other than with a JSONDecodeError.
                throw new HTTPException(400, "There was an error parsing the body");
            }
            String why = failure == null ? "Expecting value" : failure.message();
            int position = failure == null ? 0 : failure.position();
            errors.push("body");
            errors.push(position);
            errors.add("json_invalid", "JSON decode error", Map.of(), Map.of("error", why));
            errors.pop();
            errors.pop();
            return Errors.INVALID;
        }
        return node.isNull() ? ABSENT : node;
    }

    static boolean isJson(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        String mime = (semi < 0 ? t : t.substring(0, semi)).trim();
        return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
    }

    /**
     * The body validated into {@code type} (a record, a List of records, ...) with pydantic's errors at
     * {@code ["body", ...]}: what {@code request.json(Type)} uses.
     */
    public static Object validate(Request request, java.lang.reflect.Type type) {
        Validator validator = VALIDATORS.computeIfAbsent(type,
                t -> Validators.of(t, null, "request.json(" + t.getTypeName() + ")"));
        Errors errors = new Errors();
        Object node = read(request, errors, false);
        errors.throwIfAny();
        errors.push("body");
        Object value;
        if (node == ABSENT) {
            value = errors.add("missing", "Field required", null, null);
        } else {
            value = validator.fromJson((JsonNode) node, errors);
        }
        errors.pop();
        errors.throwIfAny();
        return value;
    }
}
