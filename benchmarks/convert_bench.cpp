// The whole per-file conversion (read, map, lower, translate the body,
// write, make the round-trip record), without the file system.
#include <benchmark/benchmark.h>

#include "benchmarks/inputs.h"

namespace postport::bench {
namespace {

void measure_convert(benchmark::State& state, std::string_view from, std::string_view to,
                     const std::string& bytes, const std::string& path) {
    for (auto _ : state) benchmark::DoNotOptimize(convert(from, to, bytes, path));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}

void ConvertHugoToJekyll(benchmark::State& state) {
    measure_convert(state, "hugo", "jekyll", hugo_post(), hugo_path);
}

// The Jekyll post is what the conversion above writes; without its record,
// so that it is converted rather than restored.
void ConvertJekyllToHugo(benchmark::State& state) {
    const Converted jekyll = convert("hugo", "jekyll", hugo_post(), hugo_path);
    measure_convert(state, "jekyll", "hugo", jekyll.bytes, jekyll.path);
}

BENCHMARK(ConvertHugoToJekyll);
BENCHMARK(ConvertJekyllToHugo);

}  // namespace
}  // namespace postport::bench
