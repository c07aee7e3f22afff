// YAML front matter. libyaml's event parser (the one Psych wraps and Go's
// YAML was ported from) supplies the structure (key order, source marks,
// plain vs quoted, explicit tags); what a plain scalar means is decided
// here, per reader, because the same text means different things to
// Jekyll (Ruby's Psych) and to Hugo (Go's yaml.v2). The writer
// quotes every string that any of those readers, or a YAML 1.2 reader, could
// take for something else.
#include <yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/codecs.h"
#include "core/text.h"

namespace postport {

namespace {

// ---------------------------------------------------------------------------
// Text helpers

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

bool one_of(std::string_view set, char c) { return set.find(c) != std::string_view::npos; }

bool all_of(std::string_view text, bool (*predicate)(char)) {
    return std::all_of(text.begin(), text.end(), predicate);
}

// Value of a digit in bases up to 16; 99 for anything else.
int digit_value(char c) {
    if (is_digit(c)) return c - '0';
    char lower = ascii_lower(c);
    if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
    return 99;
}

// A UTF-8 byte that continues a character rather than starting one.
bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Ruby counts a string's length in characters, not bytes.
std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return !is_continuation_byte(c); }));
}

// Reads between min and max digits at `pos` (greedily) into `out`.
bool read_number(std::string_view text, std::size_t& pos, std::size_t min_digits,
                 std::size_t max_digits, int& out) {
    std::size_t start = pos;
    int value = 0;
    while (pos < text.size() && pos - start < max_digits && is_digit(text[pos]))
        value = value * 10 + (text[pos++] - '0');
    if (pos - start < min_digits) return false;
    out = value;
    return true;
}

// A scalar that the reader refuses outright (Psych raising, yaml.v2 failing).
class ScalarError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, days since 1970-01-01)

std::int64_t days_from_civil(std::int64_t year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    std::int64_t year_of_era = year - era * 400;
    std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

Date civil_from_days(std::int64_t days) {
    days += 719468;
    std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    std::int64_t day_of_era = days - era * 146097;
    std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    std::int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    std::int64_t mp = (5 * day_of_year + 2) / 153;
    int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return Date{static_cast<int>(year), month, day};
}

bool gregorian_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int month, bool leap) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap ? 29 : days[month - 1];
}

bool valid_gregorian_date(int year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(month, gregorian_leap(year));
}

// ---------------------------------------------------------------------------
// Numbers

enum class IntStatus { Ok, Overflow, Invalid };

struct ParsedInt {
    IntStatus status = IntStatus::Invalid;
    std::int64_t value = 0;
};

// Digits in `base` (no sign, no prefix) as an int64, noting overflow.
ParsedInt parse_magnitude(std::string_view digits, int base, bool negative) {
    if (digits.empty()) return {};
    constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t magnitude = 0;
    bool overflow = false;
    for (char c : digits) {
        auto digit = static_cast<std::uint64_t>(digit_value(c));
        if (digit >= static_cast<std::uint64_t>(base)) return {};
        if (magnitude > (max - digit) / static_cast<std::uint64_t>(base)) overflow = true;
        magnitude = magnitude * static_cast<std::uint64_t>(base) + digit;
    }
    constexpr std::uint64_t limit = std::uint64_t{1} << 63;
    if (overflow || magnitude > (negative ? limit : limit - 1)) return {IntStatus::Overflow, 0};
    // Unsigned negation wraps, and the cast is modular in C++20: -2^63 comes out right.
    return {IntStatus::Ok, static_cast<std::int64_t>(negative ? 0 - magnitude : magnitude)};
}

// [-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)? : the decimal float every reader
// here agrees on (Go's yamlStyleFloat, YAML 1.2 core).
bool decimal_float_syntax(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t integer_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    bool integer_digits = i > integer_start;
    bool fraction_digits = false;
    if (i < text.size() && text[i] == '.') {
        std::size_t fraction_start = ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
        fraction_digits = i > fraction_start;
    }
    if (!integer_digits && !fraction_digits) return false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        std::size_t exponent_start = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (i == exponent_start) return false;
    }
    return i == text.size();
}

// Correctly rounded decimal text (already checked with decimal_float_syntax
// or an equivalent) to a double. Out of range becomes what strtod gives (±inf,
// or ±0 for an underflow) and is reported through `overflowed`.
double decimal_to_double(std::string_view text, bool* overflowed = nullptr) {
    bool negative = !text.empty() && text[0] == '-';
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) text.remove_prefix(1);
    double value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc::result_out_of_range) {
        std::size_t exponent = text.find_first_of("eE");
        bool tiny = exponent != std::string_view::npos && exponent + 1 < text.size() &&
                    text[exponent + 1] == '-';
        value = tiny ? 0.0 : std::numeric_limits<double>::infinity();
        if (overflowed && !tiny) *overflowed = true;
    }
    return negative ? -value : value;
}

