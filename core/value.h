// Typed, ordered front matter values: the common tree every codec reads into
// and writes from. It can hold everything TOML, YAML (as Jekyll's Psych and
// Hugo read it) and JSON can say, so that no conversion has to guess.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace postport {

struct Date {
    int year = 0;
    int month = 1;
    int day = 1;
    friend bool operator==(const Date&, const Date&) = default;
};

struct Time {
    int hour = 0;
    int minute = 0;
    int second = 0;
    // Digits after the decimal point exactly as written ("5" and "500" are
    // the same instant but different text; both must survive).
    std::string fraction;
    friend bool operator==(const Time&, const Time&) = default;
};

struct UtcOffset {
    int minutes = 0;  // east of UTC
    // How the offset was spelled, so "Z" and "+00:00" both come back as written.
    enum class Style { Zulu, Colon, NoColon } style = Style::Colon;
    friend bool operator==(const UtcOffset&, const UtcOffset&) = default;
};

// A calendar value with optional time and offset. Its kind follows from which
// parts are present: date only, time only, date+time, date+time+offset.
struct DateTime {
    std::optional<Date> date;
    std::optional<Time> time;
    std::optional<UtcOffset> offset;
    // Date and time were separated by a space rather than 'T'.
    bool space_separator = false;
    friend bool operator==(const DateTime&, const DateTime&) = default;
};

enum class ValueType {
    Null,
    Bool,
    Integer,
    Float,
    String,
    OffsetDateTime,
    LocalDateTime,
    LocalDate,
    LocalTime,
    Array,
    Table,
};

std::string_view type_name(ValueType type);

class Value;
using Array = std::vector<Value>;

// An ordered table. Front matter is small, so lookup is a linear scan; order
// is the source order and is what writers follow.
class Table {
public:
    struct Entry;

    Table() = default;
    Table(const Table& other);
    // Out of line, like the copies: Entry is incomplete here, and clang
    // instantiates a defaulted member's vector code where it is declared.
    Table(Table&&) noexcept;
    Table& operator=(const Table& other);
    Table& operator=(Table&&) noexcept;
    ~Table();

    [[nodiscard]] bool empty() const;
    [[nodiscard]] std::size_t size() const;

    [[nodiscard]] const Value* find(std::string_view key) const;
    [[nodiscard]] Value* find(std::string_view key);
    // Finds a key ignoring ASCII case (Hugo's keys are case-insensitive).
    [[nodiscard]] const Entry* find_icase(std::string_view key) const;
    [[nodiscard]] Entry* find_icase(std::string_view key);

    // Sets a key: an existing key keeps its place (as Ruby's Hash does for a
    // duplicate key), a new key goes last.
    Value& set(std::string key, Value value);
    // Inserts a new key at a position (clamped to the end).
    Value& insert(std::size_t position, std::string key, Value value);
    bool erase(std::string_view key);

    [[nodiscard]] std::vector<Entry>::const_iterator begin() const;
    [[nodiscard]] std::vector<Entry>::const_iterator end() const;
    [[nodiscard]] std::vector<Entry>::iterator begin();
    [[nodiscard]] std::vector<Entry>::iterator end();

    friend bool operator==(const Table& a, const Table& b);

private:
    std::vector<Entry> entries_;
};

class Value {
public:
    using Storage = std::variant<std::monostate, bool, std::int64_t, double, std::string, DateTime,
                                 Array, Table>;

    Value() = default;  // null
    Value(std::nullptr_t) {}
    Value(bool b) : data_(b) {}
    Value(std::int64_t i) : data_(i) {}
    Value(int i) : data_(static_cast<std::int64_t>(i)) {}
    Value(double d) : data_(d) {}
    Value(std::string s) : data_(std::move(s)) {}
    Value(const char* s) : data_(std::string(s)) {}
    Value(DateTime dt) : data_(std::move(dt)) {}
    Value(Array a) : data_(std::move(a)) {}
    Value(Table t) : data_(std::move(t)) {}

    [[nodiscard]] ValueType type() const;

    [[nodiscard]] bool is_null() const { return std::holds_alternative<std::monostate>(data_); }
    [[nodiscard]] bool is_bool() const { return std::holds_alternative<bool>(data_); }
    [[nodiscard]] bool is_integer() const { return std::holds_alternative<std::int64_t>(data_); }
    [[nodiscard]] bool is_float() const { return std::holds_alternative<double>(data_); }
    [[nodiscard]] bool is_string() const { return std::holds_alternative<std::string>(data_); }
    [[nodiscard]] bool is_datetime() const { return std::holds_alternative<DateTime>(data_); }
    [[nodiscard]] bool is_array() const { return std::holds_alternative<Array>(data_); }
    [[nodiscard]] bool is_table() const { return std::holds_alternative<Table>(data_); }

    [[nodiscard]] bool as_bool() const { return std::get<bool>(data_); }
    [[nodiscard]] std::int64_t as_integer() const { return std::get<std::int64_t>(data_); }
    [[nodiscard]] double as_float() const { return std::get<double>(data_); }
    [[nodiscard]] const std::string& as_string() const { return std::get<std::string>(data_); }
    [[nodiscard]] const DateTime& as_datetime() const { return std::get<DateTime>(data_); }
    [[nodiscard]] const Array& as_array() const { return std::get<Array>(data_); }
    [[nodiscard]] Array& as_array() { return std::get<Array>(data_); }
    [[nodiscard]] const Table& as_table() const { return std::get<Table>(data_); }
    [[nodiscard]] Table& as_table() { return std::get<Table>(data_); }

    [[nodiscard]] const Storage& storage() const { return data_; }

    // Source line of the value (1-based) when it came from a file; 0 if not.
    // Not part of equality.
    [[nodiscard]] int line() const { return line_; }
    void set_line(int line) { line_ = line; }

    // Typed equality: 1 and 1.0 differ; nan equals nan; -0.0 differs from 0.0.
    friend bool operator==(const Value& a, const Value& b);

private:
    Storage data_;
    int line_ = 0;
};

struct Table::Entry {
    std::string key;
    Value value;
    friend bool operator==(const Entry&, const Entry&) = default;
};

ValueType datetime_type(const DateTime& dt);

// A fingerprint (core/text.h) of the typed values of `table`, keys and order
// included: equal for tables that are equal as operator== says (nan equals
// nan), different for any edit. Cheaper than fingerprinting a serialization.
std::string fingerprint(const Table& table);

}  // namespace postport
