package io.ifastapi.sessions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent reader accepting what CPython's {@code json.loads} accepts with its defaults (the C scanner
 * in Modules/_json.c, strict mode): whitespace is space, tab, CR and LF; no control characters inside strings;
 * {@code \\uXXXX} takes exactly four hex digits and lone surrogates are kept; {@code NaN}, {@code Infinity} and
 * {@code -Infinity} are numbers. Two limits stop hostile input from costing much: nesting deeper than
 * {@value #MAX_DEPTH} levels (CPython would hit its recursion limit near 1000) and integers longer than
 * {@value #MAX_INT_DIGITS} digits (CPython 3.11+'s {@code sys.int_info.default_max_str_digits}) are refused.
 */
final class PythonJsonParser {

    static final int MAX_DEPTH = 1000;
    static final int MAX_INT_DIGITS = 4300;

    private final String text;
    private int pos;

    PythonJsonParser(String text) {
        if (text == null) {
            throw new MalformedJsonException("Expected a JSON object, got null", 0);
        }
        this.text = text;
    }

    Map<String, Object> parseObjectDocument() {
        skipWhitespace();
        if (pos >= text.length() || text.charAt(pos) != '{') {
            throw error(pos >= text.length() ? "Expected a JSON object, got nothing"
                    : "Expected a JSON object at the top level");
        }
        Map<String, Object> object = object(1);
        skipWhitespace();
        if (pos != text.length()) {
            throw error("Extra data after the JSON object");
        }
        return object;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested more than " + MAX_DEPTH + " levels deep");
        }
        if (pos >= text.length()) {
            throw error("Expecting value, got the end of the text");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            case 'N' -> literal("NaN", Double.NaN);
            case 'I' -> literal("Infinity", Double.POSITIVE_INFINITY);
            default -> {
                if (c == '-' && text.startsWith("-Infinity", pos)) {
                    yield literal("-Infinity", Double.NEGATIVE_INFINITY);
                }
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("Expecting value");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        pos++; // '{'
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return object;
        }
        while (true) {
            if (peek() != '"') {
                throw error("Expecting property name enclosed in double quotes");
            }
            String key = string();
            skipWhitespace();
            expect(':', "Expecting ':' delimiter");
            skipWhitespace();
            object.put(key, value(depth + 1));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return object;
            }
            if (c != ',') {
                pos--;
                throw error("Expecting ',' delimiter");
            }
            skipWhitespace();
        }
    }

    private List<Object> array(int depth) {
        pos++; // '['
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(value(depth + 1));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return array;
            }
            if (c != ',') {
                pos--;
                throw error("Expecting ',' delimiter");
            }
        }
    }

    private String string() {
        int start = ++pos; // after the opening quote
        // Fast path: no escapes, which is every key and most values. Locals, not the field, so that the JIT keeps
        // the scan in registers: a 3 KB session value is scanned on every request that reads the session.
        String text = this.text;
        int end = text.length();
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return text.substring(start, i);
            }
            if (c == '\\' || c < ' ') {
                break;
            }
            i++;
        }
        pos = i;
        StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < ' ') {
                pos--;
                throw error("Invalid control character in string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char escape = text.charAt(pos++);
            switch (escape) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(hex4());
                default -> {
                    pos -= 2;
                    throw error("Invalid \\escape");
                }
            }
        }
        throw new MalformedJsonException("Unterminated string", start - 1);
    }

    private char hex4() {
        if (pos + 4 > text.length()) {
            throw error("Invalid \\uXXXX escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(pos + i);
            int digit = c >= '0' && c <= '9' ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : -1;
            if (digit < 0) {
                throw error("Invalid \\uXXXX escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            skipDigits();
        } else {
            throw error("Expecting value");
        }
        int integerEnd = pos;
        boolean isFloat = false;
        if (peek() == '.' && isDigit(pos + 1)) {
            pos++;
            skipDigits();
            isFloat = true;
        }
        if ((peek() == 'e' || peek() == 'E')
                && (isDigit(pos + 1) || ((text.startsWith("+", pos + 1) || text.startsWith("-", pos + 1))
                        && isDigit(pos + 2)))) {
            pos += 2;
            skipDigits();
            isFloat = true;
        }
        String literal = text.substring(start, pos);
        if (isFloat) {
            return Double.parseDouble(literal); // 1e999 -> Infinity, as Python's float() does
        }
        int digits = integerEnd - start - (literal.charAt(0) == '-' ? 1 : 0);
        if (digits <= 18) {
            long value = Long.parseLong(literal);
            if (value == (int) value) {
                return (int) value;
            }
            return value;
        }
        if (digits > MAX_INT_DIGITS) {
            throw new MalformedJsonException("Integer longer than " + MAX_INT_DIGITS + " digits", start);
        }
        BigInteger value = new BigInteger(literal);
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("Expecting value");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c, String message) {
        if (peek() != c) {
            throw error(message);
        }
        pos++;
    }

    /** The current character, or NUL at the end (NUL never matches what callers look for). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean isDigit(int index) {
        return index < text.length() && text.charAt(index) >= '0' && text.charAt(index) <= '9';
    }

    private void skipDigits() {
        while (isDigit(pos)) {
            pos++;
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private MalformedJsonException error(String message) {
        return new MalformedJsonException(message, pos);
    }
}
