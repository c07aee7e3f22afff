// JSON front matter codec (Hugo's { } blocks).
#include "core/codecs.h"
#include "fuzz/fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return postport::fuzz::run(data, size, [](std::string_view text) {
        postport::fuzz::check_codec_round_trip(
            text, [](std::string_view in) { return postport::parse_json(in, {"<fuzz>", 1, 1}); },
            [](const postport::Table& table) { return postport::write_json(table); });
    });
}
