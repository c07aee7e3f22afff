#include "converters/jekyll/jekyll.h"

#include <fnmatch.h>

#include <algorithm>

#include "converters/common.h"
#include "converters/config_common.h"
#include "converters/jekyll/liquid.h"
#include "converters/jekyll/urls.h"
#include "core/fields.h"
#include "core/files.h"
#include "core/round_trip.h"
#include "core/text.h"

namespace postport {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view posts_folder = "_posts";
constexpr std::string_view drafts_folder = "_drafts";
constexpr std::string_view excerpt_separator_key = "excerpt_separator";

// Jekyll's names for the common fields that Hugo names differently.
struct FieldName {
    std::string_view common;
    std::string_view jekyll;
};
constexpr FieldName renamed_fields[] = {
    {field::aliases, "redirect_from"},
    {field::lastmod, "last_modified_at"},
    {field::url, "permalink"},
    {field::summary, "excerpt"},
};

// Hugo fields that change what a page is or when it shows, with no Jekyll
// counterpart: carried along, but Jekyll will not act on them.
constexpr std::string_view hugo_only_fields[] = {field::publish_date, field::expiry_date};

bool is_markup_extension(std::string_view extension) {
    for (std::string_view known : {".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".html"})
        if (extension == known) return true;
    return false;
}

// Gives every zone-less date-time under `table` the UTC offset Psych reads in
// it, with a hint to take it off again on the way back.
void mark_utc(Table& table, std::vector<std::string>& path, std::vector<TypeHint>& hints);

void mark_utc_value(Value& value, std::vector<std::string>& path, std::vector<TypeHint>& hints) {
    if (value.is_table()) {
        mark_utc(value.as_table(), path, hints);
    } else if (value.is_array()) {
        auto& items = value.as_array();
        for (std::size_t i = 0; i < items.size(); ++i) {
            path.push_back(std::to_string(i));
            mark_utc_value(items[i], path, hints);
            path.pop_back();
        }
    } else if (value.type() == ValueType::LocalDateTime) {
        DateTime dt = value.as_datetime();
        dt.offset = UtcOffset{0, UtcOffset::Style::Zulu};
        const int line = value.line();
        value = Value(std::move(dt));
        value.set_line(line);
        hints.push_back(TypeHint{path, ValueType::LocalDateTime, 0});
    }
}

void mark_utc(Table& table, std::vector<std::string>& path, std::vector<TypeHint>& hints) {
    for (auto& entry : table) {
        path.push_back(entry.key);
        mark_utc_value(entry.value, path, hints);
        path.pop_back();
    }
}

// Ruby's String#split with no argument.
std::vector<std::string> split_on_whitespace(std::string_view text) {
    std::vector<std::string> words;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && is_ascii_space(text[pos])) ++pos;
        std::size_t start = pos;
        while (pos < text.size() && !is_ascii_space(text[pos])) ++pos;
        if (pos > start) words.emplace_back(text.substr(start, pos - start));
    }
    return words;
}

bool is_line_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// The rest of the line from `pos` is only spaces: returns the offset after
// its line break (or the end), else npos.
std::size_t end_of_blank_rest(std::string_view text, std::size_t pos) {
    while (pos < text.size() && is_line_space(text[pos])) ++pos;
    if (pos == text.size()) return pos;
    return text[pos] == '\n' ? pos + 1 : std::string_view::npos;
}

// Jekyll's post file name: [YY]YY-M-D-slug.ext (month and day may be 1 digit).
bool parse_post_name(std::string_view name, Date& date, std::string& slug, std::string& extension) {
    auto dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return false;
    extension = std::string(name.substr(dot));
    std::string_view stem = name.substr(0, dot);
    int fields[3] = {0, 0, 0};
    std::size_t pos = 0;
    for (int i = 0; i < 3; ++i) {
        std::size_t start = pos;
        while (pos < stem.size() && stem[pos] >= '0' && stem[pos] <= '9') ++pos;
        std::size_t length = pos - start;
        if (length == 0 || (i == 0 && (length < 2 || length > 4)) || (i > 0 && length > 2)) return false;
        for (std::size_t k = start; k < pos; ++k) fields[i] = fields[i] * 10 + (stem[k] - '0');
        if (pos >= stem.size() || stem[pos] != '-') return false;
        ++pos;
    }
    if (pos >= stem.size()) return false;
    date = Date{fields[0], fields[1], fields[2]};
    slug = std::string(stem.substr(pos));
    return true;
}

bool starts_with_front_matter(const fs::path& file) {
    const std::string head = read_input_head(file, 8);
    std::string_view text = head;
    if (text.substr(0, utf8_bom.size()) == utf8_bom) text.remove_prefix(utf8_bom.size());
    return text.substr(0, 3) == "---";
}

// The collections _config.yml declares besides posts; their documents
// live in _NAME/. None when the config cannot be read (reported with it).
std::vector<std::string> declared_collections(const fs::path& root) {
    std::vector<std::string> names;
    std::error_code error;
    for (std::string_view config_name : {"_config.yml", "_config.yaml"}) {
        if (!fs::is_regular_file(root / config_name, error)) continue;
        try {
            Warnings ignored;
            const Table config = parse_yaml(read_config_text(root / config_name), YamlDialect::Psych,
                                            SourceLocation{std::string(config_name), 1, 1}, ignored);
            const Value* collections = config.find("collections");
            if (collections && collections->is_table())
                for (const auto& entry : collections->as_table()) names.push_back(entry.key);
            if (collections && collections->is_array())
                for (const auto& entry : collections->as_array())
                    if (entry.is_string()) names.push_back(entry.as_string());
        } catch (const std::exception&) {
            // An unreadable config fails on its own; the posts are still found.
        }
        break;
    }
    std::erase(names, std::string(posts_folder.substr(1)));
    return names;
}

// Utils.deep_merge_hashes: `overlay`'s entries win, tables merge.
void deep_merge(Table& base, const Table& overlay) {
    for (const auto& entry : overlay) {
        Value* existing = base.find(entry.key);
        if (existing && existing->is_table() && entry.value.is_table())
            deep_merge(existing->as_table(), entry.value.as_table());
        else
            base.set(entry.key, entry.value);
    }
}

// FrontmatterDefaults#sanitize_path: no leading '/'.
std::string_view scope_path(const Table* scope) {
    const Value* path = scope ? scope->find("path") : nullptr;
    std::string_view text = path && path->is_string() ? std::string_view(path->as_string()) : std::string_view();
    if (text.starts_with('/')) text.remove_prefix(1);
    return text;
}

// FrontmatterDefaults#applies_path?: a prefix of the file's path, or a glob
// (each '*' within one folder) matching the path or a folder above it.
bool scope_path_applies(std::string_view scope, const std::string& path) {
    if (scope.empty()) return true;
    if (scope.find('*') == std::string_view::npos) return path.starts_with(scope);
    const std::string pattern(scope);
    for (std::size_t end = path.find('/'); ; end = path.find('/', end + 1)) {
        const std::string prefix = path.substr(0, end);
        if (::fnmatch(pattern.c_str(), prefix.c_str(), FNM_PATHNAME) == 0) return true;
        if (end == std::string::npos) return false;
    }
}

// FrontmatterDefaults#applies_type? with the deprecated singular names.
bool scope_type_applies(const Table* scope, std::string_view type) {
    const Value* wanted = scope ? scope->find("type") : nullptr;
    if (wanted == nullptr) return true;
    if (!wanted->is_string()) return false;
    std::string_view name = wanted->as_string();
    if (name == "page" || name == "post" || name == "draft") return type == std::string(name) + "s";
    return name == type;
}

// FrontmatterDefaults#has_precedence?: the longer path wins, then a typed scope.
bool has_precedence(const Table* old_scope, const Table* new_scope) {
    if (old_scope == nullptr) return true;
    const std::string_view new_path = scope_path(new_scope);
    const std::string_view old_path = scope_path(old_scope);
    if (new_path.size() != old_path.size()) return new_path.size() >= old_path.size();
    if (new_scope && new_scope->find("type")) return true;
    return !old_scope->find("type");
}

std::optional<Date> post_date(const Table& table) {
    for (std::string_view key : {field::date, field::publish_date}) {
        const Value* value = table.find(key);
        if (value) {
            if (auto date = date_of(*value)) return date;
        }
    }
    return std::nullopt;
}

}  // namespace

