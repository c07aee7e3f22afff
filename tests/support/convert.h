// Helpers for tests that drive the library directly: the built-in platforms,
// reading one file as a platform does, converting one file.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/convert.h"
#include "core/platform.h"
#include "core/records.h"
#include "tests/support/support.h"

namespace postport::test {

inline const Platform& platform(std::string_view name) {
    const Platform* found = builtin_platforms().find(name);
    if (found == nullptr) throw std::logic_error("no platform " + std::string(name));
    return *found;
}

// Every path of `paths`, in order.
inline std::vector<std::string> all_paths(const SortedPaths& paths) {
    std::vector<std::string> all;
    for (auto reader = paths.read(); const auto path = reader.next();) all.emplace_back(*path);
    return all;
}

// The article files of a site, as the platform lists them.
inline std::vector<std::string> articles(std::string_view platform_name, const std::filesystem::path& root) {
    SortedPaths documents;
    SortedPaths others;
    platform(platform_name).list_documents(root, documents, others);
    return all_paths(documents);
}

// Reads `bytes` as the platform does; `path` is site-relative.
inline Document read_as(std::string_view platform_name, std::string_view bytes, std::string path = {}) {
    Warnings warnings;
    std::string display = path.empty() ? std::string("<test>") : path;
    return platform(platform_name).read(bytes, std::move(path), std::move(display), warnings);
}

struct Conversion {
    Converted converted;
    Warnings warnings;
};

// Converts one file through the library (no round-trip record by default).
inline Conversion convert(std::string_view from, std::string_view to, std::string_view bytes,
                          std::string path, RecordPlacement placement = RecordPlacement::None,
                          const std::optional<RoundTripRecord>& record = std::nullopt,
                          FrontMatterFormat front_matter = FrontMatterFormat::None) {
    ConvertRequest request;
    request.from = &platform(from);
    request.to = &platform(to);
    request.placement = placement;
    request.write.front_matter = front_matter;
    Conversion result;
    std::string display = path.empty() ? std::string("<test>") : path;
    result.converted =
        convert_document(request, bytes, std::move(path), std::move(display), record, result.warnings);
    return result;
}

inline bool has_warning(const Warnings& warnings, WarningKind kind) {
    for (const auto& warning : warnings.all())
        if (warning.kind == kind) return true;
    return false;
}

inline std::string describe(const Warnings& warnings) {
    std::string out;
    for (const auto& warning : warnings.all()) out += format_warning(warning) + "\n";
    return out.empty() ? std::string("(no warnings)") : out;
}

// A top-level value that must be there (a test failure, not a crash, if not).
inline const Value& at(const Table& table, std::string_view key) {
    static const Value missing = Value("<missing key>");
    const Value* value = table.find(key);
    if (value == nullptr) {
        ADD_FAILURE() << "no key '" << key << "' in " << describe(table);
        return missing;
    }
    return *value;
}

inline DateTime datetime(std::string_view text) {
    auto parsed = parse_datetime(text);
    if (!parsed) throw std::logic_error("bad date-time in test: " + std::string(text));
    return *parsed;
}
// The round-trip records a conversion left in `folder`, by converted path;
// a record that cannot be read fails the test.
inline std::map<std::string, RoundTripRecord> records_in(const std::filesystem::path& folder) {
    Warnings warnings;
    const RecordIndex index(folder, warnings);
    std::map<std::string, RoundTripRecord> records;
    index.for_each([&](std::string_view path, std::string_view) {
        if (auto record = index.find(path, warnings)) records.emplace(std::string(path), std::move(*record));
    });
    EXPECT_TRUE(warnings.empty()) << describe(warnings);
    return records;
}

}  // namespace postport::test

namespace postport {
inline void PrintTo(DocumentKind kind, std::ostream* os) { *os << kind_name(kind); }
}  // namespace postport
