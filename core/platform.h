// A platform (Hugo, Jekyll, ...) as the conversion driver sees it: where its
// articles live in a site, how one file reads into a Document and how a
// Document is written back. Implementations live in converters/<name>/.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/document.h"

namespace postport {

struct WriteOptions {
    // Front matter format for platforms that accept several (Hugo); None = the
    // platform's choice.
    FrontMatterFormat front_matter = FrontMatterFormat::None;
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
    virtual void list_documents(const std::filesystem::path& root, std::vector<std::string>& documents,
                                std::vector<std::string>& others) const = 0;

    // Reads one file: splits front matter and body as the platform does, types
    // the front matter as the platform's reader would, and fills in what the
    // path says. `path` is site-relative (may be empty). Throws ParseError.
    [[nodiscard]] virtual Document read(std::string_view bytes, std::string path,
                                        std::string display_path, Warnings& warnings) const = 0;
    // Platform keys and values -> the common vocabulary (core/fields.h).
    virtual void to_common(Document& document, Warnings& warnings) const = 0;
    // Common vocabulary -> this platform: keys, values, lowering for the
    // front matter format, the site-relative output path.
    virtual void from_common(Document& document, const WriteOptions& options,
                             Warnings& warnings) const = 0;
    // The front matter data (no delimiters, "\n" line breaks) as this
    // platform's writer emits it for `document.format`.
    [[nodiscard]] virtual std::string write_front_matter_data(const Document& document) const = 0;
    // The whole file: BOM, delimiters, data (with the document's line breaks), body.
    [[nodiscard]] virtual std::string write(const Document& document) const = 0;
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
