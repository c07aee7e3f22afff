// The members of postport's JSON post object, shared by the platform (which
// reads and writes posts) and the site archive (which validates them).
//
// A post, in this member order (optional members marked ?):
//   format               "postport-post"
//   version              1
//   source               the platform the post was written for ("hugo", "jekyll")
//   path                 its path in that site ("content/post/x.md")
//   kind                 "post", "draft" or "page"
//   front_matter_format  "toml", "yaml", "json" or "none": the source's
//   location             {slug, extension, folders, language?, path_date?}: what
//                        the source path says, for other platforms to place the post
//   bom?, crlf?          true when the source file had a BOM / CRLF front matter
//   front_matter         the typed front matter (core/typed_json.h), in the
//                        common vocabulary (core/fields.h: Hugo's names)
//   body_syntax          the platform whose template language the body is in, or null
//   body                 the body, byte for byte
//   html                 the body rendered by cmark (CommonMark), never read back
//   postport?            the round-trip record (core/round_trip.h)
#pragma once

#include <string>
#include <string_view>

#include "core/document.h"
#include "core/typed_json.h"

namespace postport::json_format {

inline constexpr std::string_view post = "postport-post";
inline constexpr std::string_view site = "postport-site";
inline constexpr std::string_view config = "postport-config";
inline constexpr std::int64_t version = 1;

// The "format" a JSON text's top object names when "format" is its first
// member (as postport writes it, compact or pretty-printed); empty if not.
std::string leading_format(std::string_view text);

// The post object as a Document (the record, if any, back under the
// `postport` front matter key). Throws TypedJsonError naming the member.
Document decode_post(const OrderedJson& object);

}  // namespace postport::json_format