// Lenient base64, as Ruby's unpack('m') reads !binary: other characters are skipped.
std::string decode_base64(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        int value = -1;
        if (c >= 'A' && c <= 'Z')
            value = c - 'A';
        else if (c >= 'a' && c <= 'z')
            value = c - 'a' + 26;
        else if (is_digit(c))
            value = c - '0' + 52;
        else if (c == '+')
            value = 62;
        else if (c == '/')
            value = 63;
        else if (c == '=')
            break;
        if (value < 0) continue;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

// A !!binary scalar is read as the string it decodes to. Those bytes must be
// UTF-8: no writer (and no other front matter format) can carry other bytes.
Value binary_scalar(std::string_view text) {
    std::string bytes = decode_base64(text);
    if (find_invalid_utf8(bytes))
        throw ScalarError("a !!binary value that does not decode to UTF-8 text has no form in other formats");
    return Value(std::move(bytes));
}

// A typed scalar, with a note when a number had to stay a string.
struct Typed {
    Value value;
    std::string note;
};

Typed too_big_integer(std::string_view text) {
    return {Value(std::string(text)),
            "integer " + std::string(text) + " does not fit in 64 bits; kept as a string"};
}

// ---------------------------------------------------------------------------
// Psych (Ruby 3.1, psych 4.0.3): Psych::ScalarScanner#tokenize, step by step

namespace psych {

// Ruby's \s.
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_space(c) ||
           one_of("!@#$%^&*(){}<>|/\\~;=", c);
}

// /^[^\d.:-]?[[:alpha:]_\s!@#$%\^&*(){}<>|\/\\~;=]+/ : "looks like a word".
// Ruby's ^ also matches after a newline, but text with a newline takes the
// same branch anyway. Non-ASCII letters are not word characters here; that
// cannot change the outcome, as every later test needs ASCII text.
bool looks_like_word(std::string_view s) {
    if (s.empty()) return false;
    if (is_word_char(s[0])) return true;
    bool optional_taken = !is_digit(s[0]) && !one_of(".:-", s[0]);
    return optional_taken && s.size() > 1 && is_word_char(s[1]);
}

// Ruby's ^ and $ are line anchors: /^x$/ matches if any line is x.
bool any_line(std::string_view s, bool (*test)(std::string_view)) {
    std::size_t start = 0;
    while (true) {
        std::size_t end = s.find('\n', start);
        if (test(s.substr(start, end == std::string_view::npos ? end : end - start))) return true;
        if (end == std::string_view::npos) return false;
        start = end + 1;
    }
}

// /^[^ytonf~]/i : some line starts with a character outside the set (an
// empty line starts with its newline, which is outside).
bool some_line_starts_outside(std::string_view s, std::string_view letters) {
    for (std::size_t p = 0; p < s.size();) {
        if (!one_of(letters, ascii_lower(s[p]))) return true;
        std::size_t newline = s.find('\n', p);
        if (newline == std::string_view::npos) break;
        p = newline + 1;
    }
    return false;
}

bool is_null_word(std::string_view line) { return iequals(line, "null"); }
bool is_true_word(std::string_view line) {
    return iequals(line, "yes") || iequals(line, "true") || iequals(line, "on");
}
bool is_false_word(std::string_view line) {
    return iequals(line, "no") || iequals(line, "false") || iequals(line, "off");
}

// The word branch: only short texts can be null or bool, and only when
// every line starts with one of y t o n f ~.
Value resolve_word(std::string_view s) {
    Value text{std::string(s)};
    if (utf8_length(s) > 5 || some_line_starts_outside(s, "ytonf~")) return text;
    if (s == "~" || any_line(s, is_null_word)) return Value();
    if (any_line(s, is_true_word)) return Value(true);
    if (any_line(s, is_false_word)) return Value(false);
    return text;
}

// The parts of a text matching ScalarScanner::TIME:
// /^-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?$/
struct TimeLexeme {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    std::string fraction;
    bool t_separator = false;          // 'T' or 't' rather than whitespace
    bool separator_has_space = false;  // parse_time splits on ' ', not on a tab
    std::string_view zone;             // "", "Z", or sign and digits with an optional ':'
};

// [-+]\d{1,2}:?(?:\d\d)?$ after the sign: up to four digits, or one or two
// digits, a colon and nothing or two digits.
bool zone_digits_match(std::string_view digits) {
    std::size_t colon = digits.find(':');
    auto digit_run = [](std::string_view part) { return all_of(part, is_digit); };
    if (colon == std::string_view::npos)
        return !digits.empty() && digits.size() <= 4 && digit_run(digits);
    std::string_view hours = digits.substr(0, colon);
    std::string_view minutes = digits.substr(colon + 1);
    return !hours.empty() && hours.size() <= 2 && digit_run(hours) &&
           (minutes.empty() || (minutes.size() == 2 && digit_run(minutes)));
}

std::optional<TimeLexeme> match_time(std::string_view s) {
    TimeLexeme t;
    std::size_t i = 0;
    bool negative = i < s.size() && s[i] == '-';
    if (negative) ++i;
    if (!read_number(s, i, 4, 4, t.year) || i >= s.size() || s[i++] != '-') return std::nullopt;
    if (negative) t.year = -t.year;
    if (!read_number(s, i, 1, 2, t.month) || i >= s.size() || s[i++] != '-') return std::nullopt;
    if (!read_number(s, i, 1, 2, t.day) || i >= s.size()) return std::nullopt;
    if (s[i] == 'T' || s[i] == 't') {
        t.t_separator = true;
        ++i;
    } else {
        std::size_t start = i;
        while (i < s.size() && is_space(s[i])) t.separator_has_space |= s[i++] == ' ';
        if (i == start) return std::nullopt;
    }
    if (!read_number(s, i, 1, 2, t.hour) || i >= s.size() || s[i++] != ':') return std::nullopt;
    if (!read_number(s, i, 2, 2, t.minute) || i >= s.size() || s[i++] != ':') return std::nullopt;
    if (!read_number(s, i, 2, 2, t.second)) return std::nullopt;
    if (i < s.size() && s[i] == '.') {
        std::size_t start = ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
        t.fraction = std::string(s.substr(start, i - start));
    }
    if (i == s.size()) return t;
    while (i < s.size() && is_space(s[i])) ++i;
    if (i < s.size() && s[i] == 'Z' && i + 1 == s.size()) {
        t.zone = s.substr(i);
        return t;
    }
    if (i < s.size() && (s[i] == '+' || s[i] == '-') && zone_digits_match(s.substr(i + 1))) {
        t.zone = s.substr(i);
        return t;
    }
    return std::nullopt;
}

// Ruby's Time.utc/Time.new take days up to 31 in any month, hour 24 at the
// full hour and second 60 (and roll them over); anything else raises.
bool ruby_time_fields_valid(const TimeLexeme& t) {
    return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31 && t.hour <= 24 &&
           t.minute <= 59 && t.second <= 60 && (t.hour < 24 || (t.minute == 0 && t.second == 0));
}

// Seconds since the epoch of wall-clock fields, rolling over what is out of
// range, as Ruby's timegm does.
std::int64_t seconds_of(std::int64_t year, int month, int day, int hour, int minute, int second) {
    return (days_from_civil(year, month, 1) + day - 1) * 86400 + hour * 3600 + minute * 60 + second;
}

// The wall-clock fields of an instant, `offset_seconds` east of UTC.
DateTime datetime_at(std::int64_t seconds, int offset_seconds, const TimeLexeme& t) {
    seconds += offset_seconds;
    std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    auto of_day = static_cast<int>(seconds - days * 86400);
    DateTime dt;
    dt.date = civil_from_days(days);
    dt.time = Time{of_day / 3600, of_day / 60 % 60, of_day % 60, t.fraction};
    dt.space_separator = !t.t_separator;
    return dt;
}

// Time.new(..., offset) turns the wall clock into UTC field by field
// (time.c, vtm_add_offset): the offset's minutes and hours are added with
// carries, a carry moves the day by one, and the day is a 5-bit field, so
// day 31 of a shorter month plus one wraps to 0, the last day of the month
// before ("2020-9-31 23:00:00 -08:00" is 2020-08-30 23:00 -08:00).
std::int64_t ruby_utc_seconds(const TimeLexeme& t, int offset_seconds) {
    int sign = offset_seconds < 0 ? 1 : -1;         // subtracting the offset
    int magnitude = std::abs(offset_seconds) / 60;  // whole minutes: no seconds to carry
    int minutes = sign * (magnitude % 60);
    int hours = sign * (magnitude / 60 % 24);
    std::int64_t year = t.year;
    int month = t.month, day = t.day, hour = t.hour, minute = t.minute;
    if (minutes != 0) {
        minute += minutes;
        if (minute < 0) {
            minute += 60;
            hours -= 1;
        } else if (minute >= 60) {
            minute -= 60;
            hours += 1;
        }
    }
    int day_step = 0;
    if (hours != 0) {
        hour += hours;
        if (hour < 0) {
            hour += 24;
            day_step = -1;
        } else if (hour >= 24) {
            hour -= 24;
            day_step = 1;
        }
    }
    auto month_length = [&](int m) {
        return days_in_month(m, gregorian_leap(static_cast<int>(year)));
    };
    if (day_step < 0) {
        if (day > 1) {
            day -= 1;
        } else if (month > 1) {
            month -= 1;
            day = month_length(month);
        } else {
            year -= 1;
            month = 12;
            day = 31;
        }
    } else if (day_step > 0) {
        if (month == 12 && day == 31) {
            year += 1;
            month = 1;
            day = 1;
        } else if (day == month_length(month)) {
            month += 1;
            day = 1;
        } else {
            day = (day + 1) & 31;
        }
    }
    return seconds_of(year, month, day, hour, minute, t.second);
}

// The offset as parse_time computes it: hours are the first one or two
// digits, minutes the rest, and the minutes take the sign of the hours
// (so "-00:30" is +00:30, as Psych reads it).
std::optional<UtcOffset> ruby_offset(std::string_view zone) {
    if (zone == "Z") return UtcOffset{0, UtcOffset::Style::Zulu};
    bool negative = zone[0] == '-';
    std::string_view digits = zone.substr(1);
    std::size_t colon = digits.find(':');
    std::string all(digits.substr(0, colon));
    std::string tail;
    if (colon != std::string_view::npos) tail = std::string(digits.substr(colon + 1));
    std::size_t hour_digits = std::min<std::size_t>(2, all.size());
    int hours = std::stoi(all.substr(0, hour_digits));
    std::string minute_text = all.size() > hour_digits ? all.substr(hour_digits) : tail;
    int minutes = minute_text.empty() ? 0 : std::stoi(minute_text);
    int seconds = (negative ? -hours : hours) * 3600;
    seconds += seconds < 0 ? -minutes * 60 : minutes * 60;
    if (seconds <= -86400 || seconds >= 86400) return std::nullopt;  // "utc_offset out of range"
    auto style = colon != std::string_view::npos || all.size() <= 2 ? UtcOffset::Style::Colon
                                                                    : UtcOffset::Style::NoColon;
    return UtcOffset{seconds / 60, style};
}

// Psych reads years outside 0000-9999 too ("-2020-05-02 10:00:00"), but no
// writer and no other format has a form for them: they are bad input here.
Value carried_time(DateTime dt) {
    if (dt.date && (dt.date->year < 0 || dt.date->year > 9999))
        throw ScalarError("a time whose year is outside 0000-9999 has no form in other formats");
    return Value(std::move(dt));
}

Value resolve_time(const TimeLexeme& t, std::string_view s) {
    // parse_time splits date and time at the first ' ', 't' or 'T'; with only
    // a tab between them it finds no time and raises NoMethodError.
    if (!t.t_separator && !t.separator_has_space)
        throw ScalarError("Psych fails on a date-time whose date and time are separated by a tab");
    Value text{std::string(s)};
    if (!ruby_time_fields_valid(t)) return text;  // ArgumentError: Psych keeps the string
    // No zone: Time.at of the UTC instant; "Z": Time.utc. Both roll over plainly.
    if (t.zone.empty() || t.zone == "Z") {
        DateTime dt =
            datetime_at(seconds_of(t.year, t.month, t.day, t.hour, t.minute, t.second), 0, t);
        if (!t.zone.empty()) dt.offset = UtcOffset{0, UtcOffset::Style::Zulu};
        return carried_time(std::move(dt));
    }
    std::optional<UtcOffset> offset = ruby_offset(t.zone);
    if (!offset) return text;
    DateTime dt = datetime_at(ruby_utc_seconds(t, offset->minutes * 60), offset->minutes * 60, t);
    dt.offset = offset;
    return carried_time(std::move(dt));
}

// Date::ITALY, which Date.strptime uses: Julian before 1582-10-15, and the
// ten days of the switch do not exist.
bool ruby_date_valid(int year, int month, int day) {
    if (month < 1 || month > 12 || day < 1) return false;
    if (year == 1582 && month == 10 && day >= 5 && day <= 14) return false;
    bool julian = year < 1582 || (year == 1582 && (month < 10 || (month == 10 && day < 5)));
    bool leap = julian ? year % 4 == 0 : gregorian_leap(year);
    return day <= days_in_month(month, leap);
}

// /^\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d)$/
std::optional<Date> match_date(std::string_view s) {
    Date date;
    std::size_t i = 0;
    if (!read_number(s, i, 4, 4, date.year) || i >= s.size() || s[i++] != '-') return std::nullopt;
    std::size_t month_start = i;
    if (!read_number(s, i, 1, 2, date.month) || i >= s.size() || s[i++] != '-') return std::nullopt;
    if (i - month_start == 3 && s[month_start] != '0' &&
        !(s[month_start] == '1' && date.month <= 12))
        return std::nullopt;
    std::size_t day_start = i;
    if (!read_number(s, i, 1, 2, date.day) || i != s.size()) return std::nullopt;
    if (i - day_start == 2 && s[day_start] > '3') return std::nullopt;
    if (i - day_start == 2 && s[day_start] == '3' && date.day > 31) return std::nullopt;
    return date;
}

// String#to_i / #to_f: a sign, digits with single underscores between them,
// and for to_f a fraction; the rest is ignored.
std::string ruby_number_prefix(std::string_view s, bool with_fraction) {
    std::string out;
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) out += s[i++];
    auto digits = [&] {
        while (i < s.size()) {
            if (is_digit(s[i]))
                out += s[i++];
            else if (s[i] == '_' && i + 1 < s.size() && is_digit(s[i + 1]) && !out.empty() &&
                     is_digit(out.back()))
                ++i;
            else
                break;
        }
    };
    digits();
    if (with_fraction && i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) {
        out += s[i++];
        digits();
    }
    return out;
}

