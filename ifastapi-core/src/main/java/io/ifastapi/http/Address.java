package io.ifastapi.http;

/** The client's address as the server saw it (Starlette's {@code request.client}). */
public record Address(String host, int port) {
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
