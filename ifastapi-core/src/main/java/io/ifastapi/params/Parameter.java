package io.ifastapi.params;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * A declared path, query, header or cookie parameter, or a form field or file, as the OpenAPI generator documents
 * it.
 *
 * @param name         the name on the wire (alias and header conversion applied)
 * @param location     "path", "query", "header" or "cookie"; "form" or "file" for the fields of a form body
 *                     ({@link RouteInputs#formFields()})
 * @param type         the declared Java type (Optional included)
 * @param required     true when the request must carry it
 * @param defaultValue the value used when absent (already converted), or null
 * @param constraints  pydantic's names for its constraints: ge, gt, le, lt, multiple_of, min_length, max_length,
 *                     pattern
 */
public record Parameter(String name, String location, Type type, boolean required, Object defaultValue,
                        Map<String, Object> constraints) {
}