enum class Sexagesimal { None, Integer, Float };

// /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$/ and the same with \.[0-9_]* at the end.
Sexagesimal sexagesimal_kind(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= s.size() || !is_digit(s[i])) return Sexagesimal::None;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '_')) ++i;
    int groups = 0;
    while (groups < 2 && i < s.size() && s[i] == ':') {
        std::size_t j = i + 1;
        if (j + 1 < s.size() && s[j] >= '0' && s[j] <= '5' && is_digit(s[j + 1]))
            j += 2;
        else if (j < s.size() && is_digit(s[j]))
            j += 1;
        else
            return Sexagesimal::None;
        i = j;
        ++groups;
    }
    if (groups == 0) return Sexagesimal::None;
    if (i == s.size()) return Sexagesimal::Integer;
    if (s[i] == '.' && all_of(s.substr(i + 1), [](char c) { return is_digit(c) || c == '_'; }))
        return Sexagesimal::Float;
    return Sexagesimal::None;
}

std::vector<std::string_view> split_colons(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t colon; (colon = s.find(':', start)) != std::string_view::npos;
         start = colon + 1)
        parts.push_back(s.substr(start, colon - start));
    parts.push_back(s.substr(start));
    return parts;
}

// Psych's sum of n * 60 ** |e - 2|: with two parts "1:30" is 1*3600 + 30*60.
Typed sexagesimal_value(std::string_view s, Sexagesimal kind) {
    std::vector<std::string_view> parts = split_colons(s);
    if (kind == Sexagesimal::Float) {
        double sum = 0;
        for (std::size_t e = 0; e < parts.size(); ++e) {
            std::string number = ruby_number_prefix(parts[e], true);
            double weight = std::pow(60.0, std::abs(static_cast<int>(e) - 2));
            sum += (number.empty() || number == "+" || number == "-" ? 0.0
                                                                     : decimal_to_double(number)) *
                   weight;
        }
        return {Value(sum), {}};
    }
    std::int64_t sum = 0;
    for (std::size_t e = 0; e < parts.size(); ++e) {
        std::string number = ruby_number_prefix(parts[e], false);
        bool negative = !number.empty() && number[0] == '-';
        std::string_view digits = number;
        if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
        ParsedInt part = parse_magnitude(digits, 10, negative);
        std::int64_t weight = 1;
        for (int k = std::abs(static_cast<int>(e) - 2); k > 0; --k) weight *= 60;
        std::int64_t term = 0;
        if (part.status != IntStatus::Ok || __builtin_mul_overflow(part.value, weight, &term) ||
            __builtin_add_overflow(sum, term, &sum))
            return too_big_integer(s);
    }
    return {Value(sum), {}};
}

// ScalarScanner::FLOAT: /^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$/
bool float_syntax(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i < s.size() && is_digit(s[i]))
        while (i < s.size() && (is_digit(s[i]) || s[i] == '_' || s[i] == ',')) ++i;
    if (i >= s.size() || s[i++] != '.') return false;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
        std::size_t start = ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == start) return false;
    }
    return i == s.size();
}

// Kernel#Float on a string: surrounding whitespace, underscores between
// digits, hex integers; "1." and ".e5" are errors.
double ruby_float(std::string_view text) {
    auto invalid = [&] {
        return ScalarError("invalid value for Float(): \"" + std::string(text) + "\"");
    };
    std::string_view s = text;
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    std::string clean;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '_') {
            clean += s[i];
            continue;
        }
        if (i == 0 || i + 1 == s.size() || !is_digit(s[i - 1]) || !is_digit(s[i + 1]))
            throw invalid();
    }
    std::string_view body = clean;
    bool negative = !body.empty() && body[0] == '-';
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
    if (body.size() > 2 && body[0] == '0' && ascii_lower(body[1]) == 'x') {
        double value = 0;
        for (char c : body.substr(2)) {
            if (digit_value(c) > 15) throw invalid();
            value = value * 16 + digit_value(c);
        }
        return negative ? -value : value;
    }
    std::size_t dot = body.find('.');
    bool bad_dot =
        dot != std::string_view::npos && (dot + 1 >= body.size() || !is_digit(body[dot + 1]));
    if (bad_dot || !decimal_float_syntax(clean)) throw invalid();
    return decimal_to_double(clean);
}

