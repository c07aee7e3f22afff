// The Ghost export file as a site archive: unpacking an export of any
// version (1.x to 5.x) into article files, and packing article files into a
// file Ghost 5 imports.
#include <algorithm>
#include <map>
#include <set>

#include "converters/ghost/ghost.h"
#include "converters/ghost/vocabulary.h"
#include "core/site.h"
#include "core/text.h"
#include "core/typed_json.h"

namespace postport {

namespace {

using ghost::Json;

// Where postport keeps, inside the export, what Ghost has no table for:
// db[0].postport. Ghost's importer reads only db[0].meta and db[0].data (a
// second key at the top level would make it take the top level for db[0]).
constexpr std::string_view archive_key = "postport";
constexpr std::string_view files_key = "files";              // the site record and config record
constexpr std::string_view long_side_channels_key = "frontmatter";  // post id -> text too long for posts_meta
constexpr std::string_view ghost_url_placeholder = "__GHOST_URL__";
constexpr std::string_view written_version = "5.0.0";

// The tables an article file holds; every other table of the export stays in site.json.
constexpr std::string_view article_tables[] = {"posts", "posts_tags", "posts_authors", "posts_meta"};

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    if (from.empty()) return text;
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// An id as a string: Ghost 1.x+ uses strings, 0.x numbers.
std::string id_of(const Json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_integer()) return value.dump();
    return {};
}

const Json* member(const Json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    auto found = object.find(std::string(key));
    return found == object.end() || found->is_null() ? nullptr : &*found;
}

std::string string_member(const Json& object, std::string_view key) {
    const Json* value = member(object, key);
    return value && value->is_string() ? value->get<std::string>() : std::string();
}

std::string dump_pretty(const Json& json) { return json.dump(2, ' ', false, Json::error_handler_t::strict) + "\n"; }

// One article slug per post, safe as a file name and unique.
class SlugClaims {
public:
    std::string claim(std::string slug) {
        if (taken_.insert(slug).second) return slug;
        for (int n = 2;; ++n) {
            std::string candidate = slug + "-" + std::to_string(n);
            if (taken_.insert(candidate).second) return candidate;
        }
    }

private:
    std::set<std::string> taken_;
};

bool is_safe_file_name(std::string_view name) {
    return is_safe_relative_path(name) && name.find('/') == std::string_view::npos && !name.starts_with('.');
}

// An export's rows joined to a post (posts_tags, posts_authors), in sort order.
std::map<std::string, std::vector<std::string>> joined(const Json* rows, std::string_view target_key) {
    std::map<std::string, std::vector<std::pair<double, std::string>>> ordered;
    if (rows && rows->is_array()) {
        for (const Json& row : *rows) {
            const Json* post = member(row, "post_id");
            const Json* target = member(row, target_key);
            if (!post || !target) continue;
            const Json* order = member(row, "sort_order");
            auto& list = ordered[id_of(*post)];
            const double position = order && order->is_number() ? order->get<double>() : static_cast<double>(list.size());
            list.emplace_back(position, id_of(*target));
        }
    }
    std::map<std::string, std::vector<std::string>> result;
    for (auto& [post, list] : ordered) {
        std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (auto& entry : list) result[post].push_back(std::move(entry.second));
    }
    return result;
}

std::map<std::string, const Json*> by_id(const Json* rows) {
    std::map<std::string, const Json*> index;
    if (rows && rows->is_array())
        for (const Json& row : *rows)
            if (const Json* id = member(row, "id")) index[id_of(*id)] = &row;
    return index;
}

// Reads one export (already parsed) into article files and site.json.
class Unpacker {
public:
    Unpacker(std::string_view text, const std::string& display, SiteSink& sink, Warnings& warnings)
        : text_(text), display_(display), sink_(sink), warnings_(warnings) {}

