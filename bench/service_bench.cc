// Microbenchmarks of the whole-service paths: dispatch by X-Amz-Target, the largest
// request (CreateService) and two list-bearing responses (ListServices,
// DescribeService), on the samples in examples/operations (every member present, lists
// of 3, maps of 2; written from botocore's model by tests/interop/service_cases.py).
//
// What is measured:
// - BM_Dispatch/<case>: FindOperation on an X-Amz-Target value (the first, a middle and
//   the last operation by name, an unknown name, another service's prefix).
// - BM_Request_Decode/<op>, BM_Request_DecodeValidate/<op>: the StructDecoder alone, and
//   RequestProcessor::Process (dispatch + decode + validate), reused.
// - BM_Response_Decode/<op>, BM_Response_DecodeValidate/<op>: strict decode of the
//   operation's output, then the shared validator.
// - *_Baseline_<lib>/<op>: the same job with another JSON library and regex engine,
//   driven by OUR tables (bench::TableWalker: every member looked up, type-checked,
//   stored into the generated struct, every constraint checked): nlohmann::json +
//   std::regex, RapidJSON + RE2, Boost.JSON + RE2; and the straightforward simdjson
//   On-Demand + RE2 pipeline a user would write (find_field_unordered per member, the
//   same RE2 programs). Each must extract the same values as our decoder before timing.
// - BM_Response_Floor_SimdjsonDomTouchAll/<op>: simdjson's DOM parser touching every
//   key and value, no checks, no output struct.
// - BM_Request_DecodeValidate_Threads/CreateService/real_time/threads:{1,2}: Process on
//   1 and 2 threads, a processor per thread, one shared validator (items_per_second).
// - BM_Response_DecodeValidate_Size/ListServices/{10000,100000,1000000}: decode +
//   validate of ListServices bodies of 10 KB, 100 KB and 1 MB (the sample's summary
//   repeated), 1 MB per iteration: bytes_per_second should not depend on the size.
// Every benchmark reports allocs_per_op (operator new calls in the timed loop).
#include <simdjson.h>

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include "api/processor.h"
#include "bench/alternatives.h"
#include "bench/bench_util.h"
#include "bench/ondemand_baseline.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "generated/apprunner/service.h"
#include "validate/validate.h"