// ScalarScanner::INTEGER, then Integer(text.gsub(/[,_]/, '')).
std::optional<Typed> integer_value(std::string_view s) {
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::string_view body = s.substr(i);
    auto only = [](std::string_view part, std::string_view allowed) {
        return !part.empty() &&
               std::all_of(part.begin(), part.end(), [&](char c) { return one_of(allowed, c); });
    };
    int base = 0;
    std::string_view digits;
    if (body.starts_with("0b") && only(body.substr(2), "01_,")) {
        base = 2;
        digits = body.substr(2);
    } else if (body.starts_with("0x") && only(body.substr(2), "0123456789abcdefABCDEF_,")) {
        base = 16;
        digits = body.substr(2);
    } else if (body == "0" || (body.starts_with("0") && only(body.substr(1), "01234567_,"))) {
        base = 8;
        digits = body;
    } else if (!body.empty() && body[0] >= '1' && body[0] <= '9') {
        // [1-9](?:[0-9]|,[0-9]|_[0-9])*
        for (std::size_t j = 1; j < body.size(); ++j) {
            if (is_digit(body[j])) continue;
            if ((body[j] == ',' || body[j] == '_') && j + 1 < body.size() &&
                is_digit(body[j + 1])) {
                ++j;
                continue;
            }
            return std::nullopt;
        }
        base = 10;
        digits = body;
    } else {
        return std::nullopt;
    }
    std::string clean;
    for (char c : digits)
        if (c != ',' && c != '_') clean += c;
    // "0b_" matches the regex but Integer("0b") raises.
    if (clean.empty())
        throw ScalarError("invalid value for Integer(): \"" + std::string(s.substr(0, i)) +
                          std::string(body.substr(0, 2)) + "\"");
    ParsedInt parsed = parse_magnitude(clean, base, s[0] == '-');
    if (parsed.status == IntStatus::Overflow) return too_big_integer(s);
    return Typed{Value(parsed.value), {}};
}

Typed tokenize(std::string_view s) {
    if (s.empty()) return {Value(), {}};
    if (looks_like_word(s) || s.find('\n') != std::string_view::npos) return {resolve_word(s), {}};
    if (std::optional<TimeLexeme> time = match_time(s)) return {resolve_time(*time, s), {}};
    if (std::optional<Date> date = match_date(s)) {
        if (!ruby_date_valid(date->year, date->month, date->day))
            return {Value(std::string(s)), {}};
        DateTime dt;
        dt.date = *date;
        return {Value(dt), {}};
    }
    constexpr double infinity = std::numeric_limits<double>::infinity();
    if (iequals(s, ".inf") || iequals(s, "+.inf")) return {Value(infinity), {}};
    if (iequals(s, "-.inf")) return {Value(-infinity), {}};
    if (iequals(s, ".nan")) return {Value(std::numeric_limits<double>::quiet_NaN()), {}};
    if (s.size() >= 2 && s[0] == ':')
        throw ScalarError(
            "a plain scalar starting with ':' is a Ruby symbol; Jekyll drops all front matter");
    if (Sexagesimal kind = sexagesimal_kind(s); kind != Sexagesimal::None)
        return sexagesimal_value(s, kind);
    if (float_syntax(s)) {
        if (s == "." || s == "+." || s == "-.") return {Value(std::string(s)), {}};
        // gsub(/[,_]|\.([Ee]|$)/, '\1')
        std::string clean;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == ',' || s[i] == '_') continue;
            if (s[i] == '.' && (i + 1 == s.size() || s[i + 1] == 'e' || s[i + 1] == 'E')) continue;
            clean += s[i];
        }
        return {Value(ruby_float(clean)), {}};
    }
    if (std::optional<Typed> integer = integer_value(s)) return *std::move(integer);
    return {Value(std::string(s)), {}};
}

// Time#to_f, for !!float on a time.
double epoch_seconds(const DateTime& dt) {
    const Time& t = *dt.time;
    double seconds =
        static_cast<double>(days_from_civil(dt.date->year, dt.date->month, dt.date->day)) *
            86400.0 +
        t.hour * 3600 + t.minute * 60 + t.second;
    if (dt.offset) seconds -= dt.offset->minutes * 60;
    if (!t.fraction.empty()) seconds += decimal_to_double("0." + t.fraction);
    return seconds;
}

// Kernel#Float on what tokenize gave, for a !!float tag.
Value to_float(const Typed& typed, std::string_view text) {
    const Value& v = typed.value;
    if (v.is_float()) return v;
    if (v.is_integer()) return Value(static_cast<double>(v.as_integer()));
    if (v.is_string()) return Value(ruby_float(v.as_string()));
    if (v.is_datetime() && v.as_datetime().time) return Value(epoch_seconds(v.as_datetime()));
    throw ScalarError("Psych cannot convert '" + std::string(text) + "' into Float");
}

bool refused_tag(std::string_view tag) { return tag.starts_with("!ruby/"); }

// ToRuby#deserialize for a scalar with an explicit tag.
Typed tagged_scalar(const std::string& tag, std::string_view text) {
    if (tag == "tag:yaml.org,2002:str" || tag == "!str" || tag == "!ruby/string")
        return {Value(std::string(text)), {}};
    if (tag == "tag:yaml.org,2002:float" || tag == "!float") {
        Typed typed = tokenize(text);
        return {to_float(typed, text), {}};
    }
    if (tag == "tag:yaml.org,2002:binary" || tag == "!binary")
        return {binary_scalar(text), {}};
    if (refused_tag(tag)) throw ScalarError("Jekyll's safe YAML refuses tag " + tag);
    // Other tags, !!int and !!bool included, only tokenize: "!!int abc" is "abc".
    return tokenize(text);
}

// ToRuby#visit_Psych_Nodes_Mapping/Sequence: the tags that build Ruby
// objects the safe loader refuses (or that have no place in the model).
void check_collection_tag(const std::string& tag, bool mapping) {
    bool refused = false;
    if (mapping) {
        refused = (refused_tag(tag) && tag != "!ruby/object:Hash") || tag == "!set" ||
                  tag == "tag:yaml.org,2002:set" || tag == "!omap" ||
                  tag == "tag:yaml.org,2002:omap" || tag == "!str" ||
                  tag == "tag:yaml.org,2002:str" || tag.starts_with("!map:");
    } else {
        refused = (refused_tag(tag) && tag != "!ruby/array") || tag == "!omap" ||
                  tag == "tag:yaml.org,2002:omap" || tag.starts_with("!seq:");
    }
    if (refused) throw ScalarError("Jekyll's safe YAML refuses tag " + tag);
}

bool is_string(std::string_view s) {
    try {
        Typed typed = tokenize(s);
        return typed.value.is_string() && typed.note.empty();
    } catch (const ScalarError&) {
        return false;
    }
}

}  // namespace psych

// ---------------------------------------------------------------------------
// Go's yaml.v2 (Hugo before 0.152): resolve.go

