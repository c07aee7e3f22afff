#include "converters/config_common.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>
#include <system_error>

#include "core/codecs.h"
#include "core/lower.h"
#include "core/round_trip.h"
#include "core/site.h"
#include "core/text.h"

namespace postport {

namespace {

constexpr std::array documented_settings = {
    setting::title,     setting::description, setting::language,  setting::time_zone,
    setting::url,       setting::base_path,   setting::permalinks, setting::taxonomies,
    setting::excerpt_separator, setting::params, setting::summary_length, setting::paginate,
};

constexpr std::string_view record_settings_key = "settings";
constexpr std::string_view record_written_key = "written";
constexpr std::string_view record_extras_key = "extras";

bool is_jekyll_token_char(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

// The length of the token name starting at `text[0]` (after the colon).
std::size_t token_length(std::string_view text, TokenSyntax syntax) {
    std::size_t length = 0;
    const auto accepts = syntax == TokenSyntax::Hugo ? is_ascii_word_char : is_jekyll_token_char;
    while (length < text.size() && accepts(text[length])) ++length;
    // Hugo's `:\w+(\[.+?\])?`: a slice of the sections path.
    if (syntax == TokenSyntax::Hugo && length > 0 && length + 1 < text.size() && text[length] == '[') {
        if (auto close = text.find(']', length + 2); close != std::string_view::npos) length = close + 1;
    }
    return length;
}

std::string squeeze_slashes(std::string_view text) {
    std::string out;
    for (char c : text)
        if (c != '/' || out.empty() || out.back() != '/') out += c;
    return out;
}

// The platform a qualified extras key names ("jekyll:plugins"), if it names one.
std::optional<std::pair<std::string, std::string>> split_qualified_key(std::string_view key) {
    auto colon = key.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    std::string_view platform = key.substr(0, colon);
    if (builtin_platforms().find(platform) == nullptr) return std::nullopt;
    return std::pair{std::string(platform), std::string(key.substr(colon + 1))};
}

bool same_setting(const Value* a, const Value* b) {
    if (a == nullptr || b == nullptr) return a == b;
    return *a == *b;
}

// Whether the config file still says of `key` what the writer wrote (null:
// nothing), so that the record, not an edit since, decides the setting.
bool still_as_written(const Table& settings, std::string_view key, const Value* written) {
    const Value* now = settings.find(key);
    if (written == nullptr || written->is_null()) return now == nullptr;
    return now != nullptr && *now == *written;
}

}  // namespace

void sort_settings(Table& settings) {
    Table sorted;
    for (std::string_view key : documented_settings) {
        if (Value* value = settings.find(key)) {
            sorted.set(std::string(key), std::move(*value));
            settings.erase(key);
        }
    }
    for (auto& entry : settings) sorted.set(entry.key, std::move(entry.value));
    settings = std::move(sorted);
}

void report_unknown_settings(const Table& settings, std::string_view platform, const SourceLocation& where,
                             Warnings& warnings) {
    for (const auto& entry : settings)
        if (std::find(documented_settings.begin(), documented_settings.end(), entry.key) == documented_settings.end())
            warnings.add(WarningKind::FieldNotMapped, where,
                         "setting '" + entry.key + "' has no " + std::string(platform) + " counterpart: kept in " +
                             config_record_path());
}

std::optional<Value> take(Table& table, std::string_view key, bool any_case) {
    std::string found_key;
    Value* value = nullptr;
    if (any_case) {
        if (auto* entry = table.find_icase(key)) {
            found_key = entry->key;
            value = &entry->value;
        }
    } else if ((value = table.find(key))) {
        found_key = std::string(key);
    }
    if (value == nullptr) return std::nullopt;
    Value taken = std::move(*value);
    table.erase(found_key);
    if (taken.is_null()) return std::nullopt;
    return taken;
}

void move_setting(Table& config, std::string_view config_key, Table& settings, std::string_view key,
                  bool any_case) {
    if (auto value = take(config, config_key, any_case)) settings.set(std::string(key), std::move(*value));
}

void copy_setting(const Table& settings, std::string_view key, Table& config, std::string_view config_key) {
    if (const Value* value = settings.find(key)) config.set(std::string(config_key), *value);
}

const Table* table_at(const Table& table, std::string_view key) {
    const Value* value = table.find(key);
    return value && value->is_table() ? &value->as_table() : nullptr;
}

std::string normalize_base_path(std::string_view path) {
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (path.empty()) return {};
    return path.front() == '/' ? std::string(path) : "/" + std::string(path);
}

SiteAddress split_site_address(std::string_view address) {
    SiteAddress result;
    std::size_t host_start = 0;
    if (auto scheme = address.find("://"); scheme != std::string_view::npos) {
        host_start = scheme + 3;
    } else if (address.starts_with("//")) {
        host_start = 2;  // scheme-relative
    } else {
        result.base_path = normalize_base_path(address);
        return result;
    }
    const auto slash = address.find('/', host_start);
    result.url = std::string(address.substr(0, slash));
    if (slash != std::string_view::npos) result.base_path = normalize_base_path(address.substr(slash));
    return result;
}

std::string rewrite_tokens(std::string_view pattern, TokenSyntax syntax,
                           const std::function<std::string(std::string_view token)>& replace) {
    std::string out;
    bool dropped = false;
    for (std::size_t i = 0; i < pattern.size();) {
        const std::size_t length = pattern[i] == ':' ? token_length(pattern.substr(i + 1), syntax) : 0;
        if (length == 0) {
            out += pattern[i++];
            continue;
        }
        std::string replacement = replace(pattern.substr(i + 1, length));
        dropped = dropped || replacement.empty();
        out += replacement;
        i += 1 + length;
    }
    return dropped ? squeeze_slashes(out) : out;
}

std::optional<std::string> first_string(const Value* value) {
    if (value == nullptr) return std::nullopt;
    if (value->is_string()) return value->as_string();
    if (value->is_array() && !value->as_array().empty() && value->as_array().front().is_string())
        return value->as_array().front().as_string();
    return std::nullopt;
}

SortedExtras sort_extras(const SiteConfig& config, std::string_view platform,
                         const std::string& written_path, Warnings& warnings) {
    SortedExtras sorted;
    for (const auto& entry : config.extras) {
        auto qualified = split_qualified_key(entry.key);
        const std::string owner = qualified ? qualified->first : config.source_platform;
        const std::string key = qualified ? qualified->second : entry.key;
        if (owner == platform) {
            sorted.own.set(key, entry.value);
            continue;
        }
        sorted.foreign.set(owner + ":" + key, entry.value);
        warnings.add(WarningKind::FieldNotMapped, SourceLocation{written_path, 0, 0},
                     "'" + key + "' (" + owner + " setting) has no " + std::string(platform) +
                         " counterpart: kept in " + config_record_path() + " for the way back");
    }
    return sorted;
}

const Table& written_config_table(const SiteConfig& config, std::string_view platform,
                                  std::string_view written_path, ConfigTableWriter table_of) {
    return config.derived.get(platform, [&] {
        Warnings ignored;
        const SortedExtras extras = sort_extras(config, platform, std::string(written_path), ignored);
        return table_of(config.settings, extras.own, SourceLocation{}, ignored);
    });
}

std::string config_record_path() { return std::string(records_folder) + "/config-extras.json"; }

std::vector<OutputFile> with_config_record(OutputFile config_file, const Table& settings,
                                           const Table& read_back, const Table& foreign_extras,
                                           Warnings& warnings) {
    Table wanted;
    Table written;
    auto compare = [&](std::string_view key) {
        const Value* want = settings.find(key);
        const Value* got = read_back.find(key);
        if (same_setting(want, got) || wanted.find(key)) return;
        wanted.set(std::string(key), want ? *want : Value());
        written.set(std::string(key), got ? *got : Value());
    };
    for (const auto& entry : settings) compare(entry.key);
    for (const auto& entry : read_back) compare(entry.key);

    std::vector<OutputFile> files{std::move(config_file)};
    if (wanted.empty() && foreign_extras.empty()) return files;
    Table record;
    if (!wanted.empty()) {
        record.set(std::string(record_settings_key), std::move(wanted));
        record.set(std::string(record_written_key), std::move(written));
    }
    if (!foreign_extras.empty()) record.set(std::string(record_extras_key), foreign_extras);
    LoweringOptions lowering;
    lowering.target = LoweringTarget::Json;
    lower_values(record, lowering, warnings, SourceLocation{config_record_path(), 0, 0});
    files.push_back(OutputFile{config_record_path(), write_json(record)});
    return files;
}

void apply_config_record(const std::filesystem::path& root, SiteConfig& config, Warnings& warnings) {
    const std::filesystem::path path = root / config_record_path();
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) {
        try {
            const Table record = parse_json(read_config_text(path), SourceLocation{path.string(), 1, 1});
            const Table* written = table_at(record, record_written_key);
            if (const Table* settings = table_at(record, record_settings_key)) {
                for (const auto& entry : *settings) {
                    const Value* as_written = written ? written->find(entry.key) : nullptr;
                    if (!still_as_written(config.settings, entry.key, as_written)) continue;
                    if (entry.value.is_null())
                        config.settings.erase(entry.key);
                    else
                        config.settings.set(entry.key, entry.value);
                }
            }
            if (const Table* extras = table_at(record, record_extras_key))
                for (const auto& entry : *extras)
                    if (!config.extras.find(entry.key)) config.extras.set(entry.key, entry.value);
        } catch (const std::exception& failure) {
            warnings.add(WarningKind::RoundTripRecord, SourceLocation{path.string(), 0, 0},
                         std::string("config record unreadable, ignored: ") + failure.what());
        }
    }
    sort_settings(config.settings);
}

std::string read_config_text(const std::filesystem::path& path) {
    std::string text = read_file(path);
    if (text.starts_with(utf8_bom)) text.erase(0, utf8_bom.size());
    return text;
}

}  // namespace postport
