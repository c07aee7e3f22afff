#include "converters/ghost/ghost.h"

#include <algorithm>

#include "converters/common.h"
#include "converters/config_common.h"
#include "converters/ghost/vocabulary.h"
#include "core/fields.h"
#include "core/files.h"
#include "core/text.h"
#include "core/typed_json.h"

namespace postport {

namespace fs = std::filesystem;

namespace {

using ghost::ColumnKind;
using ghost::Json;

// Hugo and Jekyll keys Ghost has no column for: kept in posts_meta.frontmatter
// (Ghost ignores it), so only a conversion back acts on them.
constexpr std::string_view uncarried_fields[] = {field::url, field::aliases, field::categories,
                                                  field::publish_date, field::expiry_date};

// Ghost validates these lengths on import (characters).
constexpr std::size_t custom_excerpt_limit = 300;
constexpr std::size_t meta_description_limit = 500;
constexpr std::size_t title_limit = 255;
constexpr std::size_t slug_limit = 191;

// Where internal tags (#name) go in common front matter: out of `tags`, so
// that Hugo and Jekyll do not publish them as terms.
constexpr std::string_view internal_tags_key = "internal_tags";

std::optional<ColumnKind> column_kind(std::string_view key) {
    if (auto kind = ghost::post_column(key)) return kind;
    return ghost::meta_column(key);
}

std::size_t character_count(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_string_array(const Value& value) {
    return value.is_array() && std::all_of(value.as_array().begin(), value.as_array().end(),
                                           [](const Value& item) { return item.is_string(); });
}

std::size_t index_of(const Table& table, std::string_view key) {
    std::size_t index = 0;
    for (const auto& entry : table) {
        if (entry.key == key) return index;
        ++index;
    }
    return index;
}

// Replaces a value in place, keeping its source line for messages.
void replace_value(Value& value, Value replacement) {
    const int line = value.line();
    value = std::move(replacement);
    value.set_line(line);
}

// A value as the JSON Ghost's article object holds natively, if the column
// takes it: strings, bools, dates as ISO text with Z, string lists.
std::optional<Json> native_column_value(std::string_view key, const Value& value) {
    if (key == ghost::tags_key || key == ghost::authors_key) {
        if (!is_string_array(value)) return std::nullopt;
        Json names = Json::array();
        for (const auto& name : value.as_array()) names.push_back(name.as_string());
        return names;
    }
    switch (*column_kind(key)) {
        case ColumnKind::String:
            if (value.is_string()) return Json(value.as_string());
            if (value.is_integer()) return Json(value.as_integer());  // ids of 0.x exports
            return std::nullopt;
        case ColumnKind::Bool:
            if (value.is_bool()) return Json(value.as_bool());
            return std::nullopt;
        case ColumnKind::Date:
            if (value.is_datetime()) {
                auto utc = ghost::to_ghost_time(value.as_datetime());
                if (utc && *utc == value.as_datetime()) return Json(format_datetime(*utc));
            }
            return std::nullopt;
    }
    return std::nullopt;
}

// A front matter value as a Ghost date, if it names one.
std::optional<DateTime> ghost_date_of(const Value& value) {
    if (value.is_datetime()) return ghost::to_ghost_time(value.as_datetime());
    if (value.is_string())
        if (auto parsed = parse_datetime(value.as_string())) return ghost::to_ghost_time(*parsed);
    return std::nullopt;
}

// Renames a common date field to Ghost's column, as Ghost's UTC time.
void map_date(Document& document, std::string_view from, std::string_view to, Warnings& warnings) {
    const Value* original = document.front_matter.find(from);
    if (!original) return;
    auto utc = ghost_date_of(*original);
    if (!utc) {
        warnings.add(WarningKind::FieldNotMapped, front_matter_location(document, original),
                     "'" + std::string(from) + "' is not a date Ghost can store: kept in posts_meta.frontmatter");
        return;
    }
    const bool zoned = original->is_datetime() && original->as_datetime().offset;
    Value* renamed = rename_field(document, from, to, warnings);
    if (!renamed) return;
    if (!zoned)
        warnings.add(WarningKind::TypeChanged, front_matter_location(document, renamed),
                     "'" + std::string(from) + "' has no time zone; Ghost stores it as " + format_datetime(*utc) +
                         " (UTC)");
    replace_value(*renamed, Value(std::move(*utc)));
}

// Renames a common text field to a Ghost column that takes at most `limit` characters.
void map_text(Document& document, std::string_view from, std::string_view to, std::size_t limit,
              Warnings& warnings) {
    const Value* value = document.front_matter.find(from);
    if (!value) return;
    if (!value->is_string() || character_count(value->as_string()) > limit) {
        warnings.add(WarningKind::FieldNotMapped, front_matter_location(document, value),
                     "'" + std::string(from) + "' is not a text of at most " + std::to_string(limit) +
                         " characters, as Ghost's " + std::string(to) + " must be: kept in posts_meta.frontmatter");
        return;
    }
    rename_field(document, from, to, warnings);
}

void add_key(Document& document, std::string_view key, Value value) {
    document.front_matter.set(std::string(key), std::move(value));
    document.added_keys.emplace_back(key);
}

std::string call_text(const BodyNode& node) {
    return node.kind == BodyNode::Kind::Call ? "the '" + node.name + "' call" : "a template construct";
}

}  // namespace

bool GhostPlatform::is_site_root(const fs::path& directory) const {
    std::error_code error;
    return fs::is_directory(directory / ghost::posts_folder, error) ||
           fs::is_regular_file(directory / ghost::site_file, error);
}

void GhostPlatform::list_documents(const fs::path& root, SortedPaths& documents,
                                   SortedPaths& others) const {
    walk_files(root, [](const std::string&, const std::string&) { return false; },
               [&](const std::string& relative, const std::string& name) {
                   const std::vector<std::string> parts = split_path(relative);
                   const std::string extension = fs::path(name).extension().string();
                   const bool article = parts.size() == 2 && parts.front() == ghost::posts_folder &&
                                        name.front() != '.' && (extension == ".md" || extension == ".html");
                   (article ? documents : others).push_back(relative);
               });
    documents.sort();
    others.sort();
}

Document GhostPlatform::read(std::string_view bytes, std::string path, std::string display_path,
                             Warnings& warnings) const {
    Document document = begin_document(bytes, std::move(path), std::move(display_path));
    const ghost::ArticleSplit split = ghost::split_article(bytes, document.display_path);
    document.format = FrontMatterFormat::Json;
    document.raw_front_matter = std::string(bytes.substr(0, split.body_begin));
    document.body = std::string(bytes.substr(split.body_begin));
    document.crlf = uses_crlf(document.raw_front_matter);
    const Table object = parse_json(bytes.substr(0, split.object_end), SourceLocation{document.display_path, 1, 1});

    const bool ghost_shaped = std::any_of(object.begin(), object.end(), [](const Table::Entry& entry) {
        return column_kind(entry.key) || entry.key == ghost::tags_key || entry.key == ghost::authors_key ||
               entry.key == ghost::side_channel_key;
    });
    if (!object.empty() && !ghost_shaped)
        throw ParseError(SourceLocation{document.display_path, 1, 1},
                         "not a Ghost export or article: expected {\"db\":[{\"meta\":...,\"data\":...}]}, "
                         "{\"meta\":...,\"data\":...}, or an object of post fields (title, slug, status, ...); "
                         "found '" + object.begin()->key + "'");

    Table& front_matter = document.front_matter;
    for (const auto& entry : object) {
        if (entry.value.is_null()) continue;  // Ghost's null: not set
        if (entry.key == ghost::side_channel_key && entry.value.is_string()) {
            if (auto kept = ghost::decode_side_channel(entry.value.as_string())) {
                for (const auto& kept_entry : *kept) front_matter.set(kept_entry.key, kept_entry.value);
                continue;
            }
        }
        Value value = entry.value;
        const auto kind = column_kind(entry.key);
        if (kind == ColumnKind::Date) {
            Json encoded = value.is_integer() ? Json(value.as_integer())
                           : value.is_string() ? Json(value.as_string())
                                               : Json();
            if (auto date = ghost::parse_date(encoded))
                value = Value(std::move(*date));
            else
                warnings.add(WarningKind::UnrepresentableValue, SourceLocation{document.display_path, 1, 1},
                             "'" + entry.key + "' is not a date Ghost writes; kept as it is");
        } else if (kind == ColumnKind::Bool && value.is_integer()) {
            value = Value(value.as_integer() != 0);  // MySQL exports say 0 and 1
        }
        front_matter.set(entry.key, std::move(value));
    }

    const std::vector<std::string> parts = split_path(document.path);
    const std::string file = parts.empty() ? std::string() : parts.back();
    const auto dot = file.rfind('.');
    if (!file.empty()) {
        document.slug = file.substr(0, dot);
        if (dot != std::string::npos && file.substr(dot) == ".html") document.extension = ".html";
    } else if (const Value* slug = front_matter.find("slug"); slug && slug->is_string()) {
        document.slug = slug->as_string();
    }
    const Value* type = front_matter.find("type");
    const Value* status = front_matter.find("status");
    if (type && type->is_string() && type->as_string() == "page")
        document.kind = DocumentKind::Page;
    else if (status && status->is_string() && status->as_string() == "draft")
        document.kind = DocumentKind::Draft;
    else
        document.kind = DocumentKind::Post;
    return document;
}

void GhostPlatform::to_common(Document& document, Warnings& warnings) const {
    Table& table = document.front_matter;
    if (const Value* status = table.find("status"); status && status->is_string()) {
        if (status->as_string() == "draft") {
            if (Value* draft = rename_field(document, "status", field::draft, warnings)) replace_value(*draft, true);
        } else if (status->as_string() == "published") {
            table.erase("status");  // the common form of a published article: no draft key
        }
    }
    // The kind says it (Page or not); Hugo and Jekyll place pages by their path.
    if (const Value* type = table.find("type");
        type && type->is_string() && (type->as_string() == "post" || type->as_string() == "page"))
        table.erase("type");
    rename_field(document, "published_at", field::date, warnings);
    rename_field(document, "updated_at", field::lastmod, warnings);
    rename_field(document, "custom_excerpt", field::summary, warnings);
    rename_field(document, "meta_description", "description", warnings);
    if (const Value* image = table.find("feature_image"); image && image->is_string() && !table.find("images")) {
        Value* images = rename_field(document, "feature_image", "images", warnings);
        replace_value(*images, Value(Array{Value(image->as_string())}));
    }
    if (Value* tags = table.find(field::tags); tags && is_string_array(*tags) && !table.find(internal_tags_key)) {
        Array visible;
        Array internal;
        for (const auto& tag : tags->as_array()) (tag.as_string().starts_with('#') ? internal : visible).push_back(tag);
        if (!internal.empty()) {
            replace_value(*tags, Value(std::move(visible)));
            table.insert(index_of(table, field::tags) + 1, std::string(internal_tags_key), Value(std::move(internal)));
        }
    }
}

void GhostPlatform::from_common(Document& document, const WriteOptions& /*options*/, Warnings& warnings) const {
    Table& table = document.front_matter;
    const std::string source_path = document.path;

    map_date(document, field::date, "published_at", warnings);
    map_date(document, field::lastmod, "updated_at", warnings);
    if (const Value* draft = table.find(field::draft); draft && draft->is_bool()) {
        const bool is_draft = draft->as_bool();
        if (Value* status = rename_field(document, field::draft, "status", warnings))
            replace_value(*status, Value(is_draft ? "draft" : "published"));
    }
    if (!table.find("status"))
        add_key(document, "status", document.kind == DocumentKind::Draft ? "draft" : "published");
    if (!table.find("type")) add_key(document, "type", document.kind == DocumentKind::Page ? "page" : "post");
    map_text(document, field::summary, "custom_excerpt", custom_excerpt_limit, warnings);
    map_text(document, "description", "meta_description", meta_description_limit, warnings);

    // Hugo's images list, Jekyll's image: Ghost has one feature image.
    if (!table.find("feature_image")) {
        const Value* images = table.find("images");
        const Value* image = table.find("image");
        if (images && is_string_array(*images) && images->as_array().size() == 1) {
            const std::string url = images->as_array().front().as_string();
            replace_value(*rename_field(document, "images", "feature_image", warnings), Value(url));
        } else if (image && image->is_string()) {
            rename_field(document, "image", "feature_image", warnings);
        }
    }
    if (const Value* internal = table.find(internal_tags_key); internal && is_string_array(*internal)) {
        Value* tags = table.find(field::tags);
        if (!tags) {
            rename_field(document, internal_tags_key, field::tags, warnings);
        } else if (is_string_array(*tags)) {
            Array merged = tags->as_array();
            for (const auto& tag : internal->as_array()) merged.push_back(tag);
            replace_value(*tags, Value(std::move(merged)));
            table.erase(internal_tags_key);
        }
    }
    if (const Value* author = table.find("author"); author && author->is_string() && !table.find(ghost::authors_key)) {
        const std::string name = author->as_string();
        replace_value(*rename_field(document, "author", ghost::authors_key, warnings), Value(Array{Value(name)}));
    }
    for (std::string_view key : uncarried_fields)
        if (const Value* value = table.find(key))
            warnings.add(WarningKind::FieldNotMapped, front_matter_location(document, value),
                         "'" + std::string(key) + "' has no Ghost counterpart: kept in posts_meta.frontmatter, "
                         "which Ghost ignores");

    std::string slug;
    if (const Value* explicit_slug = table.find("slug"); explicit_slug && explicit_slug->is_string())
        slug = ghost::slug_of(explicit_slug->as_string());
    if (slug.empty()) slug = ghost::slug_of(output_slug(document));
    if (slug.empty()) slug = "untitled";
    if (slug.size() > slug_limit) {
        std::size_t cut = slug_limit;
        while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0) == 0x80) --cut;  // whole characters
        warnings.add(WarningKind::PathChanged, front_matter_location(document),
                     "the slug is longer than Ghost's " + std::to_string(slug_limit) + " characters: cut to '" +
                         slug.substr(0, cut) + "'");
        slug.resize(cut);
    }
    if (const Value* title = table.find("title");
        title && title->is_string() && character_count(title->as_string()) > title_limit)
        warnings.add(WarningKind::UnrepresentableValue, front_matter_location(document, title),
                     "the title is longer than the " + std::to_string(title_limit) +
                         " characters Ghost's importer takes: Ghost will refuse this post");
    if (!table.find("title")) add_key(document, "title", slug);
    // A stable id, so that the article packed and unpacked again is the same.
    if (!table.find("id")) add_key(document, "id", "00000000" + fingerprint(source_path.empty() ? slug : source_path));