namespace goyaml {

constexpr std::string_view str_tag = "!!str";
constexpr std::string_view int_tag = "!!int";
constexpr std::string_view float_tag = "!!float";
constexpr std::string_view bool_tag = "!!bool";
constexpr std::string_view null_tag = "!!null";
constexpr std::string_view timestamp_tag = "!!timestamp";

struct Resolved {
    Value value;
    std::string_view tag;
    std::string note;
};

std::string short_tag(const std::string& tag) {
    constexpr std::string_view prefix = "tag:yaml.org,2002:";
    return tag.starts_with(prefix) ? "!!" + tag.substr(prefix.size()) : tag;
}

// The exact words of resolveMap.
std::optional<Value> lookup(std::string_view s) {
    static constexpr std::string_view truths[] = {"y",    "Y",    "yes", "Yes", "YES", "true",
                                                  "True", "TRUE", "on",  "On",  "ON"};
    static constexpr std::string_view falsehoods[] = {"n",     "N",     "no",  "No",  "NO", "false",
                                                      "False", "FALSE", "off", "Off", "OFF"};
    static constexpr std::string_view nulls[] = {"", "~", "null", "Null", "NULL"};
    auto in = [&](const auto& words) {
        return std::find(std::begin(words), std::end(words), s) != std::end(words);
    };
    if (in(truths)) return Value(true);
    if (in(falsehoods)) return Value(false);
    if (in(nulls)) return Value();
    constexpr double infinity = std::numeric_limits<double>::infinity();
    if (s == ".nan" || s == ".NaN" || s == ".NAN")
        return Value(std::numeric_limits<double>::quiet_NaN());
    for (std::string_view sign : {"", "+"})
        for (std::string_view word : {".inf", ".Inf", ".INF"})
            if (s.size() == sign.size() + word.size() && s.starts_with(sign) && s.ends_with(word))
                return Value(infinity);
    if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return Value(-infinity);
    return std::nullopt;
}

std::string_view tag_of(const Value& value) {
    switch (value.type()) {
        case ValueType::Null: return null_tag;
        case ValueType::Bool: return bool_tag;
        case ValueType::Integer: return int_tag;
        case ValueType::Float: return float_tag;
        case ValueType::String: return str_tag;
        default: return timestamp_tag;
    }
}

// strconv.ParseInt(s, 0, 64): sign, then 0x/0o/0b or a leading 0 for octal.
ParsedInt parse_int(std::string_view s) {
    if (s.empty()) return {};
    bool negative = s[0] == '-';
    if (s[0] == '+' || s[0] == '-') s.remove_prefix(1);
    if (s.empty()) return {};
    int base = 10;
    if (s[0] == '0') {
        char prefix = s.size() >= 3 ? ascii_lower(s[1]) : '\0';
        if (prefix == 'b' || prefix == 'o' || prefix == 'x') {
            base = prefix == 'b' ? 2 : prefix == 'o' ? 8 : 16;
            s.remove_prefix(2);
        } else {
            base = 8;
            s.remove_prefix(1);
            if (s.empty()) return {IntStatus::Ok, 0};
        }
    }
    return parse_magnitude(s, base, negative);
}

// Timestamps. yaml.v2 itself only knows four time.Parse layouts (and keeps
// even those as strings in Hugo's maps); this accepts the YAML 1.1
// timestamp forms too, and ±hhmm, which Hugo's date fields parse, so that
// converters get dates as dates: YYYY-M-D, then [Tt] or spaces/tabs,
// h:m:s, an optional fraction ('.' or ',', as Go takes), then optional
// spaces and Z, ±h, ±hh, ±hh:mm or ±hhmm.
std::optional<DateTime> timestamp(std::string_view s) {
    Date date;
    std::size_t i = 0;
    if (!read_number(s, i, 4, 4, date.year) || i >= s.size() || s[i++] != '-') return std::nullopt;
    if (!read_number(s, i, 1, 2, date.month) || i >= s.size() || s[i++] != '-') return std::nullopt;
    if (!read_number(s, i, 1, 2, date.day)) return std::nullopt;
    if (!valid_gregorian_date(date.year, date.month, date.day)) return std::nullopt;
    DateTime dt;
    dt.date = date;
    if (i == s.size()) return dt;
    if (s[i] == 'T' || s[i] == 't') {
        ++i;
    } else {
        std::size_t start = i;
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        if (i == start) return std::nullopt;
        dt.space_separator = true;
    }
    Time time;
    if (!read_number(s, i, 1, 2, time.hour) || i >= s.size() || s[i++] != ':') return std::nullopt;
    if (!read_number(s, i, 1, 2, time.minute) || i >= s.size() || s[i++] != ':')
        return std::nullopt;
    if (!read_number(s, i, 1, 2, time.second)) return std::nullopt;
    if (time.hour > 23 || time.minute > 59 || time.second > 59) return std::nullopt;
    if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])) {
        std::size_t start = ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
        time.fraction = std::string(s.substr(start, i - start));
    }
    dt.time = std::move(time);
    if (i == s.size()) return dt;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    if (i + 1 == s.size() && s[i] == 'Z') {
        dt.offset = UtcOffset{0, UtcOffset::Style::Zulu};
        return dt;
    }
    if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return std::nullopt;
    int sign = s[i++] == '-' ? -1 : 1;
    std::size_t hour_start = i;
    int hours = 0;
    int minutes = 0;
    if (!read_number(s, i, 1, 2, hours)) return std::nullopt;
    UtcOffset::Style style = UtcOffset::Style::Colon;
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!read_number(s, i, 2, 2, minutes)) return std::nullopt;
    } else if (i < s.size() && i - hour_start == 2) {
        if (!read_number(s, i, 2, 2, minutes)) return std::nullopt;
        style = UtcOffset::Style::NoColon;
    }
    if (i != s.size() || hours > 23 || minutes > 59) return std::nullopt;
    dt.offset = UtcOffset{sign * (hours * 60 + minutes), style};
    return dt;
}

// resolve(tag, in) for tag "" (plain) or a resolvable tag other than !!str.
Resolved resolve(std::string_view tag, std::string_view in) {
    char hint = 'N';
    if (!in.empty()) {
        char c = in[0];
        hint = c == '+' || c == '-'       ? 'S'
               : is_digit(c)              ? 'D'
               : one_of("yYnNtTfFoO~", c) ? 'M'
               : c == '.'                 ? '.'
                                          : '\0';
    }
    Value text{std::string(in)};
    if (hint == '\0') return {text, str_tag, {}};
    if (std::optional<Value> word = lookup(in)) return {*word, tag_of(*word), {}};
    if (hint == '.' && decimal_float_syntax(in)) {
        bool overflowed = false;
        double value = decimal_to_double(in, &overflowed);
        if (!overflowed) return {Value(value), float_tag, {}};
    }
    if (hint == 'D' || hint == 'S') {
        if (tag.empty() || tag == timestamp_tag)
            if (std::optional<DateTime> dt = timestamp(in)) return {Value(*dt), timestamp_tag, {}};
        std::string plain;
        for (char c : in)
            if (c != '_') plain += c;
        ParsedInt parsed = parse_int(plain);
        if (parsed.status == IntStatus::Ok) return {Value(parsed.value), int_tag, {}};
        // yaml.v2 makes these uint64 or float64; both lose something here.
        if (parsed.status == IntStatus::Overflow) {
            Typed kept = too_big_integer(in);
            return {kept.value, int_tag, kept.note};
        }
        if (decimal_float_syntax(plain)) {
            bool overflowed = false;
            double value = decimal_to_double(plain, &overflowed);
            if (!overflowed) return {Value(value), float_tag, {}};
        }
    }
    return {text, str_tag, {}};
}

// A scalar with an explicit tag, failing as yaml.v2 does when it does not fit.
Typed tagged_scalar(const std::string& full_tag, std::string_view text) {
    std::string tag = short_tag(full_tag);
    if (tag == "!!binary") return {binary_scalar(text), {}};
    bool resolvable = tag == int_tag || tag == float_tag || tag == bool_tag || tag == null_tag ||
                      tag == timestamp_tag;
    // !!str, and tags yaml.v2 does not know, keep the text.
    if (!resolvable) return {Value(std::string(text)), {}};
    Resolved r = resolve(tag, text);
    if (r.tag == tag) return {r.value, r.note};
    if (tag == float_tag && r.value.is_integer())
        return {Value(static_cast<double>(r.value.as_integer())), {}};
    throw ScalarError("cannot decode " + std::string(r.tag) + " `" + std::string(text) + "` as a " +
                      tag);
}

// How Hugo 0.152 and later (goccy/go-yaml, YAML 1.2) read this plain scalar
// differently from yaml.v2, if they do.
std::optional<std::string> yaml12_difference(std::string_view text, const Resolved& r) {
    if (r.value.is_bool() && text != "true" && text != "True" && text != "TRUE" &&
        text != "false" && text != "False" && text != "FALSE")
        return "'" + std::string(text) +
               "' is a bool before Hugo 0.152 (YAML 1.1) and a string from 0.152 on (YAML 1.2)";
    if (r.tag != int_tag && r.tag != float_tag) return std::nullopt;
    std::string_view body = text;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
    if (body.size() > 1 && body[0] == '0' && is_digit(body[1]))
        return "'" + std::string(text) +
               "' has a leading zero: YAML 1.1 (Hugo before 0.152) reads octal or a float, "
               "YAML 1.2 decimal";
    if (text.find('_') != std::string_view::npos)
        return "'" + std::string(text) +
               "' has digit separators, which YAML 1.2 (Hugo 0.152 and later) does not read "
               "as a number";
    if (body.size() > 1 && body[0] == '0' && ascii_lower(body[1]) == 'b')
        return "'" + std::string(text) + "' is a binary integer in YAML 1.1 only";
    return std::nullopt;
}

bool is_string(std::string_view s) { return resolve("", s).tag == str_tag; }

}  // namespace goyaml

// YAML 1.2 core schema: null, bool, int (decimal, 0o, 0x) and float.
bool yaml12_core_is_string(std::string_view s) {
    static constexpr std::string_view words[] = {"",      "~",    "null", "Null",  "NULL",
                                                 "true",  "True", "TRUE", "false", "False",
                                                 "FALSE", ".nan", ".NaN", ".NAN"};
    if (std::find(std::begin(words), std::end(words), s) != std::end(words)) return false;
    std::string_view body = s;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
    if (body == ".inf" || body == ".Inf" || body == ".INF") return false;
    if (decimal_float_syntax(s)) return false;
    auto digits_in = [](std::string_view part, int base) {
        return !part.empty() &&
               std::all_of(part.begin(), part.end(), [&](char c) { return digit_value(c) < base; });
    };
    if ((s.starts_with("0o") && digits_in(s.substr(2), 8)) ||
        (s.starts_with("0x") && digits_in(s.substr(2), 16)))
        return false;
    return true;
}

