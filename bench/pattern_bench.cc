// Whole-value pattern matching, engine against engine, on every pattern of the App
// Runner model (kModel.patterns, the table Validator checks strings against).
//
// For each pattern, named after the first leaf shape that uses it (AppRunnerResourceArn
// for the ServiceArn pattern), and for one matching and one non-matching value:
// - BM_Pattern_Generated/<name>/<match|nomatch>: the generator's specialized matcher,
//   through Validator::Matches itself (the DFA, or the ExcludedRun scan; RE2 only
//   for a value longer than the fast form allows, which no timed value is).
// - BM_Pattern_Re2/<name>/<...>: RE2::FullMatch on the generator's RE2 form, as
//   bench::Re2Patterns (the baselines' engine) and Validator::MatchesWithRe2 run it: for
//   the ARN the fast form (\w|\/|-)+, since RE2 rejects the model's {1,1011} (repeat
//   counts over 1000) and the generator proves the rewrite equal under the length
//   constraint.
// - BM_Pattern_Hyperscan/<name>/<...>: Hyperscan block mode (hs_scan), one database per
//   pattern compiled with HS_FLAG_SINGLEMATCH, anchored as \A(?:...)\z, one scratch
//   allocated before the loop, and a match callback that accepts only a match ending at
//   the value's end. It runs the model's own text where Hyperscan's dialect agrees with
//   it, including the ARN's (\w|\/|-){1,1011}, which Hyperscan accepts; the RE2 exact
//   form where it does not: '.' (ECMA-262 excludes \r, U+2028, U+2029 too; the RE2 form
//   spells the class out) and TagKey's lookahead (Hyperscan has none). HS_FLAG_UTF8
//   where the form has code-point escapes (\x{2028}); never HS_FLAG_UCP, since \w and \d
//   are ASCII in ECMA-262 and RE2; HS_FLAG_ALLOWEMPTY where the pattern matches "".
//   Each row's label names the form it runs.
// - BM_Pattern_HyperscanFastForm/<name>/<...>: for the patterns RE2 runs in a fast form
//   (the ARN), Hyperscan on that same form, to show what the bounded repeat costs it.
//
// Values: every string of examples/operations/*.json (requests and responses) decoded
// and walked through the tables, grouped by the pattern of its shape; the timed
// matching value is a realistic one written below when the samples' are synthetic
// (the ARN of examples/pause-service-request.json), else the longest sample; the
// non-matching one is it plus a trailing "\n" (or NUL, for [^\x00]+), rejected only at
// the last byte. Before any timing, all three engines must agree on every sample value
// and on variants of each (empty, truncated, a prefix or suffix of \n, \r, NUL, é,
// U+2028): SkipWithError otherwise.
#include <hs/hs.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/alternatives.h"
#include "bench/bench_util.h"
#include "codec/decode.h"
#include "codec/table.h"
#include "generated/apprunner/service.h"
#include "validate/validate.h"

namespace apprunner::codec {
namespace {

using bench::AllocCounter;
using model::kModel;

// --- Hyperscan --------------------------------------------------------------------------

// One block-mode database per pattern of kModel, anchored to the whole value. With
// `fast_forms`, only the patterns RE2 runs in a fast form, compiled in that form (the
// others' databases are null).
class HyperscanPatterns {
 public:
  explicit HyperscanPatterns(bool fast_forms = false) {
    for (int32_t i = 0; i < kModel.num_patterns; ++i) {
      const PatternDesc& p = kModel.patterns[i];
      if (!fast_forms) {
        Compile(p);
      } else if (p.fast_max_code_points >= 0) {
        Compile(p.re2_fast, "RE2 fast form");
      } else {
        dbs_.push_back(nullptr);
        errors_.push_back("no fast form");
        labels_.emplace_back();
      }
    }
  }
  ~HyperscanPatterns() {
    for (hs_database_t* db : dbs_) hs_free_database(db);
  }
  HyperscanPatterns(const HyperscanPatterns&) = delete;
  HyperscanPatterns& operator=(const HyperscanPatterns&) = delete;

  const hs_database_t* db(int32_t i) const { return dbs_[i]; }
  const std::string& error(int32_t i) const { return errors_[i]; }
  const std::string& label(int32_t i) const { return labels_[i]; }

 private:
  void Compile(const PatternDesc& p) {
    // The model's text unless the generator rewrote it for another reason than RE2's
    // repeat limit (fast_max_code_points >= 0 marks that rewrite alone).
    const bool model_form = p.re2_exact == p.model || p.fast_max_code_points >= 0;
    Compile(model_form ? p.model : p.re2_exact, model_form ? "model form" : "RE2 exact form");
  }

