// Jekyll's site configuration (_config.yml, typed as Psych reads it) in
// common terms, and _config.yml written from common settings
// (converters/config_common.h).
//
// Permalinks. Jekyll has one `permalink`, for posts (style names expand
// first), and one per collection; Hugo has one per section. Read, the posts'
// pattern is section "posts", where converted Jekyll posts go in Hugo; each
// collection's is under its name. Tokens (platforms.md section 4):
//   * Jekyll :title is the front matter slug, else the file name's: exactly
//     Hugo's :slugorfilename, since postport names a converted file after its
//     source file. Hugo's :slug (slug, else the title), :title (the title) and
//     :filename (ignores a slug) have no exact Jekyll form: written :title,
//     with a warning.
//   * :output_ext is the common ".html" ending (Hugo's uglyURLs).
//   * Jekyll tokens Hugo lacks (:categories, :week, ...) stay as they are;
//     the Hugo writer leaves them out with a warning.
//   * Hugo :section in a section's pattern is that section's name, written
//     literally; Jekyll's :categories are not sections (a converted post's
//     folder under _posts/ is no category).
// Written, Jekyll's `permalink` takes the pattern of the section the posts
// came from: "posts" or "post", else Hugo's main section, else the first
// that is no taxonomy; without a pattern that section's URLs are Hugo's
// default /SECTION/SLUG/, written /SECTION/:title/. Other sections' patterns
// go to the Jekyll collection of that name if there is one, else are
// reported: their posts need permalinks of their own.
#include <algorithm>
#include <array>
#include <system_error>

#include "converters/config_common.h"
#include "core/body.h"
#include "converters/jekyll/jekyll.h"
#include "converters/jekyll/urls.h"
#include "core/codecs.h"
#include "core/fields.h"
#include "core/lower.h"