    document.slug = slug;
    document.extension = document.extension == ".html" || document.extension == ".htm" ? ".html" : ".md";
    document.format = FrontMatterFormat::Json;
    // An article is JSON: no byte order mark, "\n" line breaks (the record keeps the source's).
    document.bom = false;
    document.crlf = false;
    document.path = std::string(ghost::posts_folder) + "/" + slug + document.extension;
}

Body GhostPlatform::read_body(const Document& document, BodyContext& context, Warnings& /*warnings*/) const {
    Body body;
    if (document.body.empty()) return body;
    BodyNode text;
    text.text = document.body;
    text.line = context.first_line;
    body.push_back(std::move(text));
    return body;
}

std::string GhostPlatform::write_body(const Body& body, Document& document, BodyContext& context,
                                      Warnings& warnings) const {
    // Ghost runs no templates: the source platform's constructs are written
    // as that platform writes them, and Ghost shows them as text.
    const Platform* source = document.body_syntax.empty() ? nullptr : builtin_platforms().find(document.body_syntax);
    std::string out;
    if (source && source != this) {
        out = source->write_body(body, document, context, warnings);
        for (const auto& node : body) {
            if (node.kind != BodyNode::Kind::Call && node.kind != BodyNode::Kind::Raw &&
                node.kind != BodyNode::Kind::Comment)
                continue;
            warnings.add(WarningKind::UnknownTemplate,
                         SourceLocation{context.display_path, context.first_line + node.line - 1, 0},
                         call_text(node) + " (" + document.body_syntax +
                             ") has no Ghost counterpart: kept as text, which Ghost shows as written");
        }
    } else {
        for (const auto& node : body) out += node.text;
    }
    document.body_syntax.clear();
    return out;
}

