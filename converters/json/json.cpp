#include "converters/json/json.h"

#include <cmark.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "converters/common.h"
#include "converters/json/format.h"
#include "core/fields.h"
#include "core/files.h"
#include "core/site.h"
#include "core/text.h"

namespace postport {

namespace fs = std::filesystem;

namespace json_format {

namespace {

constexpr DocumentKind kinds[] = {DocumentKind::Post, DocumentKind::Draft, DocumentKind::Page};
constexpr FrontMatterFormat formats[] = {FrontMatterFormat::None, FrontMatterFormat::Toml, FrontMatterFormat::Yaml,
                                         FrontMatterFormat::Json};

const OrderedJson* member(const OrderedJson& object, std::string_view name, bool required,
                          OrderedJson::value_t type, std::string_view expected) {
    const auto found = object.find(std::string(name));
    if (found == object.end()) {
        if (required) throw TypedJsonError("", "missing required member \"" + std::string(name) + "\" (" + std::string(expected) + ")");
        return nullptr;
    }
    const bool matches = found->type() == type ||
                         (type == OrderedJson::value_t::number_integer && found->is_number_integer());
    if (!matches) throw TypedJsonError(json_pointer_append("", name), "expected " + std::string(expected));
    return &*found;
}

std::string string_member(const OrderedJson& object, std::string_view name, bool required,
                          std::string_view expected = "a string") {
    const OrderedJson* found = member(object, name, required, OrderedJson::value_t::string, expected);
    return found ? found->get<std::string>() : std::string();
}

bool bool_member(const OrderedJson& object, std::string_view name) {
    const OrderedJson* found = member(object, name, false, OrderedJson::value_t::boolean, "true or false");
    return found && found->get<bool>();
}

void read_location(const OrderedJson& location, Document& document) {
    const std::string pointer = "/location";
    try {
        document.slug = string_member(location, "slug", false);
        if (const OrderedJson* extension = member(location, "extension", false, OrderedJson::value_t::string, "a string"))
            document.extension = extension->get<std::string>();
        document.language = string_member(location, "language", false);
        if (const OrderedJson* folders = member(location, "folders", false, OrderedJson::value_t::array, "an array of strings")) {
            for (const OrderedJson& folder : *folders) {
                if (!folder.is_string()) throw TypedJsonError("/folders", "expected an array of strings");
                document.folders.push_back(folder.get<std::string>());
            }
        }
        const std::string date = string_member(location, "path_date", false, "a date \"YYYY-MM-DD\"");
        if (!date.empty()) {
            auto parsed = parse_datetime(date);
            if (!parsed || datetime_type(*parsed) != ValueType::LocalDate)
                throw TypedJsonError("/path_date", "expected a date \"YYYY-MM-DD\", found \"" + date + "\"");
            document.path_date = parsed->date;
        }
    } catch (const TypedJsonError& error) {
        throw TypedJsonError(pointer + error.pointer(), error.reason());
    }
}

}  // namespace

std::string leading_format(std::string_view text) {
    if (text.starts_with(utf8_bom)) text.remove_prefix(utf8_bom.size());
    std::size_t at = 0;
    auto skip_space = [&] {
        while (at < text.size() && is_ascii_space(text[at])) ++at;
    };
    auto take = [&](std::string_view expected) {
        skip_space();
        if (text.substr(at, expected.size()) != expected) return false;
        at += expected.size();
        return true;
    };
    if (!take("{") || !take("\"format\"") || !take(":") || !take("\"")) return {};
    const std::size_t end = text.find('"', at);
    if (end == std::string_view::npos || end - at > 64) return {};
    return std::string(text.substr(at, end - at));
}

Document decode_post(const OrderedJson& object) {
    if (!object.is_object()) throw TypedJsonError("", "expected a postport post object");
    const std::string format = string_member(object, "format", true, "\"postport-post\"");
    if (format != post)
        throw TypedJsonError("/format", "expected \"postport-post\", found \"" + format + "\"" +
                                            (format == site ? " (a site document: convert it into a directory)" : ""));
    const OrderedJson* version_member = member(object, "version", true, OrderedJson::value_t::number_integer, "the integer 1");
    if (version_member->get<std::int64_t>() != version)
        throw TypedJsonError("/version", "this postport reads version 1, found " + version_member->dump());

    Document document;
    document.source_platform = string_member(object, "source", false);
    document.path = string_member(object, "path", false);
    const std::string kind = string_member(object, "kind", true, "\"post\", \"draft\" or \"page\"");
    const auto* found_kind = std::find_if(std::begin(kinds), std::end(kinds), [&](DocumentKind k) { return kind_name(k) == kind; });
    if (found_kind == std::end(kinds)) throw TypedJsonError("/kind", "expected \"post\", \"draft\" or \"page\", found \"" + kind + "\"");
    document.kind = *found_kind;
    const std::string front_matter_format = string_member(object, "front_matter_format", false);
    if (!front_matter_format.empty()) {
        const auto* found = std::find_if(std::begin(formats), std::end(formats),
                                         [&](FrontMatterFormat f) { return format_name(f) == front_matter_format; });
        if (found == std::end(formats))
            throw TypedJsonError("/front_matter_format", "expected \"toml\", \"yaml\", \"json\" or \"none\", found \"" + front_matter_format + "\"");
        document.format = *found;
    }
    if (const OrderedJson* location = member(object, "location", false, OrderedJson::value_t::object, "an object"))
        read_location(*location, document);
    document.bom = bool_member(object, "bom");
    document.crlf = bool_member(object, "crlf");
    const OrderedJson* front_matter = member(object, "front_matter", true, OrderedJson::value_t::object, "an object (the typed front matter)");
    document.front_matter = table_from_typed_json(*front_matter, "/front_matter");
    const auto syntax = object.find("body_syntax");
    if (syntax != object.end() && !syntax->is_null()) {
        if (!syntax->is_string()) throw TypedJsonError("/body_syntax", "expected a platform name or null");
        document.body_syntax = syntax->get<std::string>();
    }
    document.body = string_member(object, "body", true);
    if (const auto record = object.find(std::string(field::round_trip_record)); record != object.end()) {
        if (!record->is_object()) throw TypedJsonError("/postport", "expected the round-trip record object");
        document.front_matter.set(std::string(field::round_trip_record),
                                  Value(table_from_typed_json(*record, "/postport")));
    }
    return document;
}

}  // namespace json_format

namespace {

constexpr std::string_view config_file = "config.json";
constexpr std::string_view published_folder = "static";
constexpr std::string_view data_folder = "data";

// The body as CommonMark HTML; raw HTML passes through, as site generators do.
std::string render_html(const std::string& markdown) {
    std::unique_ptr<char, decltype(&std::free)> html(
        cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_UNSAFE), &std::free);
    return html ? std::string(html.get()) : std::string();
}

const Platform* body_platform(const Document& document) {
    return document.body_syntax.empty() ? nullptr : builtin_platforms().find(document.body_syntax);
}

OrderedJson location_of(const Document& document) {
    OrderedJson location = OrderedJson::object();
    location["slug"] = document.slug;
    location["extension"] = document.extension;
    location["folders"] = document.folders;
    if (!document.language.empty()) location["language"] = document.language;
    if (document.path_date) location["path_date"] = format_date(*document.path_date);
    return location;
}

}  // namespace

