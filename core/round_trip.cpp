#include "core/round_trip.h"

namespace postport {

namespace {

constexpr std::int64_t record_version = 1;

std::optional<FrontMatterFormat> format_from_name(std::string_view name) {
    for (auto format : {FrontMatterFormat::None, FrontMatterFormat::Toml, FrontMatterFormat::Yaml,
                        FrontMatterFormat::Json})
        if (format_name(format) == name) return format;
    return std::nullopt;
}

std::optional<ValueType> type_from_name(std::string_view name) {
    for (int i = 0; i <= static_cast<int>(ValueType::Table); ++i) {
        auto type = static_cast<ValueType>(i);
        if (type_name(type) == name) return type;
    }
    return std::nullopt;
}

const std::string* string_at(const Table& table, std::string_view key) {
    const Value* v = table.find(key);
    return v && v->is_string() ? &v->as_string() : nullptr;
}

Array strings(const std::vector<std::string>& items) {
    Array out;
    for (const auto& item : items) out.emplace_back(item);
    return out;
}

}  // namespace

Table RoundTripRecord::to_table() const {
    Table source;
    source.set("platform", source_platform);
    source.set("path", source_path);
    source.set("format", std::string(format_name(source_format)));
    if (bom) source.set("bom", true);

    Table record;
    record.set("version", record_version);
    record.set("source", std::move(source));
    record.set("front_matter", raw_front_matter);
    record.set("written", written);
    if (!added_keys.empty()) record.set("added_keys", strings(added_keys));
    if (!type_hints.empty()) {
        Array hints;
        for (const auto& hint : type_hints) {
            Table entry;
            entry.set("path", strings(hint.path));
            entry.set("type", std::string(type_name(hint.original)));
            if (hint.original == ValueType::Null)
                entry.set("position", static_cast<std::int64_t>(hint.position));
            hints.emplace_back(std::move(entry));
        }
        record.set("type_hints", std::move(hints));
    }
    if (body) {
        record.set("body", *body);
        record.set("body_written", body_written);
    }
    return record;
}

std::optional<RoundTripRecord> RoundTripRecord::from_table(const Table& table) {
    const Value* version = table.find("version");
    const Value* source = table.find("source");
    if (!version || !version->is_integer() || version->as_integer() != record_version || !source ||
        !source->is_table())
        return std::nullopt;
    RoundTripRecord record;
    const Table& src = source->as_table();
    const std::string* platform = string_at(src, "platform");
    const std::string* path = string_at(src, "path");
    const std::string* format = string_at(src, "format");
    const std::string* raw = string_at(table, "front_matter");
    const std::string* written = string_at(table, "written");
    if (!platform || !path || !format || !raw || !written) return std::nullopt;
    auto parsed_format = format_from_name(*format);
    if (!parsed_format) return std::nullopt;
    record.source_platform = *platform;
    record.source_path = *path;
    record.source_format = *parsed_format;
    record.raw_front_matter = *raw;
    record.written = *written;
    if (const Value* bom = src.find("bom"); bom && bom->is_bool()) record.bom = bom->as_bool();
    if (const Value* added = table.find("added_keys"); added && added->is_array()) {
        for (const auto& key : added->as_array())
            if (key.is_string()) record.added_keys.push_back(key.as_string());
    }
    const std::string* body = string_at(table, "body");
    const std::string* body_written = string_at(table, "body_written");
    if (body && body_written) {
        record.body = *body;
        record.body_written = *body_written;
    }
    if (const Value* hints = table.find("type_hints"); hints && hints->is_array()) {
        for (const auto& entry : hints->as_array()) {
            if (!entry.is_table()) return std::nullopt;
            const Table& hint_table = entry.as_table();
            const Value* hint_path = hint_table.find("path");
            const std::string* type = string_at(hint_table, "type");
            auto parsed_type = type ? type_from_name(*type) : std::nullopt;
            if (!hint_path || !hint_path->is_array() || !parsed_type) return std::nullopt;
            TypeHint hint;
            hint.original = *parsed_type;
            for (const auto& part : hint_path->as_array()) {
                if (!part.is_string()) return std::nullopt;
                hint.path.push_back(part.as_string());
            }
            if (const Value* position = hint_table.find("position");
                position && position->is_integer() && position->as_integer() >= 0)
                hint.position = static_cast<std::size_t>(position->as_integer());
            record.type_hints.push_back(std::move(hint));
        }
    }
    return record;
}

}  // namespace postport
