// Differential fuzz target: every pattern-constrained shape, checked by the library
// (RE2 running the generator's translation, plus the code-point length check) against
// an independent reference: std::wregex in ECMAScript mode (Smithy's regex dialect) on
// the ORIGINAL model pattern, {1,1011} included, over the value as UTF-32, with the
// length counted as UTF-32 units. Both whole-value (regex_match) and search
// (regex_search) semantics. And the generator's specialized DFA against RE2 itself, for
// every pattern that has one. A disagreement aborts.
//
// Input: byte 0 picks the shape; byte 1 picks the mode: below 128 the rest of the input
// is the value; otherwise the value is the rest with one of its characters (picked by
// byte 2) repeated to a length near the shape's maximum (bytes 3-4), so ARN-like seeds
// reach the 1011 boundary the rewrite proof is about. Values are limited to ~4 KiB
// because the reference (libstdc++'s backtracking regex) recurses per character.
#include <simdjson.h>

#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "codec/generated/pause_service_types.h"
#include "codec/table.h"
#include "tests/fuzz/fuzz_check.h"
#include "validate/validate.h"

using namespace apprunner::pause_service;

namespace {

std::vector<int32_t> PatternShapes() {
  std::vector<int32_t> out;
  for (int32_t i = 0; i < kNumShapes; ++i) {
    if (kShapes[i].pattern != kNoPattern) out.push_back(i);
  }
  return out;
}

// Valid UTF-8 to UTF-32 (the caller checked validity).
std::wstring Utf32(std::string_view s) {
  std::wstring out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t n;
    if (c < 0x80) { cp = c; n = 1; }
    else if (c < 0xE0) { cp = c & 0x1F; n = 2; }
    else if (c < 0xF0) { cp = c & 0x0F; n = 3; }
    else { cp = c & 0x07; n = 4; }
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(static_cast<wchar_t>(cp));
    i += n;
  }
  return out;
}

struct Reference {
  std::wregex re;
  explicit Reference(std::string_view model)
      : re(std::wstring(model.begin(), model.end()), std::regex::ECMAScript) {}
};

bool ReferenceVerdict(const ShapeDesc& shape, const Reference& ref, const std::wstring& w,
                      bool search) {
  auto len = static_cast<int64_t>(w.size());
  if (shape.has_min && len < shape.min) return false;
  if (shape.has_max && len > shape.max) return false;
  return search ? std::regex_search(w, ref.re) : std::regex_match(w, ref.re);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<int32_t> shapes = PatternShapes();
  // Never destroyed (as the validators' RE2 programs): no exit-time leak reports.
  static const std::vector<Reference*>& refs = *[] {
    auto* r = new std::vector<Reference*>();
    for (int32_t s : shapes) r->push_back(new Reference(kPatterns[kShapes[s].pattern].model));
    return r;
  }();
  static const Validator* full = new Validator();
  static const Validator* search = [] {
    ValidateOptions o;
    o.pattern_semantics = PatternSemantics::kSearch;
    return new Validator(o);
  }();
  if (size < 5 || size > 4096) return 0;  // see the note on recursion below
  size_t pick = data[0] % shapes.size();
  const ShapeDesc& shape = kShapes[shapes[pick]];
  std::string value(reinterpret_cast<const char*>(data + 5), size - 5);
  if (data[1] >= 128 && !value.empty()) {
    size_t at = data[2] % value.size();
    // Repeat one byte (kept as a whole character only when it is ASCII).
    if (static_cast<unsigned char>(value[at]) < 0x80) {
      // Near the maximum, but at most ~2 KiB: libstdc++'s regex recurses once per
      // character, and the reference must not overflow the stack on 51200-long values.
      int64_t max = shape.has_max && shape.max <= 2048 ? shape.max : 1024;
      int64_t target = max - 16 + ((data[3] << 8 | data[4]) % 48);
      int64_t extra = target - static_cast<int64_t>(value.size());
      if (extra > 0) value.insert(at, static_cast<size_t>(extra), value[at]);
    }
  }
  if (!simdjson::validate_utf8(value.data(), value.size())) return 0;  // decoded input is UTF-8
  std::wstring w = Utf32(value);
  bool ours_full = full->CheckString(shapes[pick], value);
  bool ref_full = ReferenceVerdict(shape, *refs[pick], w, false);
  if (ours_full != ref_full) {
    std::fprintf(stderr, "full-match mismatch on %s: ours=%d reference=%d value=[%s]\n",
                 std::string(shape.name).c_str(), ours_full, ref_full, value.c_str());
  }
  FUZZ_CHECK(ours_full == ref_full);
  bool ours_search = search->CheckString(shapes[pick], value);
  bool ref_search = ReferenceVerdict(shape, *refs[pick], w, true);
  if (ours_search != ref_search) {
    std::fprintf(stderr, "search mismatch on %s: ours=%d reference=%d value=[%s]\n",
                 std::string(shape.name).c_str(), ours_search, ref_search, value.c_str());
  }
  FUZZ_CHECK(ours_search == ref_search);
  // The generator's specialized matchers (DFA or excluded-run) must give exactly RE2's
  // verdict wherever they are used.
  const PatternDesc& p = kPatterns[shape.pattern];
  if ((p.dfa != nullptr || p.run != nullptr) &&
      (p.fast_max_code_points < 0 || static_cast<int64_t>(w.size()) <= p.fast_max_code_points)) {
    bool dfa = p.dfa != nullptr ? p.dfa->FullMatch(value) : p.run->FullMatch(value);
    bool re2 = full->MatchesWithRe2(shape.pattern, value, w.size());
    if (dfa != re2) {
      std::fprintf(stderr, "DFA/RE2 mismatch on %s: dfa=%d re2=%d value=[%s]\n",
                   std::string(shape.name).c_str(), dfa, re2, value.c_str());
    }
    FUZZ_CHECK(dfa == re2);
  }
  return 0;
}