namespace postport {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view written_config = "_config.yml";
constexpr std::array<std::string_view, 2> config_names = {"_config.yml", "_config.yaml"};
constexpr std::string_view posts_section_name = "posts";
// Jekyll's excerpt when nothing is set: the first paragraph.
constexpr std::string_view default_excerpt_separator = "\n\n";
// Jekyll uses the machine's zone without one; Hugo's default is UTC.
constexpr std::string_view default_time_zone = "UTC";
constexpr std::string_view output_ext_token = "output_ext";

struct TokenPair {
    std::string_view jekyll;
    std::string_view hugo;
};
// Placeholders that mean the same on both sides.
constexpr std::array<TokenPair, 15> same_tokens = {{
    {"year", "year"},       {"month", "month"},        {"day", "day"},
    {"title", "slugorfilename"},
    {"i_month", "1"},       {"i_day", "2"},            {"short_year", "06"},
    {"hour", "15"},         {"minute", "04"},          {"second", "05"},
    {"short_month", "Jan"}, {"long_month", "monthname"}, {"y_day", "002"},
    {"short_day", "Mon"},   {"long_day", "weekdayname"},
}};
// One-way equivalents: a second Jekyll or Hugo spelling of a pair above.
constexpr std::array<TokenPair, 7> also_same_tokens = {{
    {"slug", "slugorfilename"},  // Jekyll's :slug is :title slugified; file names are slugs already
    {"title", "slugorcontentbasename"},
    {"long_month", "January"},
    {"long_day", "Monday"},
    {"year", "2006"},
    {"month", "01"},
    {"day", "02"},
}};
// Jekyll placeholders with no Hugo form, kept as written in common patterns.
constexpr std::array<std::string_view, 8> jekyll_only_tokens = {
    "categories", "slugified_categories", "week", "w_year", "w_day", "path", "name", "collection"};

struct Approximation {
    std::string_view hugo;
    std::string_view jekyll;
    std::string_view difference;
};
constexpr std::array<Approximation, 6> approximate_tokens = {{
    {"slug", "title", "Hugo falls back to the title, Jekyll to the file name"},
    {"title", "title", "Hugo uses the title, Jekyll the front matter slug or the file name"},
    {"filename", "title", "Jekyll prefers a front matter slug to the file name"},
    {"contentbasename", "title", "Jekyll prefers a front matter slug to the file name"},
    {"yearday", "y_day", "Jekyll pads the day of the year to three digits"},
    {"weekday", "w_day", "Hugo counts from Sunday = 0, Jekyll from Monday = 1"},
}};

template <typename Pairs>
std::optional<std::string_view> hugo_for(const Pairs& pairs, std::string_view jekyll) {
    for (const auto& pair : pairs)
        if (pair.jekyll == jekyll) return pair.hugo;
    return std::nullopt;
}

template <typename Pairs>
std::optional<std::string_view> jekyll_for(const Pairs& pairs, std::string_view hugo) {
    for (const auto& pair : pairs)
        if (pair.hugo == hugo) return pair.jekyll;
    return std::nullopt;
}

bool is_jekyll_only(std::string_view token) {
    return std::find(jekyll_only_tokens.begin(), jekyll_only_tokens.end(), token) != jekyll_only_tokens.end();
}

// A Jekyll pattern in common tokens.
std::string common_pattern(std::string_view pattern) {
    return rewrite_tokens(pattern, TokenSyntax::Jekyll, [](std::string_view token) -> std::string {
        if (token == output_ext_token) return std::string(file_url_suffix);
        if (auto hugo = hugo_for(same_tokens, token)) return ":" + std::string(*hugo);
        if (auto hugo = hugo_for(also_same_tokens, token)) return ":" + std::string(*hugo);
        return ":" + std::string(token);  // Jekyll's own, or unknown (which Jekyll refuses too)
    });
}

// A common pattern of section `section` in Jekyll's placeholders.
std::string jekyll_pattern(std::string_view section, std::string_view pattern, const SourceLocation& where,
                           Warnings& warnings) {
    const bool file_url = pattern.ends_with(file_url_suffix);
    if (file_url) pattern.remove_suffix(file_url_suffix.size());
    auto warn = [&](std::string_view token, const std::string& what) {
        warnings.add(WarningKind::FieldNotMapped, where,
                     "permalink token :" + std::string(token) + " of section '" + std::string(section) + "' " + what);
    };
    std::string out = rewrite_tokens(pattern, TokenSyntax::Hugo, [&](std::string_view token) -> std::string {
        if (auto jekyll = jekyll_for(same_tokens, token)) return ":" + std::string(*jekyll);
        if (auto jekyll = jekyll_for(also_same_tokens, token)) return ":" + std::string(*jekyll);
        if (is_jekyll_only(token)) return ":" + std::string(token);
        if (token == "section") return std::string(section);
        if (token == "sections" || token.starts_with("sections[")) {
            warn(token, "is written as the section's name: pages in nested sections get other URLs");
            return std::string(section);
        }
        for (const auto& approximation : approximate_tokens) {
            if (approximation.hugo != token) continue;
            warn(token, "is written :" + std::string(approximation.jekyll) + ", which differs: " +
                            std::string(approximation.difference));
            return ":" + std::string(approximation.jekyll);
        }
        warn(token, "has no Jekyll form: left out of the pattern");
        return {};
    });
    if (file_url) out += ":" + std::string(output_ext_token);
    return out;
}

// url (scheme and host; a path in it is a prefix too) and baseurl. Jekyll's
// baseurl defaults to "", so a site with a url has a base path.
void take_site_address(Table& config, Table& settings) {
    const Value* url = config.find("url");
    const Value* baseurl = config.find("baseurl");
    const std::optional<std::string> site_url =
        url && url->is_string() ? std::optional(url->as_string()) : std::nullopt;
    const bool has_baseurl = baseurl && (baseurl->is_string() || baseurl->is_null());
    const std::string base = baseurl && baseurl->is_string() ? baseurl->as_string() : std::string();
    if (!site_url && !has_baseurl) return;
    std::string prefix;
    if (site_url) {
        SiteAddress address = split_site_address(*site_url);
        if (address.url) settings.set(std::string(setting::url), std::move(*address.url));
        prefix = std::move(address.base_path);
        config.erase("url");
    }
    if (has_baseurl) config.erase("baseurl");
    settings.set(std::string(setting::base_path), normalize_base_path(prefix + normalize_base_path(base)));
}

// Posts follow collections.posts.permalink, else `permalink` (a style name
// or a pattern), else the "date" style; other collections their own
// pattern. `permalink` stays in the extras when collections.posts overrides
// it, since it still sets the pages' URL style.
Table take_permalinks(Table& config) {
    Table permalinks;
    const Table* collections = table_at(config, "collections");
    const Table* posts = collections ? table_at(*collections, posts_section_name) : nullptr;
    const Value* posts_pattern = posts ? posts->find("permalink") : nullptr;
    const Value* permalink = config.find("permalink");
    const bool permalink_usable = permalink == nullptr || permalink->is_string() || permalink->is_null();
    if (posts_pattern && posts_pattern->is_string()) {
        permalinks.set(std::string(posts_section_name), common_pattern(posts_pattern->as_string()));
    } else if (permalink_usable) {
        std::string_view given = "date";
        if (permalink && permalink->is_string()) given = permalink->as_string();
        permalinks.set(std::string(posts_section_name), common_pattern(expand_permalink_style(given)));
    }
    if (collections) {
        for (const auto& collection : *collections) {
            if (collection.key == posts_section_name || !collection.value.is_table()) continue;
            // Jekyll expands style names only for posts.
            const Value* pattern = collection.value.as_table().find("permalink");
            if (pattern && pattern->is_string()) permalinks.set(collection.key, common_pattern(pattern->as_string()));
        }
    }
    const bool permalink_said = permalink_usable && !(posts_pattern && posts_pattern->is_string());
    if (permalink_said) config.erase("permalink");  // last: erasing moves the other entries
    return permalinks;
}

// A parsed _config.yml in common terms (without the config record).
SiteConfig jekyll_site_config(Table config) {
    SiteConfig site;
    site.source_platform = "jekyll";
    Table& settings = site.settings;
    move_setting(config, "title", settings, setting::title);
    move_setting(config, "description", settings, setting::description);
    // `lang` is what themes and jekyll-seo-tag read first; `locale` otherwise.
    move_setting(config, "lang", settings, setting::language);
    if (!settings.find(setting::language)) move_setting(config, "locale", settings, setting::language);
    move_setting(config, "timezone", settings, setting::time_zone);
    take_site_address(config, settings);
    settings.set(std::string(setting::permalinks), take_permalinks(config));
    move_setting(config, "excerpt_separator", settings, setting::excerpt_separator);
    if (!settings.find(setting::excerpt_separator))
        settings.set(std::string(setting::excerpt_separator), std::string(default_excerpt_separator));
    move_setting(config, "paginate", settings, setting::paginate);
    // `params` is where converted templates look (site.params.KEY).
    move_setting(config, "params", settings, setting::params);
    site.extras = std::move(config);
    return site;
}

std::vector<std::string> taxonomy_plurals(const Table& settings) {
    const Table* taxonomies = table_at(settings, setting::taxonomies);
    if (taxonomies == nullptr) return {"tags", "categories"};  // Hugo's default taxonomies
    std::vector<std::string> plurals;
    for (const auto& entry : *taxonomies)
        if (entry.value.is_string()) plurals.push_back(entry.value.as_string());
    return plurals;
}

bool contains(const std::vector<std::string>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

// The section whose posts Jekyll's `permalink` is for (see the top of the file).
std::string posts_section(const Table& settings) {
    const Table* permalinks = table_at(settings, setting::permalinks);
    for (std::string_view name : {posts_section_name, std::string_view("post")})
        if (permalinks && permalinks->find(name)) return std::string(name);
    const Table* params = table_at(settings, setting::params);
    const auto* main_sections = params ? params->find_icase("mainSections") : nullptr;
    if (auto main = first_string(main_sections ? &main_sections->value : nullptr)) return *main;
    const std::vector<std::string> taxonomies = taxonomy_plurals(settings);
    if (permalinks)
        for (const auto& entry : *permalinks)
            if (!contains(taxonomies, entry.key)) return entry.key;
    return std::string(posts_section_name);
}

// The posts' `permalink`: the section's pattern, or Hugo's default URL for
// a page directly in the section when it has none.
std::string posts_permalink(const Table& settings, const std::string& section, const SourceLocation& where,
                            Warnings& warnings) {
    const Table* permalinks = table_at(settings, setting::permalinks);
    const Value* pattern = permalinks ? permalinks->find(section) : nullptr;
    if (pattern && pattern->is_string()) return jekyll_pattern(section, pattern->as_string(), where, warnings);
    const std::string permalink = "/" + section + "/:title/";
    warnings.add(WarningKind::FieldNotMapped, where,
                 "no permalink pattern for section '" + section + "': Hugo's default URLs are written as " +
                     permalink + "; posts in other sections or in subfolders need permalinks of their own");
    return permalink;
}

// Patterns of sections other than the posts': a Jekyll collection's, or reported.
void place_other_permalinks(const Table& settings, const std::string& posts, Table& config,
                            const SourceLocation& where, Warnings& warnings) {
    const Table* permalinks = table_at(settings, setting::permalinks);
    if (permalinks == nullptr) return;
    const std::vector<std::string> taxonomies = taxonomy_plurals(settings);
    Value* collections = config.find("collections");
    for (const auto& entry : *permalinks) {
        if (!entry.value.is_string()) continue;
        const bool is_posts = entry.key == posts;
        Value* collection = collections && collections->is_table() ? collections->as_table().find(entry.key) : nullptr;
        // The posts collection keeps a pattern only where it had one (`permalink` says it otherwise).
        if (collection && collection->is_table() && (!is_posts || collection->as_table().find("permalink"))) {
            collection->as_table().set("permalink", jekyll_pattern(entry.key, entry.value.as_string(), where, warnings));
        } else if (!is_posts) {
            warnings.add(WarningKind::FieldNotMapped, where,
                         "permalink of " + std::string(contains(taxonomies, entry.key) ? "taxonomy '" : "section '") +
                             entry.key + "' has no Jekyll setting (`permalink` is for the posts of section '" + posts +
                             "'): its pages need permalinks of their own");
        }
    }
}

// Settings Jekyll has no place for; the config record keeps them.
void report_unheld_settings(const Table& settings, const SourceLocation& where, Warnings& warnings) {
    if (settings.find(setting::summary_length))
        warnings.add(WarningKind::FieldNotMapped, where,
                     "summary_length has no Jekyll setting: excerpts end at the excerpt separator");
    for (const auto& plural : taxonomy_plurals(settings))
        if (plural != "tags" && plural != "categories")
            warnings.add(WarningKind::FieldNotMapped, where,
                         "taxonomy '" + plural + "' has no Jekyll form (only tags and categories have pages and "
                         "URLs): its terms stay in the front matter");
    report_unknown_settings(settings, "Jekyll", where, warnings);
}

// Common settings and Jekyll's own extras as _config.yml's table.
Table jekyll_config_table(const Table& settings, const Table& extras, const SourceLocation& where,
                          Warnings& warnings) {
    Table config;
    copy_setting(settings, setting::title, config, "title");
    const Table* params = table_at(settings, setting::params);
    // Themes and jekyll-seo-tag read site.description; Hugo sites keep it in params.
    const Value* description = settings.find(setting::description);
    if (description == nullptr && params) {
        if (const auto* entry = params->find_icase("description")) description = &entry->value;
    }
    if (description) config.set("description", *description);
    copy_setting(settings, setting::url, config, "url");
    copy_setting(settings, setting::base_path, config, "baseurl");
    copy_setting(settings, setting::language, config, "lang");
    const Value* time_zone = settings.find(setting::time_zone);
    config.set("timezone", time_zone ? *time_zone : Value(std::string(default_time_zone)));
    const std::string posts = posts_section(settings);
    config.set("permalink", posts_permalink(settings, posts, where, warnings));
    // Hugo's divider, which converted bodies use, unless the settings say otherwise.
    const Value* separator = settings.find(setting::excerpt_separator);
    config.set("excerpt_separator", separator ? *separator : Value(std::string(summary_divider)));
    copy_setting(settings, setting::paginate, config, "paginate");
    copy_setting(settings, setting::params, config, "params");
    for (const auto& entry : extras) config.set(entry.key, entry.value);
    place_other_permalinks(settings, posts, config, where, warnings);
    report_unheld_settings(settings, where, warnings);
    return config;
}

}  // namespace

std::optional<SiteConfig> JekyllPlatform::read_config(const std::filesystem::path& root, Warnings& warnings) const {
    std::error_code error;
    for (std::string_view name : config_names) {
        const fs::path path = root / name;
        if (!fs::is_regular_file(path, error)) continue;
        Table config = parse_yaml(read_config_text(path), YamlDialect::Psych, SourceLocation{path.string(), 1, 1},
                                  warnings);
        SiteConfig site = jekyll_site_config(std::move(config));
        apply_config_record(root, site, warnings);
        return site;
    }
    // Without _config.yml a site has Jekyll's defaults (the "date" style of
    // URLs), which the other platform needs to keep the articles' URLs.
    SiteConfig site = jekyll_site_config(Table{});
    sort_settings(site.settings);
    return site;
}

std::optional<std::string> JekyllPlatform::published_url(const Document& document, const SiteConfig& site) const {
    return jekyll_url(document, document.front_matter.find(field::url),
                      written_config_table(site, name(), written_config, jekyll_config_table));
}

std::vector<OutputFile> JekyllPlatform::write_config(const SiteConfig& config, Warnings& warnings) const {
    const std::string path(written_config);
    const SourceLocation where{path, 0, 0};
    SortedExtras extras = sort_extras(config, name(), path, warnings);
    Table table = jekyll_config_table(config.settings, extras.own, where, warnings);
    LoweringOptions lowering;
    lowering.target = LoweringTarget::YamlPsych;
    lower_values(table, lowering, warnings, where);
    std::string text = write_yaml(table);
    Warnings ignored;  // the reader's view of our own output
    const Table read_back =
        jekyll_site_config(parse_yaml(text, YamlDialect::Psych, SourceLocation{path, 1, 1}, ignored)).settings;
    return with_config_record(OutputFile{path, std::move(text)}, config.settings, read_back, extras.foreign,
                              warnings);
}

}  // namespace postport
