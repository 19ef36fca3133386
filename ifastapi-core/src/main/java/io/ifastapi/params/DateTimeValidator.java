package io.ifastapi.params;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * LocalDate, LocalDateTime, OffsetDateTime and Instant, read as pydantic reads {@code date} and {@code datetime}
 * (RFC 3339 / ISO 8601 with {@code T}, {@code t}, {@code _} or a space between date and time; Unix timestamps from
 * numbers, in seconds or, past 2e10, milliseconds), with its error types and explanations. A date given with a
 * non-zero time is {@code date_from_datetime_inexact}. A datetime without an offset is UTC for OffsetDateTime and
 * Instant; LocalDateTime keeps the wall time as written and drops any offset.
 */
final class DateTimeValidator implements Validator {
    enum Kind { DATE, LOCAL_DATE_TIME, OFFSET_DATE_TIME, INSTANT }

    private record Parsed(LocalDate date, LocalTime time, ZoneOffset offset) {
    }

    /** A number too large for a timestamp: pydantic reports it as {@code date_parsing}/{@code datetime_parsing}. */
    private record OutOfRange(String why) {
    }

    /** 9999-12-31T23:59:59Z, the last second pydantic accepts as a Unix timestamp. */
    private static final double MAX_TIMESTAMP = 253_402_300_799.0;

    private final Kind kind;

    DateTimeValidator(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Object fromText(String raw, Errors errors) {
        return finish(parse(raw, kind == Kind.DATE), raw, errors);
    }

    @Override
    public Object fromJson(JsonNode node, Errors errors) {
        if (node.isTextual()) {
            return fromText(node.textValue(), errors);
        }
        if (node.isNumber() && !node.isBigInteger()) {
            return finish(timestamp(node.doubleValue()), JsonInput.of(node), errors);
        }
        return kind == Kind.DATE
                ? errors.add("date_type", "Input should be a valid date", JsonInput.of(node), null)
                : errors.add("datetime_type", "Input should be a valid datetime", JsonInput.of(node), null);
    }

    private Object finish(Object parsed, Object input, Errors errors) {
        if (parsed instanceof OutOfRange(String why)) {
            return kind == Kind.DATE
                    ? errors.add("date_parsing", "Input should be a valid date, " + why, input, Map.of("error", why))
                    : errors.add("datetime_parsing", "Input should be a valid datetime, " + why, input,
                            Map.of("error", why));
        }
        if (parsed instanceof String why) {
            return kind == Kind.DATE
                    ? errors.add("date_from_datetime_parsing", "Input should be a valid date or datetime, " + why,
                            input, Map.of("error", why))
                    : errors.add("datetime_from_date_parsing", "Input should be a valid datetime or date, " + why,
                            input, Map.of("error", why));
        }
        Parsed p = (Parsed) parsed;
        LocalTime time = p.time == null ? LocalTime.MIDNIGHT : p.time;
        return switch (kind) {
            case DATE -> {
                if (!time.equals(LocalTime.MIDNIGHT)) {
                    yield errors.add("date_from_datetime_inexact", "Datetimes provided to dates should have zero "
                            + "time - e.g. be exact dates", input, null);
                }
                yield p.date;
            }
            case LOCAL_DATE_TIME -> LocalDateTime.of(p.date, time);
            case OFFSET_DATE_TIME -> OffsetDateTime.of(p.date, time, p.offset == null ? ZoneOffset.UTC : p.offset);
            case INSTANT -> OffsetDateTime.of(p.date, time, p.offset == null ? ZoneOffset.UTC : p.offset)
                    .toInstant();
        };
    }

    private static Object timestamp(double value) {
        if (Double.isNaN(value)) {
            return "input is too long";
        }
        double seconds = Math.abs(value) > 2e10 ? value / 1000 : value;
        if (seconds > MAX_TIMESTAMP) {
            return new OutOfRange("dates after 9999 are not supported as unix timestamps");
        }
        if (seconds < -62_135_596_800.0) { // 0001-01-01T00:00:00Z
            return new OutOfRange("dates before 0000 are not supported as unix timestamps");
        }
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1_000_000) * 1000;
        OffsetDateTime at = Instant.ofEpochSecond(whole, nanos).atOffset(ZoneOffset.UTC);
        return new Parsed(at.toLocalDate(), at.toLocalTime(), ZoneOffset.UTC);
    }