    void run(const Json& root) {
        const Json& exported = envelope(root);
        const Json* data = member(exported, "data");
        if (!data || !data->is_object()) fail("the export has no \"data\" object (expected {\"meta\":...,\"data\":{\"posts\":[...],...}})");
        check_version(exported);
        read_settings(*data);
        tags_ = by_id(member(*data, "tags"));
        users_ = by_id(member(*data, "users"));
        post_tags_ = joined(member(*data, "posts_tags"), "tag_id");
        post_authors_ = joined(member(*data, "posts_authors"), "author_id");
        if (const Json* metas = member(*data, "posts_meta"); metas && metas->is_array())
            for (const Json& meta : *metas)
                if (const Json* post = member(meta, "post_id")) metas_[id_of(*post)] = &meta;
        const Json* kept = member(exported, archive_key);
        long_side_channels_ = kept ? member(*kept, long_side_channels_key) : nullptr;

        if (const Json* posts = member(*data, "posts")) {
            if (!posts->is_array()) fail("\"data.posts\" is not an array of posts");
            for (std::size_t i = 0; i < posts->size(); ++i) unpack_post((*posts)[i], i);
        }
        write_site(*data);
        if (const Json* files = kept ? member(*kept, files_key) : nullptr; files && files->is_object())
            for (const auto& [path, bytes] : files->items()) {
                if (!bytes.is_string() || !is_safe_relative_path(path)) {
                    warn(WarningKind::NotConverted, "db[0].postport.files: refusing '" + path +
                                                        "': not a file inside the output folder");
                    continue;
                }
                sink_.write(path, bytes.get<std::string>());
            }
    }

private:
    [[noreturn]] void fail(const std::string& message) const {
        throw ParseError(json_start_location(text_, SourceLocation{display_, 1, 1}), message);
    }

    void warn(WarningKind kind, std::string message) {
        warnings_.add(kind, SourceLocation{display_, 0, 0}, std::move(message));
    }

    // {"db":[{meta,data}]} or {meta,data}, as Ghost's importer tells them apart.
    const Json& envelope(const Json& root) const {
        if (!root.is_object())
            fail("expected a Ghost export: {\"db\":[{\"meta\":...,\"data\":...}]} or {\"meta\":...,\"data\":...}");
        if (root.size() == 1 || root.contains("db")) {
            const Json* db = member(root, "db");
            if (!db || !db->is_array() || db->empty() || !(*db)[0].is_object())
                fail("expected a Ghost export: a top level with one key must be \"db\", an array holding "
                     "{\"meta\":...,\"data\":...}");
            return (*db)[0];
        }
        if (!root.contains("data")) {
            std::string keys;
            for (const auto& [key, value] : root.items()) keys += (keys.empty() ? "'" : ", '") + key + "'";
            fail("expected a Ghost export: {\"db\":[{\"meta\":...,\"data\":...}]} or {\"meta\":...,\"data\":...}; "
                 "found keys " + keys);
        }
        return root;
    }

    void check_version(const Json& exported) {
        const std::string version = string_member(member(exported, "meta") ? exported["meta"] : Json(), "version");
        const bool semver = std::count(version.begin(), version.end(), '.') == 2;
        if (!semver)
            warn(WarningKind::NotConverted, "meta.version '" + version +
                                                "' is not a semver version: Ghost 1.x+ would refuse to import this file");
    }

    void read_settings(const Json& data) {
        const Json* rows = member(data, "settings");
        if (!rows || !rows->is_array()) return;
        for (const Json& row : *rows) {
            const std::string key = string_member(row, "key");
            const Json* value = member(row, "value");
            if (!value || !value->is_string()) continue;
            if (key == "title" || key == "description" || key == "timezone" || key == "url")
                settings_[key] = *value;
            else if (key == "locale" || key == "lang")  // lang before 5.x
                settings_["locale"] = *value;
        }
        if (settings_.contains("url")) {
            ghost_url_ = settings_["url"].get<std::string>();
            while (ghost_url_.ends_with('/')) ghost_url_.pop_back();
        }
    }

    std::string expand(std::string text) const {
        return ghost_url_.empty() ? text : replace_all(std::move(text), ghost_url_placeholder, ghost_url_);
    }

    Json expanded(const Json& value) const {
        return value.is_string() ? Json(expand(value.get<std::string>())) : value;
    }

