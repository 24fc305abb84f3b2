// Microbenchmarks of the PauseService request path (awsJson1_0), on the example body
// examples/pause-service-request.json (embedded below, so the binary runs from any
// directory; bench/data/ holds a copy).
//
// What is measured, and why:
// - BM_Decode, BM_Validate, BM_DecodeValidate, BM_Encode: the library, one stage at a
//   time and as the gateway calls it (PauseServiceRequestProcessor::Process), so a
//   regression can be pinned on a stage.
// - BM_Baseline_*_DecodeValidate: the same job done the way a gateway would with
//   another JSON library: DOM parse (UTF-8 validated), type check, length in code
//   points, then the model's pattern matched against the whole value.
//   NlohmannStdRegex: nlohmann::json + std::regex_match on the model's pattern as
//   written. RapidJsonRe2 and BoostJsonRe2: RapidJSON / Boost.JSON in their
//   allocation-free steady-state setup (bench/alternatives.h) + RE2::FullMatch on the
//   generator's RE2 forms (the validator's, minus its DFA shortcut). The ratios
//   baseline / BM_DecodeValidate are the headline numbers.
// - BM_Floor_*: lower bounds for the two stages, with none of the library's checks:
//   simdjson On-Demand reading "ServiceArn" from an already padded buffer, and one
//   RE2::FullMatch of the ARN. Their sum is what decode + validate could cost with no
//   overhead on top of the engines we build on.
// - BM_DecodeValidate_ArnLength/N: Process on a body whose ServiceArn is N bytes (1, 8:
//   too short for the pattern, rejected; 64, 256, 1011: valid, padded in the resource
//   part); bytes_per_second shows the cost per byte as the value grows to its maximum.
//
// Every benchmark checks its result once before timing (SkipWithError on a wrong
// answer), warms up with one untimed call (buffers grown, RE2 programs compiled), and
// reports allocs_per_op: calls to any global operator new during the timed loop,
// divided by the iterations (bench/bench_util.h). The library promises 0 in steady
// state. bytes_per_second is over the request body (over the produced JSON for
// BM_Encode, over the ARN for BM_Floor_Re2FullMatchArn).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <regex>
#include <string>
#include <string_view>

#include <benchmark/benchmark.h>
#include <re2/re2.h>
#include <simdjson.h>
#include <nlohmann/json.hpp>

#include "api/pause_service.h"
#include "bench/alternatives.h"
#include "bench/bench_util.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "validate/validate.h"

namespace apprunner::pause_service {
namespace {

// examples/pause-service-request.json, byte for byte (trailing newline included).
constexpr std::string_view kBody =
    "{ \"ServiceArn\": "
    "\"arn:aws:apprunner:us-east-1:123456789012:service/python-app/"
    "8fe1e10304f84fd2b0df550fe98a71fa\" }\n";
constexpr std::string_view kArn =
    "arn:aws:apprunner:us-east-1:123456789012:service/python-app/"
    "8fe1e10304f84fd2b0df550fe98a71fa";
constexpr std::string_view kEncoded =
    "{\"ServiceArn\":"
    "\"arn:aws:apprunner:us-east-1:123456789012:service/python-app/"
    "8fe1e10304f84fd2b0df550fe98a71fa\"}";

// The ServiceArn (AppRunnerResourceArn) pattern as the model spells it, and the RE2
// form the generator runs (the {1,1011} bound is left to the length check).
constexpr const char kModelArnPattern[] =
    R"re(arn:aws(-[\w]+)*:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[0-9]{12}:(\w|\/|-){1,1011})re";
constexpr const char kRe2ArnPattern[] =
    R"re(arn:aws(-[\w]+)*:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[0-9]{12}:(\w|\/|-)+)re";
constexpr size_t kArnMinLength = 1;
constexpr size_t kArnMaxLength = 1011;

using bench::AllocCounter;
using bench::SetBytes;

// --- The library -------------------------------------------------------------------

void BM_Decode(benchmark::State& state) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest request;
  DecodeStatus status = decoder.Decode(kBody, &request);  // warm-up and check
  if (!status.ok() || request.service_arn != kArn) {
    state.SkipWithError("decode failed or decoded the wrong ServiceArn");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    status = decoder.Decode(kBody, &request);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(request);
  }
  allocs.Report(state);
  SetBytes(state, kBody.size());
}
BENCHMARK(BM_Decode);

void BM_Validate(benchmark::State& state) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest request;
  if (!decoder.Decode(kBody, &request).ok()) {
    state.SkipWithError("decode failed");
    return;
  }
  const Validator& validator = DefaultValidator();
  ValidationReport report;
  if (!validator.Validate(request, &report)) {  // warm-up (compiles RE2) and check
    state.SkipWithError("the example request does not validate");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = validator.Validate(request, &report);
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, kBody.size());
}
BENCHMARK(BM_Validate);

