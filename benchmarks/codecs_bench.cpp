// Front matter parse and write, per format, on the corpus's front matter.
#include <benchmark/benchmark.h>

#include "benchmarks/inputs.h"

namespace postport::bench {
namespace {

template <typename Parse>
void measure_parse(benchmark::State& state, const std::string& text, Parse parse) {
    for (auto _ : state) benchmark::DoNotOptimize(parse(text));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}

template <typename Write>
void measure_write(benchmark::State& state, const Table& table, Write write) {
    for (auto _ : state) benchmark::DoNotOptimize(write(table));
}

Table parse_yaml_as(const std::string& text, YamlDialect dialect) {
    Warnings warnings;
    return parse_yaml(text, dialect, kOrigin, warnings);
}

void ParseToml(benchmark::State& state) {
    measure_parse(state, toml_front_matter(), [](const std::string& text) { return parse_toml(text, kOrigin); });
}
void WriteToml(benchmark::State& state) {
    measure_write(state, parse_toml(toml_front_matter(), kOrigin), write_toml);
}
void ParseYamlPsych(benchmark::State& state) {
    measure_parse(state, lowered_front_matter(LoweringTarget::YamlPsych),
                  [](const std::string& text) { return parse_yaml_as(text, YamlDialect::Psych); });
}
void ParseYamlGo(benchmark::State& state) {
    measure_parse(state, lowered_front_matter(LoweringTarget::YamlGo),
                  [](const std::string& text) { return parse_yaml_as(text, YamlDialect::GoYaml); });
}
void WriteYaml(benchmark::State& state) {
    measure_write(state, parse_yaml_as(lowered_front_matter(LoweringTarget::YamlPsych), YamlDialect::Psych),
                  write_yaml);
}
void ParseJson(benchmark::State& state) {
    measure_parse(state, lowered_front_matter(LoweringTarget::Json),
                  [](const std::string& text) { return parse_json(text, kOrigin); });
}
void WriteJson(benchmark::State& state) {
    measure_write(state, parse_json(lowered_front_matter(LoweringTarget::Json), kOrigin), write_json);
}

BENCHMARK(ParseToml);
BENCHMARK(WriteToml);
BENCHMARK(ParseYamlPsych);
BENCHMARK(ParseYamlGo);
BENCHMARK(WriteYaml);
BENCHMARK(ParseJson);
BENCHMARK(WriteJson);

}  // namespace
}  // namespace postport::bench
