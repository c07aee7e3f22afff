// A whole Hugo post converted to Jekyll and back.
#include "fuzz/fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return postport::fuzz::run(data, size, [](std::string_view bytes) {
        postport::fuzz::check_document_round_trip("hugo", "jekyll", "content/post/fuzz.md", bytes);
    });
}
