// What the platforms' site-config readers and writers share: the common
// settings' keys and order, site addresses, permalink tokens, extras owned by
// other platforms, and the config record: `.postport/config-extras.json`, which
// keeps what a written config file cannot say so that reading it back gives
// the settings it was written from.
//
// Permalink patterns in `settings.permalinks` use Hugo's tokens. Two
// additions keep reading lossless where Hugo has no form:
//   * a pattern ending in ".html" names a file URL (Jekyll's :output_ext, Hugo's uglyURLs);
//   * tokens Hugo lacks (Jekyll's :categories, :week, ...) stay as written;
//     each writer resolves what its platform cannot say, with a warning.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/platform.h"
#include "core/value.h"

namespace postport {

// Keys of SiteConfig::settings (core/platform.h).
namespace setting {
inline constexpr std::string_view title = "title";
inline constexpr std::string_view description = "description";
inline constexpr std::string_view language = "language";
inline constexpr std::string_view time_zone = "time_zone";
inline constexpr std::string_view url = "url";
inline constexpr std::string_view base_path = "base_path";
inline constexpr std::string_view permalinks = "permalinks";
inline constexpr std::string_view taxonomies = "taxonomies";
inline constexpr std::string_view excerpt_separator = "excerpt_separator";
inline constexpr std::string_view params = "params";
inline constexpr std::string_view summary_length = "summary_length";
inline constexpr std::string_view paginate = "paginate";
}  // namespace setting

// The file URL suffix of a permalink pattern (see above).
inline constexpr std::string_view file_url_suffix = ".html";

// Puts the documented settings first, in the order platform.h lists them,
// and any others after them in their own order: two reads of the same
// settings then compare equal whatever order their files had.
void sort_settings(Table& settings);

// Reports each setting that is not one of the documented keys: no writer
// has a place for it (the config record keeps it). `platform` names the target.
void report_unknown_settings(const Table& settings, std::string_view platform, const SourceLocation& where,
                             Warnings& warnings);

// Moves a key's value out of `table` (ASCII case ignored when `any_case`);
// nullopt when it is absent or null (an empty config value means "not set").
std::optional<Value> take(Table& table, std::string_view key, bool any_case = false);

// A site address as the settings hold it: scheme and host, and the path
// below it without a trailing slash.
struct SiteAddress {
    std::optional<std::string> url;  // "https://example.org"; none for a bare path
    std::string base_path;           // "/blog", or "" for the root
};
// "https://example.org/blog/" -> {"https://example.org", "/blog"}; "/" -> {none, ""}.
SiteAddress split_site_address(std::string_view address);
// "/blog/" and "blog" -> "/blog"; "/" and "" -> "".
std::string normalize_base_path(std::string_view path);

// How a generator finds the tokens of a permalink pattern.
enum class TokenSyntax {
    Hugo,    // ":" + word characters, optionally a "[...]" slice (":sections[1:]")
    Jekyll,  // ":" + lower-case letters and '_'
};
// Rewrites every token of `pattern` with `replace` (given the token without
// its colon; it returns the new text, empty to drop the token). Runs of '/'
// that dropped tokens leave become one, as Jekyll squeezes them and Hugo
// refuses them.
std::string rewrite_tokens(std::string_view pattern, TokenSyntax syntax,
                           const std::function<std::string(std::string_view token)>& replace);

// Moves `config_key`'s value (see take) to `settings` under `key`.
void move_setting(Table& config, std::string_view config_key, Table& settings, std::string_view key,
                  bool any_case = false);
// Copies setting `key`, if there is one, to `config` under `config_key`.
void copy_setting(const Table& settings, std::string_view key, Table& config, std::string_view config_key);
// A table-valued entry of `table`; null when absent or not a table.
const Table* table_at(const Table& table, std::string_view key);

// The first string of a table value (Hugo's mainSections), if any.
std::optional<std::string> first_string(const Value* value);

// Extras from other platforms travel under qualified keys ("jekyll:plugins")
// once a config record has brought them back; unqualified keys belong to the
// config's source platform.
struct SortedExtras {
    Table own;      // the writing platform's, under their own keys
    Table foreign;  // everybody else's, under qualified keys
};
// Splits the extras for `platform`'s writer and reports each foreign one,
// which `written_path` cannot hold.
SortedExtras sort_extras(const SiteConfig& config, std::string_view platform,
                         const std::string& written_path, Warnings& warnings);

// How a writer turns common settings and its own extras into its config
// file's table (hugo_config_table, jekyll_config_table).
using ConfigTableWriter = Table (*)(const Table& settings, const Table& extras, const SourceLocation& where,
                                    Warnings& warnings);
// The table `platform`'s writer makes of `config` for `written_path`, made
// once per site and kept with the config (published URLs ask for every
// article); its warnings are write_config's to give.
const Table& written_config_table(const SiteConfig& config, std::string_view platform,
                                  std::string_view written_path, ConfigTableWriter table_of);

// Where the config record lives, relative to a site root. It is a JSON object:
//   "settings": settings as they were meant (null: not set),
//   "written":  the same settings as the config file reads (null: not set),
//   "extras":   other platforms' extras under qualified keys.
std::string config_record_path();

// A writer's result: its config file and, when `settings` read back from it
// as `read_back` differ anywhere or there are foreign extras, the config record.
std::vector<OutputFile> with_config_record(OutputFile config_file, const Table& settings,
                                           const Table& read_back, const Table& foreign_extras,
                                           Warnings& warnings);

// A reader's last step: puts back what the site's config record kept (a
// setting only while its config file still says what was written), then
// sorts the settings. An unreadable record is reported and ignored.
void apply_config_record(const std::filesystem::path& root, SiteConfig& config, Warnings& warnings);

// The text of a config file without a UTF-8 byte order mark. Throws
// std::system_error if it cannot be read.
std::string read_config_text(const std::filesystem::path& path);

}  // namespace postport
