// A platform (Hugo, Jekyll, ...) as the conversion driver sees it: where its
// articles live in a site, how one file reads into a Document and how a
// Document is written back. Implementations live in converters/<name>/.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/archive.h"
#include "core/body.h"
#include "core/paths.h"
#include "core/sorted_paths.h"
#include "core/diagnostics.h"
#include "core/document.h"
#include "core/text.h"

namespace postport {

// A file a conversion writes besides the articles (config, templates).
struct OutputFile {
    std::string path;  // relative to the output root
    std::string bytes;
};

// Site-wide settings in common terms, so that each platform maps only its own
// configuration. Keys of `settings` (all optional):
//   title, description, language (e.g. "en-us"), time_zone (IANA name),
//   url (scheme and host, "https://example.org"), base_path ("/blog" or ""),
//   permalinks (table: section -> pattern in Hugo's tokens, ":year/:month/:slug/"),
//   taxonomies (table: singular -> plural), excerpt_separator, params (table),
//   summary_length (int), paginate (int).
// Everything else the source config says is in `extras` under its own key, for
// the way back; the writer reports what it cannot use.
// Tables a platform works out from a site config once for all the site's
// articles (its own config table, for published URLs), kept with the config.
// A copy starts empty; a config must not change once it has been asked.
class DerivedTables {
public:
    DerivedTables() = default;
    DerivedTables(const DerivedTables& /*other*/) {}
    DerivedTables& operator=(const DerivedTables& /*other*/) {
        const std::lock_guard lock(mutex_);
        tables_.clear();
        return *this;
    }
    ~DerivedTables() = default;
    // The table `make` gives for `key`, made on the first call. Safe to call
    // from several threads.
    [[nodiscard]] const Table& get(std::string_view key, const std::function<Table()>& make) const {
        const std::lock_guard lock(mutex_);
        auto found = tables_.find(key);
        if (found == tables_.end()) found = tables_.emplace(std::string(key), make()).first;
        return found->second;
    }

private:
    mutable std::mutex mutex_;
    mutable std::map<std::string, Table, std::less<>> tables_;  // nodes stay put: references stay valid
};

struct SiteConfig {
    std::string source_platform;
    Table settings;
    Table extras;
    DerivedTables derived;
};

// What a file of a site that is not an article is, in terms another
// platform can place.
struct SiteFile {
    enum class Role {
        Published,  // copied as is to the built site; `path` is its URL path ("img/a.png")
        Data,       // a data file (Hugo data/, Jekyll _data/); `path` is relative to that folder
        Config,     // the site configuration (converted on its own)
        Template,   // layouts, includes, shortcodes, themes: not carried, reported
        Ignored,    // build output and caches
    };
    Role role = Role::Ignored;
    std::string path;
};

struct WriteOptions {
    // Front matter format for platforms that accept several (Hugo); None = the
    // platform's choice.
    FrontMatterFormat front_matter = FrontMatterFormat::None;
    // The config of the site the article comes from, in common terms (the
    // target's config is written from it); null for a single post. With it
    // a writer can tell where its platform would publish the article, and
    // keep Document::source_url where that differs.
    const SiteConfig* site = nullptr;
};

class Platform {
public:
    virtual ~Platform() = default;

    [[nodiscard]] virtual std::string_view name() const = 0;
    [[nodiscard]] virtual std::string_view description() const = 0;

    // Whether `directory` looks like a site root of this platform.
    [[nodiscard]] virtual bool is_site_root(const std::filesystem::path& directory) const = 0;
    // The article files of a site, as '/'-separated paths relative to `root`,
    // sorted; files that are not articles go to `others`.
    virtual void list_documents(const std::filesystem::path& root, SortedPaths& documents,
                                SortedPaths& others) const = 0;

