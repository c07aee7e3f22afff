#include "converters/hugo/hugo.h"

#include <algorithm>
#include <cctype>

#include "converters/common.h"
#include "converters/hugo/shortcodes.h"
#include "core/fields.h"
#include "core/files.h"
#include "core/text.h"

namespace postport {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view content_folder = "content";
// Where articles without a section of their own go (Hugo's usual name).
constexpr std::string_view posts_section = "posts";

bool is_content_extension(std::string_view extension) {
    for (std::string_view known : {".md", ".markdown", ".mdown", ".html", ".htm"})
        if (extension == known) return true;
    return false;
}

// Where a delimited front matter block ends: the first line after the
// opening one that starts with `delimiter`. Returns the offset of that line.
std::size_t find_closing_line(std::string_view text, std::size_t from, std::string_view delimiter) {
    std::size_t line = from;
    while (line < text.size()) {
        if (text.compare(line, delimiter.size(), delimiter) == 0) return line;
        auto newline = text.find('\n', line);
        if (newline == std::string_view::npos) break;
        line = newline + 1;
    }
    return std::string_view::npos;
}

// After a closing delimiter Hugo consumes one optional \r, then one optional \n.
std::size_t skip_line_break(std::string_view text, std::size_t pos) {
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
    return pos;
}

struct Split {
    FrontMatterFormat format = FrontMatterFormat::None;
    std::size_t data_begin = 0;
    std::size_t data_end = 0;
    std::size_t body_begin = 0;
};

[[noreturn]] void fail(std::string_view text, std::size_t offset, int line_base,
                       const std::string& display, const std::string& message) {
    LineColumn at = line_column_at(text, offset);
    throw ParseError(SourceLocation{display, at.line + line_base, at.column}, message);
}

// Splits as Hugo's pageparser does (platforms.md section 1). `text` has no BOM.
Split split_front_matter(std::string_view text, const std::string& display, int line_base) {
    Split split;
    std::size_t start = 0;
    while (start < text.size() && is_ascii_space(text[start])) ++start;
    if (start == text.size()) return split;
    const char first = text[start];
    if (first == '+' || first == '-') {
        const std::string_view delimiter = first == '+' ? "+++" : "---";
        const char* format_label = first == '+' ? "TOML" : "YAML";
        if (text.compare(start, 3, delimiter) != 0) {
            if (first == '-') return split;  // a list, not front matter: Hugo fails, we keep it as body
            fail(text, start, line_base, display,
                 std::string("invalid ") + format_label + " delimiter: expected '" +
                     std::string(delimiter) + "'");
        }
        std::size_t after = start + 3;
        while (after < text.size() && (text[after] == ' ' || text[after] == '\t' || text[after] == '\r'))
            ++after;
        if (after < text.size() && text[after] != '\n') {
            if (first == '-') return split;  // "----" or "--- x": Markdown, not front matter
            fail(text, after, line_base, display,
                 std::string("invalid ") + format_label + " delimiter: text after '" +
                     std::string(delimiter) + "' on its line");
        }
        std::size_t data_begin = after < text.size() ? after + 1 : after;
        std::size_t closing = find_closing_line(text, data_begin, delimiter);
        if (closing == std::string_view::npos)
            fail(text, start, line_base, display,
                 std::string("unterminated ") + format_label + " front matter: no closing '" +
                     std::string(delimiter) + "' line");
        split.format = first == '+' ? FrontMatterFormat::Toml : FrontMatterFormat::Yaml;
        split.data_begin = data_begin;
        split.data_end = closing;
        split.body_begin = skip_line_break(text, closing + 3);
        return split;
    }
    if (first == '{') {
        std::size_t end = find_json_end(text, start);
        if (end == std::string_view::npos)
            fail(text, start, line_base, display, "unterminated JSON front matter: no closing '}'");
        split.format = FrontMatterFormat::Json;
        split.data_begin = start;
        split.data_end = end;
        split.body_begin = skip_line_break(text, end);
        return split;
    }
    if (first == '#' && start + 1 < text.size() && text[start + 1] == '+')
        fail(text, start, line_base, display, "Org-mode front matter is not supported");
    return split;
}

// The language code of a translation's file name: "fr" for about.fr, "pt-br"
// for about.pt-br; empty for other names.
std::string language_suffix(std::string_view stem) {
    auto dot = stem.rfind('.');
    if (dot == std::string_view::npos) return {};
    std::string_view code = stem.substr(dot + 1);
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    if (code.size() < 2 || !lower(code[0]) || !lower(code[1])) return {};
    if (code.size() == 2) return std::string(code);
    if (code[2] != '-' || code.size() < 5 || code.size() > 7) return {};
    for (char c : code.substr(3))
        if (!std::isalpha(static_cast<unsigned char>(c))) return {};
    return std::string(code);
}

bool is_year(std::string_view folder) {
    return folder.size() == 4 && std::all_of(folder.begin(), folder.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool has_date(const Table& table) {
    for (std::string_view key : {"date", "publishdate", "pubdate", "lastmod", "modified"}) {
        const auto* entry = table.find_icase(key);
        if (entry && date_of(entry->value)) return true;
    }
    return false;
}

bool is_draft(const Table& table) {
    if (const auto* draft = table.find_icase(field::draft))
        return draft->value.is_bool() && draft->value.as_bool();
    // Undocumented in Hugo: a bool `published` means draft = !published.
    const auto* published = table.find_icase("published");
    return published && published->value.is_bool() && !published->value.as_bool();
}

// Hugo's own names for the common fields differ only in case: Hugo keys are
// case-insensitive, the common vocabulary is lower-case.
constexpr std::string_view hugo_fields[] = {
    field::title, field::date, field::draft, field::aliases, field::lastmod, field::url,
    field::summary, field::tags, field::categories, field::slug, "description", "layout", "type",
    "weight", "keywords"};

}  // namespace

bool HugoPlatform::is_site_root(const fs::path& directory) const {
    std::error_code error;
    if (fs::is_directory(directory / content_folder, error)) return true;
    for (const char* config : {"hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml"})
        if (fs::exists(directory / config, error)) return true;
    return false;
}

void HugoPlatform::list_documents(const fs::path& root, SortedPaths& documents,
                                  SortedPaths& others) const {
    // Build output, caches and version control are not the site.
    auto skip_folder = [](const std::string& relative, const std::string& name) {
        return relative == name && (name == "public" || name == "resources" || name[0] == '.');
    };
    walk_files(root, skip_folder, [&](const std::string& relative, const std::string& name) {
        const bool in_content = relative.starts_with(std::string(content_folder) + "/");
        if (in_content && name[0] != '.' && is_content_extension(fs::path(name).extension().string()))
            documents.push_back(relative);
        else
            others.push_back(relative);
    });
    documents.sort();
    others.sort();
}

SiteFile HugoPlatform::classify(std::string_view relative) const {
    std::vector<std::string> parts = split_path(relative);
    if (parts.size() < 2) {
        for (const char* config : {"hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml",
                                   "config.json"})
            if (relative == config) return {SiteFile::Role::Config, std::string(relative)};
        return {SiteFile::Role::Ignored, std::string(relative)};
    }
    const std::string top = parts.front();
    parts.erase(parts.begin());
    const std::string rest = join_path(parts);
    if (top == "static" || top == content_folder) return {SiteFile::Role::Published, rest};
    if (top == "data") return {SiteFile::Role::Data, rest};
    if (top == "config") return {SiteFile::Role::Config, rest};
    if (top == "layouts" || top == "themes" || top == "archetypes" || top == "assets" || top == "i18n")
        return {SiteFile::Role::Template, rest};
    return {SiteFile::Role::Ignored, std::string(relative)};
}

std::optional<std::string> HugoPlatform::place(const SiteFile& file) const {
    if (file.role == SiteFile::Role::Published) return "static/" + file.path;
    if (file.role == SiteFile::Role::Data) return "data/" + file.path;
    return std::nullopt;
}

Document HugoPlatform::read(std::string_view bytes, std::string path, std::string display_path,
                            Warnings& warnings) const {
    Document document = begin_document(bytes, std::move(path), std::move(display_path));
    document.body_syntax = name();
    Split split = split_front_matter(bytes, document.display_path, 0);
    document.format = split.format;
    document.raw_front_matter = std::string(bytes.substr(0, split.body_begin));
    document.body = std::string(bytes.substr(split.body_begin));
    document.crlf = uses_crlf(document.raw_front_matter);
    if (split.format != FrontMatterFormat::None) {
        std::string_view data = bytes.substr(split.data_begin, split.data_end - split.data_begin);
        LineColumn at = line_column_at(bytes, split.data_begin);
        document.front_matter_line = at.line;
        SourceLocation origin{document.display_path, at.line, at.column};
        switch (split.format) {
            case FrontMatterFormat::Toml: document.front_matter = parse_toml(data, origin); break;
            case FrontMatterFormat::Yaml:
                document.front_matter = parse_yaml(data, YamlDialect::GoYaml, origin, warnings);
                break;
            case FrontMatterFormat::Json: document.front_matter = parse_json(data, origin); break;
            case FrontMatterFormat::None: break;
        }
    }

    // content/<sections...>/<name>.<ext>, or <name>/index.<ext> for a leaf bundle.
    std::vector<std::string> parts = split_path(document.path);
    const bool in_content = !parts.empty() && parts.front() == content_folder;
    if (in_content) parts.erase(parts.begin());
    std::string file = parts.empty() ? std::string() : parts.back();
    if (!parts.empty()) parts.pop_back();
    auto dot = file.rfind('.');
    document.extension = dot == std::string::npos ? std::string(".md") : file.substr(dot);
    document.slug = dot == std::string::npos ? file : file.substr(0, dot);
    document.language = language_suffix(document.slug);
    if (document.slug == "index" && !parts.empty()) {
        document.slug = parts.back();
        parts.pop_back();
    }
    document.folders = std::move(parts);

    if (is_draft(document.front_matter))
        document.kind = DocumentKind::Draft;
    // Files at the top of content/ are pages (about, contact); a lone file
    // given without its site is taken for a post when it is dated.
    else if ((!in_content || !document.folders.empty()) && document.slug != "_index" &&
             has_date(document.front_matter))
        document.kind = DocumentKind::Post;
    else
        document.kind = DocumentKind::Page;
    return document;
}

void HugoPlatform::to_common(Document& document, Warnings& warnings) const {
    for (std::string_view name : hugo_fields) {
        const auto* entry = document.front_matter.find_icase(name);
        if (entry && entry->key != name) rename_field(document, std::string(entry->key), name, warnings);
    }
    // A plain string is one term to Hugo; the common form is a list.
    for (std::string_view taxonomy : {field::tags, field::categories}) {
        Value* terms = document.front_matter.find(taxonomy);
        if (terms && terms->is_string()) {
            int line = terms->line();
            *terms = Value(Array{Value(terms->as_string())});
            terms->set_line(line);
        }
    }
}

void HugoPlatform::from_common(Document& document, const WriteOptions& options,
                               Warnings& warnings) const {
    Table& table = document.front_matter;
    if (document.kind == DocumentKind::Draft && !table.find(field::draft)) {
        table.set(std::string(field::draft), true);
        document.added_keys.emplace_back(field::draft);
    }
    if (document.kind != DocumentKind::Page && !table.find(field::date) && document.path_date) {
        // Jekyll dates a post by its file name; Hugo needs the date in front matter.
        std::size_t position = 0;
        std::size_t index = 0;
        for (const auto& entry : table) {
            ++index;
            if (entry.key == field::title) position = index;
        }
        table.insert(position, std::string(field::date), Value(DateTime{document.path_date, {}, {}, false}));
        document.added_keys.emplace_back(field::date);
    }

    document.format = options.front_matter == FrontMatterFormat::None ? FrontMatterFormat::Yaml
                                                                       : options.front_matter;
    LoweringOptions lowering;
    lowering.target = document.format == FrontMatterFormat::Toml   ? LoweringTarget::Toml
                      : document.format == FrontMatterFormat::Json ? LoweringTarget::Json
                                                                   : LoweringTarget::YamlGo;
    auto hints = lower_values(table, lowering, warnings, front_matter_location(document));
    document.type_hints.insert(document.type_hints.end(), hints.begin(), hints.end());

    // Articles go to the `posts` section unless they come with a section of
    // their own; Jekyll's year folders inside _posts/ are not sections.
    std::vector<std::string> parts{std::string(content_folder)};
    if (document.kind != DocumentKind::Page && (document.folders.empty() || is_year(document.folders.front())))
        parts.emplace_back(posts_section);
    parts.insert(parts.end(), document.folders.begin(), document.folders.end());
    // An index page (a Jekyll home or folder page) is a Hugo branch page:
    // content/index.md would be a leaf bundle swallowing every other page.
    std::string name = output_slug(document);
    if (document.kind == DocumentKind::Page && name == "index") name = "_index";
    parts.push_back(name + document.extension);
    document.path = join_path(parts);

    // Where no [permalinks] pattern gives the article the URL it had (a
    // Jekyll post's :categories, a date in another zone), its own `url` does.
    if (options.site && document.source_url && !table.find_icase(field::url) &&
        published_url(document, *options.site) != document.source_url) {
        table.set(std::string(field::url), *document.source_url);
        document.added_keys.emplace_back(field::url);
    }
}

Body HugoPlatform::read_body(const Document& document, BodyContext& context, Warnings& warnings) const {
    return read_hugo_body(document.body, context, warnings);
}

std::string HugoPlatform::write_body(const Body& body, Document& /*document*/, BodyContext& context,
                                     Warnings& warnings) const {
    return write_hugo_body(body, context, warnings);
}

std::string HugoPlatform::write_front_matter_data(const Document& document) const {
    switch (document.format) {
        case FrontMatterFormat::Toml: return write_toml(document.front_matter);
        case FrontMatterFormat::Json: return write_json(document.front_matter);
        case FrontMatterFormat::Yaml:
        case FrontMatterFormat::None: return write_yaml(document.front_matter);
    }
    return {};
}

std::string HugoPlatform::write(const Document& document) const {
    const std::string data = write_front_matter_data(document);
    switch (document.format) {
        case FrontMatterFormat::Toml: return assemble_file(document, data, "+++");
        case FrontMatterFormat::Json: return assemble_file(document, data, "");
        case FrontMatterFormat::Yaml:
        case FrontMatterFormat::None: return assemble_file(document, data, "---");
    }
    return {};
}

}  // namespace postport
