#include "core/timezone.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/codecs.h"
#include "core/text.h"

using namespace postport;

namespace {

std::int64_t instant(std::string_view rfc3339) {
    auto parsed = parse_datetime(rfc3339);
    if (!parsed) throw std::invalid_argument(std::string(rfc3339));
    return *unix_seconds(*parsed);
}

// A TZif file (version 2) with no transitions: one time type and a footer rule.
std::string tzif_with_rule(std::string_view rule, int offset_seconds) {
    auto be32 = [](std::string& out, std::uint32_t value) {
        for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((value >> shift) & 0xff);
    };
    std::string block;
    block += "TZif2";
    block += std::string(15, '\0');
    for (std::uint32_t count : {0u, 0u, 0u, 0u, 1u, 4u}) be32(block, count);
    be32(block, static_cast<std::uint32_t>(offset_seconds));
    block += std::string("\0\0", 2);
    block += std::string("STD\0", 4);
    return block + block + "\n" + std::string(rule) + "\n";
}

}  // namespace

TEST(Calendar, DaysFromCivilAndBack) {
    EXPECT_EQ(days_from_civil(Date{1970, 1, 1}), 0);
    EXPECT_EQ(days_from_civil(Date{2000, 3, 1}), 11017);
    EXPECT_EQ(days_from_civil(Date{1969, 12, 31}), -1);
    for (std::int64_t day = -800000; day <= 800000; day += 997) EXPECT_EQ(days_from_civil(civil_from_days(day)), day);
    EXPECT_EQ(civil_from_days(days_from_civil(Date{2024, 2, 29})), (Date{2024, 2, 29}));
}

TEST(Calendar, WeekdaysDaysOfTheYearAndNames) {
    EXPECT_EQ(weekday_of(Date{1970, 1, 1}), 4);
    EXPECT_EQ(weekday_of(Date{2021, 9, 27}), 1);
    EXPECT_EQ(weekday_of(Date{1900, 3, 4}), 0);
    EXPECT_EQ(day_of_year(Date{2021, 1, 1}), 1);
    EXPECT_EQ(day_of_year(Date{2024, 12, 31}), 366);
    EXPECT_EQ(month_name(1), "January");
    EXPECT_EQ(month_name(12), "December");
    EXPECT_EQ(weekday_name(0), "Sunday");
    EXPECT_EQ(weekday_name(6), "Saturday");
    EXPECT_EQ(zero_padded(7, 3), "007");
    EXPECT_EQ(zero_padded(1234, 2), "1234");
    EXPECT_EQ(zero_padded(-5, 2), "-05");
}

