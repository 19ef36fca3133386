package io.ifastapi.testclient;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Expires} date of a cookie, parsed with the lenient algorithm browsers use (RFC 6265 section 5.1.1), so
 * the IMF-fixdate ({@code Thu, 01 Jan 1970 00:00:00 GMT}), RFC 850 ({@code Thursday, 01-Jan-70 00:00:00 GMT}),
 * asctime ({@code Thu Jan  1 00:00:00 1970}) and their common variants all read.
 */
final class CookieDate {
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\D.*)?", Pattern.DOTALL);
    private static final Pattern DAY = Pattern.compile("(\\d{1,2})(?:\\D.*)?", Pattern.DOTALL);
    private static final Pattern YEAR = Pattern.compile("(\\d{2,4})(?:\\D.*)?", Pattern.DOTALL);
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    private CookieDate() {
    }

    /** The instant, or null when the text is not a date (the attribute is then ignored, as browsers do). */
    static Instant parse(String text) {
        Integer hour = null, minute = null, second = null, day = null, month = null, year = null;
        for (String token : tokens(text)) {
            Matcher m;
            if (hour == null && (m = TIME.matcher(token)).matches()) {
                hour = Integer.parseInt(m.group(1));
                minute = Integer.parseInt(m.group(2));
                second = Integer.parseInt(m.group(3));
            } else if (day == null && (m = DAY.matcher(token)).matches()) {
                day = Integer.parseInt(m.group(1));
            } else if (month == null && token.length() >= 3
                    && MONTHS.contains(token.substring(0, 3).toLowerCase(Locale.ROOT))) {
                month = MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
            } else if (year == null && (m = YEAR.matcher(token)).matches()) {
                year = Integer.parseInt(m.group(1));
            }
        }
        if (hour == null || day == null || month == null || year == null) {
            return null;
        }
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException noSuchDay) { // 30 February
            return null;
        }
    }

    /** Splits on the RFC's delimiters: tab, space to '/', ';' to '@', '[' to '`', '{' to '~'. */
    private static List<String> tokens(String text) {
        return List.of(text.split("[\\x09\\x20-\\x2F\\x3B-\\x40\\x5B-\\x60\\x7B-\\x7E]+"))
                .stream().filter(t -> !t.isEmpty()).toList();
    }
}
