package io.ifastapi.security;

/** The Authorization header split as FastAPI's get_authorization_scheme_param does: at the first space. */
record Authorization(String scheme, String param) {

    static Authorization parse(String header) {
        if (header == null || header.isEmpty()) {
            return new Authorization("", "");
        }
        int space = header.indexOf(' ');
        return space < 0 ? new Authorization(header, "")
                : new Authorization(header.substring(0, space), header.substring(space + 1));
    }
}
