package io.ifastapi.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cookies a codec verified recently, with what they said, so that the same cookie arriving again is not
 * verified again. A browser sends one session cookie unchanged on every request until the session changes, so most
 * requests of a busy server carry a cookie it has just verified: the HMAC (signed) or the AES-GCM decryption
 * (encrypted), the base64, UTF-8 and JSON decoding are then skipped: the request gets a copy of the session read
 * the first time (it owns, and may change, its map).
 *
 * <p>What is kept is exactly what verification established: the payload (as JSON and as read), the issue time
 * and the key that verified it. The age is checked against the clock on every hit, and the codec's keys never
 * change, so a hit answers as a fresh verification would. Only accepted cookies get in; a forged one costs the full
 * verification, as before.
 *
 * <p>Direct-mapped: {@value #SLOTS} slots; a cookie's slot is fixed by its hash, and a newer cookie replaces the
 * older one there. So memory is bounded (cookies over {@value #MAX_CHARS} characters are not kept, which bounds it
 * to a few MB), and a lookup is one array read. The cookie text is compared in constant time: String.hashCode is
 * easy to collide, and an ordinary equals would tell an attacker, by timing, how much of someone else's cached
 * cookie a probe matched. Slots are written and read without locks: an entry has final fields only and the session
 * map it holds is its own copy, never changed once kept, so a reader sees a whole entry or an older one, and a miss
 * only costs a verification.
 */
final class VerifiedCookieCache {
    static final int SLOTS = 512;
    /** Browsers keep cookies of up to about 4096 bytes; longer values were not minted by a server. */
    static final int MAX_CHARS = 4096;

    /** A verified cookie: its text, its session (read, and as JSON), when it was issued, which key verified it. */
    private record Entry(String cookie, Map<String, Object> session, String payloadJson, Instant issuedAt,
            int keyIndex) {
    }

    private final Entry[] slots = new Entry[SLOTS];

    /**
     * The decoding of {@code cookie} when it was verified earlier, its age checked now as the codec would check it;
     * null when it is not (or no longer) kept, and the codec must verify it.
     */
    DecodeResult decode(String cookie, Clock clock, Duration maxAge) {
        Entry entry = slots[slot(cookie)];
        if (entry == null || !sameText(entry.cookie, cookie)) {
            return null;
        }
        DecodeStatus status = SessionAge.check(entry.issuedAt.getEpochSecond(), SessionAge.nowSeconds(clock), maxAge);
        if (status != DecodeStatus.VALID) {
            return DecodeResult.refusedForAge(status, entry.issuedAt, entry.keyIndex);
        }
        return DecodeResult.valid(copy(entry.session), entry.issuedAt, entry.keyIndex, entry.payloadJson);
    }

    /** Keeps what verification found in {@code cookie}, when the codec accepted it; returns {@code result}. */
    DecodeResult remember(String cookie, DecodeResult result) {
        if (result.isValid() && cookie.length() <= MAX_CHARS) {
            // A copy: the request owns, and may change, the map in the result.
            slots[slot(cookie)] = new Entry(cookie, copy(result.session()), result.payloadJson(), result.issuedAt(),
                    result.keyIndex());
        }
        return result;
    }

    /**
     * A deep copy of a session as {@link PythonJson#parse} makes them, cheaper than parsing the JSON again: maps and
     * lists are copied, the leaves (strings, numbers, booleans, null) are immutable and shared.
     */
    static Map<String, Object> copy(Map<String, Object> session) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, session.size() * 2));
        session.forEach((key, value) -> copy.put(key, copyValue(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copy((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(copyValue(element)));
            return copy;
        }
        return value;
    }

    private static int slot(String cookie) {
        int h = cookie.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** Equality whose time depends on the length only, not on where the texts first differ. */
    private static boolean sameText(String a, String b) {
        int length = a.length();
        if (length != b.length()) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= a.charAt(i) ^ b.charAt(i);
        }
        return difference == 0;
    }
}
