// Shared by the libFuzzer targets. The rules they check: a reader refuses bad
// input only with ParseError (anything else escaping, a crash or a sanitizer
// report is a finding), and what postport writes reads back the same.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "core/convert.h"
#include "core/diagnostics.h"
#include "core/platform.h"
#include "core/text.h"
#include "core/value.h"

namespace postport::fuzz {

// A broken promise: print it and abort, so that libFuzzer saves the input.
[[noreturn]] inline void fail(std::string_view what, std::string_view detail) {
    std::fprintf(stderr, "postport fuzz: %.*s\n---\n%.*s\n---\n", static_cast<int>(what.size()), what.data(),
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

// Runs `check` on the input as text; a ParseError is a reader's documented
// refusal of bad input.
template <typename Check>
int run(const std::uint8_t* data, std::size_t size, Check check) {
    try {
        check(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const ParseError&) {
    }
    return 0;
}

// Front matter codecs: a table that was read, written in the same format,
// must read back as the same table (typed equality, key order included).
// Codecs see only text that passed check_article_text (no NUL byte, valid
// UTF-8): files are checked before their front matter is parsed.
template <typename Parse, typename Write>
void check_codec_round_trip(std::string_view text, Parse parse, Write write) {
    check_article_text(text, "<fuzz>");
    const Table table = parse(text);
    const std::string written = write(table);
    Table again;
    try {
        again = parse(written);
    } catch (const ParseError& error) {
        fail("written front matter does not parse: " + error.message(), written);
    }
    if (!(again == table)) fail("written front matter reads back differently", written);
}

// The whole per-file path: `from` reads the file (front matter and body),
// it is converted to `to` with a round-trip record, and converting that
// back with the record must restore the input byte for byte.
inline void check_document_round_trip(std::string_view from, std::string_view to, std::string path,
                                      std::string_view bytes) {
    const Registry& platforms = builtin_platforms();
    ConvertRequest forth;
    forth.from = platforms.find(from);
    forth.to = platforms.find(to);
    Warnings warnings;
    const Converted converted = convert_document(forth, bytes, path, path, std::nullopt, warnings);
    if (!converted.record) return;

    ConvertRequest back;
    back.from = forth.to;
    back.to = forth.from;
    Converted restored;
    try {
        restored = convert_document(back, converted.bytes, converted.path, converted.path, converted.record,
                                    warnings);
    } catch (const ParseError& error) {
        fail("converted file does not read back: " + error.message(), converted.bytes);
    }
    if (restored.bytes != bytes) fail("converting back did not restore the input", restored.bytes);
}

}  // namespace postport::fuzz
