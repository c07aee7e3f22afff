// The body lexers on a corpus body (Hugo) and on what postport writes of it
// for Jekyll.
#include <benchmark/benchmark.h>

#include "benchmarks/inputs.h"

namespace postport::bench {
namespace {

template <typename Read>
void measure_read(benchmark::State& state, const std::string& body, Read read) {
    for (auto _ : state) {
        Warnings warnings;
        BodyContext context;
        benchmark::DoNotOptimize(read(body, context, warnings));
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}

void ReadHugoBody(benchmark::State& state) { measure_read(state, hugo_body(), read_hugo_body); }
void ReadLiquidBody(benchmark::State& state) { measure_read(state, liquid_body(), read_liquid_body); }

BENCHMARK(ReadHugoBody);
BENCHMARK(ReadLiquidBody);

}  // namespace
}  // namespace postport::bench