    // The body and whether it is Markdown, read as Ghost does: lexical >
    // mobiledoc > markdown (0.x) > html.
    std::pair<std::string, bool> body_of(const Json& post, Json& article, const std::string& where) {
        const std::string html = string_member(post, "html");
        for (std::string_view editor : {"lexical", "mobiledoc"}) {
            const std::string source = string_member(post, editor);
            if (source.empty()) continue;
            auto card = editor == "lexical" ? ghost::single_card_of_lexical(source)
                                            : ghost::single_card_of_mobiledoc(source);
            if (card) return {card->text, card->kind == ghost::CardBody::Kind::Markdown};
            if (html.empty()) {
                // Nothing else holds the content: keep the editor document itself.
                warn(WarningKind::NotConverted, where + ": rich " + std::string(editor) +
                                                    " content without its html rendering: kept as the '" +
                                                    std::string(editor) + "' field, the body is empty");
                article[std::string(editor)] = source;
                return {std::string(), false};
            }
            warn(WarningKind::NotConverted, where + ": written in Ghost's editor (" + std::string(editor) +
                                                ", not one Markdown card): carried as its HTML rendering");
            return {html, false};
        }
        if (const Json* markdown = member(post, "markdown"); markdown && markdown->is_string())
            return {markdown->get<std::string>(), true};
        if (!html.empty()) return {html, false};
        return {std::string(), true};
    }

    std::vector<std::string> names_of(const std::vector<std::string>& ids, const std::map<std::string, const Json*>& rows,
                                      const std::string& where, std::string_view what) {
        std::vector<std::string> names;
        for (const auto& id : ids) {
            auto row = rows.find(id);
            const std::string name = row == rows.end() ? std::string() : string_member(*row->second, "name");
            if (name.empty())
                warn(WarningKind::NotConverted, where + ": " + std::string(what) + " '" + id + "' is not in the export; left out");
            else
                names.push_back(name);
        }
        return names;
    }

    void unpack_post(const Json& post, std::size_t index) {
        const std::string where = "data.posts[" + std::to_string(index) + "]";
        if (!post.is_object()) fail(where + " is not a post object");
        const std::string id = member(post, "id") ? id_of(post["id"]) : std::string();
        const std::string title = string_member(post, "title");
        if (title.empty()) warn(WarningKind::FieldNotMapped, where + ": no title (Ghost requires one)");

        std::string slug = string_member(post, "slug");
        if (slug.empty()) {
            slug = ghost::slug_of(title);
            warn(WarningKind::PathChanged, where + ": no slug; using '" + (slug.empty() ? "untitled" : slug) + "'");
        } else if (!is_safe_file_name(slug)) {
            std::string safe = ghost::slug_of(slug);
            warn(WarningKind::PathChanged, where + ": refusing slug '" + replace_all(slug, std::string_view("\0", 1), "\\0") +
                                               "' (it would name a file outside the output folder); using '" +
                                               (safe.empty() ? "untitled" : safe) + "'");
            slug = std::move(safe);
        }
        if (slug.empty()) slug = "untitled";
        const std::string claimed = slugs_.claim(slug);
        if (claimed != slug)
            warn(WarningKind::PathChanged, where + ": another post already has the slug '" + slug + "'; kept as '" + claimed + "'");

        Json article = Json::object();
        const Json* meta = metas_.count(id) ? metas_[id] : nullptr;
        for (std::string_view key : ghost::article_keys()) {
            if (key == "slug" || key == ghost::tags_key || key == ghost::authors_key) continue;
            // posts_meta (4.x+) before the same fields on the post row (1.x-3.x).
            const Json* value = meta && ghost::meta_column(key) ? member(*meta, key) : nullptr;
            if (!value) value = member(post, key);
            if (key == "type" && !value) {
                if (const Json* page = member(post, "page"))  // 1.x: page true/false
                    article["type"] = (page->is_boolean() ? page->get<bool>() : page->is_number() && page->get<double>() != 0) ? "page" : "post";
                continue;
            }
            if (key == "feature_image" && !value) value = member(post, "image");  // 0.x
            if (value) article[std::string(key)] = expanded(*value);
        }
        for (const auto& [key, value] : post.items()) {
            if (value.is_null() || article.contains(key) || ghost::is_body_column(key) || key == "slug" ||
                key == "page" || key == "image" || key == "author_id" || key == ghost::side_channel_key)
                continue;
            article[key] = expanded(value);
        }
        auto [body, markdown] = body_of(post, article, where);

        if (auto tags = post_tags_.find(id); tags != post_tags_.end())
            article[std::string(ghost::tags_key)] = names_of(tags->second, tags_, where, "tag");
        std::vector<std::string> author_ids;
        if (auto authors = post_authors_.find(id); authors != post_authors_.end()) author_ids = authors->second;
        else if (const Json* author = member(post, "author_id")) author_ids.push_back(id_of(*author));  // 1.x
        if (!author_ids.empty()) article[std::string(ghost::authors_key)] = names_of(author_ids, users_, where, "author");

        const Json* side_channel = meta ? member(*meta, ghost::side_channel_key) : nullptr;
        if (long_side_channels_ && member(*long_side_channels_, id)) side_channel = member(*long_side_channels_, id);
        if (side_channel) article[std::string(ghost::side_channel_key)] = *side_channel;

        sink_.write(std::string(ghost::posts_folder) + "/" + claimed + (markdown ? ".md" : ".html"),
                    dump_pretty(article) + expand(std::move(body)));
    }

