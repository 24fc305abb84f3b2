// Microbenchmarks of the PauseService request path (awsJson1_0), on the example body
// examples/pause-service-request.json (embedded below, so the binary runs from any
// directory; bench/data/ holds a copy).
//
// What is measured, and why:
// - BM_Decode, BM_Validate, BM_DecodeValidate, BM_Encode: the library, one stage at a
//   time and as the gateway calls it (PauseServiceRequestProcessor::Process), so a
//   regression can be pinned on a stage.
// - BM_Baseline_NlohmannStdRegex_DecodeValidate: the same job done the way a typical
//   gateway does it (nlohmann::json DOM, then std::regex_match against the model's
//   pattern, compiled once). The ratio baseline/BM_DecodeValidate is the headline.
// - BM_Floor_*: lower bounds for the two stages, with none of the library's checks:
//   simdjson On-Demand reading "ServiceArn" from an already padded buffer, and one
//   RE2::FullMatch of the ARN. They show how much of our cost is overhead on top of
//   the engines we build on.
//
// Every benchmark checks its result once before timing (SkipWithError on a wrong
// answer), warms up with one untimed call (buffers grown, RE2 programs compiled), and
// reports allocs_per_op: calls to any global operator new during the timed loop,
// divided by the iterations, from the counting replacement below. The library
// promises 0 in steady state. bytes_per_second is over the request body (over the
// produced JSON for BM_Encode).
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <regex>
#include <string>
#include <string_view>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <simdjson.h>

#include "api/pause_service.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "codec/generated/pause_service_types.h"
#include "validate/validate.h"

// ---------------------------------------------------------------------------------
// Heap allocation counting: every replaceable global operator new (plain, array,
// nothrow, aligned) counts one call; the deletes only free. The shared libraries
// (simdjson, RE2, libstdc++) bind to these definitions too, so their allocations count.
// ---------------------------------------------------------------------------------
namespace {

std::atomic<uint64_t> g_new_calls{0};

void* CountedMalloc(std::size_t size) noexcept {
  g_new_calls.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}

void* CountedAlignedMalloc(std::size_t size, std::align_val_t align) noexcept {
  g_new_calls.fetch_add(1, std::memory_order_relaxed);
  std::size_t alignment = static_cast<std::size_t>(align);
  if (alignment < sizeof(void*)) alignment = sizeof(void*);
  void* p = nullptr;
  return posix_memalign(&p, alignment, size == 0 ? 1 : size) == 0 ? p : nullptr;
}

void* OrThrow(void* p) {
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

}  // namespace

void* operator new(std::size_t size) { return OrThrow(CountedMalloc(size)); }
void* operator new[](std::size_t size) { return OrThrow(CountedMalloc(size)); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return CountedMalloc(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return CountedMalloc(size);
}
void* operator new(std::size_t size, std::align_val_t align) {
  return OrThrow(CountedAlignedMalloc(size, align));
}
void* operator new[](std::size_t size, std::align_val_t align) {
  return OrThrow(CountedAlignedMalloc(size, align));
}
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return CountedAlignedMalloc(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align,
                     const std::nothrow_t&) noexcept {
  return CountedAlignedMalloc(size, align);
}

// GCC inlines these frees into callers that got their pointer from the operator new
// above and, not knowing the pair belongs together, warns; malloc/posix_memalign
// memory is meant to be released with free.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  std::free(p);
}
#pragma GCC diagnostic pop

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

// Counts operator new calls from construction to Report(); construct it right before
// the timed loop and report right after it.
class AllocCounter {
 public:
  AllocCounter() : start_(g_new_calls.load(std::memory_order_relaxed)) {}

  void Report(benchmark::State& state) const {
    const uint64_t allocs = g_new_calls.load(std::memory_order_relaxed) - start_;
    state.counters["allocs_per_op"] =
        benchmark::Counter(static_cast<double>(allocs), benchmark::Counter::kAvgIterations);
  }

 private:
  uint64_t start_;
};

void SetBytes(benchmark::State& state, size_t bytes_per_op) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(bytes_per_op));
}

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
  const Validator& validator = Validator::Default();
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

size_t Utf8CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Decode + validate as a typical gateway would: DOM parse (nlohmann validates UTF-8),
// type checks, length in code points, then the model's pattern with std::regex_match.
bool BaselineDecodeValidate(std::string_view body, const std::regex& arn_regex) {
  const nlohmann::json doc =
      nlohmann::json::parse(body.begin(), body.end(), /*cb=*/nullptr,
                            /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return false;
  const auto it = doc.find("ServiceArn");
  if (it == doc.end() || !it->is_string()) return false;
  const std::string& arn = it->get_ref<const std::string&>();
  const size_t length = Utf8CodePoints(arn);
  if (length < kArnMinLength || length > kArnMaxLength) return false;
  return std::regex_match(arn, arn_regex);
}

void BM_Baseline_NlohmannStdRegex_DecodeValidate(benchmark::State& state) {
  const std::regex arn_regex(kModelArnPattern, std::regex::ECMAScript);
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

// --- Floors: the engines alone, no checks --------------------------------------------

// simdjson On-Demand: iterate a padded copy made once (no per-call copy, unlike
// Decode) and read "ServiceArn" as a string_view; no strictness, UTF-8 checked only
// by simdjson's stage 1, nothing validated.
simdjson::error_code OnDemandServiceArn(simdjson::ondemand::parser& parser,
                                        const simdjson::padded_string& padded,
                                        std::string_view* arn) {
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

#define PS_BENCH_STRINGIFY_INNER(x) #x
#define PS_BENCH_STRINGIFY(x) PS_BENCH_STRINGIFY_INNER(x)

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // Stage 1 (structural indexing) runs the implementation picked at run time for this
  // CPU; the On-Demand stage 2 inlined into our code runs the one this translation
  // unit was compiled for.
  benchmark::AddCustomContext("simdjson_active",
                              simdjson::get_active_implementation()->name());
#ifdef SIMDJSON_BUILTIN_IMPLEMENTATION
  benchmark::AddCustomContext("simdjson_builtin",
                              PS_BENCH_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION));
#endif
  benchmark::AddCustomContext("simdjson_version", PS_BENCH_STRINGIFY(SIMDJSON_VERSION));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
