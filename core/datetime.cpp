// Exact RFC 3339 / TOML date-time text: parsed into parts without losing the
// fraction digits or the offset's spelling, so writing gives the text back.
#include <charconv>
#include <cstdio>

#include "core/codecs.h"

namespace postport {

namespace {

bool digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        char c = text[i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

bool leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap_year(year) ? 29 : days[month - 1];
}

// Date at pos: YYYY-MM-DD.
bool parse_date_at(std::string_view text, std::size_t& pos, Date& date) {
    if (!digits(text, pos, 4, date.year) || pos + 10 > text.size() || text[pos + 4] != '-' ||
        !digits(text, pos + 5, 2, date.month) || text[pos + 7] != '-' ||
        !digits(text, pos + 8, 2, date.day))
        return false;
    if (date.month < 1 || date.month > 12 || date.day < 1 ||
        date.day > days_in_month(date.year, date.month))
        return false;
    pos += 10;
    return true;
}

// Time at pos: HH:MM:SS[.fraction].
bool parse_time_at(std::string_view text, std::size_t& pos, Time& time) {
    if (!digits(text, pos, 2, time.hour) || pos + 8 > text.size() || text[pos + 2] != ':' ||
        !digits(text, pos + 3, 2, time.minute) || text[pos + 5] != ':' ||
        !digits(text, pos + 6, 2, time.second))
        return false;
    if (time.hour > 23 || time.minute > 59 || time.second > 60) return false;
    pos += 8;
    if (pos < text.size() && text[pos] == '.') {
        std::size_t start = ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == start) return false;
        time.fraction = std::string(text.substr(start, pos - start));
    }
    return true;
}

bool parse_offset_at(std::string_view text, std::size_t& pos, UtcOffset& offset) {
    if (pos >= text.size()) return false;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        offset = UtcOffset{0, UtcOffset::Style::Zulu};
        ++pos;
        return true;
    }
    if (text[pos] != '+' && text[pos] != '-') return false;
    int sign = text[pos] == '-' ? -1 : 1;
    int hours = 0;
    int minutes = 0;
    if (!digits(text, pos + 1, 2, hours)) return false;
    if (pos + 3 < text.size() && text[pos + 3] == ':') {
        if (!digits(text, pos + 4, 2, minutes)) return false;
        offset.style = UtcOffset::Style::Colon;
        pos += 6;
    } else {
        if (!digits(text, pos + 3, 2, minutes)) return false;
        offset.style = UtcOffset::Style::NoColon;
        pos += 5;
    }
    if (hours > 23 || minutes > 59) return false;
    offset.minutes = sign * (hours * 60 + minutes);
    return true;
}

}  // namespace

std::optional<DateTime> parse_datetime(std::string_view text) {
    DateTime dt;
    std::size_t pos = 0;
    Time time;
    if (parse_time_at(text, pos, time)) {
        if (pos != text.size()) return std::nullopt;
        dt.time = std::move(time);
        return dt;
    }
    pos = 0;
    Date date;
    if (!parse_date_at(text, pos, date)) return std::nullopt;
    dt.date = date;
    if (pos == text.size()) return dt;
    char separator = text[pos];
    if (separator != 'T' && separator != 't' && separator != ' ') return std::nullopt;
    dt.space_separator = separator == ' ';
    ++pos;
    Time clock;
    if (!parse_time_at(text, pos, clock)) return std::nullopt;
    dt.time = std::move(clock);
    if (pos == text.size()) return dt;
    UtcOffset offset;
    if (!parse_offset_at(text, pos, offset) || pos != text.size()) return std::nullopt;
    dt.offset = offset;
    return dt;
}

namespace {

// `value` as `width` digits, zero-padded (values here are never negative).
void append_digits(std::string& out, int value, int width) {
    char digits[10];
    int count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value > 0 && count < 10);
    for (int pad = count; pad < width; ++pad) out += '0';
    while (count > 0) out += digits[--count];
}

}  // namespace

std::string format_datetime(const DateTime& dt) {
    std::string out;
    out.reserve(40);
    if (dt.date) {
        append_digits(out, dt.date->year, 4);
        out += '-';
        append_digits(out, dt.date->month, 2);
        out += '-';
        append_digits(out, dt.date->day, 2);
        if (dt.time) out += dt.space_separator ? ' ' : 'T';
    }
    if (dt.time) {
        append_digits(out, dt.time->hour, 2);
        out += ':';
        append_digits(out, dt.time->minute, 2);
        out += ':';
        append_digits(out, dt.time->second, 2);
        if (!dt.time->fraction.empty()) {
            out += '.';
            out += dt.time->fraction;
        }
    }
    if (dt.offset) {
        if (dt.offset->style == UtcOffset::Style::Zulu) {
            out += 'Z';
        } else {
            const int minutes = dt.offset->minutes < 0 ? -dt.offset->minutes : dt.offset->minutes;
            out += dt.offset->minutes < 0 ? '-' : '+';
            append_digits(out, minutes / 60, 2);
            if (dt.offset->style == UtcOffset::Style::Colon) out += ':';
            append_digits(out, minutes % 60, 2);
        }
    }
    return out;
}

std::string_view format_name(FrontMatterFormat format) {
    switch (format) {
        case FrontMatterFormat::None: return "none";
        case FrontMatterFormat::Toml: return "toml";
        case FrontMatterFormat::Yaml: return "yaml";
        case FrontMatterFormat::Json: return "json";
    }
    return "?";
}

}  // namespace postport
