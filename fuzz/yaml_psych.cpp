// YAML front matter codec, typed as Jekyll's reader types it (YamlDialect::Psych).
#include "core/codecs.h"
#include "fuzz/fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return postport::fuzz::run(data, size, [](std::string_view text) {
        postport::Warnings warnings;
        postport::fuzz::check_codec_round_trip(
            text,
            [&](std::string_view in) {
                return postport::parse_yaml(in, postport::YamlDialect::Psych, {"<fuzz>", 1, 1}, warnings);
            },
            [](const postport::Table& table) { return postport::write_yaml(table); });
    });
}
