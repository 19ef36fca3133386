package io.ifastapi.cli;

import io.ifastapi.sessions.DecodeResult;
import io.ifastapi.sessions.DecodeStatus;
import io.ifastapi.sessions.EncryptedCookieCodec;
import io.ifastapi.sessions.MalformedJsonException;
import io.ifastapi.sessions.PythonJson;
import io.ifastapi.sessions.SessionCodec;
import io.ifastapi.sessions.SignedCookieCodec;
import io.ifastapi.sessions.TimestampSigner;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code ifastapi session decode <cookie>}: what a session cookie holds, when it was issued, and whether the app
 * would accept it.
 *
 * <p>For a signed cookie that fails its signature, the payload is still shown, labelled UNVERIFIED, as
 * itsdangerous' {@code load_unsafe} would: it is plain base64 that anyone can read anyway, and seeing it helps
 * debugging. An encrypted cookie that does not decrypt shows nothing: there is nothing readable to show.
 */
final class SessionDecodeCommand {

    static final String HELP = """
            Usage: ifastapi session decode <cookie> [options]

            Shows the session in a cookie, when it was signed (ISO-8601 UTC and epoch seconds), its age, and whether
            it is valid: or why not (bad signature, expired, issued in the future, malformed).

            Options:
              --secret-key KEY    The app's secret key. Repeat it for rotated keys, current first. Default: the
                                  SECRET_KEY environment variable, which is better: a key typed on the command line
                                  ends up in shell history.
              --max-age SECONDS   Refuse cookies older than this; 'none' for no limit.
                                  Default: 1209600 (14 days, Starlette's default).
              --encrypted         The cookie comes from EncryptedCookieCodec (AES-GCM), not the signed format
                                  Starlette uses.
              --now TIME          Judge the cookie as if it were TIME: epoch seconds or ISO-8601, e.g.
                                  2026-01-01T00:00:00Z. Default: the clock.
              -h, --help          Show this help.

            Exit status: 0 valid, 1 invalid, 2 usage error.

            Example:
              SECRET_KEY=... java -jar ifastapi-cli.jar session decode 'eyJrZXkiOiAidmFsdWUifQ==.aVW5AA.TCVW...'
            """;

    private static final int LABEL_WIDTH = 11;

    private SessionDecodeCommand() {
    }

    static int run(DecodeOptions options, PrintStream out, Clock systemClock) {
        Clock clock = options.now() != null ? Clock.fixed(options.now(), ZoneOffset.UTC) : systemClock;
        DecodeResult result = codec(options, options.maxAge(), clock).decode(options.cookie());
        long now = clock.instant().getEpochSecond();

        line(out, "Status", status(result.status(), options));
        line(out, "Format", options.encrypted() ? "encrypted (AES-256-GCM, iFastAPI)"
                : "signed (Starlette / itsdangerous)");
        Instant issuedAt = result.issuedAt();
        String unverified = "";
        if (issuedAt == null && !options.encrypted()) {
            issuedAt = TimestampSigner.unverifiedTimestamp(options.cookie());
            unverified = "   UNVERIFIED";
        }
        if (issuedAt != null) {
            long seconds = issuedAt.getEpochSecond();
            line(out, options.encrypted() ? "Issued at" : "Signed at",
                    issuedAt + " (epoch " + seconds + ")" + unverified);
            long age = now - seconds;
            line(out, "Age", (age >= 0 ? human(age) : human(-age) + " in the future") + " (" + age + " s)"
                    + unverified);
        }
        Duration maxAge = options.maxAge();
        line(out, "Max age", maxAge == null ? "none" : human(maxAge.toSeconds()) + " (" + maxAge.toSeconds() + " s)");
        line(out, "Now", clock.instant().truncatedTo(ChronoUnit.SECONDS)
                + (options.now() != null ? " (from --now)" : ""));
        if (result.keyIndex() >= 0) {
            int keys = options.keys().size();
            line(out, "Key", result.signedWithOldKey()
                    ? "old key #" + (result.keyIndex() + 1) + " of " + keys
                            + ": the app should re-issue it under the current key"
                    : "current key (1 of " + keys + ")");
        }
        session(out, result, options, clock);
        return result.isValid() ? Main.OK : Main.INVALID;
    }

