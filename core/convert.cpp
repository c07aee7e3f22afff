#include "core/convert.h"

#include <algorithm>

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

BodyContext body_context(const Document& document, const SiteIndex* site,
                         const std::string& excerpt_separator) {
    BodyContext context;
    context.excerpt_separator = excerpt_separator;
    context.display_path = document.display_path;
    context.first_line = line_column_at(document.raw_front_matter, document.raw_front_matter.size()).line;
    context.path = document.path;
    context.site = site;
    return context;
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

// The back half of a round trip without the record's verbatim shortcut:
// `document` (of request.from) into the record's platform and format, with
// the keys the way out added taken away and lowered values restored.
Document convert_back(const ConvertRequest& request, Document document, FrontMatterFormat format,
                      const std::vector<std::string>& added_keys, const std::vector<TypeHint>& hints,
                      Warnings& warnings) {
    // The added keys are named as the file has them, before any renaming
    // (a url postport added for Hugo would be Jekyll's permalink after it).
    for (const auto& key : added_keys) document.front_matter.erase(key);
    request.from->to_common(document, warnings);
    WriteOptions options = request.write;
    options.front_matter = format;
    request.to->from_common(document, options, warnings);
    restore_types(document.front_matter, hints);
    return document;
}

// Front matter `edited` converted back, with every entry the user did not
// touch taken from the original (its key spelling, type and value), so that
// only the edited fields change. `unedited` is what converting the original
// there and back gives; it lines up with `original` entry by entry.
Table merge_edits(const Table& original, const Table& unedited, const Table& edited) {
    if (original.size() != unedited.size()) return edited;
    std::vector<const Table::Entry*> originals;
    for (const auto& entry : original) originals.push_back(&entry);
    std::vector<const Table::Entry*> replayed;
    for (const auto& entry : unedited) replayed.push_back(&entry);
    Table merged;
    for (const auto& entry : edited) {
        auto match = std::find_if(replayed.begin(), replayed.end(),
                                  [&](const Table::Entry* e) { return e->key == entry.key; });
        if (match == replayed.end()) {
            merged.set(entry.key, entry.value);
            continue;
        }
        const Table::Entry& before = *originals[static_cast<std::size_t>(match - replayed.begin())];
        merged.set(before.key, (*match)->value == entry.value ? before.value : entry.value);
    }
    return merged;
}

// The body of a file as nodes, as its platform reads it.
Body read_body(const Platform& platform, const Document& document, const SiteIndex* site,
               const std::string& excerpt_separator, Warnings& warnings) {
    BodyContext context = body_context(document, site, excerpt_separator);
    return platform.read_body(document, context, warnings);
}

// Writes `nodes` as `document`'s body for `platform`; returns the templates used.
std::vector<std::string> write_target_body(const Platform& platform, const Body& nodes,
                                           Document& document, const ConvertRequest& request,
                                           Warnings& warnings) {
    BodyContext context = body_context(document, request.site, request.target_excerpt_separator);
    document.body = platform.write_body(nodes, document, context, warnings);
    return std::move(context.used_templates);
}

// Whether converting `written` (the target document) back gives `original` exactly.
bool body_comes_back(const ConvertRequest& request, const Document& written, const std::string& original) {
    Warnings ignored;
    Body nodes = read_body(*request.to, written, request.site_back, request.target_excerpt_separator, ignored);
    Document scratch = written;
    BodyContext context = body_context(scratch, request.site_back, request.source_excerpt_separator);
    return request.from->write_body(nodes, scratch, context, ignored) == original;
}

// Brings back the original a file was converted from: the original front
// matter block verbatim while the converted one is unchanged, else the edits
// merged into the original values, written afresh in the original format. The
// body is converted back (or taken from the record while it is unchanged).
Converted restore(const ConvertRequest& request, Document document, const Body& nodes,
                  const RoundTripRecord& record, Warnings& warnings) {
    Converted out;
    out.path = record.source_path;
    out.restored = true;
    out.kind = document.kind;
    const bool body_unchanged = record.body && fingerprint(document.body) == record.body_written;
    const bool front_matter_unchanged = request.from->front_matter_fingerprint(document) == record.written;
    const std::string display = document.display_path;

    Document restored;
    if (front_matter_unchanged) {
        restored.path = record.source_path;
        restored.display_path = display;
        out.used_templates = write_target_body(*request.to, nodes, restored, request, warnings);
        if (body_unchanged) restored.body = *record.body;
        out.bytes = assemble(record.bom, record.raw_front_matter, restored.body);
        return out;
    }
    warnings.add(WarningKind::RoundTripRecord,
                 SourceLocation{document.display_path, document.front_matter_line, 0},
                 "front matter was edited since postport converted it; the edited fields are written afresh");
    Document edited = convert_back(request, std::move(document), record.source_format,
                                   record.added_keys, record.type_hints, warnings);
    out.used_templates = write_target_body(*request.to, nodes, edited, request, warnings);
    if (body_unchanged) edited.body = *record.body;

    // Replay the way out and back on the original to see which fields the edit left alone.
    Warnings replay;
    Document original = request.to->read(assemble(record.bom, record.raw_front_matter, ""),
                                         record.source_path, display, replay);
    Document forward = original;
    request.to->to_common(forward, replay);
    request.from->from_common(forward, WriteOptions{}, replay);
    Document unedited = convert_back(request, forward, record.source_format, forward.added_keys,
                                     forward.type_hints, replay);
    edited.front_matter = merge_edits(original.front_matter, unedited.front_matter, edited.front_matter);
    edited.bom = record.bom;
    edited.crlf = original.crlf;
    out.kind = edited.kind;
    out.bytes = request.to->write(edited);
    return out;
}

struct Prepared {
    Document document;
    std::optional<RoundTripRecord> record;  // set when the file comes back through it
};

Prepared prepare(const ConvertRequest& request, std::string_view bytes, std::string path,
                 std::string display_path, const std::optional<RoundTripRecord>& input_record,
                 Warnings& warnings) {
    Prepared prepared{request.from->read(bytes, std::move(path), std::move(display_path), warnings), {}};
    if (prepared.document.source_platform.empty()) prepared.document.source_platform = request.from->name();
    std::optional<RoundTripRecord> record = input_record;
    if (auto embedded = take_embedded_record(prepared.document, warnings)) record = std::move(embedded);
    if (record && record->source_platform == request.to->name()) prepared.record = std::move(record);
    else if (request.write.site) request.from->apply_site_defaults(prepared.document, *request.write.site);
    return prepared;
}

}  // namespace