bool JekyllPlatform::is_site_root(const fs::path& directory) const {
    std::error_code error;
    return fs::exists(directory / "_config.yml", error) || fs::exists(directory / "_config.yaml", error) ||
           fs::is_directory(directory / posts_folder, error);
}

void JekyllPlatform::list_documents(const fs::path& root, SortedPaths& documents,
                                    SortedPaths& others) const {
    const std::vector<std::string> collections = declared_collections(root);
    // Build output, caches and version control are not the site.
    auto skip_folder = [](const std::string&, const std::string& name) {
        return name == "_site" || name == ".jekyll-cache" || name == ".sass-cache" || name == ".git" ||
               name == "node_modules" || name == "vendor";
    };
    walk_files(root, skip_folder, [&](const std::string& relative, const std::string& name) {
        std::vector<std::string> parts = split_path(relative);
        const bool in_posts = std::find(parts.begin(), parts.end(), posts_folder) != parts.end();
        const bool in_drafts = !parts.empty() && parts.front() == drafts_folder;
        const std::string extension = fs::path(name).extension().string();
        const bool skipped_name = name[0] == '.' || name[0] == '_' || name[0] == '#' || name[0] == '~';
        const bool in_collection = parts.size() > 1 && is_collection_folder(parts.front()) &&
                                   std::find(collections.begin(), collections.end(), parts.front().substr(1)) !=
                                       collections.end();
        // Other folders starting with '_' or '.' are Jekyll's own (layouts,
        // includes, data) or hidden: their files are not articles.
        const bool special_folder =
            std::any_of(parts.begin() + (in_collection ? 1 : 0), parts.end() - 1, [](const std::string& part) {
                return part != posts_folder && part != drafts_folder && (part[0] == '_' || part[0] == '.');
            });
        bool article = false;
        if (special_folder) {
            article = false;
        } else if ((in_posts || in_drafts) && !skipped_name) {
            article = is_markup_extension(extension);
        } else if (!skipped_name && extension != ".html" && is_markup_extension(extension)) {
            article = starts_with_front_matter(root / relative);  // without front matter, a static file
        }
        (article ? documents : others).push_back(relative);
    });
    documents.sort();
    others.sort();
}

