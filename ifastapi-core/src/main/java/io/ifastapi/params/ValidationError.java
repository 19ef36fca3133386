package io.ifastapi.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a 422's {@code detail}, as pydantic 2 reports it and FastAPI sends it.
 *
 * @param type  pydantic's error type, e.g. {@code int_parsing}, {@code greater_than_equal}, {@code missing}
 * @param loc   where: {@code ["query", "limit"]}, {@code ["body", "tags", 0, "name"]}
 * @param msg   pydantic's message, word for word
 * @param input what was received: the raw string for path, query, header and cookie parameters, the JSON value for
 *              bodies (already in its JSON-ready form, see {@link JsonInput}), null when missing
 * @param ctx   the constraint, e.g. {@code {"ge": 1}}; null when pydantic sends none
 */
public record ValidationError(String type, List<Object> loc, String msg, Object input, Map<String, Object> ctx) {

    public ValidationError {
        loc = Collections.unmodifiableList(new ArrayList<>(loc));
    }

    /** The JSON object FastAPI sends, keys in its order: type, loc, msg, input, ctx (when there is one). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>(8);
        json.put("type", type);
        json.put("loc", loc);
        json.put("msg", msg);
        json.put("input", input);
        if (ctx != null) {
            json.put("ctx", ctx);
        }
        return json;
    }
}
