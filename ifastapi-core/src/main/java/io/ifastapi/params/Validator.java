package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Turns one received value into a Java value of one declared type and checks its constraints, compiled once per
 * route. On failure it adds pydantic's error to {@link Errors} (at the location the caller pushed) and returns
 * {@link Errors#INVALID}.
 */
interface Validator {

    /** A value from a path, query string, header or cookie (pydantic's lax mode on strings). */
    Object fromText(String raw, Errors errors);

    /** A value from a JSON body (pydantic's JSON mode). */
    Object fromJson(JsonNode node, Errors errors);

    /** Every value of a repeated query parameter or header; only lists and sets take more than the first. */
    default Object fromTexts(List<String> raws, Errors errors) {
        return fromText(raws.getFirst(), errors);
    }

    /** True for List and Set types: they read every value of a repeated parameter. */
    default boolean isMulti() {
        return false;
    }
}
