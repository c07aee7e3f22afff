// A whole Jekyll post converted to Hugo and back.
#include "fuzz/fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return postport::fuzz::run(data, size, [](std::string_view bytes) {
        postport::fuzz::check_document_round_trip("jekyll", "hugo", "_posts/2021-09-27-fuzz.md", bytes);
    });
}
