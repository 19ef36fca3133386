package io.ifastapi.testclient;

/**
 * The app answered a WebSocket handshake with HTTP instead of accepting it (Starlette's
 * {@code WebSocketDenialResponse}): 403 when the handler closed before accepting or no WebSocket route matched, a
 * middleware's refusal (TrustedHost's 400), an HTTPException's status. {@link #response()} is that answer.
 */
public final class WebSocketDenied extends RuntimeException {
    private final TestResponse response;

    WebSocketDenied(TestResponse response) {
        super("The WebSocket handshake was answered " + response.status() + " instead of 101: " + response.text());
        this.response = response;
    }

    public TestResponse response() {
        return response;
    }
}