    private static SessionCodec codec(DecodeOptions options, Duration maxAge, Clock clock) {
        return options.encrypted() ? new EncryptedCookieCodec(options.keys(), maxAge, clock)
                : new SignedCookieCodec(options.keys(), maxAge, clock);
    }

    private static void session(PrintStream out, DecodeResult result, DecodeOptions options, Clock clock) {
        switch (result.status()) {
            case VALID -> json(out, "Session:", result.session());
            case EXPIRED, FUTURE_TIMESTAMP -> {
                // Authentic, only refused for its age: read it again without the age check to show it.
                DecodeResult ageless = codec(options, null, clock).decode(options.cookie());
                json(out, "Session (authentic, but NOT accepted because of its age):", ageless.session());
            }
            default -> {
                if (options.encrypted()) {
                    out.println("Session:   not shown (a cookie that does not decrypt has nothing readable)");
                    return;
                }
                String payload = SignedCookieCodec.unverifiedPayloadJson(options.cookie());
                if (payload == null) {
                    out.println("Session:   none readable (the payload is not base64 of UTF-8 text)");
                    return;
                }
                String label = "Session (UNVERIFIED: " + (result.status() == DecodeStatus.BAD_SIGNATURE
                        ? "the signature does not match" : "the cookie is malformed") + "; do not trust it):";
                try {
                    json(out, label, PythonJson.parse(payload));
                } catch (MalformedJsonException e) {
                    out.println(label);
                    out.println(printable(payload) + "   (not a JSON object: " + e.getMessage() + ")");
                }
            }
        }
    }

    private static void json(PrintStream out, String label, Map<String, Object> session) {
        out.println(label);
        out.println(printable(PythonJson.dumpsPretty(session)));
    }

    private static String status(DecodeStatus status, DecodeOptions options) {
        String kind = options.encrypted() ? "encrypted" : "signed";
        return switch (status) {
            case VALID -> "VALID";
            case MISSING -> "INVALID: empty cookie";
            case BAD_SIGNATURE -> options.encrypted()
                    ? "INVALID: cannot be decrypted with this key (another key made it, or it was changed)"
                    : "INVALID: bad signature (another key signed it, or it was changed)";
            case EXPIRED -> "INVALID: expired (older than the max age)";
            case FUTURE_TIMESTAMP -> "INVALID: issued in the future (is a server clock ahead of this one?)";
            case MALFORMED -> "INVALID: malformed (not a " + kind + " session cookie)" + formatHint(options);
        };
    }

    private static String formatHint(DecodeOptions options) {
        boolean hasDot = options.cookie().indexOf('.') >= 0;
        if (!options.encrypted() && !hasDot) {
            return "; it has no '.': an encrypted cookie? try --encrypted";
        }
        return options.encrypted() && hasDot ? "; it has '.' in it: a signed cookie? drop --encrypted" : "";
    }

    /** 1296000 -> "15d", 3723 -> "1h 2m 3s". */
    static String human(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        StringJoiner parts = new StringJoiner(" ");
        long[] amounts = {seconds / 86_400, seconds % 86_400 / 3_600, seconds % 3_600 / 60, seconds % 60};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] != 0) {
                parts.add(amounts[i] + units[i]);
            }
        }
        return parts.toString();
    }

    /**
     * Escapes control characters other than newline (C0, DEL, C1): cookie content is attacker-controlled, and raw
     * escape sequences printed to a terminal can rewrite what the developer sees.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void line(PrintStream out, String label, String value) {
        out.println((label + ":").concat(" ".repeat(Math.max(1, LABEL_WIDTH - label.length() - 1))) + value);
    }
}
