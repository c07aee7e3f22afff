// Front matter codecs: TOML, YAML and JSON text <-> Table.
//
// Readers keep source key order and put the 1-based source line on values
// where the format tells it. Errors are ParseError with the location inside
// the file: `origin` is where `text` starts in its file (line and column of
// its first byte), so messages point at the real line.
//
// Writers emit canonical text for the value tree, in key order, ending with a
// newline; they never drop a value silently: what a format cannot hold must be
// lowered first (see lower.h) and a writer given one throws std::invalid_argument.
#pragma once

#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "core/value.h"

namespace postport {

enum class FrontMatterFormat { None, Toml, Yaml, Json };
std::string_view format_name(FrontMatterFormat format);

// How plain YAML scalars get their types. The same text means different things
// to different readers (platforms.md section 3 and 7).
enum class YamlDialect {
    // Ruby's Psych as Jekyll 4 calls it: yes/no/on/off are bools, 0755 is
    // octal, 1:30 is sexagesimal, 1e3 and inf are strings, timestamps are times.
    Psych,
    // Hugo's Go YAML (yaml.v2, YAML 1.1): y/n also bools, 0o755 octal, 1e3 a
    // float, 1:30 a string.
    GoYaml,
};

Table parse_toml(std::string_view text, const SourceLocation& origin);
Table parse_yaml(std::string_view text, YamlDialect dialect, const SourceLocation& origin,
                 Warnings& warnings);
Table parse_json(std::string_view text, const SourceLocation& origin);

std::string write_toml(const Table& table);
// Output is read back with the same types by every dialect: scalars any YAML
// reader could take for something else are quoted.
std::string write_yaml(const Table& table);
// Pretty-printed with two-space indents, as Hugo's own JSON front matter looks.
std::string write_json(const Table& table);
// The same value as write_json, on one line without spaces (an NDJSON line
// without its newline); written directly, several times faster.
std::string write_json_line(const Table& table);

// RFC 3339 text of a date/time value as TOML writes it ('T' or the original
// space separator, offset in its original style).
std::string format_datetime(const DateTime& dt);
// Parses TOML/RFC 3339 date, time, datetime text exactly (fraction digits and
// offset style kept). Returns nullopt if the text is not one.
std::optional<DateTime> parse_datetime(std::string_view text);

}  // namespace postport
