#include "core/value.h"

#include <algorithm>
#include <cmath>
#include <cstring>

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