TEST(Calendar, UnixSecondsNeedAnOffset) {
    EXPECT_EQ(instant("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(instant("2021-09-27T23:30:00-05:00"), 1632803400);
    EXPECT_FALSE(unix_seconds(*parse_datetime("2021-09-27T23:30:00")).has_value());
}

TEST(TimeZoneFile, LosAngelesFromTheSystemDatabase) {
    auto zone = TimeZone::load("America/Los_Angeles");
    ASSERT_TRUE(zone.has_value()) << "tzdata is not installed (scripts/setup installs it)";
    // Half past eleven in Chicago is the 28th in UTC, the 27th in Los Angeles.
    const std::int64_t chicago_evening = instant("2021-09-27T23:30:00-05:00");
    EXPECT_EQ(zone->offset_at(chicago_evening), -7 * 3600);
    EXPECT_EQ(zone->date_at(chicago_evening), (Date{2021, 9, 27}));
    EXPECT_EQ(TimeZone::fixed(0).date_at(chicago_evening), (Date{2021, 9, 28}));
    EXPECT_EQ(zone->offset_at(instant("2021-01-15T12:00:00Z")), -8 * 3600);
    // The change itself: 2021-03-14 02:00 PST is 10:00 UTC.
    EXPECT_EQ(zone->offset_at(instant("2021-03-14T09:59:59Z")), -8 * 3600);
    EXPECT_EQ(zone->offset_at(instant("2021-03-14T10:00:00Z")), -7 * 3600);
    // Past the file's last transition the footer rule decides.
    EXPECT_EQ(zone->offset_at(instant("2100-07-01T12:00:00Z")), -7 * 3600);
    EXPECT_EQ(zone->offset_at(instant("2100-12-01T12:00:00Z")), -8 * 3600);
    // Before the first one, local mean time.
    EXPECT_EQ(zone->offset_at(instant("1850-01-01T00:00:00Z")), -28378);
}

TEST(TimeZoneFile, SouthernHemisphereAndFixedZones) {
    auto sydney = TimeZone::load("Australia/Sydney");
    ASSERT_TRUE(sydney.has_value());
    EXPECT_EQ(sydney->offset_at(instant("2021-01-15T00:00:00Z")), 11 * 3600);
    EXPECT_EQ(sydney->offset_at(instant("2021-07-15T00:00:00Z")), 10 * 3600);
    EXPECT_EQ(sydney->offset_at(instant("2100-01-15T00:00:00Z")), 11 * 3600);
    auto utc = TimeZone::load("UTC");
    ASSERT_TRUE(utc.has_value());
    EXPECT_EQ(utc->offset_at(instant("2021-07-15T00:00:00Z")), 0);
    auto kolkata = TimeZone::load("Asia/Kolkata");
    ASSERT_TRUE(kolkata.has_value());
    EXPECT_EQ(kolkata->offset_at(instant("2030-07-15T00:00:00Z")), 19800);
}

TEST(TimeZoneFile, FooterRulesAlone) {
    auto zone = TimeZone::parse(tzif_with_rule("AEST-10AEDT,M10.1.0,M4.1.0/3", 36000));
    ASSERT_TRUE(zone.has_value());
    // Daylight time from the first Sunday of October, 02:00 standard time.
    EXPECT_EQ(zone->offset_at(instant("2030-10-05T15:59:59Z")), 10 * 3600);
    EXPECT_EQ(zone->offset_at(instant("2030-10-05T16:00:00Z")), 11 * 3600);
    // Until the first Sunday of April, 03:00 daylight time.
    EXPECT_EQ(zone->offset_at(instant("2030-04-06T15:59:59Z")), 11 * 3600);
    EXPECT_EQ(zone->offset_at(instant("2030-04-06T16:00:00Z")), 10 * 3600);

    auto fixed = TimeZone::parse(tzif_with_rule("<+0530>-5:30", 19800));
    ASSERT_TRUE(fixed.has_value());
    EXPECT_EQ(fixed->offset_at(0), 19800);

    auto rule = TimeZone::parse_rule("EST5EDT,J60/1:30,300");
    ASSERT_TRUE(rule.has_value());
    EXPECT_EQ(rule->standard_offset, -5 * 3600);
    EXPECT_EQ(rule->daylight_offset, -4 * 3600);
    EXPECT_EQ(rule->start.kind, TimeZone::Rule::Change::Kind::JulianNoLeap);
    EXPECT_EQ(rule->start.time, 5400);
    EXPECT_EQ(rule->end.kind, TimeZone::Rule::Change::Kind::ZeroBased);
    EXPECT_EQ(rule->end.day, 300);
}

TEST(TimeZoneFile, RefusesWhatIsNoZone) {
    EXPECT_FALSE(TimeZone::load("Mars/Olympus_Mons").has_value());
    EXPECT_FALSE(TimeZone::load("../../etc/passwd").has_value());
    EXPECT_FALSE(TimeZone::load("/etc/passwd").has_value());
    EXPECT_FALSE(TimeZone::parse("not a zone file").has_value());
    EXPECT_FALSE(TimeZone::parse_rule("PST8PDT,M13.2.0,M11.1.0").has_value());
    EXPECT_FALSE(TimeZone::parse_rule("").has_value());
}
