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
#include "codec/decode.h"
#include "codec/encode.h"
#include "generated/apprunner/service.h"
#include "validate/validate.h"

namespace apprunner::codec {
namespace {

using bench::AllocCounter;
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

// --- the straightforward On-Demand + RE2 pipeline -------------------------------------

// What a user writes with simdjson On-Demand and RE2, generically over our tables: each
// member by find_field_unordered (any order), its type checked, the value stored, the
// same RE2 programs and code-point lengths. Fails fast; lists into reused blocks.
class OnDemandWalker {
 public:
  explicit OnDemandWalker(const bench::Re2Patterns* patterns) : patterns_(patterns) {}

  bool Run(const StructDesc& desc, const simdjson::padded_string& body, void* out) {
    desc.reset(out);
    strings_.clear();
    entries_.clear();
    arena_.Reset();
    ondemand::document doc;
    ondemand::object root;
    if (parser_.iterate(body).get(doc) || doc.get_object().get(root)) return false;
    if (!Struct(desc, root, out)) return false;
    for (const auto& [map, begin] : fixups_) map->entries = entries_.data() + begin;
    fixups_.clear();
    return true;
  }

 private:
  bool Struct(const StructDesc& desc, ondemand::object& object, void* out) {
    for (const FieldDesc& f : desc) {
      ondemand::value v;
      auto err = object.find_field_unordered(f.wire_name).get(v);
      if (err == simdjson::NO_SUCH_FIELD) {
        if (f.required) return false;
        continue;
      }
      if (err) return false;
      bool is_null = false;
      if (!v.is_null().get(is_null) && is_null) {
        if (f.required) return false;
        continue;
      }
      if (!Value(f, f.kind, f.shape, f.sub, v, f.emplace(out))) return false;
    }
    return true;
  }

  bool Check(const ShapeDesc& shape, std::string_view s) const {
    const size_t cps = CountCodePoints(s);
    if ((shape.has_min && cps < static_cast<uint64_t>(shape.min)) ||
        (shape.has_max && cps > static_cast<uint64_t>(shape.max))) {
      return false;
    }
    return shape.pattern == nullptr ||
           patterns_->FullMatch(static_cast<int32_t>(shape.pattern - model::kPatterns), s, cps);
  }

  bool Value(const FieldDesc& f, FieldKind kind, const ShapeDesc* shape, const StructDesc* sub,
             ondemand::value v, void* dst) {
    switch (kind) {
      case FieldKind::kString: {
        std::string_view s;
        if (v.get_string().get(s)) return false;
        *static_cast<std::string_view*>(dst) = s;
        return Check(*shape, s);
      }
      case FieldKind::kEnum: {
        std::string_view s;
        if (v.get_string().get(s)) return false;
        auto* e = static_cast<EnumValue*>(dst);
        e->wire = s;
        for (uint16_t i = 0; i < shape->num_enum_values; ++i) {
          if (shape->enum_values[i] == s) e->index = i;
        }
        return e->known();
      }
      case FieldKind::kInteger: {
        int64_t n;
        if (v.get_int64().get(n) || n < INT32_MIN || n > INT32_MAX) return false;
        *static_cast<int32_t*>(dst) = static_cast<int32_t>(n);
        return !(shape->has_min && n < shape->min) && !(shape->has_max && n > shape->max);
      }
      case FieldKind::kBoolean: return !v.get_bool().get(*static_cast<bool*>(dst));
      case FieldKind::kTimestamp: {
        double seconds;
        if (v.get_double().get(seconds)) return false;
        const double whole = std::floor(seconds);
        *static_cast<Timestamp*>(dst) =
            Timestamp{static_cast<int64_t>(whole), static_cast<int32_t>((seconds - whole) * 1e9)};
        return true;
      }
      case FieldKind::kStructure: {
        ondemand::object child;
        return !v.get_object().get(child) && Struct(*sub, child, dst);
      }
      case FieldKind::kMap: {
        ondemand::object child;
        if (v.get_object().get(child)) return false;
        auto* map = static_cast<StringMap*>(dst);
        const size_t begin = entries_.size();
        for (auto field : child) {
          std::string_view key, value;
          if (field.unescaped_key().get(key)) return false;
          strings_.emplace_back(key);  // the key's buffer is reused by the next one
          if (field.value().get_string().get(value)) return false;
          if (!Check(*shape->map_key, strings_.back()) || !Check(*shape->map_value, value)) return false;
          entries_.push_back({strings_.back(), value});
        }
        map->size = static_cast<uint32_t>(entries_.size() - begin);
        fixups_.emplace_back(map, begin);
        return true;
      }
      case FieldKind::kList: {
        ondemand::array array;
        size_t n = 0;
        if (v.get_array().get(array) || array.count_elements().get(n)) return false;
        const ListDesc& list = *f.list;
        char* elements = n == 0 ? nullptr : static_cast<char*>(arena_.Allocate(n * list.element_size));
        size_t i = 0;
        for (auto element : array) {
          ondemand::value item;
          if (element.get(item) || i == n) return false;
          void* slot = elements + i++ * list.element_size;
          if (list.element_kind == FieldKind::kStructure)
            list.element_struct->reset(slot);
          else
            std::memset(slot, 0, list.element_size);
          if (!Value(f, list.element_kind, list.element_shape, list.element_struct, item, slot)) return false;
        }
        auto* view = static_cast<ListView*>(dst);
        view->data = elements;
        view->size = static_cast<uint32_t>(n);
        return i == n;
      }
    }
    return false;
  }

  const bench::Re2Patterns* patterns_;
  ondemand::parser parser_;
  std::vector<std::string> strings_;  // unescaped map keys (their buffer is reused)
  std::vector<StringMapEntry> entries_;
  std::vector<std::pair<StringMap*, size_t>> fixups_;
  bench::BlockArena arena_;
};

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

}  // namespace
}  // namespace apprunner::codec

int main(int argc, char** argv) { return apprunner::bench::RunBenchmarks(argc, argv); }