namespace apprunner::codec {
namespace {

using bench::AllocCounter;
using bench::OnDemandWalker;
using bench::SetBytes;
using model::kModel;

namespace ondemand = simdjson::ondemand;

std::string Sample(std::string_view op, std::string_view kind) { return bench::ReadSample(op, kind); }

// Storage for one generated struct described at run time.
struct Object {
  explicit Object(const StructDesc& d) : desc(d), data(d.size / sizeof(std::max_align_t) + 1) {}
  void* get() { return data.data(); }
  const StructDesc& desc;
  std::vector<std::max_align_t> data;
};

// Our decoder's reading of `body`, as canonical JSON (the reference the baselines must
// reproduce), or "" when it does not decode.
std::string Reference(const StructDesc& desc, const std::string& body) {
  StructDecoder decoder;
  Object out(desc);
  if (!decoder.Decode(body, desc, out.get()).ok()) return "";
  std::string json;
  EncodeStruct(desc, out.get(), &json);
  return json;
}

bool SameValues(const StructDesc& desc, const void* object, const std::string& reference) {
  std::string json;
  EncodeStruct(desc, object, &json);
  return nlohmann::json::parse(json) == nlohmann::json::parse(reference);
}

// --- dispatch -------------------------------------------------------------------------

void BM_Dispatch(benchmark::State& state, std::string_view target, bool known) {
  if ((FindOperation(kModel, target) != nullptr) != known) {
    state.SkipWithError("unexpected dispatch result");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    benchmark::DoNotOptimize(target);
    benchmark::DoNotOptimize(FindOperation(kModel, target));
  }
  allocs.Report(state);
}
BENCHMARK_CAPTURE(BM_Dispatch, first_AssociateCustomDomain, "AppRunner.AssociateCustomDomain", true);
BENCHMARK_CAPTURE(BM_Dispatch, PauseService, "AppRunner.PauseService", true);
BENCHMARK_CAPTURE(BM_Dispatch, last_UpdateVpcIngressConnection, "AppRunner.UpdateVpcIngressConnection", true);
BENCHMARK_CAPTURE(BM_Dispatch, unknown_name, "AppRunner.DescribeEverything", false);
BENCHMARK_CAPTURE(BM_Dispatch, other_prefix, "DynamoDB_20120810.GetItem", false);

// --- ours -----------------------------------------------------------------------------

void BM_Request_Decode(benchmark::State& state, std::string_view op_name) {
  const OperationDesc* op = FindOperationByName(kModel, op_name);
  const std::string body = Sample(op_name, "request");
  StructDecoder decoder;
  Object out(*op->input);
  if (!decoder.Decode(body, *op->input, out.get()).ok()) {
    state.SkipWithError("the sample does not decode");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    DecodeStatus s = decoder.Decode(body, *op->input, out.get());
    benchmark::DoNotOptimize(s);
  }
  allocs.Report(state);
  SetBytes(state, body.size());
}
BENCHMARK_CAPTURE(BM_Request_Decode, CreateService, "CreateService");

void BM_Request_DecodeValidate(benchmark::State& state, std::string_view op_name) {
  const OperationDesc* op = FindOperationByName(kModel, op_name);
  const std::string body = Sample(op_name, "request");
  RequestProcessor processor(kModel);
  if (processor.Process(op->target, body) != Outcome::kValid) {
    state.SkipWithError("the sample is not valid");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    Outcome o = processor.Process(op->target, body);
    benchmark::DoNotOptimize(o);
  }
  allocs.Report(state);
  SetBytes(state, body.size());
}
BENCHMARK_CAPTURE(BM_Request_DecodeValidate, CreateService, "CreateService");
BENCHMARK_CAPTURE(BM_Request_DecodeValidate, TagResource, "TagResource");

void BM_Response_Decode(benchmark::State& state, std::string_view op_name, bool validate) {
  const OperationDesc* op = FindOperationByName(kModel, op_name);
  const std::string body = Sample(op_name, "response");
  StructDecoder decoder;
  Object out(*op->output);
  const Validator& validator = Validator::Default(kModel);
  ValidationReport report;
  if (!decoder.Decode(body, *op->output, out.get()).ok() ||
      !validator.Validate(*op->output, out.get(), &report)) {
    state.SkipWithError("the sample does not decode or validate");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    DecodeStatus s = decoder.Decode(body, *op->output, out.get());
    benchmark::DoNotOptimize(s);
    if (validate) benchmark::DoNotOptimize(validator.Validate(*op->output, out.get(), &report));
  }
  allocs.Report(state);
  SetBytes(state, body.size());
}
BENCHMARK_CAPTURE(BM_Response_Decode, ListServices, "ListServices", false);
BENCHMARK_CAPTURE(BM_Response_Decode, DescribeService, "DescribeService", false);
void BM_Response_DecodeValidate(benchmark::State& state, std::string_view op_name) {
  BM_Response_Decode(state, op_name, true);
}
BENCHMARK_CAPTURE(BM_Response_DecodeValidate, ListServices, "ListServices");
BENCHMARK_CAPTURE(BM_Response_DecodeValidate, DescribeService, "DescribeService");

// --- baselines over DOM libraries -----------------------------------------------------

template <typename Parser, typename Dom, typename Patterns>
void RunBaseline(benchmark::State& state, std::string_view op_name, bool request) {
  const OperationDesc* op = FindOperationByName(kModel, op_name);
  const StructDesc& desc = request ? *op->input : *op->output;
  const std::string body = Sample(op_name, request ? "request" : "response");
  const std::string reference = Reference(desc, body);
  const Patterns patterns;
  Parser parser;
  bench::TableWalker<Dom, Patterns> walker(&patterns);
  Object out(desc);
  const auto* root = parser.Parse(body);
  if (!patterns.ok() || reference.empty() || root == nullptr || !walker.Run(desc, *root, out.get()) ||
      !SameValues(desc, out.get(), reference)) {
    state.SkipWithError("the baseline rejected the sample or extracted different values");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    const auto* doc = parser.Parse(body);
    bool ok = doc != nullptr && walker.Run(desc, *doc, out.get());
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, body.size());
}

#define SERVICE_BASELINES(KIND, OP, REQUEST)                                                              \
  void BM_##KIND##_Baseline_NlohmannStdRegex_##OP(benchmark::State& state) {                              \
    RunBaseline<bench::NlohmannParser, bench::NlohmannDom, bench::StdRegexPatterns>(state, #OP, REQUEST); \
  }                                                                                                       \
  BENCHMARK(BM_##KIND##_Baseline_NlohmannStdRegex_##OP);                                                  \
  void BM_##KIND##_Baseline_RapidJsonRe2_##OP(benchmark::State& state) {                                  \
    RunBaseline<bench::RapidJsonParser, bench::RapidJsonDom, bench::Re2Patterns>(state, #OP, REQUEST);    \
  }                                                                                                       \
  BENCHMARK(BM_##KIND##_Baseline_RapidJsonRe2_##OP);                                                      \
  void BM_##KIND##_Baseline_BoostJsonRe2_##OP(benchmark::State& state) {                                  \
    RunBaseline<bench::BoostJsonParser, bench::BoostJsonDom, bench::Re2Patterns>(state, #OP, REQUEST);    \
  }                                                                                                       \
  BENCHMARK(BM_##KIND##_Baseline_BoostJsonRe2_##OP);

// --- the straightforward On-Demand + RE2 pipeline (bench/ondemand_baseline.h) --------

void RunOnDemandBaseline(benchmark::State& state, std::string_view op_name, bool request) {
  const OperationDesc* op = FindOperationByName(kModel, op_name);
  const StructDesc& desc = request ? *op->input : *op->output;
  const std::string body = Sample(op_name, request ? "request" : "response");
  const std::string reference = Reference(desc, body);
  const simdjson::padded_string padded(body);
  const bench::Re2Patterns patterns;
  OnDemandWalker walker(&patterns);
  Object out(desc);
  if (reference.empty() || !walker.Run(desc, padded, out.get()) || !SameValues(desc, out.get(), reference)) {
    state.SkipWithError("the On-Demand baseline rejected the sample or extracted different values");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    bool ok = walker.Run(desc, padded, out.get());
    benchmark::DoNotOptimize(ok);
  }
  allocs.Report(state);
  SetBytes(state, body.size());
}

SERVICE_BASELINES(Request, CreateService, true)
void BM_Request_Baseline_OnDemandRe2_CreateService(benchmark::State& state) {
  RunOnDemandBaseline(state, "CreateService", true);
}
BENCHMARK(BM_Request_Baseline_OnDemandRe2_CreateService);

SERVICE_BASELINES(Response, ListServices, false)
SERVICE_BASELINES(Response, DescribeService, false)
void BM_Response_Baseline_OnDemandRe2_ListServices(benchmark::State& state) {
  RunOnDemandBaseline(state, "ListServices", false);
}
BENCHMARK(BM_Response_Baseline_OnDemandRe2_ListServices);
void BM_Response_Baseline_OnDemandRe2_DescribeService(benchmark::State& state) {
  RunOnDemandBaseline(state, "DescribeService", false);
}
BENCHMARK(BM_Response_Baseline_OnDemandRe2_DescribeService);

// --- floor ----------------------------------------------------------------------------

void BM_Response_Floor_SimdjsonDomTouchAll(benchmark::State& state, std::string_view op_name) {
  const std::string body = Sample(op_name, "response");
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(body);
  bench::Tally tally, expected;
  bench::TallyNlohmann(nlohmann::json::parse(body), &expected);
  if (bench::DomTouchAll(parser, padded, &tally) != simdjson::SUCCESS || !tally.SameValues(expected)) {
    state.SkipWithError("the DOM walk did not read every value");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    simdjson::error_code error = bench::DomTouchAll(parser, padded, &tally);
    benchmark::DoNotOptimize(error);
    benchmark::DoNotOptimize(tally);
  }
  allocs.Report(state);
  SetBytes(state, body.size());
}
BENCHMARK_CAPTURE(BM_Response_Floor_SimdjsonDomTouchAll, ListServices, "ListServices");
BENCHMARK_CAPTURE(BM_Response_Floor_SimdjsonDomTouchAll, DescribeService, "DescribeService");

// --- scaling --------------------------------------------------------------------------

// 1 -> 2 threads: RequestProcessor::Process on the CreateService request, each thread
// with its own processor (decoder, buffers, report), all sharing Validator::Default
// (read-only). Real time: items_per_second and bytes_per_second are the threads'
// combined throughput; the CPU time per item is each core's cost (equal at 1 and 2
// threads when nothing is shared that should not be).
void BM_Request_DecodeValidate_Threads(benchmark::State& state, std::string_view op_name) {
  BM_Request_DecodeValidate(state, op_name);  // runs on each thread: its own processor
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(BM_Request_DecodeValidate_Threads, CreateService, "CreateService")
    ->Threads(1)
    ->Threads(2)
    ->UseRealTime();

// A ListServices response of exactly `bytes` bytes: the first ServiceSummaryList
// element of the sample (re-serialized with the same \u escapes) repeated as often as
// fits, then spaces. Sets *elements to the list's length.
std::string ListServicesBody(size_t bytes, size_t* elements) {
  const nlohmann::json sample = nlohmann::json::parse(Sample("ListServices", "response"));
  const std::string element = sample["ServiceSummaryList"][0].dump(-1, ' ', /*ensure_ascii=*/true);
  const std::string head = "{\"ServiceSummaryList\":[", tail = "]}";
  std::string body = head + element;
  *elements = 1;
  while (body.size() + 1 + element.size() + tail.size() <= bytes) {
    body += ',';
    body += element;
    ++*elements;
  }
  body += tail;
  if (body.size() < bytes) body.append(bytes - body.size(), ' ');
  return body;
}

// Throughput against body size: decode + validate of ListServices responses of 10 KB,
// 100 KB and 1 MB (~34, ~340, ~3,400 summaries). Each iteration handles 1,000,000 bytes
// (100, 10 or 1 bodies), so ns/op is the time per MB at every size and bytes_per_second
// should be flat. The decoder is configured as a user expecting such lists would: a
// 4 MiB body limit (the default, 1 MiB, is just above the largest body here) and the
// default 64 MiB for list storage.
void BM_Response_DecodeValidate_Size(benchmark::State& state, std::string_view op_name) {
  constexpr size_t kBytesPerIteration = 1000000;
  const auto bytes = static_cast<size_t>(state.range(0));
  const size_t bodies = kBytesPerIteration / bytes;
  const OperationDesc* op = FindOperationByName(kModel, op_name);
  size_t elements = 0;
  const std::string body = ListServicesBody(bytes, &elements);
  DecodeOptions options;
  options.max_body_bytes = size_t{4} << 20;
  StructDecoder decoder(options);
  Object out(*op->output);
  const Validator& validator = Validator::Default(kModel);
  ValidationReport report;
  const FieldDesc* list_field = nullptr;
  for (const FieldDesc& f : *op->output) {
    if (f.wire_name == "ServiceSummaryList") list_field = &f;
  }
  const bool decoded = decoder.Decode(body, *op->output, out.get()).ok();
  const auto* list =
      decoded && list_field != nullptr ? static_cast<const ListView*>(list_field->get(out.get())) : nullptr;
  if (body.size() != bytes || bodies * bytes != kBytesPerIteration || list == nullptr ||
      list->size != elements || !validator.Validate(*op->output, out.get(), &report)) {
    state.SkipWithError("the body does not decode, validate, or hold every element");
    return;
  }
  AllocCounter allocs;
  for (auto _ : state) {
    for (size_t i = 0; i < bodies; ++i) {
      DecodeStatus s = decoder.Decode(body, *op->output, out.get());
      benchmark::DoNotOptimize(s);
      benchmark::DoNotOptimize(validator.Validate(*op->output, out.get(), &report));
    }
  }
  allocs.Report(state);
  SetBytes(state, kBytesPerIteration);
  state.counters["elements_per_body"] = static_cast<double>(elements);
}
BENCHMARK_CAPTURE(BM_Response_DecodeValidate_Size, ListServices, "ListServices")
    ->Arg(10000)
    ->Arg(100000)
    ->Arg(1000000);

}  // namespace
}  // namespace apprunner::codec

int main(int argc, char** argv) { return apprunner::bench::RunBenchmarks(argc, argv); }