    // site.json: the settings in Ghost's names and every table that is not
    // one of a post's, as they were (meta is written afresh when packing).
    void write_site(const Json& data) {
        Json site = Json::object();
        site["settings"] = settings_;
        if (!ghost_url_.empty()) site["ghost_url"] = ghost_url_;
        Json tables = Json::object();
        for (const auto& [name, rows] : data.items())
            if (std::find(std::begin(article_tables), std::end(article_tables), name) == std::end(article_tables))
                tables[name] = rows;
        site["tables"] = std::move(tables);
        sink_.write(std::string(ghost::site_file), dump_pretty(site));
    }

    std::string_view text_;
    const std::string& display_;
    SiteSink& sink_;
    Warnings& warnings_;
    Json settings_ = Json::object();
    std::string ghost_url_;
    std::map<std::string, const Json*> tags_;
    std::map<std::string, const Json*> users_;
    std::map<std::string, std::vector<std::string>> post_tags_;
    std::map<std::string, std::vector<std::string>> post_authors_;
    std::map<std::string, const Json*> metas_;
    const Json* long_side_channels_ = nullptr;
    SlugClaims slugs_;
};

bool is_valid_email(std::string_view email) {
    const auto at = email.find('@');
    return at != std::string_view::npos && at > 0 && email.find('@', at + 1) == std::string_view::npos &&
           email.find_first_of(" \t\r\n") == std::string_view::npos &&
           email.substr(at + 1).find('.') != std::string_view::npos && !email.ends_with('.');
}

// Rows of one Ghost table with unique ids and slugs, found by name.
class NamedRows {
public:
    NamedRows(std::string_view kind, const Json* rows) : kind_(kind) {
        if (rows && rows->is_array())
            for (const Json& row : *rows) add(row);
    }

    // The id of the row named `name`, added if there is none.
    std::string id_for(const std::string& name) {
        if (auto found = by_name_.find(name); found != by_name_.end()) return found->second;
        Json row = Json::object();
        row["id"] = std::string();
        row["name"] = name;
        row["slug"] = std::string();
        return add(row);
    }

    Json& rows() { return rows_; }

private:
    std::string add(Json row) {
        std::string id = member(row, "id") ? id_of(row["id"]) : std::string();
        for (int n = 0; id.empty() || ids_.count(id); ++n)
            id = "00000000" + fingerprint(kind_ + ":" + string_member(row, "name") + ":" + std::to_string(n));
        ids_.insert(id);
        row["id"] = id;
        const std::string name = string_member(row, "name");
        std::string slug = string_member(row, "slug");
        if (slug.empty()) slug = ghost::slug_of(name);
        if (slug.empty()) slug = kind_;
        row["slug"] = slugs_.claim(slug);
        if (kind_ == "tag" && !member(row, "visibility")) row["visibility"] = name.starts_with('#') ? "internal" : "public";
        if (kind_ == "user") {
            std::string email = string_member(row, "email");
            if (!is_valid_email(email) || !emails_.insert(email).second) {
                email = row["slug"].get<std::string>() + "@example.com";
                emails_.insert(email);
            }
            row["email"] = email;
        }
        if (!name.empty()) by_name_.emplace(name, id);
        rows_.push_back(std::move(row));
        return id;
    }