bool JsonPlatform::is_site_root(const fs::path& /*directory*/) const { return false; }

void JsonPlatform::list_documents(const fs::path& root, SortedPaths& documents,
                                  SortedPaths& others) const {
    walk_files(root, [](const std::string&, const std::string&) { return false; },
               [&](const std::string& relative, const std::string&) {
                   const bool post = !relative.starts_with(std::string(records_folder) + "/") &&
                                     json_format::leading_format(read_input_head(root / relative, 128)) ==
                                         json_format::post;
                   (post ? documents : others).push_back(relative);
               });
    documents.sort();
    others.sort();
}

Document JsonPlatform::read(std::string_view bytes, std::string path, std::string display_path,
                            Warnings& /*warnings*/) const {
    Document checked = begin_document(bytes, std::move(path), std::move(display_path));
    const SourceLocation origin{checked.display_path, 1, checked.bom ? 1 + static_cast<int>(utf8_bom.size()) : 1};
    const OrderedJson object = parse_json_text(bytes, origin);
    Document document;
    try {
        document = json_format::decode_post(object);
    } catch (const TypedJsonError& error) {
        std::string message = error.what();
        if (!object.is_object() || !object.contains("format"))
            message += "; expected a postport post: {\"format\": \"postport-post\", \"version\": 1, \"kind\", "
                       "\"front_matter\", \"body\", ...}";
        throw ParseError(json_start_location(bytes, origin), message);
    }
    document.display_path = checked.display_path;
    // The post's own path names it in links and records; a lone file may lack one.
    if (document.path.empty()) document.path = checked.path;
    return document;
}

void JsonPlatform::to_common(Document& /*document*/, Warnings& /*warnings*/) const {
    // The front matter is kept in the common vocabulary.
}

std::optional<std::string> JsonPlatform::published_url(const Document& document, const SiteConfig& site) const {
    // Where the site the post came from publishes it.
    const Platform* source = builtin_platforms().find(document.source_platform);
    if (source == nullptr || source == this) return std::nullopt;
    return source->published_url(document, site);
}

void JsonPlatform::from_common(Document& document, const WriteOptions& /*options*/, Warnings& /*warnings*/) const {
    // Every value has a typed JSON form: nothing to lower. A post keeps its
    // source path, so that links between articles resolve both ways.
    if (document.path.empty()) document.path = output_slug(document) + document.extension;
}

