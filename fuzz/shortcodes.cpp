// Hugo's shortcode lexer, and both body writers on what it finds.
#include "converters/hugo/shortcodes.h"
#include "converters/jekyll/liquid.h"
#include "fuzz/fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return postport::fuzz::run(data, size, [](std::string_view text) {
        postport::Warnings warnings;
        postport::BodyContext context;
        const postport::Body body = postport::read_hugo_body(text, context, warnings);
        (void)postport::write_hugo_body(body, context, warnings);
        (void)postport::write_liquid_body(body, context, warnings);
    });
}
