package io.ifastapi.sessions;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to text, refusing invalid UTF-8 instead of replacing it with U+FFFD as {@code new String} would: a cookie
 * payload that is not UTF-8 is malformed (Python's {@code json.loads} of bytes fails on it too).
 */
final class StrictUtf8 {

    private StrictUtf8() {
    }

    static String decode(byte[] bytes) throws CharacterCodingException {
        for (byte b : bytes) {
            if (b < 0) {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            }
        }
        // All ASCII, the usual case (json.dumps escapes everything else): no decoder needed.
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