// ---------------------------------------------------------------------------
// Reading: libyaml events to a Value tree

// A place in the text: 0-based line and byte column.
struct Mark {
    int line = 0;
    int column = 0;
};

// What a complete node looks like to its parent.
struct Node {
    enum class Kind { Scalar, Sequence, Mapping } kind = Kind::Scalar;
    Value value;
    Mark mark;
    bool from_alias = false;
    // Scalars: the text as written (a key keeps it even when it types as
    // something else); the explicit tag as libyaml expands it (!!str is
    // "tag:yaml.org,2002:str", ! stays "!"), empty when there is none; and
    // whether an untagged scalar is quoted or a block scalar (libyaml's
    // quoted_implicit, which Psych calls "quoted").
    std::string text;
    std::string tag;
    bool quoted = false;
};

std::size_t count_values(const Value& value) {
    std::size_t count = 1;
    if (value.is_array())
        for (const Value& item : value.as_array()) count += count_values(item);
    if (value.is_table())
        for (const auto& entry : value.as_table()) count += count_values(entry.value);
    return count;
}

// libyaml's tags and anchors are NUL-terminated; a null pointer is none.
std::string c_string(const yaml_char_t* text) {
    return text ? std::string(reinterpret_cast<const char*>(text)) : std::string();
}

// One libyaml event, owning the strings libyaml allocated for it.
class Event {
public:
    Event() = default;
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;
    ~Event() { yaml_event_delete(&event_); }

    yaml_event_t* out() { return &event_; }
    const yaml_event_t& operator*() const { return event_; }

private:
    yaml_event_t event_{};
};

// A libyaml parser over `text`, which must outlive it.
class Parser {
public:
    explicit Parser(std::string_view text) {
        if (!yaml_parser_initialize(&parser_)) throw std::bad_alloc();
        // Front matter is UTF-8 text, and Psych tells libyaml so too: no
        // guessing UTF-16 from the first bytes.
        yaml_parser_set_encoding(&parser_, YAML_UTF8_ENCODING);
        // libyaml asserts on a null pointer, which an empty view may hold.
        static constexpr unsigned char no_text[] = "";
        yaml_parser_set_input_string(
            &parser_,
            text.empty() ? no_text : reinterpret_cast<const unsigned char*>(text.data()),
            text.size());
    }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
    ~Parser() { yaml_parser_delete(&parser_); }

    // Reads the next event; false on an error, which state() describes.
    bool next(Event& event) { return yaml_parser_parse(&parser_, event.out()) != 0; }
    [[nodiscard]] const yaml_parser_t& state() const { return parser_; }

private:
    yaml_parser_t parser_{};
};

// libyaml counts a mark's index and column in characters and also breaks
// lines at \r, NEL, LS and PS; postport's lines end at '\n' and its columns
// count bytes (core/diagnostics.h). Node marks come in text order, so each
// walk goes on from where the last one stopped.
class MarkReader {
public:
    explicit MarkReader(std::string_view text) : text_(text) {}

    Mark operator()(const yaml_mark_t& mark) {
        if (mark.index < index_) *this = MarkReader(text_);
        for (; index_ < mark.index && offset_ < text_.size(); ++index_) {
            if (text_[offset_] == '\n') {
                ++line_;
                line_start_ = offset_ + 1;
            }
            ++offset_;
            while (offset_ < text_.size() && is_continuation_byte(text_[offset_])) ++offset_;
        }
        return Mark{line_, static_cast<int>(offset_ - line_start_)};
    }

private:
    std::string_view text_;
    std::size_t index_ = 0;  // characters before offset_
    std::size_t offset_ = 0;
    std::size_t line_start_ = 0;
    int line_ = 0;
};

class DocumentBuilder {
public:
    DocumentBuilder(std::string_view text, YamlDialect dialect, const SourceLocation& origin,
                    Warnings& warnings)
        : text_(text), marks_(text), dialect_(dialect), origin_(origin), warnings_(warnings) {}

    [[nodiscard]] SourceLocation location_of(const Mark& mark) const {
        int column = mark.line == 0 ? std::max(origin_.column, 1) + mark.column : mark.column + 1;
        return SourceLocation{origin_.path, file_line(mark), column};
    }

    std::optional<Node>& root() { return root_; }

    // Takes the next event; false once the first document has ended (Psych
    // and yaml.v2 both read the first document only).
    bool add(const yaml_event_t& event) {
        switch (event.type) {
            case YAML_SCALAR_EVENT: add_scalar(event); break;
            case YAML_ALIAS_EVENT: add_alias(event); break;
            case YAML_SEQUENCE_START_EVENT:
                start_collection(Node::Kind::Sequence, event, event.data.sequence_start.tag,
                                 event.data.sequence_start.anchor);
                break;
            case YAML_MAPPING_START_EVENT:
                start_collection(Node::Kind::Mapping, event, event.data.mapping_start.tag,
                                 event.data.mapping_start.anchor);
                break;
            case YAML_SEQUENCE_END_EVENT:
            case YAML_MAPPING_END_EVENT: finish_collection(); break;
            case YAML_DOCUMENT_END_EVENT:
            case YAML_STREAM_END_EVENT: return false;
            default: break;  // the stream's and the document's start
        }
        return true;
    }

