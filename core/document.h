// One article as postport holds it between a reader and a writer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/codecs.h"
#include "core/lower.h"
#include "core/value.h"

namespace postport {

enum class DocumentKind {
    Post,   // dated article
    Draft,  // unpublished article (Hugo draft, Jekyll _drafts/ or published: false)
    Page,   // undated page (about, contact)
};

std::string_view kind_name(DocumentKind kind);

struct Document {
    // Path relative to the site root, '/'-separated (empty for standard input).
    std::string path;
    // The file as the user named it, for messages.
    std::string display_path;
    DocumentKind kind = DocumentKind::Post;

    bool bom = false;
    FrontMatterFormat format = FrontMatterFormat::None;
    // The front matter block exactly as read: from after the BOM through the
    // closing delimiter and the line break after it.
    std::string raw_front_matter;
    // Line of the file where the front matter's data starts (for messages).
    int front_matter_line = 1;
    bool crlf = false;  // the front matter uses CRLF line breaks
    Table front_matter;
    // Everything after the front matter, byte for byte.
    std::string body;
    // The platform whose template language the body is written in (a name in
    // the registry: shortcodes for "hugo", Liquid for "jekyll"); empty for a
    // body with none (Markdown or HTML only). Formats that carry bodies of
    // any platform (JSON) read and write a body through that platform.
    std::string body_syntax;
    // The platform the article was first written for: the reader's own name
    // (set by the conversion), or what a format that carries articles of any
    // platform (JSON) says.
    std::string source_platform;

    // What the path says about the article.
    std::optional<Date> path_date;     // Jekyll: the date in the file name
    std::string slug;                  // the file (or bundle) name without date and extension
    std::string extension = ".md";     // including the dot
    std::vector<std::string> folders;  // Hugo sections, Jekyll category and sub folders
    std::string language;              // Hugo: the language of a translation (about.fr.md)
    std::vector<std::string> path_categories;  // Jekyll: the folders above _posts

    // Where the source site publishes the article (a URL path), when the
    // conversion knows: the writer keeps it if its platform would not.
    std::optional<std::string> source_url;

    // Top-level keys a conversion added that the source did not have.
    std::vector<std::string> added_keys;
    // Values lowered for the target format, to restore on the way back.
    std::vector<TypeHint> type_hints;
};

}  // namespace postport
