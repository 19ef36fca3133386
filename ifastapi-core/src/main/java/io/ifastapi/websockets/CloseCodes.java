package io.ifastapi.websockets;

/** The close codes of RFC 6455 section 7.4.1 that apps use (Starlette's {@code status.WS_1000_NORMAL_CLOSURE}...). */
public final class CloseCodes {
    public static final int NORMAL_CLOSURE = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    public static final int NO_STATUS_RCVD = 1005;
    public static final int ABNORMAL_CLOSURE = 1006;
    public static final int INVALID_FRAME_PAYLOAD_DATA = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXT = 1010;
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }
}
