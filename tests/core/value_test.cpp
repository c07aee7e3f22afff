#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/codecs.h"
#include "core/value.h"

using namespace postport;

TEST(Value, TypedEqualityTellsIntegerFromFloatAndSignedZero) {
    EXPECT_NE(Value(1), Value(1.0));
    EXPECT_NE(Value(0.0), Value(-0.0));
    EXPECT_EQ(Value(std::nan("")), Value(std::nan("")));
    EXPECT_EQ(Value(std::numeric_limits<double>::infinity()),
              Value(std::numeric_limits<double>::infinity()));
}

TEST(Table, KeepsInsertionOrderAndDuplicateKeepsFirstPlace) {
    Table t;
    t.set("b", 1);
    t.set("a", 2);
    t.set("b", 3);
    std::vector<std::string> keys;
    for (const auto& e : t) keys.push_back(e.key);
    EXPECT_EQ(keys, (std::vector<std::string>{"b", "a"}));
    EXPECT_EQ(*t.find("b"), Value(3));
    ASSERT_NE(t.find_icase("B"), nullptr);
    EXPECT_EQ(t.find("B"), nullptr);
}

TEST(DateTime, ParsesAndFormatsExactly) {
    for (const char* text : {"1979-05-27T07:32:00-08:00", "1979-05-27 07:32:00.999900Z",
                             "1979-05-27T00:32:00.5", "1979-05-27", "07:32:00", "00:32:00.000",
                             "2021-09-27T23:30:00+0530"}) {
        auto dt = parse_datetime(text);
        ASSERT_TRUE(dt) << text;
        EXPECT_EQ(format_datetime(*dt), text);
    }
    EXPECT_EQ(datetime_type(*parse_datetime("1979-05-27T07:32:00Z")), ValueType::OffsetDateTime);
    EXPECT_EQ(datetime_type(*parse_datetime("1979-05-27T07:32:00")), ValueType::LocalDateTime);
    EXPECT_EQ(datetime_type(*parse_datetime("1979-05-27")), ValueType::LocalDate);
    EXPECT_EQ(datetime_type(*parse_datetime("07:32:00")), ValueType::LocalTime);
    for (const char* bad : {"2021-02-30", "2021-13-01", "24:00:00", "1979-05-27T07:32", "2021-9-27",
                            "1979-05-27T07:32:00+25:00", "x"})
        EXPECT_FALSE(parse_datetime(bad)) << bad;
}