    // Reads one file: splits front matter and body as the platform does, types
    // the front matter as the platform's reader would, and fills in what the
    // path says. `path` is site-relative (may be empty). Throws ParseError.
    [[nodiscard]] virtual Document read(std::string_view bytes, std::string path,
                                        std::string display_path, Warnings& warnings) const = 0;
    // What the site's config says of an article that its own file does not
    // (Jekyll's front matter `defaults`), put into its front matter before
    // to_common, each key listed in added_keys.
    virtual void apply_site_defaults(Document& /*document*/, const SiteConfig& /*site*/) const {}
    // Platform keys and values -> the common vocabulary (core/fields.h).
    virtual void to_common(Document& document, Warnings& warnings) const = 0;
    // Common vocabulary -> this platform: keys, values, lowering for the
    // front matter format, the site-relative output path.
    virtual void from_common(Document& document, const WriteOptions& options,
                             Warnings& warnings) const = 0;
    // The document's body as nodes: this platform's template constructs found,
    // everything else text. Never throws: bad constructs become Raw nodes and
    // warnings.
    [[nodiscard]] virtual Body read_body(const Document& document, BodyContext& context,
                                         Warnings& warnings) const = 0;
    // Body text for this platform. May add front matter the body needs to
    // mean the same (Jekyll's excerpt_separator), listing it in added_keys.
    [[nodiscard]] virtual std::string write_body(const Body& body, Document& document,
                                                 BodyContext& context, Warnings& warnings) const = 0;
    // The URL path ("/2021/09/27/a.html") at which a site of this platform
    // with config `site` (in common terms) publishes `document`, given as
    // to_common leaves it (or, for a writer's own check, as from_common
    // does); nullopt when it cannot tell (an undated draft) or the platform
    // does not say.
    [[nodiscard]] virtual std::optional<std::string> published_url(const Document& /*document*/,
                                                                   const SiteConfig& /*site*/) const {
        return std::nullopt;
    }
    // The front matter data (no delimiters, "\n" line breaks) as this
    // platform's writer emits it for `document.format`.
    [[nodiscard]] virtual std::string write_front_matter_data(const Document& document) const = 0;
    // A fingerprint of the front matter as this platform's file keeps it, to
    // notice edits after a conversion: of the typed values and their order
    // (core/value.h), unless the file does not keep that order (Ghost's
    // columns), where it is that of write_front_matter_data.
    [[nodiscard]] virtual std::string front_matter_fingerprint(const Document& document) const {
        return fingerprint(document.front_matter);
    }
    // The whole file: BOM, delimiters, data (with the document's line breaks), body.
    [[nodiscard]] virtual std::string write(const Document& document) const = 0;

    // What a non-article file of this site (relative path) is.
    [[nodiscard]] virtual SiteFile classify(std::string_view relative) const = 0;
    // Where this platform keeps `file` (relative to the site root); nullopt
    // when it has no place for it.
    [[nodiscard]] virtual std::optional<std::string> place(const SiteFile& file) const = 0;
    // The URL path at which a file kept at `relative` is published, if it is
    // (bundle resources, static files).
    [[nodiscard]] std::optional<std::string> url_of(std::string_view relative) const;

    // The site's configuration in common terms; nullopt when it has none.
    // Throws ParseError for a malformed config file.
    [[nodiscard]] virtual std::optional<SiteConfig> read_config(const std::filesystem::path& root,
                                                                Warnings& warnings) const = 0;
    // This platform's config file(s) for `config`.
    [[nodiscard]] virtual std::vector<OutputFile> write_config(const SiteConfig& config,
                                                               Warnings& warnings) const = 0;

    // The text of the site's own template for call `name` (Hugo
    // layouts/shortcodes/NAME.html, Jekyll _includes/NAME.html), if any.
    [[nodiscard]] virtual std::optional<std::string> read_template(
        const std::filesystem::path& root, std::string_view name) const = 0;
    // Templates for the calls converted bodies make: the site's own template
    // (`source_text`, written for `source_platform`) translated where it can
    // be, a working equivalent for the platform built-ins, else a stub that
    // shows its parameters, reported as needing porting. `used` pairs each
    // call name with the source site's template text for it, if it has one.
    [[nodiscard]] virtual std::vector<OutputFile> write_templates(
        const std::vector<std::pair<std::string, std::optional<std::string>>>& used,
        std::string_view source_platform, Warnings& warnings) const = 0;
    // Minimal layouts that show an article (title, date, tags, content), for a
    // converted site that brings no theme along.
    [[nodiscard]] virtual std::vector<OutputFile> write_layouts() const = 0;

    // How a site of this platform is packed into one file, for platforms
    // whose sites are one file (JSON exports); null for folder platforms.
    [[nodiscard]] virtual const SiteArchive* archive() const { return nullptr; }
};

class Registry {
public:
    void add(std::unique_ptr<Platform> platform);
    [[nodiscard]] const Platform* find(std::string_view name) const;
    [[nodiscard]] const std::vector<std::unique_ptr<Platform>>& all() const { return platforms_; }

private:
    std::vector<std::unique_ptr<Platform>> platforms_;
};

// The registry with every platform postport ships (converters/registration.cpp).
const Registry& builtin_platforms();

}  // namespace postport