  void Compile(std::string_view form, const char* form_name) {
    const std::string anchored = "\\A(?:" + std::string(form) + ")\\z";
    unsigned flags = HS_FLAG_SINGLEMATCH;
    if (form.find("\\x{") != std::string_view::npos) flags |= HS_FLAG_UTF8;
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_expression_info(anchored.c_str(), flags, &info, &err) == HS_SUCCESS) {
      if (info->min_width == 0) flags |= HS_FLAG_ALLOWEMPTY;
      std::free(info);
    } else {
      hs_free_compile_error(err);
      err = nullptr;
    }
    hs_database_t* db = nullptr;
    std::string error;
    if (hs_compile(anchored.c_str(), flags, HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
      error = err != nullptr && err->message != nullptr ? err->message : "hs_compile failed";
      hs_free_compile_error(err);
      db = nullptr;
    }
    dbs_.push_back(db);
    errors_.push_back(error);
    labels_.push_back(std::string(form_name) + ((flags & HS_FLAG_UTF8) != 0 ? ", UTF8" : "") +
                      ((flags & HS_FLAG_ALLOWEMPTY) != 0 ? ", ALLOWEMPTY" : ""));
  }

  std::vector<hs_database_t*> dbs_;
  std::vector<std::string> errors_;
  std::vector<std::string> labels_;
};

struct HsMatch {
  unsigned long long length;  // NOLINT(runtime/int): Hyperscan's offset type
  bool matched;
};

int OnHsMatch(unsigned /*id*/, unsigned long long /*from*/, unsigned long long to,  // NOLINT(runtime/int)
              unsigned /*flags*/, void* context) {
  auto* m = static_cast<HsMatch*>(context);
  if (to != m->length) return 0;  // \z makes this impossible; checked all the same
  m->matched = true;
  return 1;  // stop scanning
}

bool HsFullMatch(const hs_database_t* db, hs_scratch_t* scratch, std::string_view s) {
  HsMatch m{s.size(), false};
  const hs_error_t e = hs_scan(db, s.data(), static_cast<unsigned>(s.size()), 0, scratch, OnHsMatch, &m);
  return (e == HS_SUCCESS || e == HS_SCAN_TERMINATED) && m.matched;
}

// One scratch per thread, sized for every database.
class HsScratch {
 public:
  HsScratch(std::initializer_list<const HyperscanPatterns*> sets) {
    for (const HyperscanPatterns* patterns : sets) {
      for (int32_t i = 0; i < kModel.num_patterns; ++i) {
        if (patterns->db(i) != nullptr && hs_alloc_scratch(patterns->db(i), &scratch_) != HS_SUCCESS) {
          hs_free_scratch(scratch_);
          scratch_ = nullptr;
          return;
        }
      }
    }
  }
  ~HsScratch() { hs_free_scratch(scratch_); }
  HsScratch(const HsScratch&) = delete;
  HsScratch& operator=(const HsScratch&) = delete;
  hs_scratch_t* get() const { return scratch_; }