Body JsonPlatform::read_body(const Document& document, BodyContext& context, Warnings& warnings) const {
    if (const Platform* syntax = body_platform(document)) return syntax->read_body(document, context, warnings);
    BodyNode text;
    text.text = document.body;
    return Body{std::move(text)};
}

std::string JsonPlatform::write_body(const Body& body, Document& document, BodyContext& context,
                                     Warnings& warnings) const {
    if (const Platform* syntax = body_platform(document)) return syntax->write_body(body, document, context, warnings);
    std::string text;
    for (const BodyNode& node : body) text += node.text;
    return text;
}

std::string JsonPlatform::write_front_matter_data(const Document& document) const {
    return dump_json(to_typed_json(document.front_matter));
}

std::string JsonPlatform::write(const Document& document) const {
    Table front_matter = document.front_matter;
    std::optional<Value> record;
    if (Value* embedded = front_matter.find(field::round_trip_record)) {
        record = std::move(*embedded);
        front_matter.erase(field::round_trip_record);
    }
    OrderedJson post = OrderedJson::object();
    post["format"] = json_format::post;
    post["version"] = json_format::version;
    post["source"] = document.source_platform;
    post["path"] = document.path;
    post["kind"] = kind_name(document.kind);
    post["front_matter_format"] = format_name(document.format);
    post["location"] = location_of(document);
    if (document.bom) post["bom"] = true;
    if (document.crlf) post["crlf"] = true;
    post["front_matter"] = to_typed_json(front_matter);
    post["body_syntax"] = document.body_syntax.empty() ? OrderedJson(nullptr) : OrderedJson(document.body_syntax);
    post["body"] = document.body;
    post["html"] = render_html(document.body);
    if (record) post[std::string(field::round_trip_record)] = to_typed_json(*record);
    // One line: a post file is also an NDJSON line of a site.
    return dump_json(post) + "\n";
}

SiteFile JsonPlatform::classify(std::string_view relative) const {
    if (relative == config_file) return {SiteFile::Role::Config, std::string(relative)};
    std::vector<std::string> parts = split_path(relative);
    if (parts.size() > 1 && (parts.front() == published_folder || parts.front() == data_folder)) {
        const bool published = parts.front() == published_folder;
        parts.erase(parts.begin());
        return {published ? SiteFile::Role::Published : SiteFile::Role::Data, join_path(parts)};
    }
    return {SiteFile::Role::Ignored, std::string(relative)};
}

std::optional<std::string> JsonPlatform::place(const SiteFile& file) const {
    if (file.role == SiteFile::Role::Published) return std::string(published_folder) + "/" + file.path;
    if (file.role == SiteFile::Role::Data) return std::string(data_folder) + "/" + file.path;
    return std::nullopt;
}

std::optional<SiteConfig> JsonPlatform::read_config(const fs::path& root, Warnings& /*warnings*/) const {
    const fs::path path = root / config_file;
    std::error_code error;
    if (!fs::is_regular_file(path, error)) return std::nullopt;
    const std::string text = read_file(path);
    const SourceLocation origin{path.string(), 1, 1};
    const OrderedJson object = parse_json_text(text, origin);
    try {
        if (json_format::leading_format(text) != json_format::config || !object.is_object())
            throw TypedJsonError("/format", "expected a postport site config {\"format\": \"postport-config\", "
                                            "\"version\": 1, \"source\", \"settings\", \"extras\"}");
        SiteConfig config;
        const auto source = object.find("source");
        if (source != object.end() && source->is_string()) config.source_platform = source->get<std::string>();
        for (auto [name, table] : {std::pair{"settings", &config.settings}, std::pair{"extras", &config.extras}}) {
            const auto found = object.find(name);
            if (found != object.end()) *table = table_from_typed_json(*found, json_pointer_append("", name));
        }
        return config;
    } catch (const TypedJsonError& failure) {
        throw ParseError(json_start_location(text, origin), failure.what());
    }
}

std::vector<OutputFile> JsonPlatform::write_config(const SiteConfig& config, Warnings& /*warnings*/) const {
    OrderedJson object = OrderedJson::object();
    object["format"] = json_format::config;
    object["version"] = json_format::version;
    object["source"] = config.source_platform;
    object["settings"] = to_typed_json(config.settings);
    object["extras"] = to_typed_json(config.extras);
    return {OutputFile{std::string(config_file), dump_json(object) + "\n"}};
}

std::optional<std::string> JsonPlatform::read_template(const fs::path& /*root*/, std::string_view /*name*/) const {
    return std::nullopt;
}

std::vector<OutputFile> JsonPlatform::write_templates(
    const std::vector<std::pair<std::string, std::optional<std::string>>>& /*used*/,
    std::string_view /*source_platform*/, Warnings& /*warnings*/) const {
    return {};
}

std::vector<OutputFile> JsonPlatform::write_layouts() const { return {}; }

}  // namespace postport
