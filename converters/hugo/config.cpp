// Hugo's site configuration as Hugo 0.111 reads it: the root config file
// merged with config/_default/, keys in any case; and hugo.toml written from
// common settings (converters/config_common.h).
#include <algorithm>
#include <array>
#include <system_error>

#include "converters/config_common.h"
#include "core/body.h"
#include "converters/hugo/hugo.h"
#include "converters/hugo/urls.h"
#include "core/codecs.h"
#include "core/lower.h"

namespace postport {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view written_config = "hugo.toml";
// The first of these at the site root is the config file.
constexpr std::array<std::string_view, 6> root_config_names = {
    "hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json"};
constexpr std::array<std::string_view, 4> config_dir_extensions = {".toml", ".yaml", ".yml", ".json"};
// Files here whose name is the root key itself rather than one below it.
constexpr std::array<std::string_view, 2> config_dir_root_names = {"hugo", "config"};

// Hugo 0.111's permalink tokens besides Go time layouts and ":sections[...]".
constexpr std::array<std::string_view, 13> hugo_tokens = {
    "year",    "month",    "monthname", "day",  "weekday", "weekdayname",    "yearday",
    "section", "sections", "title",     "slug", "slugorfilename", "filename"};

Table parse_config_file(const fs::path& path, Warnings& warnings) {
    const std::string text = read_config_text(path);
    const SourceLocation origin{path.string(), 1, 1};
    const std::string extension = path.extension().string();
    if (extension == ".toml") return parse_toml(text, origin);
    if (extension == ".json") return parse_json(text, origin);
    return parse_yaml(text, YamlDialect::GoYaml, origin, warnings);
}

// Hugo merges configs over each other: tables key by key, whatever the
// keys' case; any other value is replaced.
void merge_config(Table& into, const Table& from) {
    for (const auto& entry : from) {
        auto* existing = into.find_icase(entry.key);
        if (existing == nullptr)
            into.set(entry.key, entry.value);
        else if (existing->value.is_table() && entry.value.is_table())
            merge_config(existing->value.as_table(), entry.value.as_table());
        else
            existing->value = entry.value;
    }
}

std::vector<std::string> split_on_dots(std::string_view text) {
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        const auto dot = text.find('.', start);
        parts.emplace_back(text.substr(start, dot - start));
        if (dot == std::string_view::npos) return parts;
        start = dot + 1;
    }
}

// Where a config/_default file's table goes: NAME.EXT holds the root key
// NAME, NAME.LANG.EXT that key of language LANG (menus.en.toml), and
// hugo.EXT or config.EXT the root itself.
Table placed_in_root(const fs::path& file, Table table) {
    const std::vector<std::string> names = split_on_dots(file.stem().string());
    const bool is_root = names.size() == 1 && std::find(config_dir_root_names.begin(), config_dir_root_names.end(),
                                                        names.front()) != config_dir_root_names.end();
    if (is_root) return table;
    Table placed;
    placed.set(names.front(), std::move(table));
    if (names.size() < 2) return placed;
    Table language;
    language.set(names[1], std::move(placed));
    Table languages;
    languages.set("languages", std::move(language));
    return languages;
}

// The files of config/_default merged, in name order; nullopt without any.
std::optional<Table> read_config_dir(const fs::path& directory, Warnings& warnings) {
    std::vector<fs::path> files;
    std::error_code error;
    for (fs::directory_iterator it(directory, error); !error && it != fs::directory_iterator(); it.increment(error)) {
        const std::string extension = it->path().extension().string();
        if (it->is_regular_file(error) &&
            std::find(config_dir_extensions.begin(), config_dir_extensions.end(), extension) !=
                config_dir_extensions.end())
            files.push_back(it->path());
    }
    if (files.empty()) return std::nullopt;
    std::sort(files.begin(), files.end());
    Table merged;
    for (const auto& file : files) merge_config(merged, placed_in_root(file, parse_config_file(file, warnings)));
    return merged;
}

// Whether every section uglyURLs makes ugly has a pattern to say so. A
// plain true covers them all (and pages, which Jekyll's style also gives
// .html URLs): the writer says it again when every pattern ends in ".html".
bool patterns_say_ugly_urls(const Value& ugly_urls, const Table& permalinks) {
    if (ugly_urls.is_bool()) return true;
    if (!ugly_urls.is_table()) return false;
    for (const auto& entry : ugly_urls.as_table()) {
        if (!entry.value.is_bool()) return false;
        const auto* pattern = permalinks.find_icase(entry.key);
        if (entry.value.as_bool() && (pattern == nullptr || !pattern->value.is_string())) return false;
    }
    return true;
}