SiteFile JekyllPlatform::classify(std::string_view relative) const {
    std::vector<std::string> parts = split_path(relative);
    if (parts.empty()) return {SiteFile::Role::Ignored, std::string(relative)};
    if (parts.size() == 1 && (parts[0] == "_config.yml" || parts[0] == "_config.yaml"))
        return {SiteFile::Role::Config, std::string(relative)};
    const std::string& top = parts.front();
    if (top == "_data" && parts.size() > 1) {
        parts.erase(parts.begin());
        return {SiteFile::Role::Data, join_path(parts)};
    }
    if (top == "_includes" || top == "_layouts" || top == "_sass" || top == "_plugins")
        return {SiteFile::Role::Template, std::string(relative)};
    if (relative == "Gemfile" || relative == "Gemfile.lock") return {SiteFile::Role::Ignored, std::string(relative)};
    // Jekyll publishes every other file as it is, but skips names starting
    // with '_', '.', '#' or '~' anywhere in the path.
    for (const auto& part : parts)
        if (part[0] == '_' || part[0] == '.' || part[0] == '#' || part[0] == '~')
            return {SiteFile::Role::Ignored, std::string(relative)};
    return {SiteFile::Role::Published, std::string(relative)};
}

std::optional<std::string> JekyllPlatform::place(const SiteFile& file) const {
    if (file.role == SiteFile::Role::Published) return file.path;
    if (file.role == SiteFile::Role::Data) return "_data/" + file.path;
    return std::nullopt;
}