    // libyaml's error as a ParseError. A scanner's context is the token it
    // was reading (a quoted scalar that never closes): the error points
    // there. A parser's context is the enclosing collection, which may start
    // far above: the error points at the problem and names that line.
    [[noreturn]] void fail(const yaml_parser_t& parser) {
        if (parser.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
        std::string message = "invalid YAML: ";
        message += parser.problem ? parser.problem : "unknown error";
        Mark at;
        if (parser.error == YAML_READER_ERROR) {
            // A byte offset, and the offending byte or character.
            LineColumn reader_at = line_column_at(text_, parser.problem_offset);
            at = Mark{reader_at.line - 1, reader_at.column - 1};
            if (parser.problem_value != -1) {
                char value[16];
                std::snprintf(value, sizeof value, " (0x%02X)",
                              static_cast<unsigned>(parser.problem_value));
                message += value;
            }
        } else if (parser.context && parser.error == YAML_SCANNER_ERROR) {
            at = marks_(parser.context_mark);
            message += std::string(" ") + parser.context;
        } else {
            at = marks_(parser.problem_mark);
            if (parser.context)
                message += std::string(" ") + parser.context + " started at line " +
                           std::to_string(file_line(marks_(parser.context_mark)));
        }
        throw ParseError(location_of(at), message);
    }

private:
    static constexpr std::size_t max_copied_values = 1'000'000;
    // Deeper documents are not front matter; the limit keeps the recursive
    // code downstream (copies, writers) from exhausting the stack on hostile
    // input. libyaml itself nests without limit.
    static constexpr std::size_t max_nesting = 512;

    struct Frame {
        Node::Kind kind;
        Mark mark;
        std::string anchor;
        Array items;
        Table table;
        std::optional<Node> key;
        // Keys given in this mapping (not merged in), with their lines.
        std::vector<std::pair<std::string, int>> given_keys;
    };

    void add_scalar(const yaml_event_t& event) {
        const auto& scalar = event.data.scalar;
        Node node;
        node.mark = marks_(event.start_mark);
        // By length: a scalar may hold NUL characters ("\0").
        node.text.assign(reinterpret_cast<const char*>(scalar.value), scalar.length);
        node.tag = c_string(scalar.tag);
        node.quoted = scalar.quoted_implicit != 0;
        Typed typed = type_scalar(node);
        if (!typed.note.empty()) warn(WarningKind::TypeChanged, node.mark, typed.note);
        node.value = std::move(typed.value);
        complete(std::move(node), c_string(scalar.anchor));
    }

    void add_alias(const yaml_event_t& event) {
        Mark mark = marks_(event.start_mark);
        std::string name = c_string(event.data.alias.anchor);
        auto found = anchors_.find(name);
        if (found == anchors_.end()) {
            bool open = std::any_of(stack_.begin(), stack_.end(),
                                    [&](const Frame& frame) { return frame.anchor == name; });
            throw ParseError(location_of(mark),
                             open ? "an alias refers to the node that contains it"
                                  : "alias *" + name + " refers to an unknown anchor");
        }
        // Aliases copy; a few nested ones can multiply the document (the
        // "billion laughs"), so the copies have a budget.
        copied_values_ += count_values(found->second.value);
        if (copied_values_ > max_copied_values)
            throw ParseError(location_of(mark), "aliases expand to too many values");
        Node node = found->second;
        node.from_alias = true;
        complete(std::move(node), {});
    }

    void start_collection(Node::Kind kind, const yaml_event_t& event, const yaml_char_t* tag,
                          const yaml_char_t* anchor) {
        Mark mark = marks_(event.start_mark);
        if (stack_.size() >= max_nesting)
            throw ParseError(location_of(mark),
                             "YAML nested deeper than " + std::to_string(max_nesting) + " levels");
        check_collection_tag(mark, c_string(tag), kind == Node::Kind::Mapping);
        std::string name = c_string(anchor);
        // An alias inside refers to this node, which it cannot copy, and not
        // to an earlier anchor of the same name.
        if (!name.empty()) anchors_.erase(name);
        stack_.push_back(Frame{kind, mark, std::move(name), {}, {}, {}, {}});
    }

    [[nodiscard]] int file_line(const Mark& mark) const {
        return std::max(origin_.line, 1) + mark.line;
    }

    void warn(WarningKind kind, const Mark& mark, std::string message) {
        warnings_.add(kind, location_of(mark), std::move(message));
    }

    std::string_view reader_name() const {
        return dialect_ == YamlDialect::Psych ? "Jekyll (Psych)" : "Hugo (yaml.v2)";
    }

    Typed type_scalar(const Node& node) {
        try {
            if (dialect_ == YamlDialect::Psych) return psych_scalar(node);
            return go_scalar(node);
        } catch (const ScalarError& error) {
            throw ParseError(location_of(node.mark), error.what());
        }
    }

    // ToRuby#deserialize: quoted text stays a string, untagged plain text is
    // tokenized, and a tag decides the rest (!, quoted or not, tokenizes).
    Typed psych_scalar(const Node& node) {
        if (node.quoted) return {Value(node.text), {}};
        if (node.tag.empty()) return psych::tokenize(node.text);
        return psych::tagged_scalar(node.tag, node.text);
    }

    // yaml.v2: quoted text is a string, untagged plain text is resolved, and
    // a tag decides the rest (! and unknown tags keep the text).
    Typed go_scalar(const Node& node) {
        if (node.quoted) return {Value(node.text), {}};
        if (node.tag.empty()) {
            goyaml::Resolved r = goyaml::resolve("", node.text);
            if (std::optional<std::string> difference = goyaml::yaml12_difference(node.text, r))
                warn(WarningKind::AmbiguousYaml, node.mark, *difference);
            return {r.value, r.note};
        }
        return goyaml::tagged_scalar(node.tag, node.text);
    }

    void check_collection_tag(const Mark& mark, const std::string& tag, bool mapping) {
        if (dialect_ != YamlDialect::Psych) return;  // yaml.v2 ignores them
        try {
            psych::check_collection_tag(tag, mapping);
        } catch (const ScalarError& error) {
            throw ParseError(location_of(mark), error.what());
        }
    }

    void finish_collection() {
        Frame frame = std::move(stack_.back());
        stack_.pop_back();
        Node node;
        node.kind = frame.kind;
        node.mark = frame.mark;
        if (frame.kind == Node::Kind::Mapping)
            node.value = Value(std::move(frame.table));
        else
            node.value = Value(std::move(frame.items));
        complete(std::move(node), frame.anchor);
    }

    // A finished node goes to its parent: the root, a sequence item, a key,
    // or the value of the pending key.
    void complete(Node node, const std::string& anchor) {
        if (!node.from_alias) node.value.set_line(file_line(node.mark));
        if (!anchor.empty()) anchors_.insert_or_assign(anchor, node);
        if (stack_.empty()) {
            root_ = std::move(node);
            return;
        }
        Frame& parent = stack_.back();
        if (parent.kind == Node::Kind::Sequence) {
            parent.items.push_back(std::move(node.value));
        } else if (!parent.key) {
            if (node.kind != Node::Kind::Scalar)
                throw ParseError(location_of(node.mark), "a mapping key must be a scalar");
            parent.key = std::move(node);
        } else {
            Node key = *std::move(parent.key);
            parent.key.reset();
            add_entry(parent, key, std::move(node));
        }
    }

    [[nodiscard]] bool is_merge_key(const Node& key) const {
        if (dialect_ == YamlDialect::Psych)  // revive_hash: key == '<<' && k.tag != !!str
            return key.value.is_string() && key.value.as_string() == "<<" &&
                   key.tag != "tag:yaml.org,2002:str";
        return (key.tag.empty() && !key.quoted && key.text == "<<") ||
               key.tag == "tag:yaml.org,2002:merge";
    }

    void add_entry(Frame& map, const Node& key, Node value) {
        if (is_merge_key(key) && merge(map, key, value)) return;
        std::string name = key.value.is_string() ? key.value.as_string() : key.text;
        if (!key.value.is_string())
            warn(WarningKind::NonStringKey, key.mark,
                 "key '" + name + "' is read as a " + std::string(type_name(key.value.type())) +
                     " by " + std::string(reader_name()) + "; kept as a string key");
        auto given = std::find_if(map.given_keys.begin(), map.given_keys.end(),
                                  [&](const auto& entry) { return entry.first == name; });
        if (given != map.given_keys.end())
            warn(WarningKind::DuplicateKey, key.mark,
                 "duplicate key '" + name + "' (first at line " + std::to_string(given->second) +
                     "); the last value wins");
        else
            map.given_keys.emplace_back(name, file_line(key.mark));
        map.table.set(std::move(name), std::move(value.value));
    }

    // The merge key "<<": the merged keys are set in turn, so they replace
    // earlier keys and later keys replace them (Ruby's Hash#merge!, and
    // yaml.v2 decoding into the same map); in a list, earlier maps win.
    // Returns false where Psych keeps "<<" as an ordinary key.
    bool merge(Frame& map, const Node& key, const Node& value) {
        bool psych = dialect_ == YamlDialect::Psych;
        std::vector<const Table*> sources;
        bool mergeable = false;
        if (value.value.is_table() && (value.kind == Node::Kind::Mapping || value.from_alias)) {
            sources.push_back(&value.value.as_table());
            mergeable = true;
        } else if (value.value.is_array() && value.kind == Node::Kind::Sequence &&
                   !value.from_alias) {
            const Array& items = value.value.as_array();
            mergeable = std::all_of(items.begin(), items.end(),
                                    [](const Value& item) { return item.is_table(); });
            if (mergeable)
                for (const Value& item : items) sources.push_back(&item.as_table());
        }
        if (!mergeable) {
            if (psych) return false;  // TypeError, rescued: hash['<<'] = value
            throw ParseError(location_of(key.mark),
                             "map merge requires a map or a sequence of maps as the value");
        }
        Table merged;
        for (auto source = sources.rbegin(); source != sources.rend(); ++source)
            for (const auto& entry : **source) merged.set(entry.key, entry.value);
        for (auto& entry : merged) map.table.set(entry.key, std::move(entry.value));
        return true;
    }

    std::string_view text_;
    MarkReader marks_;
    YamlDialect dialect_;
    const SourceLocation& origin_;
    Warnings& warnings_;
    std::vector<Frame> stack_;
    std::map<std::string, Node> anchors_;
    std::size_t copied_values_ = 0;
    std::optional<Node> root_;
};

// ---------------------------------------------------------------------------
// Writing

// Decodes one UTF-8 sequence at `pos`, advancing it; nullopt if malformed.
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& pos) {
    auto lead = static_cast<unsigned char>(text[pos]);
    std::size_t length = lead < 0x80                   ? 1
                         : lead >= 0xC2 && lead < 0xE0 ? 2
                         : lead >= 0xE0 && lead < 0xF0 ? 3
                         : lead >= 0xF0 && lead < 0xF5 ? 4
                                                       : 0;
    if (length == 0 || pos + length > text.size()) return std::nullopt;
    char32_t code = length == 1 ? lead : lead & (0xFF >> (length + 1));
    for (std::size_t i = 1; i < length; ++i) {
        auto byte = static_cast<unsigned char>(text[pos + i]);
        if ((byte & 0xC0) != 0x80) return std::nullopt;
        code = (code << 6) | (byte & 0x3F);
    }
    static constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return std::nullopt;
    pos += length;
    return code;
}

