// The price of the gateway entry points over the C++ processor, on the same bodies in
// one run: RequestProcessor::Process (dispatch + decode + validate), HttpInspector
// (the HTTP checks and the policy on top) and apprunner_codec_inspect (the C ABI over
// it), each with the body copied into the handle and parsed in place from a padded
// caller buffer; on a valid PauseService and CreateService request and on rejected
// ones (a constraint violation, malformed JSON).
//
//   ./bazelw run -c opt //bench:capi_bench    (bench/report runs it too)
#include <string>
#include <string_view>

#include <benchmark/benchmark.h>

#include "api/gateway.h"
#include "api/processor.h"
#include "apprunner_codec.h"
#include "bench/bench_util.h"
#include "generated/apprunner/service.h"

namespace apprunner::codec {
namespace {

using bench::AllocCounter;
using bench::ReadSample;
using bench::SetBytes;
using model::kModel;

// A body in a buffer with APPRUNNER_CODEC_PADDING spare bytes after it.
struct Body {
  explicit Body(std::string_view op, std::string text)
      : target("AppRunner." + std::string(op)), json(std::move(text)) {
    buffer = json;
    buffer.append(APPRUNNER_CODEC_PADDING, ' ');
  }
  std::string target;
  std::string json;
  std::string buffer;
  size_t capacity(bool padded) const { return padded ? buffer.size() : 0; }
  std::string_view view(bool padded) const {
    return padded ? std::string_view(buffer.data(), json.size()) : json;
  }
};

Body MakeBody(std::string_view op, std::string_view kind) {
  if (kind == "valid") return Body(op, ReadSample(op, "request"));
  if (kind == "invalid") return Body(op, "{}");  // every required member missing
  return Body(op, "{\"ServiceArn\":");           // malformed
}

void BM_Processor(benchmark::State& state, std::string_view op, std::string_view kind, bool padded) {
  const Body body = MakeBody(op, kind);
  RequestProcessor processor(kModel);
  const bool valid = kind == "valid";
  if ((processor.Process(body.target, body.view(padded), body.capacity(padded)) == Outcome::kValid) !=
      valid) {
    state.SkipWithError("unexpected outcome");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    Outcome outcome = processor.Process(body.target, body.view(padded), body.capacity(padded));
    benchmark::DoNotOptimize(outcome);
  }
  allocs.Report(state);
  SetBytes(state, body.json.size());
}

void BM_HttpInspector(benchmark::State& state, std::string_view op, std::string_view kind, bool padded) {
  const Body body = MakeBody(op, kind);
  HttpInspector inspector(kModel);
  HttpRequestView request{
      "POST", "/", body.target, kAwsJson10ContentType, body.view(padded), body.capacity(padded)};
  if ((inspector.Inspect(request) == Verdict::kForward) != (kind == "valid")) {
    state.SkipWithError("unexpected verdict");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    Verdict verdict = inspector.Inspect(request);
    benchmark::DoNotOptimize(verdict);
  }
  allocs.Report(state);
  SetBytes(state, body.json.size());
}

void BM_CAbi(benchmark::State& state, std::string_view op, std::string_view kind, bool padded) {
  const Body body = MakeBody(op, kind);
  apprunner_codec* codec = nullptr;
  if (apprunner_codec_create(&codec) != APPRUNNER_CODEC_OK) {
    state.SkipWithError("create failed");
    return;
  }
  apprunner_codec_request request{};
  request.method = "POST";
  request.method_len = 4;
  request.path = "/";
  request.path_len = 1;
  request.target = body.target.data();
  request.target_len = body.target.size();
  request.content_type = kAwsJson10ContentType.data();
  request.content_type_len = kAwsJson10ContentType.size();
  request.body = body.view(padded).data();
  request.body_len = body.json.size();
  request.body_capacity = body.capacity(padded);
  const apprunner_codec_result* result = nullptr;
  if (apprunner_codec_inspect(codec, &request, &result) != APPRUNNER_CODEC_OK ||
      (result->verdict == APPRUNNER_CODEC_FORWARD) != (kind == "valid")) {
    state.SkipWithError("unexpected verdict");
    apprunner_codec_destroy(codec);
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    int rc = apprunner_codec_inspect(codec, &request, &result);
    benchmark::DoNotOptimize(rc);
    benchmark::DoNotOptimize(result);
  }
  allocs.Report(state);
  SetBytes(state, body.json.size());
  apprunner_codec_destroy(codec);
}

#define GATEWAY_BENCH(op, kind)                                                \
  BENCHMARK_CAPTURE(BM_Processor, op##_##kind, #op, #kind, false);             \
  BENCHMARK_CAPTURE(BM_Processor, op##_##kind##_padded, #op, #kind, true);     \
  BENCHMARK_CAPTURE(BM_HttpInspector, op##_##kind, #op, #kind, false);         \
  BENCHMARK_CAPTURE(BM_HttpInspector, op##_##kind##_padded, #op, #kind, true); \
  BENCHMARK_CAPTURE(BM_CAbi, op##_##kind, #op, #kind, false);                  \
  BENCHMARK_CAPTURE(BM_CAbi, op##_##kind##_padded, #op, #kind, true)

GATEWAY_BENCH(PauseService, valid);
GATEWAY_BENCH(PauseService, invalid);
GATEWAY_BENCH(PauseService, malformed);
GATEWAY_BENCH(CreateService, valid);
GATEWAY_BENCH(CreateService, invalid);

}  // namespace
}  // namespace apprunner::codec

int main(int argc, char** argv) { return apprunner::bench::RunBenchmarks(argc, argv); }
