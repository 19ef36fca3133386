package io.ifastapi.sessions;

import java.util.Base64;

/**
 * URL-safe base64 without padding, as itsdangerous writes timestamps and signatures (its {@code base64_encode}
 * strips the {@code =}), read strictly.
 *
 * <p>Strict means canonical: only the 64 URL-safe characters, no padding, and the unused low bits of the last
 * character zero. Python's decoder and the JDK's both ignore those bits, so two different strings can decode to
 * the same bytes; refusing all but the canonical one makes "any change to a cookie is detected" literally true.
 */
final class Base64Url {

    static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static final boolean[] URL_ALPHABET = alphabet("-_");
    private static final boolean[] STANDARD_ALPHABET = alphabet("+/=");

    private Base64Url() {
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * The bytes of a canonical unpadded URL-safe base64 string.
     *
     * @throws IllegalArgumentException when the string is not canonical
     */
    static byte[] decodeCanonical(String text) {
        int length = text.length();
        if (!isUrlAlphabet(text, 0, length) || length % 4 == 1) {
            throw new IllegalArgumentException("Not unpadded URL-safe base64");
        }
        if (length % 4 != 0) {
            // 2 trailing characters carry 8 bits of 12, 3 carry 16 of 18: the rest must be zero.
            int unusedBitsMask = length % 4 == 2 ? 0x0f : 0x03;
            if ((sextet(text.charAt(length - 1)) & unusedBitsMask) != 0) {
                throw new IllegalArgumentException("Not canonical base64: unused bits are set");
            }
        }
        return DECODER.decode(text);
    }

    /** True when every character in {@code text[from, to)} is one of the 64 URL-safe base64 characters. */
    static boolean isUrlAlphabet(CharSequence text, int from, int to) {
        return allIn(URL_ALPHABET, text, from, to);
    }

    /** True when every character in {@code text[from, to)} belongs to standard base64, padding included. */
    static boolean isStandardAlphabet(CharSequence text, int from, int to) {
        return allIn(STANDARD_ALPHABET, text, from, to);
    }

    /** A table lookup per character: every session cookie (up to 4 KB) is checked this way on every request. */
    private static boolean allIn(boolean[] alphabet, CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 128 || !alphabet[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] alphabet(String extra) {
        boolean[] table = new boolean[128];
        for (char c = 0; c < 128; c++) {
            table[c] = isAlphanumeric(c) || extra.indexOf(c) >= 0;
        }
        return table;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }
}
