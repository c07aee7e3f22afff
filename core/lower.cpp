#include "core/lower.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "core/codecs.h"

namespace postport {

namespace {

// Integers beyond this lose precision in readers that use float64 (Hugo's JSON).
constexpr std::int64_t max_exact_double_integer = std::int64_t{1} << 53;

std::string describe_path(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& part : path) {
        if (!out.empty()) out += '.';
        out += part;
    }
    return out;
}

std::string float_text(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
    return "-0.0";
}

class Lowerer {
public:
    Lowerer(const LoweringOptions& options, Warnings& warnings, const SourceLocation& where)
        : options_(options), warnings_(warnings), where_(where) {}

    void table(Table& table, std::vector<std::string>& path) {
        std::size_t position = 0;
        for (auto it = table.begin(); it != table.end();) {
            path.push_back(it->key);
            if (it->value.is_null() && options_.target == LoweringTarget::Toml) {
                drop(path, position, it->value.line());
                it = erase(table, it);
            } else {
                value(it->value, path);
                ++it;
            }
            path.pop_back();
            ++position;
        }
    }

    std::vector<TypeHint> take_hints() { return std::move(hints_); }

private:
    static std::vector<Table::Entry>::iterator erase(Table& table,
                                                     std::vector<Table::Entry>::iterator it) {
        auto index = it - table.begin();
        table.erase(std::string(it->key));
        return table.begin() + index;
    }

    void drop(const std::vector<std::string>& path, std::size_t position, int line) {
        hints_.push_back(TypeHint{path, ValueType::Null, position});
        warn(WarningKind::UnrepresentableValue, line,
             "null at '" + describe_path(path) + "' has no TOML form; left out");
    }

    void array(Array& array, std::vector<std::string>& path) {
        std::size_t original_index = 0;
        for (std::size_t i = 0; i < array.size(); ++original_index) {
            path.push_back(std::to_string(original_index));
            if (array[i].is_null() && options_.target == LoweringTarget::Toml) {
                drop(path, original_index, array[i].line());
                array.erase(array.begin() + static_cast<std::ptrdiff_t>(i));
            } else {
                value(array[i], path);
                ++i;
            }
            path.pop_back();
        }
    }

    void value(Value& v, std::vector<std::string>& path) {
        if (v.is_table()) return table(v.as_table(), path);
        if (v.is_array()) return array(v.as_array(), path);
        const ValueType type = v.type();
        const int line = v.line();
        switch (options_.target) {
            case LoweringTarget::Toml:
                return;
            case LoweringTarget::YamlPsych:
            case LoweringTarget::YamlGo:
                if (type == ValueType::LocalTime) {
                    replace(v, Value(format_datetime(v.as_datetime())), path);
                    warn(line, "local time at '" + describe_path(path) +
                                   "' has no YAML form; written as a string");
                } else if (type == ValueType::LocalDateTime &&
                           options_.target == LoweringTarget::YamlPsych) {
                    // Psych reads a zone-less time as UTC; say the zone it meant.
                    DateTime dt = v.as_datetime();
                    dt.offset = UtcOffset{options_.local_offset_minutes, UtcOffset::Style::Colon};
                    replace(v, Value(dt), path);
                }
                if (options_.target == LoweringTarget::YamlPsych && v.is_datetime() && v.as_datetime().offset &&
                    v.as_datetime().offset->minutes < 0 && v.as_datetime().offset->minutes > -60) {
                    // Psych gives the minutes the sign of the hours: -00:30 is +00:30 to it.
                    replace(v, Value(format_datetime(v.as_datetime())), path);
                    warn(line, "date-time at '" + describe_path(path) +
                                   "' is less than an hour west of UTC, which Jekyll (Psych) reads as east; "
                                   "written as a string");
                }
                return;
            case LoweringTarget::Json:
                if (v.is_datetime()) {
                    replace(v, Value(format_datetime(v.as_datetime())), path);
                } else if (v.is_float() && (!std::isfinite(v.as_float()) ||
                                            (v.as_float() == 0.0 && std::signbit(v.as_float())))) {
                    std::string text = float_text(v.as_float());
                    if (text != "-0.0") {
                        warn(line, "float " + text + " at '" + describe_path(path) +
                                       "' has no JSON form; written as a string");
                    }
                    replace(v, Value(std::move(text)), path);
                } else if (v.is_integer() && (v.as_integer() > max_exact_double_integer ||
                                              v.as_integer() < -max_exact_double_integer)) {
                    warn(line, "integer at '" + describe_path(path) +
                                   "' is beyond what Hugo's JSON reader keeps exactly; written as a string");
                    replace(v, Value(std::to_string(v.as_integer())), path);
                }
                return;
        }
    }

