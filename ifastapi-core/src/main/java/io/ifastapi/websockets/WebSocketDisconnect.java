package io.ifastapi.websockets;

/**
 * The peer has gone (Starlette's {@code WebSocketDisconnect}): thrown by a receive once the client sent its close
 * frame or the connection dropped (code 1006), and by a send to a connection that is gone. A handler may let it
 * propagate: the framework treats it as the normal end of a WebSocket.
 */
public class WebSocketDisconnect extends RuntimeException {
    private final int code;
    private final String reason;

    public WebSocketDisconnect(int code, String reason) {
        super("WebSocket closed with code " + code + (reason == null || reason.isEmpty() ? "" : ": " + reason),
                null, false, false);
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    public WebSocketDisconnect(int code) {
        this(code, "");
    }

    /** The close code: the peer's (1000 normal, 1001 going away, ...), 1005 when it sent none, 1006 if it vanished. */
    public int code() {
        return code;
    }

    /** The peer's close reason, "" when none. */
    public String reason() {
        return reason;
    }
}