    std::string kind_;
    Json rows_ = Json::array();
    std::map<std::string, std::string> by_name_;
    std::set<std::string> ids_;
    std::set<std::string> emails_;
    SlugClaims slugs_;
};

// Collects the article files a site conversion writes and writes one Ghost 5
// import file at the end.
class GhostPacker final : public SiteSink {
public:
    explicit GhostPacker(std::ostream& out) : out_(out) {}

    void write(const std::string& relative, std::string_view bytes) override {
        written_.insert(relative);
        const std::vector<std::string> parts = split_path(relative);
        const bool markdown = relative.ends_with(".md");
        if (parts.size() == 2 && parts[0] == ghost::posts_folder && (markdown || relative.ends_with(".html"))) {
            const ghost::ArticleSplit split = ghost::split_article(bytes, relative);
            Json object = parse_json_text(bytes.substr(0, split.object_end), SourceLocation{relative, 1, 1});
            if (!object.is_object()) throw ParseError(SourceLocation{relative, 1, 1}, "an article must be a JSON object");
            const std::string& name = parts[1];
            articles_.push_back(Article{name.substr(0, name.rfind('.')), markdown, std::move(object),
                                        std::string(bytes.substr(split.body_begin))});
        } else if (relative == ghost::site_file) {
            site_ = parse_json_text(bytes, SourceLocation{relative, 1, 1});
        } else {
            files_[relative] = std::string(bytes);
        }
    }

    [[nodiscard]] bool exists(const std::string& relative) const override { return written_.count(relative) > 0; }

    void finish() override {
        const Json* tables = member(site_, "tables");
        ghost_url_ = string_member(site_, "ghost_url");
        NamedRows tags("tag", tables ? member(*tables, "tags") : nullptr);
        NamedRows users("user", tables ? member(*tables, "users") : nullptr);
        Json posts = Json::array();
        Json metas = Json::array();
        Json posts_tags = Json::array();
        Json posts_authors = Json::array();
        Json long_side_channels = Json::object();
        std::set<std::string> post_ids;
        SlugClaims slugs;
        std::int64_t latest = 0;

        for (auto& article : articles_) {
            std::string id = string_member(article.object, "id");
            for (int n = 0; id.empty() || post_ids.count(id); ++n)
                id = "00000000" + fingerprint("post:" + article.slug + ":" + std::to_string(n));
            post_ids.insert(id);
            Json post = Json::object();
            post["id"] = id;
            const std::string title = string_member(article.object, "title");
            post["title"] = title.empty() ? "(Untitled)" : title;
            post["slug"] = slugs.claim(article.slug);
            const ghost::CardBody body{article.markdown ? ghost::CardBody::Kind::Markdown : ghost::CardBody::Kind::Html,
                                       placeholder(article.body)};
            post["mobiledoc"] = ghost::mobiledoc_of(body);
            Json meta = Json::object();
            meta["post_id"] = id;
            for (const auto& [key, value] : article.object.items()) {
                if (key == "id" || key == "title" || key == "slug" || key == ghost::tags_key || key == ghost::authors_key ||
                    value.is_null())
                    continue;
                if (key == ghost::side_channel_key && value.is_string() && value.get_ref<const std::string&>().size() > ghost::side_channel_limit) {
                    long_side_channels[id] = value;
                    continue;
                }
                const auto kind = ghost::post_column(key) ? ghost::post_column(key) : ghost::meta_column(key);
                Json written = value.is_string() ? Json(placeholder(value.get<std::string>())) : value;
                if (kind == ghost::ColumnKind::Date) {
                    if (auto date = ghost::parse_date(value)) {
                        written = format_datetime(*date);
                        latest = std::max(latest, ghost::epoch_milliseconds(*date));
                    }
                } else if (kind == ghost::ColumnKind::Bool && value.is_number()) {
                    written = value.get<double>() != 0;
                }
                (ghost::meta_column(key) || key == ghost::side_channel_key ? meta : post)[key] = std::move(written);
            }
            posts.push_back(std::move(post));
            if (meta.size() > 1) metas.push_back(std::move(meta));
            join(article.object, ghost::tags_key, id, "tag_id", tags, posts_tags);
            join(article.object, ghost::authors_key, id, "author_id", users, posts_authors);
        }

        Json meta = Json::object();
        if (latest > 0) meta["exported_on"] = latest;
        meta["version"] = written_version;
        Json data = Json::object();
        data["posts"] = std::move(posts);
        data["posts_meta"] = std::move(metas);
        data["tags"] = std::move(tags.rows());
        data["posts_tags"] = std::move(posts_tags);
        data["users"] = std::move(users.rows());
        data["posts_authors"] = std::move(posts_authors);
        if (tables && tables->is_object()) {
            for (const auto& [name, rows] : tables->items())
                if (!data.contains(name)) data[name] = rows;
        } else if (const Json* settings = member(site_, "settings"); settings && settings->is_object()) {
            Json rows = Json::array();
            for (const auto& [key, value] : settings->items())
                if (key != "url") rows.push_back(Json{{"key", key}, {"value", value}});
            if (!rows.empty()) data["settings"] = std::move(rows);
        }
        Json exported = Json::object();
        exported["meta"] = std::move(meta);
        exported["data"] = std::move(data);
        Json kept = Json::object();
        if (!files_.empty()) kept[std::string(files_key)] = files_;
        if (!long_side_channels.empty()) kept[std::string(long_side_channels_key)] = std::move(long_side_channels);
        if (!kept.empty()) exported[std::string(archive_key)] = std::move(kept);
        Json root = Json::object();
        root["db"] = Json::array({std::move(exported)});
        out_ << root.dump(-1, ' ', false, Json::error_handler_t::strict) << '\n';
        if (!out_) throw std::runtime_error("cannot write the Ghost file");
    }

private:
    struct Article {
        std::string slug;
        bool markdown = true;
        Json object;
        std::string body;
    };

