#include "core/value.h"

#include "core/text.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace postport {

std::string_view type_name(ValueType type) {
    switch (type) {
        case ValueType::Null: return "null";
        case ValueType::Bool: return "bool";
        case ValueType::Integer: return "integer";
        case ValueType::Float: return "float";
        case ValueType::String: return "string";
        case ValueType::OffsetDateTime: return "datetime";
        case ValueType::LocalDateTime: return "datetime-local";
        case ValueType::LocalDate: return "date-local";
        case ValueType::LocalTime: return "time-local";
        case ValueType::Array: return "array";
        case ValueType::Table: return "table";
    }
    return "?";
}

ValueType datetime_type(const DateTime& dt) {
    if (!dt.date) return ValueType::LocalTime;
    if (!dt.time) return ValueType::LocalDate;
    return dt.offset ? ValueType::OffsetDateTime : ValueType::LocalDateTime;
}

ValueType Value::type() const {
    switch (data_.index()) {
        case 0: return ValueType::Null;
        case 1: return ValueType::Bool;
        case 2: return ValueType::Integer;
        case 3: return ValueType::Float;
        case 4: return ValueType::String;
        case 5: return datetime_type(std::get<DateTime>(data_));
        case 6: return ValueType::Array;
        default: return ValueType::Table;
    }
}

bool operator==(const Value& a, const Value& b) {
    if (a.data_.index() != b.data_.index()) return false;
    if (a.is_float()) {
        double x = a.as_float();
        double y = b.as_float();
        if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
        return std::memcmp(&x, &y, sizeof x) == 0;  // tells -0.0 from 0.0
    }
    return a.data_ == b.data_;
}

namespace {

void add_number(Fingerprint& print, std::int64_t number) {
    char bytes[sizeof number];
    std::memcpy(bytes, &number, sizeof number);
    print.add(std::string_view(bytes, sizeof bytes));
}

// Each value is its type's index, then its content; strings and containers
// start with their size, so that no two values feed the same bytes.
void add_value(Fingerprint& print, const Value& value);

void add_string(Fingerprint& print, std::string_view text) {
    add_number(print, static_cast<std::int64_t>(text.size()));
    print.add(text);
}

void add_table(Fingerprint& print, const Table& table) {
    add_number(print, static_cast<std::int64_t>(table.size()));
    for (const auto& [key, value] : table) {
        add_string(print, key);
        add_value(print, value);
    }
}

void add_value(Fingerprint& print, const Value& value) {
    add_number(print, static_cast<std::int64_t>(value.storage().index()));
    switch (value.type()) {
        case ValueType::Null: break;
        case ValueType::Bool: add_number(print, value.as_bool() ? 1 : 0); break;
        case ValueType::Integer: add_number(print, value.as_integer()); break;
        case ValueType::Float: {
            // As operator== tells them apart: every nan is one, -0.0 is not 0.0.
            const double number = std::isnan(value.as_float()) ? std::numeric_limits<double>::quiet_NaN()
                                                                : value.as_float();
            std::int64_t bits;
            std::memcpy(&bits, &number, sizeof bits);
            add_number(print, bits);
            break;
        }
        case ValueType::String: add_string(print, value.as_string()); break;
        case ValueType::Array:
            add_number(print, static_cast<std::int64_t>(value.as_array().size()));
            for (const Value& element : value.as_array()) add_value(print, element);
            break;
        case ValueType::Table: add_table(print, value.as_table()); break;
        case ValueType::OffsetDateTime:
        case ValueType::LocalDateTime:
        case ValueType::LocalDate:
        case ValueType::LocalTime: {
            const DateTime& dt = value.as_datetime();
            const Date date = dt.date.value_or(Date{});
            const Time time = dt.time.value_or(Time{});
            for (int part : {dt.date ? 1 : 0, date.year, date.month, date.day, dt.time ? 1 : 0, time.hour,
                             time.minute, time.second, dt.offset ? 1 : 0, dt.offset ? dt.offset->minutes : 0,
                             dt.offset ? static_cast<int>(dt.offset->style) : 0, dt.space_separator ? 1 : 0})
                add_number(print, part);
            add_string(print, time.fraction);
        }
    }
}

}  // namespace

std::string fingerprint(const Table& table) {
    Fingerprint print;
    add_table(print, table);
    return print.hex();
}

Table::Table(const Table& other) = default;
Table::Table(Table&& other) noexcept = default;
Table& Table::operator=(const Table& other) = default;
Table& Table::operator=(Table&& other) noexcept = default;
Table::~Table() = default;

bool Table::empty() const { return entries_.empty(); }
std::size_t Table::size() const { return entries_.size(); }

const Value* Table::find(std::string_view key) const {
    for (const auto& entry : entries_)
        if (entry.key == key) return &entry.value;
    return nullptr;
}

Value* Table::find(std::string_view key) {
    return const_cast<Value*>(std::as_const(*this).find(key));
}

namespace {
bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    });
}
}  // namespace

const Table::Entry* Table::find_icase(std::string_view key) const {
    for (const auto& entry : entries_)
        if (iequals(entry.key, key)) return &entry;
    return nullptr;
}

Table::Entry* Table::find_icase(std::string_view key) {
    return const_cast<Entry*>(std::as_const(*this).find_icase(key));
}

Value& Table::set(std::string key, Value value) {
    if (Value* existing = find(key)) {
        *existing = std::move(value);
        return *existing;
    }
    entries_.push_back(Entry{std::move(key), std::move(value)});
    return entries_.back().value;
}

Value& Table::insert(std::size_t position, std::string key, Value value) {
    position = std::min(position, entries_.size());
    auto it = entries_.insert(entries_.begin() + static_cast<std::ptrdiff_t>(position),
                              Entry{std::move(key), std::move(value)});
    return it->value;
}

bool Table::erase(std::string_view key) {
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [&](const Entry& e) { return e.key == key; });
    if (it == entries_.end()) return false;
    entries_.erase(it);
    return true;
}

std::vector<Table::Entry>::const_iterator Table::begin() const { return entries_.begin(); }
std::vector<Table::Entry>::const_iterator Table::end() const { return entries_.end(); }
std::vector<Table::Entry>::iterator Table::begin() { return entries_.begin(); }
std::vector<Table::Entry>::iterator Table::end() { return entries_.end(); }

bool operator==(const Table& a, const Table& b) { return a.entries_ == b.entries_; }

}  // namespace postport
