#include "core/timezone.h"

#include <algorithm>
#include <array>
#include <map>
#include <mutex>

#include "core/files.h"

namespace postport {

namespace {

constexpr std::int64_t seconds_per_day = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// Big-endian signed integers of a TZif file.
class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    bool has(std::size_t count) const { return pos_ + count <= bytes_.size(); }
    std::int64_t read(std::size_t width) {
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < width; ++i)
            value = (value << 8) | static_cast<unsigned char>(bytes_[pos_ + i]);
        pos_ += width;
        if (width < 8 && (value >> (width * 8 - 1)) != 0) value |= ~std::uint64_t{0} << (width * 8);
        return static_cast<std::int64_t>(value);
    }
    void skip(std::size_t count) { pos_ += count; }
    std::size_t position() const { return pos_; }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

struct Counts {
    std::size_t utc = 0, standard = 0, leap = 0, transitions = 0, types = 0, chars = 0;
    [[nodiscard]] std::size_t data_size(std::size_t time_width) const {
        return transitions * time_width + transitions + types * 6 + chars + leap * (time_width + 4) + standard + utc;
    }
};

std::optional<Counts> read_header(Reader& reader, char& version) {
    if (!reader.has(44)) return std::nullopt;
    const std::int64_t magic = reader.read(4);
    if (magic != 0x545A6966) return std::nullopt;  // "TZif"
    version = static_cast<char>(reader.read(1));
    reader.skip(15);
    Counts counts;
    for (std::size_t* count : {&counts.utc, &counts.standard, &counts.leap, &counts.transitions, &counts.types,
                               &counts.chars}) {
        const std::int64_t value = reader.read(4);
        if (value < 0) return std::nullopt;
        *count = static_cast<std::size_t>(value);
    }
    if (counts.types == 0) return std::nullopt;
    return counts;
}

// POSIX TZ strings: names, offsets and rule dates.
class RuleParser {
public:
    explicit RuleParser(std::string_view text) : text_(text) {}
    bool at_end() const { return pos_ == text_.size(); }
    bool accept(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    bool peek_digit_or_sign() const {
        return pos_ < text_.size() && ((text_[pos_] >= '0' && text_[pos_] <= '9') || text_[pos_] == '+' || text_[pos_] == '-');
    }
    // "PST" or "<+0530>".
    bool name() {
        if (accept('<')) {
            const auto close = text_.find('>', pos_);
            if (close == std::string_view::npos) return false;
            pos_ = close + 1;
            return true;
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && ((text_[pos_] >= 'A' && text_[pos_] <= 'Z') || (text_[pos_] >= 'a' && text_[pos_] <= 'z')))
            ++pos_;
        return pos_ - start >= 3;
    }
    std::optional<int> number(int max) {
        const std::size_t start = pos_;
        int value = 0;
        while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9' && pos_ - start < 3)
            value = value * 10 + (text_[pos_++] - '0');
        if (pos_ == start || value > max) return std::nullopt;
        return value;
    }
    // [+-]hh[:mm[:ss]] in seconds.
    std::optional<int> duration() {
        const int sign = accept('-') ? -1 : (accept('+'), 1);
        auto hours = number(167);
        if (!hours) return std::nullopt;
        int seconds = *hours * 3600;
        for (int unit : {60, 1}) {
            if (!accept(':')) break;
            auto part = number(59);
            if (!part) return std::nullopt;
            seconds += *part * unit;
        }
        return sign * seconds;
    }
    std::optional<TimeZone::Rule::Change> change() {
        using Kind = TimeZone::Rule::Change::Kind;
        TimeZone::Rule::Change result;
        if (accept('M')) {
            auto month = number(12);
            if (!month || *month < 1 || !accept('.')) return std::nullopt;
            auto week = number(5);
            if (!week || *week < 1 || !accept('.')) return std::nullopt;
            auto day = number(6);
            if (!day) return std::nullopt;
            result = {Kind::MonthWeekDay, *day, *month, *week, 7200};
        } else {
            const bool julian = accept('J');
            auto day = number(365);
            if (!day || (julian && *day < 1)) return std::nullopt;
            result = {julian ? Kind::JulianNoLeap : Kind::ZeroBased, *day, 0, 0, 7200};
        }
        if (accept('/')) {
            auto time = duration();
            if (!time) return std::nullopt;
            result.time = *time;
        }
        return result;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

int days_in_month(int year, int month) {
    const Date first{year, month, 1};
    const Date next = month == 12 ? Date{year + 1, 1, 1} : Date{year, month + 1, 1};
    return static_cast<int>(days_from_civil(next) - days_from_civil(first));
}

// The day (since the epoch) a rule change falls on in `year`.
std::int64_t change_day(const TimeZone::Rule::Change& change, int year) {
    using Kind = TimeZone::Rule::Change::Kind;
    const std::int64_t january_first = days_from_civil(Date{year, 1, 1});
    switch (change.kind) {
        case Kind::ZeroBased: return january_first + change.day;
        case Kind::JulianNoLeap: {
            const bool leap = days_in_month(year, 2) == 29;
            return january_first + change.day - 1 + (leap && change.day >= 60 ? 1 : 0);
        }
        case Kind::MonthWeekDay: break;
    }
    const std::int64_t month_first = days_from_civil(Date{year, change.month, 1});
    const int weekday = weekday_of(Date{year, change.month, 1});
    int day = 1 + (change.day - weekday + 7) % 7 + (change.week - 1) * 7;
    while (day > days_in_month(year, change.month)) day -= 7;
    return month_first + day - 1;
}

int rule_offset_at(const TimeZone::Rule& rule, std::int64_t unix_time) {
    if (!rule.daylight_offset) return rule.standard_offset;
    const int year = civil_from_days(floor_div(unix_time + rule.standard_offset, seconds_per_day)).year;
    const std::int64_t start = change_day(rule.start, year) * seconds_per_day + rule.start.time - rule.standard_offset;
    const std::int64_t end = change_day(rule.end, year) * seconds_per_day + rule.end.time - *rule.daylight_offset;
    const bool daylight = start < end ? (unix_time >= start && unix_time < end)
                                      : !(unix_time >= end && unix_time < start);
    return daylight ? *rule.daylight_offset : rule.standard_offset;
}

}  // namespace

std::int64_t days_from_civil(const Date& date) {
    // Howard Hinnant's algorithm.
    const std::int64_t year = date.year - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(year, 400);
    const std::int64_t year_of_era = year - era * 400;
    const std::int64_t month = date.month > 2 ? date.month - 3 : date.month + 9;
    const std::int64_t day_of_year = (153 * month + 2) / 5 + date.day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

Date civil_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = floor_div(days, 146097);
    const std::int64_t day_of_era = days - era * 146097;
    const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t month_index = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * month_index + 2) / 5 + 1);
    const int month = static_cast<int>(month_index < 10 ? month_index + 3 : month_index - 9);
    const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
    return Date{year, month, day};
}

int weekday_of(const Date& date) {
    return static_cast<int>(((days_from_civil(date) + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
}

int day_of_year(const Date& date) {
    return static_cast<int>(days_from_civil(date) - days_from_civil(Date{date.year, 1, 1})) + 1;
}

std::string_view month_name(int month) {
    static constexpr std::array<std::string_view, 12> names = {
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December"};
    return names[static_cast<std::size_t>(month - 1)];
}

std::string_view weekday_name(int weekday) {
    static constexpr std::array<std::string_view, 7> names = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                              "Thursday", "Friday", "Saturday"};
    return names[static_cast<std::size_t>(weekday)];
}

std::optional<std::int64_t> unix_seconds(const DateTime& value) {
    if (!value.date || !value.offset) return std::nullopt;
    const Time time = value.time.value_or(Time{});
    return days_from_civil(*value.date) * seconds_per_day + time.hour * 3600 + time.minute * 60 + time.second -
           value.offset->minutes * 60;
}

std::optional<TimeZone> TimeZone::load(std::string_view name, const std::filesystem::path& directory) {
    // A zone name is a relative path of plain parts ("America/Los_Angeles").
    if (!is_safe_relative_path(name)) return std::nullopt;
    for (const auto& part : std::filesystem::path(name))
        if (part == "..") return std::nullopt;
    std::error_code error;
    const std::filesystem::path file = directory / name;
    if (!std::filesystem::is_regular_file(file, error)) return std::nullopt;
    try {
        return parse(read_file(file));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

const TimeZone* TimeZone::system(std::string_view name) {
    static std::mutex mutex;
    static std::map<std::string, std::optional<TimeZone>, std::less<>> loaded;
    const std::lock_guard lock(mutex);
    auto found = loaded.find(name);
    if (found == loaded.end()) found = loaded.emplace(std::string(name), load(name)).first;
    return found->second ? &*found->second : nullptr;
}

std::optional<TimeZone> TimeZone::parse(std::string_view tzif) {
    Reader reader(tzif);
    char version = 0;
    auto counts = read_header(reader, version);
    if (!counts || !reader.has(counts->data_size(4))) return std::nullopt;
    std::size_t time_width = 4;
    if (version >= '2') {
        // The 64-bit data after the version 1 block is the whole story.
        reader.skip(counts->data_size(4));
        counts = read_header(reader, version);
        time_width = 8;
        if (!counts || !reader.has(counts->data_size(8))) return std::nullopt;
    }
    TimeZone zone;
    for (std::size_t i = 0; i < counts->transitions; ++i) zone.transitions_.push_back(reader.read(time_width));
    std::vector<std::size_t> type_of_transition;
    for (std::size_t i = 0; i < counts->transitions; ++i)
        type_of_transition.push_back(static_cast<std::size_t>(reader.read(1)));
    std::vector<int> type_offsets;
    for (std::size_t i = 0; i < counts->types; ++i) {
        type_offsets.push_back(static_cast<int>(reader.read(4)));
        reader.skip(2);  // is-daylight flag, abbreviation index
    }
    for (std::size_t type : type_of_transition) {
        if (type >= type_offsets.size()) return std::nullopt;
        zone.offsets_after_.push_back(type_offsets[type]);
    }
    if (!std::is_sorted(zone.transitions_.begin(), zone.transitions_.end())) return std::nullopt;
    // RFC 8536: before the first transition, the first time type holds.
    zone.offset_before_ = type_offsets.front();
    reader.skip(counts->data_size(time_width) - counts->transitions * (time_width + 1) - counts->types * 6);
    if (version >= '2' && reader.has(1) && tzif[reader.position()] == '\n') {
        const std::size_t start = reader.position() + 1;
        const std::size_t end = tzif.find('\n', start);
        if (end != std::string_view::npos) zone.rule_ = parse_rule(tzif.substr(start, end - start));
    }
    return zone;
}

TimeZone TimeZone::fixed(int offset_seconds) {
    TimeZone zone;
    zone.offset_before_ = offset_seconds;
    return zone;
}

std::optional<TimeZone::Rule> TimeZone::parse_rule(std::string_view posix) {
    RuleParser parser(posix);
    Rule rule;
    if (!parser.name()) return std::nullopt;
    auto standard = parser.duration();
    if (!standard) return std::nullopt;
    rule.standard_offset = -*standard;  // POSIX counts west of UTC
    if (parser.at_end()) return rule;
    if (!parser.name()) return std::nullopt;
    rule.daylight_offset = rule.standard_offset + 3600;
    if (parser.peek_digit_or_sign()) {
        auto daylight = parser.duration();
        if (!daylight) return std::nullopt;
        rule.daylight_offset = -*daylight;
    }
    if (!parser.accept(',')) return std::nullopt;  // no rule: nothing to go by
    auto start = parser.change();
    if (!start || !parser.accept(',')) return std::nullopt;
    auto end = parser.change();
    if (!end || !parser.at_end()) return std::nullopt;
    rule.start = *start;
    rule.end = *end;
    return rule;
}

int TimeZone::offset_at(std::int64_t unix_time) const {
    if (transitions_.empty() || unix_time < transitions_.front())
        return transitions_.empty() && rule_ ? rule_offset_at(*rule_, unix_time) : offset_before_;
    if (rule_ && unix_time >= transitions_.back()) return rule_offset_at(*rule_, unix_time);
    const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), unix_time);
    return offsets_after_[static_cast<std::size_t>(after - transitions_.begin()) - 1];
}

Date TimeZone::date_at(std::int64_t unix_time) const {
    return civil_from_days(floor_div(unix_time + offset_at(unix_time), seconds_per_day));
}

}  // namespace postport