std::string GhostPlatform::write_front_matter_data(const Document& document) const {
    const Table& table = document.front_matter;
    Json object = Json::object();
    std::vector<std::string_view> native;
    for (std::string_view key : ghost::article_keys()) {
        const Value* value = table.find(key);
        // The slug is the article's file name, so that the site conversion
        // keeps two equal slugs apart; a `slug` field rides along as it is.
        if (!value || key == "slug") continue;
        if (auto json = native_column_value(key, *value)) {
            object[std::string(key)] = std::move(*json);
            native.push_back(key);
        }
    }
    // Everything else, typed, in posts_meta.frontmatter.
    Table kept;
    for (const auto& entry : table)
        if (std::find(native.begin(), native.end(), entry.key) == native.end()) kept.set(entry.key, entry.value);
    if (!kept.empty()) object[std::string(ghost::side_channel_key)] = ghost::encode_side_channel(kept);
    return object.dump(2, ' ', false, Json::error_handler_t::strict) + "\n";
}

std::string GhostPlatform::front_matter_fingerprint(const Document& document) const {
    // The columns come first, whatever the order of the keys was.
    return fingerprint(write_front_matter_data(document));
}

std::string GhostPlatform::write(const Document& document) const {
    return assemble_file(document, write_front_matter_data(document), "");
}

