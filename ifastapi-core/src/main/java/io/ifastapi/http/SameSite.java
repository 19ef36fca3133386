package io.ifastapi.http;

import java.util.Locale;

/** The SameSite attribute of a cookie. */
public enum SameSite {
    LAX, STRICT, NONE;

    /** The lower-case spelling Starlette writes ({@code samesite=lax}). */
    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SameSite parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("same_site must be one of lax, strict, none; got " + value, e);
        }
    }
}