Converted convert_document(const ConvertRequest& request, std::string_view bytes, std::string path,
                           std::string display_path, const std::optional<RoundTripRecord>& input_record,
                           Warnings& warnings) {
    Prepared prepared = prepare(request, bytes, std::move(path), std::move(display_path), input_record, warnings);
    Document& document = prepared.document;
    Body nodes =
        read_body(*request.from, document, request.site, request.source_excerpt_separator, warnings);
    if (request.defer_linked && links_to_articles(nodes)) {
        Converted placed;
        placed.deferred = true;
        placed.kind = document.kind;
        if (prepared.record) {
            placed.path = prepared.record->source_path;
        } else {
            Warnings ignored;  // given again when the document is converted
            request.from->to_common(document, ignored);
            request.to->from_common(document, request.write, ignored);
            placed.path = document.path;
        }
        return placed;
    }
    if (prepared.record) return restore(request, std::move(document), nodes, *prepared.record, warnings);
    if (request.links) rewrite_links(nodes, *request.links);

    RoundTripRecord made;
    made.source_platform = std::string(request.from->name());
    made.source_path = document.path;
    made.source_format = document.format;
    made.raw_front_matter = document.raw_front_matter;
    made.bom = document.bom;
    const std::string source_body = document.body;

    request.from->to_common(document, warnings);
    if (request.write.site) document.source_url = request.from->published_url(document, *request.write.site);
    request.to->from_common(document, request.write, warnings);

    Converted out;
    out.used_templates = write_target_body(*request.to, nodes, document, request, warnings);
    if (request.placement != RecordPlacement::None && !body_comes_back(request, document, source_body)) {
        made.body = source_body;
        made.body_written = fingerprint(document.body);
    }

    made.written = request.to->front_matter_fingerprint(document);
    made.added_keys = document.added_keys;
    made.type_hints = document.type_hints;

    out.path = document.path;
    out.kind = document.kind;
    switch (request.placement) {
        case RecordPlacement::Folder:
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

namespace {

// A value in a message: its type and, for a scalar, its value (long strings cut).
std::string describe(const Value& value) {
    std::string text;
    if (value.is_bool()) text = value.as_bool() ? "true" : "false";
    else if (value.is_integer()) text = std::to_string(value.as_integer());
    else if (value.is_float()) text = fixed_float_text(value.as_float()).value_or(std::to_string(value.as_float()));
    else if (value.is_datetime()) text = format_datetime(value.as_datetime());
    else if (value.is_string()) text = "\"" + value.as_string().substr(0, 60) + (value.as_string().size() > 60 ? "…\"" : "\"");
    else if (value.is_array()) text = std::to_string(value.as_array().size()) + " items";
    else if (value.is_table()) text = std::to_string(value.as_table().size()) + " keys";
    return text.empty() ? std::string(type_name(value.type())) : std::string(type_name(value.type())) + " " + text;
}

// The first difference between two front matter tables, if any.
std::optional<std::string> front_matter_difference(const Table& source, const Table& back) {
    auto source_entry = source.begin();
    auto back_entry = back.begin();
    for (; source_entry != source.end() && back_entry != back.end(); ++source_entry, ++back_entry) {
        if (source_entry->key != back_entry->key) {
            if (!back.find(source_entry->key)) return "front matter key '" + source_entry->key + "' is lost";
            if (!source.find(back_entry->key)) return "front matter key '" + back_entry->key + "' is added";
            return "front matter key '" + source_entry->key + "' moved";
        }
        if (!(source_entry->value == back_entry->value))
            return "front matter key '" + source_entry->key + "' was " + describe(source_entry->value) +
                   ", comes back as " + describe(back_entry->value);
    }
    if (source_entry != source.end()) return "front matter key '" + source_entry->key + "' is lost";
    if (back_entry != back.end()) return "front matter key '" + back_entry->key + "' is added";
    return std::nullopt;
}

// The first line at which two bodies differ (1-based, counted in the body).
std::size_t first_differing_line(std::string_view a, std::string_view b) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i)
        if (a[i] == '\n') ++line;
    return line;
}

}  // namespace