Document JekyllPlatform::read(std::string_view bytes, std::string path, std::string display_path,
                              Warnings& warnings) const {
    Document document = begin_document(bytes, std::move(path), std::move(display_path));
    document.body_syntax = name();

    // Front matter: "---" at byte 0 up to a line "---" or "..." (Jekyll's regex).
    std::size_t body_begin = 0;
    std::size_t data_begin = bytes.substr(0, 3) == "---" ? end_of_blank_rest(bytes, 3)
                                                         : std::string_view::npos;
    if (data_begin != std::string_view::npos) {
        std::size_t line = data_begin;
        std::size_t data_end = std::string_view::npos;
        while (line < bytes.size()) {
            std::string_view head = bytes.substr(line, 3);
            if (head == "---" || head == "...") {
                std::size_t after = end_of_blank_rest(bytes, line + 3);
                if (after != std::string_view::npos) {
                    data_end = line;
                    body_begin = after;
                    break;
                }
            }
            auto newline = bytes.find('\n', line);
            if (newline == std::string_view::npos) break;
            line = newline + 1;
        }
        if (data_end == std::string_view::npos)
            throw ParseError(SourceLocation{document.display_path, 1, 1},
                             "unterminated YAML front matter: no closing '---' or '...' line");
        document.format = FrontMatterFormat::Yaml;
        document.front_matter_line = line_column_at(bytes, data_begin).line;
        document.front_matter =
            parse_yaml(bytes.substr(data_begin, data_end - data_begin), YamlDialect::Psych,
                       SourceLocation{document.display_path, document.front_matter_line, 1}, warnings);
    }
    document.raw_front_matter = std::string(bytes.substr(0, body_begin));
    document.body = std::string(bytes.substr(body_begin));
    document.crlf = uses_crlf(document.raw_front_matter);

    std::vector<std::string> parts = split_path(document.path);
    std::string file = parts.empty() ? std::string() : parts.back();
    if (!parts.empty()) parts.pop_back();
    auto posts = std::find(parts.begin(), parts.end(), posts_folder);
    if (posts != parts.end()) {
        Date date;
        if (!parse_post_name(file, date, document.slug, document.extension))
            throw NotAnArticle(SourceLocation{document.display_path, 0, 0},
                             "not a Jekyll post file name (YYYY-MM-DD-slug.ext); Jekyll ignores this file");
        document.path_date = date;
        // Folders above _posts are categories, those inside are not; both keep their place.
        document.path_categories.assign(parts.begin(), posts);
        parts.erase(posts);
        document.kind = DocumentKind::Post;
    } else {
        auto dot = file.rfind('.');
        document.extension = dot == std::string::npos ? std::string(".md") : file.substr(dot);
        document.slug = dot == std::string::npos ? file : file.substr(0, dot);
        if (!parts.empty() && parts.front() == drafts_folder) {
            parts.erase(parts.begin());
            document.kind = DocumentKind::Draft;
        } else if (!parts.empty() && is_collection_folder(parts.front())) {
            // A collection's documents are the pages of a section named after it.
            parts.front().erase(0, 1);
            document.kind = DocumentKind::Page;
        } else {
            document.kind = document.path.empty() ? DocumentKind::Post : DocumentKind::Page;
        }
    }
    document.folders = std::move(parts);
    const Value* published = document.front_matter.find("published");
    if (published && published->is_bool() && !published->as_bool() && document.kind == DocumentKind::Post)
        document.kind = DocumentKind::Draft;
    return document;
}