// Characters a YAML reader would not take literally (controls, line and
// paragraph separators, BOM, non-characters): they are escaped.
bool needs_escape(char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
           c == 0xFEFF || c == 0xFFFE || c == 0xFFFF;
}

std::string double_quoted(std::string_view text) {
    std::string out = "\"";
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t start = pos;
        std::optional<char32_t> c = next_code_point(text, pos);
        if (!c) throw std::invalid_argument("a string that is not UTF-8 has no YAML form");
        char buffer[12];
        switch (*c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case 0: out += "\\0"; break;
            default:
                if (!needs_escape(*c)) {
                    out += text.substr(start, pos - start);
                } else {
                    std::snprintf(buffer, sizeof buffer, *c < 0x80 ? "\\x%02X" : "\\u%04X",
                                  static_cast<unsigned>(*c));
                    out += buffer;
                }
        }
    }
    out += '"';
    return out;
}

bool printable_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        std::optional<char32_t> c = next_code_point(text, pos);
        if (!c || needs_escape(*c)) return false;
    }
    return true;
}

// Text a reader could take for a number or a date even where the resolvers
// above say string (YAML 1.2 readers differ in details): quoting it costs
// nothing.
bool looks_numeric(std::string_view s) {
    if (s.empty()) return false;
    if (is_digit(s[0])) return true;
    return one_of("+-.", s[0]) && s.size() > 1 && (is_digit(s[1]) || s[1] == '.');
}

// A string can be plain only when it is not YAML syntax and every reader
// (Psych, yaml.v2, YAML 1.2) reads it as this very string.
bool plain_safe(std::string_view s) {
    if (s.empty() || !printable_utf8(s)) return false;
    if (s.front() == ' ' || s.back() == ' ') return false;
    if (one_of("-?:,[]{}#&*!|>'\"%@`", s.front())) return false;
    if (s.find(": ") != std::string_view::npos || s.back() == ':' ||
        s.find(" #") != std::string_view::npos)
        return false;
    if (looks_numeric(s) || s == "<<" || s == "=") return false;
    // What the readers resolve to anything but a string starts with a digit,
    // a sign, a dot, '~' or ':', or is a word of at most five letters
    // (y, off, False, null ...). Any other text is a string to all three,
    // known without asking them: most titles, tags and paths.
    const bool letter = (s.front() >= 'a' && s.front() <= 'z') || (s.front() >= 'A' && s.front() <= 'Z');
    if (letter ? s.size() > 5 : !one_of("0123456789+-.~:", s.front())) return true;
    auto every_reader_says_string = [s] {
        return psych::is_string(s) && goyaml::is_string(s) && yaml12_core_is_string(s);
    };
    if (!letter) return every_reader_says_string();
    // Short words recur from article to article (keys, tags): the readers'
    // answer is remembered, per thread, for a few thousand of them.
    thread_local std::unordered_map<std::string, bool> short_words;
    std::string word(s);
    if (const auto known = short_words.find(word); known != short_words.end()) return known->second;
    const bool string = every_reader_says_string();
    if (short_words.size() >= 4096) short_words.clear();
    short_words.emplace(std::move(word), string);
    return string;
}

std::string yaml_string(std::string_view s) {
    return plain_safe(s) ? std::string(s) : double_quoted(s);
}

std::string yaml_key(std::string_view key) {
    // A quoted "<<" is still a merge key to Psych; an explicit !!str is not,
    // to any reader.
    if (key == "<<") return "!!str \"<<\"";
    return yaml_string(key);
}

std::string yaml_float(double number) {
    if (std::isnan(number)) return ".nan";
    if (std::isinf(number)) return number < 0 ? "-.inf" : ".inf";
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
    std::string text(buffer, end);
    // Psych reads a float only with a '.' ("1e+300" is a string to it).
    if (text.find('.') == std::string::npos) {
        std::size_t exponent = text.find('e');
        text.insert(exponent == std::string::npos ? text.size() : exponent, ".0");
    }
    return text;
}

std::string yaml_datetime(const DateTime& dt) {
    if (datetime_type(dt) == ValueType::LocalTime)
        throw std::invalid_argument("a local time has no YAML form (Psych reads " +
                                    format_datetime(dt) + " as an integer); lower it first");
    if (dt.date && (dt.date->year < 0 || dt.date->year > 9999))
        throw std::invalid_argument("a year outside 0000-9999 has no YAML date form");
    return format_datetime(dt);
}

std::string scalar_text(const Value& value) {
    switch (value.type()) {
        case ValueType::Null: return "null";
        case ValueType::Bool: return value.as_bool() ? "true" : "false";
        case ValueType::Integer: return std::to_string(value.as_integer());
        case ValueType::Float: return yaml_float(value.as_float());
        case ValueType::String: return yaml_string(value.as_string());
        case ValueType::OffsetDateTime:
        case ValueType::LocalDateTime:
        case ValueType::LocalDate:
        case ValueType::LocalTime: return yaml_datetime(value.as_datetime());
        case ValueType::Array: return "[]";  // only empty ones are written inline
        case ValueType::Table: return "{}";
    }
    throw std::invalid_argument("unknown value type");
}

class YamlWriter {
public:
    std::string write(const Table& table) {
        if (table.empty()) return "{}\n";
        write_table(table, "", "");
        return std::move(out_);
    }

private:
    static bool is_block(const Value& value) {
        return (value.is_table() && !value.as_table().empty()) ||
               (value.is_array() && !value.as_array().empty());
    }

    // `first` prefixes the first line (after a "- " it is empty), `rest`
    // the others.
    void write_table(const Table& table, const std::string& first, const std::string& rest) {
        std::vector<std::string_view> seen;
        const std::string* prefix = &first;
        for (const auto& entry : table) {
            if (std::find(seen.begin(), seen.end(), entry.key) != seen.end())
                throw std::invalid_argument("duplicate key in table: " + entry.key);
            seen.push_back(entry.key);
            out_ += *prefix;
            prefix = &rest;
            // YAML limits implicit keys to 1024 characters: a longer key is
            // written as an explicit one (`? KEY`, then `: VALUE` below it).
            std::string key = yaml_key(entry.key);
            if (key.size() > 1024) {
                out_ += "? " + key + "\n" + rest;
                key.clear();
            }
            out_ += key;
            out_ += ':';
            if (is_block(entry.value)) {
                out_ += '\n';
                write_block(entry.value, rest + "  ", rest + "  ");
            } else {
                out_ += ' ';
                out_ += scalar_text(entry.value);
                out_ += '\n';
            }
        }
    }

    void write_array(const Array& items, const std::string& first, const std::string& rest) {
        const std::string* prefix = &first;
        for (const Value& item : items) {
            out_ += *prefix;
            prefix = &rest;
            out_ += "- ";
            if (is_block(item)) {
                write_block(item, "", rest + "  ");
            } else {
                out_ += scalar_text(item);
                out_ += '\n';
            }
        }
    }

    void write_block(const Value& value, const std::string& first, const std::string& rest) {
        if (value.is_table())
            write_table(value.as_table(), first, rest);
        else
            write_array(value.as_array(), first, rest);
    }

    std::string out_;
};

}  // namespace

Table parse_yaml(std::string_view text, YamlDialect dialect, const SourceLocation& origin,
                 Warnings& warnings) {
    DocumentBuilder builder(text, dialect, origin, warnings);
    Parser parser(text);
    for (bool reading = true; reading;) {
        Event event;
        if (!parser.next(event)) builder.fail(parser.state());
        reading = builder.add(*event);
    }
    std::optional<Node>& root = builder.root();
    if (!root || root->value.is_null()) return {};
    if (!root->value.is_table())
        throw ParseError(builder.location_of(root->mark), "front matter must be a mapping");
    return std::move(root->value.as_table());
}

std::string write_yaml(const Table& table) { return YamlWriter().write(table); }

}  // namespace postport