    // The site's own URL back to Ghost's placeholder, where reading expanded it.
    std::string placeholder(std::string text) const {
        return ghost_url_.empty() ? text : replace_all(std::move(text), ghost_url_, ghost_url_placeholder);
    }

    static void join(const Json& article, std::string_view key, const std::string& post_id, const char* target_key,
                     NamedRows& rows, Json& joins) {
        const Json* names = member(article, key);
        if (!names || !names->is_array()) return;
        int order = 0;
        for (const Json& name : *names) {
            if (!name.is_string()) continue;
            joins.push_back(Json{{"post_id", post_id}, {target_key, rows.id_for(name.get<std::string>())}, {"sort_order", order++}});
        }
    }

    std::ostream& out_;
    std::vector<Article> articles_;
    Json site_ = Json::object();
    Json files_ = Json::object();
    std::set<std::string> written_;
    std::string ghost_url_;
};

}  // namespace

bool GhostArchive::holds_site(std::string_view head) const {
    const Json root = Json::parse(head, nullptr, false);
    if (root.is_object()) return root.contains("db") || root.contains("data");
    // Malformed JSON, or the head of a larger export: an export when its
    // first key says so (unpack reports where it breaks).
    std::size_t at = head.find_first_not_of(" \t\r\n");
    if (at == std::string_view::npos || head[at] != '{') return false;
    at = head.find_first_not_of(" \t\r\n", at + 1);
    if (at == std::string_view::npos) return false;
    for (std::string_view key : {"\"db\"", "\"meta\"", "\"data\""})
        if (head.substr(at, key.size()) == key) return true;
    return false;
}

// Read whole: an export's join tables (tags, authors, posts_meta) may come
// after its posts, and Ghost's own importer reads it whole too.
void GhostArchive::unpack(std::istream& in, const std::string& display, SiteSink& sink, Warnings& warnings) const {
    const std::string text = read_rest(in);
    const Json root = parse_json_text(text, SourceLocation{display, 1, 1});
    try {
        Unpacker(text, display, sink, warnings).run(root);
    } catch (const Json::exception& error) {
        // Text that is not UTF-8, a value of an unexpected type deep down.
        throw ParseError(json_start_location(text, SourceLocation{display, 1, 1}), error.what());
    }
}

std::unique_ptr<SiteSink> GhostArchive::packer(std::ostream& out, std::string_view /*output_name*/) const {
    return std::make_unique<GhostPacker>(out);
}

}  // namespace postport