SiteFile GhostPlatform::classify(std::string_view relative) const {
    if (relative == ghost::site_file) return {SiteFile::Role::Config, std::string(relative)};
    return {SiteFile::Role::Ignored, std::string(relative)};
}

std::optional<std::string> GhostPlatform::place(const SiteFile& /*file*/) const {
    return std::nullopt;  // an export holds no files: images and data stay behind, reported as skipped
}

namespace {

// Ghost's site settings and where the common settings are among them.
struct SettingName {
    std::string_view common;
    std::string_view ghost;
};
constexpr SettingName setting_names[] = {
    {setting::title, "title"},
    {setting::description, "description"},
    {setting::language, "locale"},
    {setting::time_zone, "timezone"},
};

Table settings_of(const Json& site) {
    Table settings;
    if (!site.is_object() || !site.contains("settings") || !site["settings"].is_object()) return settings;
    const Json& ghost_settings = site["settings"];
    for (const auto& name : setting_names) {
        const std::string key(name.ghost);
        if (ghost_settings.contains(key) && ghost_settings[key].is_string())
            settings.set(std::string(name.common), ghost_settings[key].get<std::string>());
    }
    if (ghost_settings.contains("url") && ghost_settings["url"].is_string()) {
        SiteAddress address = split_site_address(ghost_settings["url"].get<std::string>());
        if (address.url) settings.set(std::string(setting::url), std::move(*address.url));
        settings.set(std::string(setting::base_path), std::move(address.base_path));
    }
    return settings;
}

}  // namespace

