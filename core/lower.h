// Lowering: rewriting the values a target format cannot hold natively into
// their most faithful form there, and undoing it on the way back.
//
// A TOML local time has no YAML form, null has no TOML form, JSON has no
// dates: each lowered value leaves a TypeHint (where it was, what it was) so
// that a conversion back can restore the original type exactly.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/value.h"

namespace postport {

// The reader a lowered table is meant for.
enum class LoweringTarget {
    Toml,       // no null
    YamlPsych,  // Jekyll: local times would read as integers, local datetimes as UTC
    YamlGo,     // Hugo YAML: local times would read as strings
    Json,       // no dates, no inf/nan; Hugo reads numbers as float64
};

struct TypeHint {
    // Keys from the front matter root; array elements as their decimal index.
    std::vector<std::string> path;
    ValueType original = ValueType::Null;
    // For a removed table entry (null in TOML): its position, to put it back.
    std::size_t position = 0;
    friend bool operator==(const TypeHint&, const TypeHint&) = default;
};

struct LoweringOptions {
    LoweringTarget target = LoweringTarget::Toml;
    // Offset given to local datetimes where the target would read them in
    // another zone (Psych reads them as UTC; Hugo in its timeZone).
    int local_offset_minutes = 0;
};

// Lowers `table` in place; warns (with `where.path` and each value's line)
// for every change a reader of the target would notice.
std::vector<TypeHint> lower_values(Table& table, const LoweringOptions& options, Warnings& warnings,
                                   const SourceLocation& where);

// Undoes lower_values where the lowered value is still there and still reads
// as the original type; values the user changed since are left as they are.
void restore_types(Table& table, const std::vector<TypeHint>& hints);

}  // namespace postport