std::optional<std::string> verify_conversion(const ConvertRequest& request, std::string_view source,
                                             const std::string& source_path, const std::string& display_path,
                                             const Converted& converted) {
    ConvertRequest back;
    back.from = request.to;
    back.to = request.from;
    back.placement = RecordPlacement::None;
    back.site = request.site_back;
    back.site_back = request.site;
    back.source_excerpt_separator = request.target_excerpt_separator;
    back.target_excerpt_separator = request.source_excerpt_separator;
    Warnings ignored;
    std::string returned;
    try {
        returned = convert_document(back, converted.bytes, converted.path, display_path, converted.record, ignored)
                       .bytes;
    } catch (const std::exception& error) {
        return std::string("the conversion does not read back: ") + error.what();
    }
    if (returned == source) return std::nullopt;
    try {
        Document original = request.from->read(source, source_path, display_path, ignored);
        Document again = request.from->read(returned, source_path, display_path, ignored);
        if (auto difference = front_matter_difference(original.front_matter, again.front_matter))
            return difference;
        if (original.body != again.body)
            return "the body differs from line " +
                   std::to_string(first_differing_line(original.body, again.body)) + " of the body on";
        return std::string("the front matter comes back with the same values, spelled differently");
    } catch (const std::exception& error) {
        return std::string("the conversion comes back unreadable: ") + error.what();
    }
}

}  // namespace postport
