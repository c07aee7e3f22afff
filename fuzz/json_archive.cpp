// A json file: a site unpacked, or one article, converted to Hugo.
#include "fuzz/archive.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return postport::fuzz::run(data, size, [](std::string_view bytes) { postport::fuzz::check_archive("json", bytes); });
}