    /** A Parsed value, or speedate's explanation of what is wrong. */
    private static Object parse(String s, boolean forDate) {
        if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9') && s.length() <= 18) {
            return timestamp(Double.parseDouble(s));
        }
        if (s.length() < 10) {
            return "input is too short";
        }
        if (!digits(s, 0, 4)) return "invalid character in year";
        if (s.charAt(4) != '-') return "invalid date separator, expected `-`";
        if (!digits(s, 5, 7)) return "invalid character in month";
        if (s.charAt(7) != '-') return "invalid date separator, expected `-`";
        if (!digits(s, 8, 10)) return "invalid character in day";
        int year = Integer.parseInt(s, 0, 4, 10);
        int month = Integer.parseInt(s, 5, 7, 10);
        int day = Integer.parseInt(s, 8, 10, 10);
        if (month < 1 || month > 12) return "month value is outside expected range of 1-12";
        if (day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return "day value is outside expected range";
        }
        LocalDate date = LocalDate.of(year, month, day);
        if (s.length() == 10) {
            return new Parsed(date, null, null);
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != '_' && sep != ' ') {
            return forDate ? "invalid datetime separator, expected `T`, `t`, `_` or space"
                    : "unexpected extra characters at the end of the input";
        }
        Object time = time(s, 11);
        if (time instanceof String why) {
            return forDate ? why : "unexpected extra characters at the end of the input";
        }
        Object[] t = (Object[]) time;
        return new Parsed(date, (LocalTime) t[0], (ZoneOffset) t[1]);
    }

    /** {LocalTime, ZoneOffset or null}, or an explanation. */
    private static Object time(String s, int i) {
        if (s.length() < i + 5) return "input is too short";
        if (!digits(s, i, i + 2)) return "invalid character in hour";
        if (s.charAt(i + 2) != ':') return "invalid time separator, expected `:`";
        if (!digits(s, i + 3, i + 5)) return "invalid character in minute";
        int hour = Integer.parseInt(s, i, i + 2, 10);
        int minute = Integer.parseInt(s, i + 3, i + 5, 10);
        int second = 0;
        int nanos = 0;
        int at = i + 5;
        if (at < s.length() && s.charAt(at) == ':') {
            if (!digits(s, at + 1, at + 3)) return "invalid character in second";
            second = Integer.parseInt(s, at + 1, at + 3, 10);
            at += 3;
            if (at < s.length() && (s.charAt(at) == '.' || s.charAt(at) == ',')) {
                int start = ++at;
                while (at < s.length() && Character.isDigit(s.charAt(at))) at++;
                if (at == start || at - start > 9) return "invalid character in second fraction";
                String fraction = (s.substring(start, at) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(fraction) / 1000 * 1000; // microseconds, as Python keeps
            }
        }
        if (hour > 23) return "hour value is outside expected range of 0-23";
        if (minute > 59) return "minute value is outside expected range of 0-59";
        if (second > 59) return "second value is outside expected range of 0-59";
        ZoneOffset offset = null;
        if (at < s.length()) {
            char c = s.charAt(at);
            if (c == 'Z' || c == 'z') {
                offset = ZoneOffset.UTC;
                at++;
            } else if (c == '+' || c == '-') {
                if (!digits(s, at + 1, at + 3)) return "invalid timezone hour";
                int h = Integer.parseInt(s, at + 1, at + 3, 10);
                int m = 0;
                at += 3;
                if (at < s.length() && s.charAt(at) == ':') at++;
                if (digits(s, at, at + 2)) {
                    m = Integer.parseInt(s, at, at + 2, 10);
                    at += 2;
                }
                if (h > 23 || m > 59) return "timezone offset must be less than 24 hours";
                int total = (h * 60 + m) * 60;
                offset = ZoneOffset.ofTotalSeconds(c == '-' ? -total : total);
            } else {
                return "invalid timezone sign";
            }
        }
        if (at != s.length()) return "unexpected extra characters at the end of the input";
        return new Object[] {LocalTime.of(hour, minute, second, nanos), offset};
    }

    private static boolean digits(String s, int from, int to) {
        if (to > s.length()) return false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }
}
