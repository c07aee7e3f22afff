#include "core/convert.h"

#include "core/fields.h"
#include "core/text.h"

namespace postport {

namespace {

std::string assemble(bool bom, std::string_view front_matter, std::string_view body) {
    std::string out;
    out.reserve(front_matter.size() + body.size() + 3);
    if (bom) out += utf8_bom;
    out += front_matter;
    out += body;
    return out;
}

// The record a file embeds in its own front matter, taken out of it.
std::optional<RoundTripRecord> take_embedded_record(Document& document, Warnings& warnings) {
    const Value* embedded = document.front_matter.find(field::round_trip_record);
    if (!embedded) return std::nullopt;
    std::optional<RoundTripRecord> record;
    if (embedded->is_table()) record = RoundTripRecord::from_table(embedded->as_table());
    if (!record) {
        warnings.add(WarningKind::RoundTripRecord,
                     SourceLocation{document.display_path, embedded->line(), 0},
                     "the 'postport' key is not a round-trip record this version reads; kept as a field");
        return std::nullopt;
    }
    document.front_matter.erase(field::round_trip_record);
    return record;
}

// Brings back the original a file was converted from: the original front
// matter block verbatim while the converted one is unchanged, else the edited
// values written afresh in the original format, with types restored.
Converted restore(const ConvertRequest& request, Document document, const RoundTripRecord& record,
                  Warnings& warnings) {
    Converted out;
    out.path = record.source_path;
    out.restored = true;
    out.kind = document.kind;
    if (fingerprint(request.from->write_front_matter_data(document)) == record.written) {
        out.bytes = assemble(record.bom, record.raw_front_matter, document.body);
        return out;
    }
    warnings.add(WarningKind::RoundTripRecord,
                 SourceLocation{document.display_path, document.front_matter_line, 0},
                 "front matter was edited since postport converted it; written afresh from the edited values");
    request.from->to_common(document, warnings);
    WriteOptions options = request.write;
    options.front_matter = record.source_format;
    request.to->from_common(document, options, warnings);
    for (const auto& key : record.added_keys) document.front_matter.erase(key);
    restore_types(document.front_matter, record.type_hints);
    document.bom = record.bom;
    out.kind = document.kind;
    out.bytes = request.to->write(document);
    return out;
}

}  // namespace

Converted convert_document(const ConvertRequest& request, std::string_view bytes, std::string path,
                           std::string display_path, const std::optional<RoundTripRecord>& input_record,
                           Warnings& warnings) {
    Document document = request.from->read(bytes, std::move(path), std::move(display_path), warnings);

    std::optional<RoundTripRecord> record = input_record;
    if (auto embedded = take_embedded_record(document, warnings)) record = std::move(embedded);
    if (record && record->source_platform == request.to->name())
        return restore(request, std::move(document), *record, warnings);

    RoundTripRecord made;
    made.source_platform = std::string(request.from->name());
    made.source_path = document.path;
    made.source_format = document.format;
    made.raw_front_matter = document.raw_front_matter;
    made.bom = document.bom;

    request.from->to_common(document, warnings);
    request.to->from_common(document, request.write, warnings);

    made.written = fingerprint(request.to->write_front_matter_data(document));
    made.added_keys = document.added_keys;
    made.type_hints = document.type_hints;

    Converted out;
    out.path = document.path;
    out.kind = document.kind;
    switch (request.placement) {
        case RecordPlacement::Sidecar:
            out.record = std::move(made);
            break;
        case RecordPlacement::Embedded:
            document.front_matter.set(std::string(field::round_trip_record), Value(made.to_table()));
            break;
        case RecordPlacement::None:
            break;
    }
    out.bytes = request.to->write(document);
    return out;
}

}  // namespace postport