// uglyURLs makes a section's pages files (/2021/a.html): the common pattern
// says so with its ".html" ending, and uglyURLs leaves the extras when the
// patterns say all it does.
void fold_ugly_urls(Table& config, Table& permalinks) {
    const auto* ugly_urls = config.find_icase("uglyURLs");
    if (ugly_urls == nullptr || permalinks.empty()) return;
    for (auto& entry : permalinks) {
        if (!entry.value.is_string() || !is_ugly_section(ugly_urls->value, entry.key)) continue;
        std::string pattern = entry.value.as_string();
        while (pattern.ends_with('/')) pattern.pop_back();
        const int line = entry.value.line();
        entry.value = Value(pattern + std::string(file_url_suffix));
        entry.value.set_line(line);
    }
    if (patterns_say_ugly_urls(ugly_urls->value, permalinks)) take(config, "uglyURLs", true);
}

// baseURL: scheme and host, and the path below them.
void take_base_url(Table& config, Table& settings) {
    const auto* base_url = config.find_icase("baseURL");
    if (base_url == nullptr || !base_url->value.is_string()) return;
    SiteAddress address = split_site_address(base_url->value.as_string());
    take(config, "baseURL", true);
    if (address.url) settings.set(std::string(setting::url), std::move(*address.url));
    settings.set(std::string(setting::base_path), std::move(address.base_path));
}

// A merged Hugo config in common terms (without the config record).
SiteConfig hugo_site_config(Table config) {
    constexpr bool any_case = true;  // Hugo lower-cases config keys
    SiteConfig site;
    site.source_platform = "hugo";
    Table& settings = site.settings;
    move_setting(config, "title", settings, setting::title, any_case);
    move_setting(config, "description", settings, setting::description, any_case);
    move_setting(config, "languageCode", settings, setting::language, any_case);
    move_setting(config, "timeZone", settings, setting::time_zone, any_case);
    take_base_url(config, settings);
    if (const auto* permalinks = config.find_icase("permalinks"); permalinks && permalinks->value.is_table()) {
        Table patterns = take(config, "permalinks", true)->as_table();
        fold_ugly_urls(config, patterns);
        settings.set(std::string(setting::permalinks), std::move(patterns));
    }
    move_setting(config, "taxonomies", settings, setting::taxonomies, any_case);
    // Hugo has no separator setting: its divider is fixed.
    settings.set(std::string(setting::excerpt_separator), std::string(summary_divider));
    move_setting(config, "params", settings, setting::params, any_case);
    move_setting(config, "summaryLength", settings, setting::summary_length, any_case);
    move_setting(config, "paginate", settings, setting::paginate, any_case);
    site.extras = std::move(config);
    return site;
}

// Hugo takes a token that Go's time formatting would change as a date layout
// (":06", ":Jan", ":2"): one with any of Go's layout elements in it.
bool is_go_layout(std::string_view token) {
    for (std::string_view element : {"Jan", "Mon", "MST", "PM", "pm", "06"})
        if (token.find(element) != std::string_view::npos) return true;
    return token.find_first_of("12345") != std::string_view::npos;
}

bool is_hugo_token(std::string_view token) {
    return std::find(hugo_tokens.begin(), hugo_tokens.end(), token) != hugo_tokens.end() ||
           token.starts_with("sections[") || is_go_layout(token);
}

std::string missing_token_message(std::string_view token, std::string_view section) {
    std::string message = "permalink token :" + std::string(token) + " of section '" + std::string(section) +
                          "' has no Hugo form: left out of the pattern";
    // Jekyll's top-level posts become Hugo section "posts": :sections would
    // put "posts" in every URL, where :categories is empty for a post
    // without categories. Left out, such posts keep their URLs.
    if (token == "categories" || token == "slugified_categories")
        message += "; posts with categories get a url of their own";
    return message;
}

// A common pattern (without its ".html" ending) in Hugo 0.111's tokens.
std::string hugo_pattern(std::string_view section, std::string_view pattern, const SourceLocation& where,
                         Warnings& warnings) {
    return rewrite_tokens(pattern, TokenSyntax::Hugo, [&](std::string_view token) -> std::string {
        if (is_hugo_token(token)) return ":" + std::string(token);
        // Hugo 0.144's names for the same tokens.
        if (token == "contentbasename") return ":filename";
        if (token == "slugorcontentbasename") return ":slugorfilename";
        warnings.add(WarningKind::FieldNotMapped, where, missing_token_message(token, section));
        return {};
    });
}

struct HugoPermalinks {
    Table patterns;
    std::optional<Value> ugly_urls;
};

// File URL patterns (".html") become uglyURLs: for every section when all
// are, which also gives pages .html URLs as Jekyll's style does; else per section.
HugoPermalinks hugo_permalinks(const Table& permalinks, const SourceLocation& where, Warnings& warnings) {
    HugoPermalinks result;
    Table ugly_sections;
    bool all_ugly = true;
    for (const auto& entry : permalinks) {
        if (!entry.value.is_string()) {
            result.patterns.set(entry.key, entry.value);
            all_ugly = false;
            continue;
        }
        std::string_view pattern = entry.value.as_string();
        const bool ugly = pattern.ends_with(file_url_suffix);
        if (ugly) pattern.remove_suffix(file_url_suffix.size());
        result.patterns.set(entry.key, hugo_pattern(entry.key, pattern, where, warnings));
        if (ugly)
            ugly_sections.set(entry.key, true);
        else
            all_ugly = false;
    }
    if (!ugly_sections.empty()) result.ugly_urls = all_ugly ? Value(true) : Value(std::move(ugly_sections));
    return result;
}

