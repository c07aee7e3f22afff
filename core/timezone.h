// Time zones from the system's TZif files (/usr/share/zoneinfo, Debian's
// tzdata package): GCC 12's library has no C++20 chrono time zones. Enough to
// say which calendar day an instant is in a site's zone, as Jekyll does for
// URL dates.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"

namespace postport {

inline constexpr std::string_view system_zoneinfo = "/usr/share/zoneinfo";

// Days since 1970-01-01 (proleptic Gregorian), and back.
std::int64_t days_from_civil(const Date& date);
Date civil_from_days(std::int64_t days);
// 0 for Sunday to 6 for Saturday.
int weekday_of(const Date& date);
// 1 for the first of January.
int day_of_year(const Date& date);
// English names, as Ruby's strftime and Go's time formatting give them:
// "January" for month 1, "Sunday" for weekday 0.
std::string_view month_name(int month);
std::string_view weekday_name(int weekday);

// Seconds since 1970-01-01T00:00:00Z of a date-time with an offset; nullopt
// without a date or without an offset.
std::optional<std::int64_t> unix_seconds(const DateTime& value);

class TimeZone {
public:
    // Zone `name` ("America/Los_Angeles", "UTC") read from `directory`;
    // nullopt when there is no such zone file or it is not TZif.
    static std::optional<TimeZone> load(std::string_view name,
                                        const std::filesystem::path& directory = system_zoneinfo);
    // Zone `name` from the system's zone files, read once per process (a
    // site's zone is asked for once per article); null when there is none.
    // Safe to call from several threads.
    static const TimeZone* system(std::string_view name);
    // A zone from the bytes of a TZif file (version 1 to 4).
    static std::optional<TimeZone> parse(std::string_view tzif);
    // A zone that is always `offset_seconds` east of UTC.
    static TimeZone fixed(int offset_seconds);

    // Seconds east of UTC at the instant `unix_time`.
    [[nodiscard]] int offset_at(std::int64_t unix_time) const;
    // The calendar day the instant `unix_time` is in this zone.
    [[nodiscard]] Date date_at(std::int64_t unix_time) const;

    // The footer rule of a TZif file (a POSIX TZ string such as
    // "PST8PDT,M3.2.0,M11.1.0"): the offsets after the last transition.
    struct Rule {
        // When daylight time starts or ends: a day of the year and the
        // local time of day (seconds; may be negative or past 24 hours).
        struct Change {
            enum class Kind { JulianNoLeap, ZeroBased, MonthWeekDay } kind = Kind::MonthWeekDay;
            int day = 0;  // Jn: 1-365, n: 0-365, Mm.w.d: d (0 = Sunday)
            int month = 0;
            int week = 0;  // 1-5, 5 = the last
            int time = 7200;
        };
        int standard_offset = 0;  // seconds east of UTC
        std::optional<int> daylight_offset;
        Change start;
        Change end;
    };
    static std::optional<Rule> parse_rule(std::string_view posix);

private:
    std::vector<std::int64_t> transitions_;  // instants, ascending
    std::vector<int> offsets_after_;         // the offset from each transition on
    int offset_before_ = 0;                  // before the first transition
    std::optional<Rule> rule_;
};

}  // namespace postport