void BM_DecodeValidate(benchmark::State& state) {
  PauseServiceRequestProcessor processor;
  if (processor.Process(kBody) != Outcome::kValid ||  // warm-up and check
      processor.request().service_arn != kArn) {
    state.SkipWithError("the processor rejected the example request");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    Outcome outcome = processor.Process(kBody);
    benchmark::DoNotOptimize(outcome);
  }
  allocs.Report(state);
  SetBytes(state, kBody.size());
}
BENCHMARK(BM_DecodeValidate);

void BM_Encode(benchmark::State& state) {
  PauseServiceRequestDecoder decoder;  // owns the bytes `request` views
  PauseServiceRequest request;
  if (!decoder.Decode(kBody, &request).ok()) {
    state.SkipWithError("decode failed");
    return;
  }
  std::string out;
  EncodeJson(request, &out);  // warm-up (grows `out`) and check
  if (out != kEncoded) {
    state.SkipWithError("unexpected encoder output");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    out.clear();
    EncodeJson(request, &out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  allocs.Report(state);
  SetBytes(state, out.size());
}
BENCHMARK(BM_Encode);

// --- Baseline: nlohmann::json + std::regex ------------------------------------------

// The baselines must reject what the library rejects: a few wrong bodies, checked once.
constexpr std::string_view kRejectedBodies[] = {
    R"({"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/a b"})",  // pattern
    R"({"ServiceArn":""})",                                                      // length
    R"({"ServiceArn":42})",                                                      // type
    R"({"Service":"arn:aws:apprunner:us-east-1:123456789012:service/a"})",       // required
    R"({"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/a")",     // syntax
};

// Decode + validate as a typical gateway would: DOM parse (nlohmann validates UTF-8),
// type checks, length in code points (with the validator's counting function, as every
// baseline), then the model's pattern with std::regex_match.
bool BaselineDecodeValidate(std::string_view body, const std::regex& arn_regex) {
  const nlohmann::json doc = nlohmann::json::parse(body.begin(), body.end(), /*cb=*/nullptr,
                                                   /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return false;
  const auto it = doc.find("ServiceArn");
  if (it == doc.end() || !it->is_string()) return false;
  const std::string& arn = it->get_ref<const std::string&>();
  const size_t length = CountCodePoints(arn);
  if (length < kArnMinLength || length > kArnMaxLength) return false;
  return std::regex_match(arn, arn_regex);
}

void BM_Baseline_NlohmannStdRegex_DecodeValidate(benchmark::State& state) {
  const std::regex arn_regex(kModelArnPattern, std::regex::ECMAScript);
  for (std::string_view bad : kRejectedBodies) {
    if (BaselineDecodeValidate(bad, arn_regex)) {
      state.SkipWithError("the nlohmann baseline accepted an invalid request");
      return;
    }
  }
  if (!BaselineDecodeValidate(kBody, arn_regex)) {  // warm-up and check
    state.SkipWithError("the baseline rejected the example request");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = BaselineDecodeValidate(kBody, arn_regex);
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, kBody.size());
}
BENCHMARK(BM_Baseline_NlohmannStdRegex_DecodeValidate);

// --- Baselines: RapidJSON + RE2, Boost.JSON + RE2 ---------------------------------------

// The same job as BaselineDecodeValidate over another DOM (bench/alternatives.h), with
// RE2 running the generator's form of the ARN pattern (re2_fast up to 1011 code
// points, re2_exact beyond), as Validator::MatchesWithRe2 does.
template <typename Dom>
bool Re2DecodeValidate(const typename Dom::Value* doc, const bench::Re2Patterns& patterns) {
  if (doc == nullptr || !Dom::IsObject(*doc)) return false;
  const typename Dom::Value* member = Dom::Find(*doc, "ServiceArn");
  std::string_view arn;
  if (member == nullptr || !Dom::GetString(*member, &arn)) return false;
  const size_t length = CountCodePoints(arn);
  if (length < kArnMinLength || length > kArnMaxLength) return false;
  return patterns.FullMatch(static_cast<int32_t>(kShapes[kShapeAppRunnerResourceArn].pattern - kPatterns),
                            arn, length);
}

bool RapidJsonRe2DecodeValidate(std::string_view body, bench::RapidJsonParser& parser,
                                const bench::Re2Patterns& patterns) {
  return Re2DecodeValidate<bench::RapidJsonDom>(parser.Parse(body), patterns);
}

bool BoostJsonRe2DecodeValidate(std::string_view body, bench::BoostJsonParser& parser,
                                const bench::Re2Patterns& patterns) {
  return Re2DecodeValidate<bench::BoostJsonDom>(parser.Parse(body), patterns);
}

void BM_Baseline_RapidJsonRe2_DecodeValidate(benchmark::State& state) {
  bench::RapidJsonParser parser;
  const bench::Re2Patterns patterns;
  for (std::string_view bad : kRejectedBodies) {
    if (RapidJsonRe2DecodeValidate(bad, parser, patterns)) {
      state.SkipWithError("the RapidJSON baseline accepted an invalid request");
      return;
    }
  }
  if (!patterns.ok() || !RapidJsonRe2DecodeValidate(kBody, parser, patterns)) {  // warm-up
    state.SkipWithError("the RapidJSON baseline rejected the example request");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = RapidJsonRe2DecodeValidate(kBody, parser, patterns);
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, kBody.size());
}
BENCHMARK(BM_Baseline_RapidJsonRe2_DecodeValidate);

void BM_Baseline_BoostJsonRe2_DecodeValidate(benchmark::State& state) {
  bench::BoostJsonParser parser;
  const bench::Re2Patterns patterns;
  for (std::string_view bad : kRejectedBodies) {
    if (BoostJsonRe2DecodeValidate(bad, parser, patterns)) {
      state.SkipWithError("the Boost.JSON baseline accepted an invalid request");
      return;
    }
  }
  if (!patterns.ok() || !BoostJsonRe2DecodeValidate(kBody, parser, patterns)) {  // warm-up
    state.SkipWithError("the Boost.JSON baseline rejected the example request");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = BoostJsonRe2DecodeValidate(kBody, parser, patterns);
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, kBody.size());
}
BENCHMARK(BM_Baseline_BoostJsonRe2_DecodeValidate);

// --- Scaling: ServiceArn length ------------------------------------------------------------

// A ServiceArn of exactly `length` bytes: the example's prefix padded in the resource
// part with [0-9a-f] when it fits, the shortest valid form
// "arn:aws:::123456789012:" + resource for 24..60 bytes, and below 24 bytes (no valid
// ARN is that short) the first `length` bytes of the example, which fail the pattern.
std::string ArnOfLength(size_t length) {
  constexpr std::string_view kPrefix = "arn:aws:apprunner:us-east-1:123456789012:service/python-app/";
  constexpr std::string_view kShortest = "arn:aws:::123456789012:";
  std::string arn;
  if (length > kPrefix.size()) {
    arn = kPrefix;
  } else if (length > kShortest.size()) {
    arn = kShortest;
  } else {
    return std::string(kArn.substr(0, length));
  }
  for (size_t i = 0; arn.size() < length; ++i) arn.push_back("0123456789abcdef"[i % 16]);
  return arn;
}

void BM_DecodeValidate_ArnLength(benchmark::State& state) {
  const size_t length = static_cast<size_t>(state.range(0));
  const std::string arn = ArnOfLength(length);
  const std::string body = "{\"ServiceArn\":\"" + arn + "\"}";
  const Outcome expected = length >= 24 ? Outcome::kValid : Outcome::kValidationError;
  PauseServiceRequestProcessor processor;
  if (arn.size() != length || processor.Process(body) != expected ||  // warm-up and check
      processor.request().service_arn != arn) {
    state.SkipWithError("unexpected outcome for the padded ServiceArn");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    Outcome outcome = processor.Process(body);
    benchmark::DoNotOptimize(outcome);
  }
  allocs.Report(state);
  SetBytes(state, body.size());
  state.counters["valid"] = expected == Outcome::kValid ? 1 : 0;
}
BENCHMARK(BM_DecodeValidate_ArnLength)->Arg(1)->Arg(8)->Arg(64)->Arg(256)->Arg(1011);

// --- The straightforward pipeline ---------------------------------------------------

// What a user would write with the same two engines: copy the body into a reused padded
// buffer, simdjson On-Demand find_field("ServiceArn"), count its code points against
// the length bounds, RE2::FullMatch against the pattern's RE2 form. No strictness (no
// duplicate, unknown-member or trailing-content checks), no error report. The moonshot
// in bench/report compares BM_DecodeValidate with this.
struct StraightforwardPipeline {
  simdjson::ondemand::parser parser;
  std::unique_ptr<char[]> buffer{new char[4096 + simdjson::SIMDJSON_PADDING]};
  RE2 arn{kRe2ArnPattern};

  bool Accepts(std::string_view body) {
    if (body.size() > 4096) return false;
    std::memcpy(buffer.get(), body.data(), body.size());
    std::memset(buffer.get() + body.size(), 0, simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document doc;
    std::string_view value;
    if (parser.iterate(buffer.get(), body.size(), body.size() + simdjson::SIMDJSON_PADDING).get(doc) ||
        doc.find_field("ServiceArn").get_string().get(value)) {
      return false;
    }
    size_t code_points = CountCodePoints(value);
    return code_points >= 1 && code_points <= 1011 &&
           RE2::FullMatch(re2::StringPiece(value.data(), value.size()), arn);
  }
};

void BM_Baseline_OnDemandRe2_DecodeValidate(benchmark::State& state) {
  StraightforwardPipeline pipeline;
  const std::string rejected = std::string(kBody).replace(kBody.find("123456789012"), 12, "12345678901x");
  if (!pipeline.arn.ok() || !pipeline.Accepts(kBody) || pipeline.Accepts(rejected)) {  // warm-up, check
    state.SkipWithError("the pipeline does not accept the example or accepts a bad ARN");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = pipeline.Accepts(kBody);
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, kBody.size());
}
BENCHMARK(BM_Baseline_OnDemandRe2_DecodeValidate);

// --- Floors: the engines alone, no checks --------------------------------------------

// simdjson On-Demand: iterate a padded copy made once (no per-call copy, unlike
// Decode) and read "ServiceArn" as a string_view; no strictness, UTF-8 checked only
// by simdjson's stage 1, nothing validated.
simdjson::error_code OnDemandServiceArn(simdjson::ondemand::parser& parser,
                                        const simdjson::padded_string& padded, std::string_view* arn) {
  simdjson::ondemand::document doc;
  simdjson::error_code error = parser.iterate(padded).get(doc);
  if (error) return error;
  return doc.find_field("ServiceArn").get_string().get(*arn);
}

void BM_Floor_OnDemandServiceArn(benchmark::State& state) {
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(kBody);
  std::string_view arn;
  if (OnDemandServiceArn(parser, padded, &arn) != simdjson::SUCCESS ||  // warm-up
      arn != kArn) {
    state.SkipWithError("simdjson did not read the ServiceArn");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    simdjson::error_code error = OnDemandServiceArn(parser, padded, &arn);
    benchmark::DoNotOptimize(error);
    benchmark::DoNotOptimize(arn);
  }
  allocs.Report(state);
  SetBytes(state, kBody.size());
}
BENCHMARK(BM_Floor_OnDemandServiceArn);

// One RE2::FullMatch of the ARN against the generator's RE2 form, default options.
void BM_Floor_Re2FullMatchArn(benchmark::State& state) {
  const RE2 arn_re2(kRe2ArnPattern);
  const re2::StringPiece arn(kArn.data(), kArn.size());
  if (!arn_re2.ok() || !RE2::FullMatch(arn, arn_re2)) {  // warm-up and check
    state.SkipWithError("RE2 did not match the ServiceArn");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = RE2::FullMatch(arn, arn_re2);
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, kArn.size());
}
BENCHMARK(BM_Floor_Re2FullMatchArn);

}  // namespace
}  // namespace apprunner::pause_service

int main(int argc, char** argv) {
  apprunner::bench::AddAlternativesContext();
  return apprunner::bench::RunBenchmarks(argc, argv);
}