std::string string_or_empty(const Value* value) {
    return value && value->is_string() ? value->as_string() : std::string();
}

// Settings Hugo has no place for; the config record keeps them.
void report_unheld_settings(const Table& settings, const SourceLocation& where, Warnings& warnings) {
    const Value* separator = settings.find(setting::excerpt_separator);
    // A custom separator comes through as <!--more--> in the bodies; Jekyll's
    // default (the first paragraph) and none at all have no Hugo setting.
    if (separator && separator->is_string() &&
        (separator->as_string() == "\n\n" || separator->as_string().empty()))
        warnings.add(WarningKind::FieldNotMapped, where,
                     "excerpt_separator (the first paragraph, or none) has no Hugo setting: Hugo summarizes "
                     "posts without <!--more--> by summaryLength words");
    report_unknown_settings(settings, "Hugo", where, warnings);
}

// Common settings and Hugo's own extras as hugo.toml's table: the usual
// scalars first, then the extras as they came, then the tables.
Table hugo_config_table(const Table& settings, const Table& extras, const SourceLocation& where,
                        Warnings& warnings) {
    Table config;
    const Value* url = settings.find(setting::url);
    const Value* base_path = settings.find(setting::base_path);
    if (url || base_path) config.set("baseURL", string_or_empty(url) + string_or_empty(base_path) + "/");
    copy_setting(settings, setting::language, config, "languageCode");
    copy_setting(settings, setting::title, config, "title");
    copy_setting(settings, setting::description, config, "description");
    copy_setting(settings, setting::time_zone, config, "timeZone");
    copy_setting(settings, setting::paginate, config, "paginate");
    copy_setting(settings, setting::summary_length, config, "summaryLength");

    HugoPermalinks permalinks;
    if (const Value* patterns = settings.find(setting::permalinks); patterns && patterns->is_table())
        permalinks = hugo_permalinks(patterns->as_table(), where, warnings);
    if (permalinks.ugly_urls) config.set("uglyURLs", *permalinks.ugly_urls);

    // Hugo's own extras win over what the settings imply: they say it as the site did.
    for (const auto& entry : extras) {
        if (auto* existing = config.find_icase(entry.key))
            existing->value = entry.value;
        else
            config.set(entry.key, entry.value);
    }

    if (!permalinks.patterns.empty()) config.set("permalinks", std::move(permalinks.patterns));
    copy_setting(settings, setting::taxonomies, config, "taxonomies");
    Table params;
    if (const Value* given = settings.find(setting::params); given && given->is_table()) params = given->as_table();
    // Themes read the site description from params (Hugo 0.111 does not show
    // a top-level one to templates); the top-level key carries it back.
    if (const Value* description = settings.find(setting::description); description && !params.find_icase("description"))
        params.set("description", *description);
    if (!params.empty()) config.set("params", std::move(params));
    report_unheld_settings(settings, where, warnings);
    return config;
}

}  // namespace

std::optional<SiteConfig> HugoPlatform::read_config(const std::filesystem::path& root, Warnings& warnings) const {
    std::optional<Table> config;
    std::error_code error;
    for (std::string_view name : root_config_names) {
        if (fs::is_regular_file(root / name, error)) {
            config = parse_config_file(root / name, warnings);
            break;
        }
    }
    // config/_default wins over the root file (as Hugo 0.111 merges them).
    if (auto directory = read_config_dir(root / "config" / "_default", warnings)) {
        if (!config) config.emplace();
        merge_config(*config, *directory);
    }
    if (!config) return std::nullopt;
    SiteConfig site = hugo_site_config(std::move(*config));
    apply_config_record(root, site, warnings);
    return site;
}

std::optional<std::string> HugoPlatform::published_url(const Document& document, const SiteConfig& site) const {
    return hugo_url(document, written_config_table(site, name(), written_config, hugo_config_table));
}

std::vector<OutputFile> HugoPlatform::write_config(const SiteConfig& config, Warnings& warnings) const {
    const std::string path(written_config);
    const SourceLocation where{path, 0, 0};
    SortedExtras extras = sort_extras(config, name(), path, warnings);
    Table table = hugo_config_table(config.settings, extras.own, where, warnings);
    LoweringOptions lowering;
    lowering.target = LoweringTarget::Toml;
    lower_values(table, lowering, warnings, where);
    std::string text = write_toml(table);
    const Table read_back = hugo_site_config(parse_toml(text, SourceLocation{path, 1, 1})).settings;
    return with_config_record(OutputFile{path, std::move(text)}, config.settings, read_back, extras.foreign,
                              warnings);
}

}  // namespace postport