void JekyllPlatform::apply_site_defaults(Document& document, const SiteConfig& site) const {
    const Value* sets = site.extras.find("defaults");
    if (sets == nullptr || !sets->is_array()) return;
    // Jekyll 4.3 types drafts as posts (they are the posts collection's).
    const std::vector<std::string> parts = split_path(document.path);
    std::string type = "pages";
    if (document.path_date || (!parts.empty() && parts.front() == drafts_folder))
        type = "posts";
    else if (parts.size() > 1 && is_collection_folder(parts.front()))
        type = parts.front().substr(1);
    // FrontmatterDefaults#all.
    Table defaults;
    const Table* old_scope = nullptr;
    for (const auto& set : sets->as_array()) {
        const Table* values = set.is_table() ? table_at(set.as_table(), "values") : nullptr;
        if (values == nullptr) continue;
        const Table* scope = table_at(set.as_table(), "scope");
        if (!scope_type_applies(scope, type) || !scope_path_applies(scope_path(scope), document.path)) continue;
        if (has_precedence(old_scope, scope)) {
            deep_merge(defaults, *values);
            old_scope = scope;
        } else {
            Table merged = *values;
            deep_merge(merged, defaults);
            defaults = std::move(merged);
        }
    }
    // The file's own keys win; only whole keys are added.
    for (const auto& entry : defaults) {
        if (document.front_matter.find(entry.key)) continue;
        Value value = entry.value;
        value.set_line(0);  // not a line of this file
        document.front_matter.set(entry.key, std::move(value));
        document.added_keys.push_back(entry.key);
    }
    const Value* published = document.front_matter.find("published");
    if (published && published->is_bool() && !published->as_bool() && document.kind == DocumentKind::Post)
        document.kind = DocumentKind::Draft;
}

void JekyllPlatform::to_common(Document& document, Warnings& warnings) const {
    Table& table = document.front_matter;
    // Only the bool false hides a post ("false" publishes).
    if (const Value* published = table.find("published"); published && published->is_bool()) {
        if (Value* draft = rename_field(document, "published", field::draft, warnings)) {
            int line = draft->line();
            *draft = Value(!draft->as_bool());
            draft->set_line(line);
        }
    }
    for (const auto& name : renamed_fields) rename_field(document, name.jekyll, name.common, warnings);
    // The plural forms are split on whitespace, as Jekyll does.
    for (std::string_view taxonomy : {field::tags, field::categories}) {
        Value* terms = table.find(taxonomy);
        if (!terms || !terms->is_string()) continue;
        Array split;
        for (auto& term : split_on_whitespace(terms->as_string())) split.emplace_back(std::move(term));
        int line = terms->line();
        *terms = Value(std::move(split));
        terms->set_line(line);
    }
    // The singular forms are one term each (never split); Jekyll merges
    // `category` into the categories, and reads `tag` instead of `tags`.
    for (auto [singular, plural] : {std::pair{"category", field::categories}, std::pair{"tag", field::tags}}) {
        if (!table.find(singular) || table.find(plural)) continue;
        if (Value* terms = rename_field(document, singular, plural, warnings); terms && terms->is_string()) {
            int line = terms->line();
            *terms = Value(Array{Value(terms->as_string())});
            terms->set_line(line);
        }
    }
    // Jekyll puts the folders above _posts first among a post's categories.
    if (!document.path_categories.empty()) {
        Array merged;
        for (const auto& category : document.path_categories) merged.emplace_back(category);
        if (Value* categories = table.find(field::categories); categories && categories->is_array()) {
            for (auto& term : categories->as_array())
                if (std::find(merged.begin(), merged.end(), term) == merged.end()) merged.push_back(term);
            const int line = categories->line();
            *categories = Value(std::move(merged));
            categories->set_line(line);
        } else if (!categories) {
            table.set(std::string(field::categories), Value(std::move(merged)));
            document.added_keys.emplace_back(field::categories);
        }
    }
    // Psych reads a date-time without an offset as UTC; say so, since Hugo
    // would read it in the site's timeZone.
    std::vector<std::string> path;
    mark_utc(table, path, document.type_hints);
}

