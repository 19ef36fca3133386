package io.ifastapi.sse;

import io.ifastapi.json.Json;

import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Event, as FastAPI's {@code fastapi.sse.ServerSentEvent}: {@code data} is sent as JSON (a string
 * goes out quoted, as in FastAPI), {@code rawData} as it is; {@code event} names the type a browser's
 * {@code addEventListener} listens for (none: {@code message}), {@code id} comes back as {@code Last-Event-ID} when the
 * browser reconnects, {@code retry} is the reconnection delay in milliseconds, and {@code comment} lines are ignored
 * by clients (keep-alives use them). Multi-line data and comments become one field line per line.
 *
 * <pre>{@code
 * sink.send(ServerSentEvent.of(Map.of("price", 42)).event("tick").id("7"));
 * }</pre>
 */
public record ServerSentEvent(Object data, String rawData, String event, String id, Integer retry, String comment) {

    public ServerSentEvent {
        if (data != null && rawData != null) {
            throw new IllegalArgumentException("Cannot set both data and rawData on the same ServerSentEvent: use "
                    + "data for JSON payloads or rawData for pre-formatted strings");
        }
        singleLine(event, "event");
        singleLine(id, "id");
        if (id != null && id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("SSE 'id' must not contain null characters");
        }
        if (retry != null && retry < 0) {
            throw new IllegalArgumentException("SSE 'retry' must be >= 0 milliseconds, got " + retry);
        }
    }

    /** An event whose data is {@code value} as JSON. */
    public static ServerSentEvent of(Object value) {
        return new ServerSentEvent(value, null, null, null, null, null);
    }

    /** An event whose data is {@code text} as it is (HTML fragments, CSV lines, pre-encoded JSON). */
    public static ServerSentEvent raw(String text) {
        return new ServerSentEvent(null, text, null, null, null, null);
    }

    /** A comment only: clients ignore it; it keeps proxies from timing the stream out. */
    public static ServerSentEvent ofComment(String comment) {
        return new ServerSentEvent(null, null, null, null, null, comment);
    }

    public ServerSentEvent event(String newEvent) {
        return new ServerSentEvent(data, rawData, newEvent, id, retry, comment);
    }

    public ServerSentEvent id(String newId) {
        return new ServerSentEvent(data, rawData, event, newId, retry, comment);
    }

    public ServerSentEvent retry(int millis) {
        return new ServerSentEvent(data, rawData, event, id, millis, comment);
    }

    public ServerSentEvent comment(String newComment) {
        return new ServerSentEvent(data, rawData, event, id, retry, newComment);
    }

    /** The wire format, as FastAPI writes it: comment, event, data, id, retry lines, then a blank line. */
    public byte[] encode() {
        StringBuilder out = new StringBuilder(64);
        if (comment != null) {
            for (String line : lines(comment)) {
                out.append(": ").append(line).append('\n');
            }
        }
        if (event != null) {
            out.append("event: ").append(event).append('\n');
        }
        String dataText = rawData != null ? rawData : data != null ? Json.string(data) : null;
        if (dataText != null) {
            for (String line : lines(dataText)) {
                out.append("data: ").append(line).append('\n');
            }
        }
        if (id != null) {
            out.append("id: ").append(id).append('\n');
        }
        if (retry != null) {
            out.append("retry: ").append(retry).append('\n');
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Splits on the line ends the SSE format knows (CRLF, LF, CR), keeping empty and trailing lines. */
    private static String[] lines(String value) {
        return value.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    }

    private static void singleLine(String value, String field) {
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("SSE '" + field + "' must be a single line");
        }
    }
}