    void replace(Value& v, Value lowered, const std::vector<std::string>& path) {
        hints_.push_back(TypeHint{path, v.type(), 0});
        lowered.set_line(v.line());
        v = std::move(lowered);
    }

    void warn(int line, std::string message) { warn(WarningKind::TypeChanged, line, std::move(message)); }

    void warn(WarningKind kind, int line, std::string message) {
        SourceLocation at = where_;
        if (line > 0) at.line = line;
        warnings_.add(kind, std::move(at), std::move(message));
    }

    const LoweringOptions& options_;
    Warnings& warnings_;
    const SourceLocation& where_;
    std::vector<TypeHint> hints_;
};

// The value at `path` (all of it, or all but the last element), or null.
Value* resolve(Table& root, const std::vector<std::string>& path, std::size_t depth) {
    if (depth == 0) return nullptr;
    Value* current = root.find(path[0]);
    for (std::size_t i = 1; current && i < depth; ++i) {
        if (current->is_table()) {
            current = current->as_table().find(path[i]);
        } else if (current->is_array()) {
            std::size_t index = 0;
            auto [end, error] =
                std::from_chars(path[i].data(), path[i].data() + path[i].size(), index);
            if (error != std::errc() || index >= current->as_array().size()) return nullptr;
            current = &current->as_array()[index];
        } else {
            return nullptr;
        }
    }
    return current;
}

std::optional<Value> parse_as(const Value& lowered, ValueType original) {
    switch (original) {
        case ValueType::OffsetDateTime:
        case ValueType::LocalDateTime:
        case ValueType::LocalDate:
        case ValueType::LocalTime: {
            DateTime dt;
            if (lowered.is_string()) {
                auto parsed = parse_datetime(lowered.as_string());
                if (!parsed) return std::nullopt;
                dt = *parsed;
            } else if (lowered.is_datetime()) {
                dt = lowered.as_datetime();
                if (original == ValueType::LocalDateTime) dt.offset.reset();
            } else {
                return std::nullopt;
            }
            if (datetime_type(dt) != original) return std::nullopt;
            return Value(std::move(dt));
        }
        case ValueType::Float: {
            if (!lowered.is_string()) return std::nullopt;
            const std::string& text = lowered.as_string();
            if (text == "inf") return Value(std::numeric_limits<double>::infinity());
            if (text == "-inf") return Value(-std::numeric_limits<double>::infinity());
            if (text == "nan") return Value(std::numeric_limits<double>::quiet_NaN());
            if (text == "-0.0") return Value(-0.0);
            return std::nullopt;
        }
        case ValueType::Integer: {
            if (!lowered.is_string()) return std::nullopt;
            const std::string& text = lowered.as_string();
            std::int64_t number = 0;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
            return Value(number);
        }
        default:
            return std::nullopt;
    }
}

}  // namespace

std::vector<TypeHint> lower_values(Table& table, const LoweringOptions& options, Warnings& warnings,
                                   const SourceLocation& where) {
    Lowerer lowerer(options, warnings, where);
    std::vector<std::string> path;
    lowerer.table(table, path);
    return lowerer.take_hints();
}

void restore_types(Table& table, const std::vector<TypeHint>& hints) {
    for (const auto& hint : hints) {
        if (hint.path.empty()) continue;
        if (hint.original == ValueType::Null) {
            const std::string& last = hint.path.back();
            if (hint.path.size() == 1) {
                if (!table.find(last)) table.insert(hint.position, last, Value());
                continue;
            }
            Value* parent = resolve(table, hint.path, hint.path.size() - 1);
            if (!parent) continue;
            if (parent->is_table() && !parent->as_table().find(last)) {
                parent->as_table().insert(hint.position, last, Value());
            } else if (parent->is_array() && hint.position <= parent->as_array().size()) {
                auto& elements = parent->as_array();
                elements.insert(elements.begin() + static_cast<std::ptrdiff_t>(hint.position), Value());
            }
            continue;
        }
        Value* target = resolve(table, hint.path, hint.path.size());
        if (!target) continue;
        if (auto restored = parse_as(*target, hint.original)) {
            restored->set_line(target->line());
            *target = std::move(*restored);
        }
    }
}

}  // namespace postport
