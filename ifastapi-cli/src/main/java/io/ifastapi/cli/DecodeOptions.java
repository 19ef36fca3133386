package io.ifastapi.cli;

import io.ifastapi.sessions.InvalidSecretKeyException;
import io.ifastapi.sessions.SecretKey;
import io.ifastapi.sessions.SignedCookieCodec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The options of {@code ifastapi session decode}, parsed.
 *
 * @param cookie the cookie value
 * @param keys the secret keys, current first
 * @param maxAge null for no limit
 * @param encrypted true for EncryptedCookieCodec cookies
 * @param now the time to judge the cookie at; null for the real clock
 * @param help true when help was asked for (then nothing else is set)
 */
record DecodeOptions(String cookie, List<SecretKey> keys, Duration maxAge, boolean encrypted, Instant now,
        boolean help) {

    static final String ENV_KEY = "SECRET_KEY";

    static DecodeOptions parse(List<String> args, Function<String, String> env) throws UsageException {
        List<String> keyTexts = new ArrayList<>();
        Duration maxAge = SignedCookieCodec.DEFAULT_MAX_AGE;
        boolean encrypted = false;
        Instant now = null;
        String cookie = null;
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!optionsEnded && arg.startsWith("-")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                switch (name) {
                    case "-h", "--help" -> {
                        return new DecodeOptions(null, List.of(), null, false, null, true);
                    }
                    case "--" -> optionsEnded = true;
                    case "--encrypted" -> encrypted = true;
                    case "--secret-key" -> keyTexts.add(inline != null ? inline : value(args, ++i, name));
                    case "--max-age" -> maxAge = maxAge(inline != null ? inline : value(args, ++i, name));
                    case "--now" -> now = instant(inline != null ? inline : value(args, ++i, name));
                    default -> throw new UsageException("Unknown option " + name);
                }
            } else if (cookie == null) {
                cookie = arg;
            } else {
                throw new UsageException("Only one cookie at a time; also got: " + arg);
            }
        }
        if (cookie == null || cookie.isEmpty()) {
            throw new UsageException("Which cookie? Give its value: ifastapi session decode <cookie>");
        }
        return new DecodeOptions(withoutCookieName(cookie), keys(keyTexts, env), maxAge, encrypted, now, false);
    }

    /**
     * Accepts a pasted {@code session=<value>} too. No cookie value of ours starts with "session=": a signed one is
     * base64 of a JSON object, so starts "ey"; an encrypted one starts with its version byte, "AQ".
     */
    private static String withoutCookieName(String cookie) {
        String prefix = "session=";
        return cookie.startsWith(prefix) && cookie.length() > prefix.length() ? cookie.substring(prefix.length())
                : cookie;
    }

    private static List<SecretKey> keys(List<String> texts, Function<String, String> env) throws UsageException {
        try {
            if (texts.isEmpty()) {
                return List.of(SecretKey.fromEnv(ENV_KEY, env));
            }
            List<SecretKey> keys = new ArrayList<>();
            for (String text : texts) {
                keys.add(SecretKey.of(text));
            }
            return keys;
        } catch (InvalidSecretKeyException e) {
            throw new UsageException(e.getMessage() + (texts.isEmpty() ? " (or pass --secret-key KEY)" : ""));
        }
    }

    private static String value(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static Duration maxAge(String text) throws UsageException {
        if (text.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--max-age takes whole seconds (0 or more) or 'none', not '" + text + "'");
    }

    private static Instant instant(String text) throws UsageException {
        try {
            return text.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(text))
                    : Instant.parse(text);
        } catch (NumberFormatException | DateTimeException e) {
            throw new UsageException("--now takes epoch seconds or an ISO-8601 instant such as "
                    + "2026-01-01T00:00:00Z, not '" + text + "'");
        }
    }
}