 private:
  hs_scratch_t* scratch_ = nullptr;
};

// --- Values -----------------------------------------------------------------------------

using Values = std::vector<std::vector<std::string>>;  // per pattern index

void AddValue(const ShapeDesc* shape, std::string_view s, Values* out) {
  if (shape == nullptr || shape->pattern == nullptr) return;
  std::vector<std::string>& v = (*out)[static_cast<size_t>(shape->pattern - kModel.patterns)];
  if (std::find(v.begin(), v.end(), s) == v.end()) v.emplace_back(s);
}

void CollectStruct(const StructDesc& desc, const void* object, Values* out);

void CollectValue(const FieldDesc& f, FieldKind kind, const ShapeDesc* shape, const StructDesc* sub,
                  const void* value, Values* out) {
  switch (kind) {
    case FieldKind::kString: AddValue(shape, *static_cast<const std::string_view*>(value), out); break;
    case FieldKind::kStructure: CollectStruct(*sub, value, out); break;
    case FieldKind::kMap:
      for (const StringMapEntry& e : *static_cast<const StringMap*>(value)) {
        AddValue(shape->map_key, e.key, out);
        AddValue(shape->map_value, e.value, out);
      }
      break;
    case FieldKind::kList: {
      const auto* list = static_cast<const ListView*>(value);
      const ListDesc& d = *f.list;
      for (uint32_t i = 0; i < list->size; ++i) {
        CollectValue(f, d.element_kind, d.element_shape, d.element_struct,
                     static_cast<const char*>(list->data) + size_t{i} * d.element_size, out);
      }
      break;
    }
    default: break;
  }
}

void CollectStruct(const StructDesc& desc, const void* object, Values* out) {
  for (const FieldDesc& f : desc) {
    if (const void* v = f.get(object)) CollectValue(f, f.kind, f.shape, f.sub, v, out);
  }
}

// Every patterned string of the samples, per pattern (empty when examples/ is missing).
Values SampleValues() {
  Values values(static_cast<size_t>(kModel.num_patterns));
  StructDecoder decoder;
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const OperationDesc& op = *kModel.operations[i];
    for (const auto& [kind, desc] : {std::pair{"request", op.input}, std::pair{"response", op.output}}) {
      const std::string body = bench::ReadSample(op.name, kind);
      std::vector<std::max_align_t> storage(desc->size / sizeof(std::max_align_t) + 1);
      if (body.empty() || !decoder.Decode(body, *desc, storage.data()).ok()) continue;
      CollectStruct(*desc, storage.data(), &values);  // copies the strings
    }
  }
  return values;
}

// Realistic values where the samples' are synthetic (botocore-generated placeholders).
std::string_view RealisticValue(std::string_view shape) {
  if (shape == "AppRunnerResourceArn")
    return "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa";
  if (shape == "RoleArn") return "arn:aws:iam::123456789012:role/service-role/AppRunnerECRAccessRole";
  if (shape == "KmsKeyArn")
    return "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  if (shape == "ImageIdentifier") return "123456789012.dkr.ecr.us-east-1.amazonaws.com/python-app:latest";
  return {};
}

std::string PatternName(int32_t i) {
  for (int32_t s = 0; s < kModel.num_shapes; ++s) {
    if (kModel.shapes[s].pattern == &kModel.patterns[i]) return std::string(kModel.shapes[s].name);
  }
  return "pattern" + std::to_string(i);
}

struct Case {
  int32_t pattern;
  std::string name;
  std::string match;                 // timed matching value
  std::string nomatch;               // timed non-matching value
  std::vector<std::string> checked;  // every value the engines must agree on
};

// The engines, shared by every benchmark (compiled once; read-only afterwards).
struct Engines {
  const Validator& validator = Validator::Default(kModel);
  bench::Re2Patterns re2;
  HyperscanPatterns hyperscan;
  HyperscanPatterns hyperscan_fast{/*fast_forms=*/true};
};
const Engines& GetEngines() {
  static const Engines* engines = new Engines;
  return *engines;
}

std::vector<Case> MakeCases() {
  const Engines& e = GetEngines();
  const Values samples = SampleValues();
  std::vector<Case> cases;
  for (int32_t i = 0; i < kModel.num_patterns; ++i) {
    Case c{i, PatternName(i), {}, {}, samples[static_cast<size_t>(i)]};
    c.match = std::string(RealisticValue(c.name));
    for (const std::string& s : c.checked) {
      if (c.match.empty() || (RealisticValue(c.name).empty() && s.size() > c.match.size())) c.match = s;
    }
    if (!c.match.empty()) {
      // The last code point replaced, so that the value keeps its length (Hyperscan
      // rejects a value longer than the pattern's widest match without scanning it);
      // appended when that still matches.
      size_t last = c.match.size() - 1;
      while (last > 0 && (static_cast<unsigned char>(c.match[last]) & 0xC0) == 0x80) --last;
      for (const std::string& bad : {std::string("\n"), std::string(1, '\0')}) {
        for (const std::string& v : {c.match.substr(0, last) + bad, c.match + bad}) {
          if (c.nomatch.empty() && !e.re2.FullMatch(i, v, CountCodePoints(v))) c.nomatch = v;
        }
      }
      std::vector<std::string> variants = {c.match, c.nomatch, ""};
      for (const std::string& s : c.checked) {
        variants.push_back(s.substr(0, s.size() / 2));
        for (const std::string& piece : {std::string("\n"), std::string("\r"), std::string(1, '\0'),
                                         std::string("\xc3\xa9"), std::string("\xe2\x80\xa8")}) {
          variants.push_back(s + piece);
          variants.push_back(piece + s);
        }
      }
      for (std::string& v : variants) {
        if (std::find(c.checked.begin(), c.checked.end(), v) == c.checked.end())
          c.checked.push_back(std::move(v));
      }
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

// Empty when the three engines agree on every value of `c`, else what went wrong.
std::string Disagreement(const Case& c, hs_scratch_t* scratch) {
  const Engines& e = GetEngines();
  const PatternDesc& p = kModel.patterns[c.pattern];
  if (c.match.empty()) return "no sample value for this pattern";
  if (!e.re2.ok()) return "an RE2 program did not compile";
  if (e.hyperscan.db(c.pattern) == nullptr)
    return "Hyperscan rejects the pattern: " + e.hyperscan.error(c.pattern);
  if (p.fast_max_code_points >= 0 && e.hyperscan_fast.db(c.pattern) == nullptr)
    return "Hyperscan rejects the RE2 fast form: " + e.hyperscan_fast.error(c.pattern);
  if (scratch == nullptr) return "hs_alloc_scratch failed";
  for (const std::string& v : c.checked) {
    const size_t cps = CountCodePoints(v);
    const bool ours = e.validator.Matches(p, v, cps);
    const bool re2 = e.re2.FullMatch(c.pattern, v, cps);
    const bool hs = HsFullMatch(e.hyperscan.db(c.pattern), scratch, v);
    const hs_database_t* fast = e.hyperscan_fast.db(c.pattern);
    const bool hs_fast = fast == nullptr ? hs : HsFullMatch(fast, scratch, v);
    if (ours != re2 || hs != re2 || hs_fast != re2) {
      std::string escaped;
      for (unsigned char ch : v) {
        char buf[8];
        std::snprintf(buf, sizeof buf, ch < 0x20 || ch >= 0x7f ? "\\x%02x" : "%c", ch);
        escaped += buf;
      }
      return "engines disagree on \"" + escaped + "\": generated " + std::to_string(ours) + ", RE2 " +
             std::to_string(re2) + ", Hyperscan " + std::to_string(hs) + " (" + std::to_string(hs_fast) +
             " in the RE2 fast form)";
    }
  }
  if (!e.re2.FullMatch(c.pattern, c.match, CountCodePoints(c.match)))
    return "the matching value does not match";
  if (e.re2.FullMatch(c.pattern, c.nomatch, CountCodePoints(c.nomatch)))
    return "the non-matching value matches";
  return "";
}

enum class Engine { kGenerated, kRe2, kHyperscan, kHyperscanFastForm };

void BM_Pattern(benchmark::State& state, const Case* c, Engine engine, bool match) {
  const Engines& e = GetEngines();
  const PatternDesc& p = kModel.patterns[c->pattern];
  const HsScratch scratch({&e.hyperscan, &e.hyperscan_fast});  // per thread, outside the loop
  const std::string problem = Disagreement(*c, scratch.get());
  if (!problem.empty()) {
    state.SkipWithError(problem.c_str());
    return;
  }
  const std::string& value = match ? c->match : c->nomatch;
  const size_t cps = CountCodePoints(value);  // the validator has it from the length check
  const std::string_view v = value;
  AllocCounter allocs;
  switch (engine) {
    case Engine::kGenerated:
      state.SetLabel(p.dfa != nullptr ? "DFA" : "ExcludedRun");
      for (auto _ : state) {
        benchmark::DoNotOptimize(v.data());
        benchmark::DoNotOptimize(e.validator.Matches(p, v, cps));
      }
      break;
    case Engine::kRe2: {
      const bool fast = p.fast_max_code_points < 0 || cps <= static_cast<uint64_t>(p.fast_max_code_points);
      state.SetLabel(p.re2_fast == p.re2_exact ? "RE2 form" : fast ? "RE2 fast form" : "RE2 exact form");
      for (auto _ : state) {
        benchmark::DoNotOptimize(v.data());
        benchmark::DoNotOptimize(e.re2.FullMatch(c->pattern, v, cps));
      }
      break;
    }
    case Engine::kHyperscan:
    case Engine::kHyperscanFastForm: {
      const HyperscanPatterns& hs = engine == Engine::kHyperscan ? e.hyperscan : e.hyperscan_fast;
      state.SetLabel(hs.label(c->pattern));
      const hs_database_t* db = hs.db(c->pattern);
      hs_scratch_t* s = scratch.get();
      for (auto _ : state) {
        benchmark::DoNotOptimize(v.data());
        benchmark::DoNotOptimize(HsFullMatch(db, s, v));
      }
      break;
    }
  }
  allocs.Report(state);
  bench::SetBytes(state, value.size());
}

}  // namespace
}  // namespace apprunner::codec

int main(int argc, char** argv) {
  using apprunner::codec::Engine;
  static const std::vector<apprunner::codec::Case> cases = apprunner::codec::MakeCases();
  for (const auto& c : cases) {
    for (bool match : {true, false}) {
      for (const auto& [engine, prefix] : {std::pair{Engine::kGenerated, "BM_Pattern_Generated/"},
                                           std::pair{Engine::kRe2, "BM_Pattern_Re2/"},
                                           std::pair{Engine::kHyperscan, "BM_Pattern_Hyperscan/"}}) {
        benchmark::RegisterBenchmark((prefix + c.name + (match ? "/match" : "/nomatch")).c_str(),
                                     apprunner::codec::BM_Pattern, &c, engine, match);
      }
      if (apprunner::model::kModel.patterns[c.pattern].fast_max_code_points >= 0) {
        benchmark::RegisterBenchmark(
            ("BM_Pattern_HyperscanFastForm/" + c.name + (match ? "/match" : "/nomatch")).c_str(),
            apprunner::codec::BM_Pattern, &c, Engine::kHyperscanFastForm, match);
      }
    }
  }
  benchmark::AddCustomContext("hyperscan_version", hs_version());
  return apprunner::bench::RunBenchmarks(argc, argv);
}