void JekyllPlatform::from_common(Document& document, const WriteOptions& options,
                                 Warnings& warnings) const {
    Table& table = document.front_matter;
    for (const auto& name : renamed_fields) rename_field(document, name.common, name.jekyll, warnings);
    for (std::string_view key : hugo_only_fields) {
        if (const Value* value = table.find(key))
            warnings.add(WarningKind::FieldNotMapped, front_matter_location(document, value),
                         "'" + std::string(key) + "' has no Jekyll counterpart: kept, but Jekyll ignores it");
    }

    // Jekyll has no translations; themes and plugins (jekyll-seo-tag) read `lang`.
    if (!document.language.empty() && !table.find("lang")) {
        table.set("lang", document.language);
        document.added_keys.emplace_back("lang");
    }

    std::optional<Date> date = post_date(table);
    if (!date) date = document.path_date;
    if (document.kind == DocumentKind::Post && !date) document.kind = DocumentKind::Page;

    document.format = FrontMatterFormat::Yaml;
    LoweringOptions lowering;
    lowering.target = LoweringTarget::YamlPsych;
    auto hints = lower_values(table, lowering, warnings, front_matter_location(document));
    document.type_hints.insert(document.type_hints.end(), hints.begin(), hints.end());

    const std::string name = output_slug(document) + document.extension;
    // Hugo's `posts` section is what Jekyll's _posts/ is: no subfolder for it.
    std::vector<std::string> folders = document.folders;
    if (document.kind != DocumentKind::Page && !folders.empty() && folders.front() == "posts")
        folders.erase(folders.begin());
    std::vector<std::string> parts;
    switch (document.kind) {
        case DocumentKind::Post:
            parts.emplace_back(posts_folder);
            parts.insert(parts.end(), folders.begin(), folders.end());
            parts.push_back(format_date(*date) + "-" + name);
            break;
        case DocumentKind::Draft:
            parts.emplace_back(drafts_folder);
            parts.insert(parts.end(), folders.begin(), folders.end());
            parts.push_back(name);
            break;
        case DocumentKind::Page:
            parts = document.folders;
            parts.push_back(document.slug == "_index" ? "index" + document.extension : name);
            break;
    }
    document.path = join_path(parts);

    // Where Jekyll's pattern would publish the article elsewhere than its
    // site did (a Hugo section's own pattern, a translation's language
    // folder), its own permalink keeps the URL.
    if (options.site && document.source_url && !table.find("permalink") &&
        published_url(document, *options.site) != document.source_url) {
        table.set("permalink", *document.source_url);
        document.added_keys.emplace_back("permalink");
    }
}

Body JekyllPlatform::read_body(const Document& document, BodyContext& context, Warnings& warnings) const {
    // A post's own excerpt_separator beats the site's.
    if (const Value* separator = document.front_matter.find(excerpt_separator_key);
        separator && separator->is_string())
        context.excerpt_separator = separator->as_string();
    return read_liquid_body(document.body, context, warnings);
}

std::string JekyllPlatform::write_body(const Body& body, Document& document, BodyContext& context,
                                       Warnings& warnings) const {
    const bool has_divider = std::any_of(body.begin(), body.end(), [](const BodyNode& node) {
        return node.kind == BodyNode::Kind::SummaryDivider;
    });
    // Jekyll's default excerpt is the first paragraph; Hugo's divider only
    // counts where the site or the post says so.
    if (has_divider && context.excerpt_separator != summary_divider &&
        !document.front_matter.find(excerpt_separator_key)) {
        document.front_matter.set(std::string(excerpt_separator_key), std::string(summary_divider));
        document.added_keys.emplace_back(excerpt_separator_key);
    }
    return write_liquid_body(body, context, warnings);
}

std::string JekyllPlatform::write_front_matter_data(const Document& document) const {
    return write_yaml(document.front_matter);
}

std::string JekyllPlatform::write(const Document& document) const {
    return assemble_file(document, write_front_matter_data(document), "---");
}

}  // namespace postport