std::optional<SiteConfig> GhostPlatform::read_config(const fs::path& root, Warnings& warnings) const {
    const fs::path path = root / ghost::site_file;
    std::error_code error;
    if (!fs::is_regular_file(path, error)) return std::nullopt;
    const Json site = parse_json_text(read_config_text(path), SourceLocation{path.string(), 1, 1});
    SiteConfig config;
    config.source_platform = std::string(name());
    config.settings = settings_of(site);
    apply_config_record(root, config, warnings);
    return config;
}

std::vector<OutputFile> GhostPlatform::write_config(const SiteConfig& config, Warnings& warnings) const {
    const std::string path(ghost::site_file);
    SortedExtras extras = sort_extras(config, name(), path, warnings);
    Json settings = Json::object();
    for (const auto& name : setting_names)
        if (const Value* value = config.settings.find(name.common); value && value->is_string())
            settings[std::string(name.ghost)] = value->as_string();
    if (const Value* url = config.settings.find(setting::url); url && url->is_string()) {
        const Value* base_path = config.settings.find(setting::base_path);
        settings["url"] = url->as_string() + (base_path && base_path->is_string() ? base_path->as_string() : "");
    }
    for (const auto& entry : config.settings) {
        const bool carried = entry.key == setting::url || entry.key == setting::base_path ||
                             std::any_of(std::begin(setting_names), std::end(setting_names),
                                         [&](const SettingName& name) { return name.common == entry.key; });
        if (!carried)
            warnings.add(WarningKind::FieldNotMapped, SourceLocation{path, 0, 0},
                         "setting '" + entry.key + "' has no Ghost counterpart: kept in " + config_record_path());
    }
    Json site = Json::object();
    site["settings"] = std::move(settings);
    const Table read_back = settings_of(site);
    return with_config_record(OutputFile{path, site.dump(2, ' ', false, Json::error_handler_t::strict) + "\n"},
                              config.settings, read_back, extras.foreign, warnings);
}

std::optional<std::string> GhostPlatform::read_template(const fs::path& /*root*/, std::string_view /*name*/) const {
    return std::nullopt;
}

std::vector<OutputFile> GhostPlatform::write_templates(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& /*used*/,
    std::string_view /*source_platform*/, Warnings& /*warnings*/) const {
    return {};  // Ghost runs no templates; each call was reported where the body shows it as text
}

}  // namespace postport
