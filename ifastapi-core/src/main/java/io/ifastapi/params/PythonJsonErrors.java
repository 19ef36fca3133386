package io.ifastapi.params;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and why Python's {@code json.loads} rejects a document, which is what FastAPI reports for a malformed body
 * ({@code json_invalid}, {@code loc ["body", position]}, {@code ctx {"error": message}}). Only run once Jackson has
 * rejected the body, so valid bodies never pay for it. A scan of CPython's {@code json.scanner}/{@code json.decoder}
 * rules (3.11); positions count characters, as Python's do.
 */
final class PythonJsonErrors {
    private static final Pattern NUMBER = Pattern.compile("(-?(?:0|[1-9]\\d*))(\\.\\d+)?([eE][-+]?\\d+)?");

    /** The reason and character position, or null when Python would accept the text. */
    record Failure(String message, int position) {
    }

    /** The document nests deeper than Python parses. */
    static final class TooDeep extends RuntimeException {
        TooDeep() {
            super("JSON nested deeper than " + MAX_DEPTH, null, false, false);
        }
    }

    private static final class Fail extends RuntimeException {
        final String message;
        final int position;

        Fail(String message, int position) {
            super(message, null, false, false);
            this.message = message;
            this.position = position;
        }
    }

    /** Deeper than this, CPython's scanner gives up with a RecursionError (FastAPI: 400). */
    static final int MAX_DEPTH = 1000;

    private final String s;
    private int depth;

    private PythonJsonErrors(String s) {
        this.s = s;
    }

    /** @throws TooDeep when the text nests deeper than Python's parser goes */
    static Failure check(String text) {
        PythonJsonErrors scanner = new PythonJsonErrors(text);
        try {
            int end = scanner.value(scanner.ws(0));
            end = scanner.ws(end);
            if (end != text.length()) {
                throw new Fail("Extra data", end);
            }
            return null;
        } catch (Fail f) {
            return new Failure(f.message, text.codePointCount(0, Math.min(f.position, text.length())));
        }
    }

    private int ws(int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n'
                || s.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    private char at(int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private boolean has(int i) {
        return i < s.length();
    }

    /** Scans one value at i (Python's scan_once); returns the index after it. */
    private int value(int i) {
        if (!has(i)) {
            throw new Fail("Expecting value", i);
        }
        char c = s.charAt(i);
        switch (c) {
            case '"':
                return string(i + 1);
            case '{':
            case '[':
                if (++depth > MAX_DEPTH) {
                    throw new TooDeep();
                }
                int end = c == '{' ? object(i + 1) : array(i + 1);
                depth--;
                return end;
            default:
                break;
        }
        if (s.startsWith("null", i)) return i + 4;
        if (s.startsWith("true", i)) return i + 4;
        if (s.startsWith("false", i)) return i + 5;
        if (s.startsWith("NaN", i)) return i + 3;
        if (s.startsWith("Infinity", i)) return i + 8;
        if (s.startsWith("-Infinity", i)) return i + 9;
        Matcher m = NUMBER.matcher(s).region(i, s.length());
        if (m.lookingAt()) {
            return m.end();
        }
        throw new Fail("Expecting value", i);
    }

    private int object(int end) {
        char next = at(end);
        if (next != '"') {
            end = ws(end);
            next = at(end);
            if (next == '}' && has(end)) {
                return end + 1;
            }
            if (next != '"' || !has(end)) {
                throw new Fail("Expecting property name enclosed in double quotes", end);
            }
        }
        end++;
        while (true) {
            end = string(end);
            if (at(end) != ':' || !has(end)) {
                end = ws(end);
                if (at(end) != ':' || !has(end)) {
                    throw new Fail("Expecting ':' delimiter", end);
                }
            }
            end = ws(end + 1);
            end = value(end);
            end = ws(end);
            char c = has(end) ? s.charAt(end) : '\0';
            boolean present = has(end);
            end++;
            if (present && c == '}') {
                return end;
            }
            if (!present || c != ',') {
                throw new Fail("Expecting ',' delimiter", end - 1);
            }
            end = ws(end);
            present = has(end);
            c = at(end);
            end++;
            if (!present || c != '"') {
                throw new Fail("Expecting property name enclosed in double quotes", end - 1);
            }
        }
    }

    private int array(int end) {
        end = ws(end);
        if (has(end) && s.charAt(end) == ']') {
            return end + 1;
        }
        while (true) {
            end = value(end);
            end = ws(end);
            boolean present = has(end);
            char c = at(end);
            end++;
            if (present && c == ']') {
                return end;
            }
            if (!present || c != ',') {
                throw new Fail("Expecting ',' delimiter", end - 1);
            }
            end = ws(end);
        }
    }

    /** A string whose opening quote is at begin - 1; returns the index after its closing quote. */
    private int string(int begin) {
        int i = begin;
        while (true) {
            if (!has(i)) {
                throw new Fail("Unterminated string starting at", begin - 1);
            }
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x20) {
                throw new Fail("Invalid control character at", i);
            }
            if (c == '\\') {
                i++;
                if (!has(i)) {
                    throw new Fail("Unterminated string starting at", begin - 1);
                }
                char esc = s.charAt(i);
                if (esc == 'u') {
                    String hex = i + 5 <= s.length() ? s.substring(i + 1, i + 5) : "";
                    if (hex.length() != 4 || !hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)
                            || hex.chars().anyMatch(h -> h == 'x' || h == 'X')) {
                        throw new Fail("Invalid \\uXXXX escape", i);
                    }
                    i += 5;
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(esc) < 0) {
                    throw new Fail("Invalid \\escape", i - 1);
                }
            }
            i++;
        }
    }
}
