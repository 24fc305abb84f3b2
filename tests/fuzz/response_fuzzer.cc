// Fuzz target: PauseService response decode (strict and lenient) + validate.
// Invariants: never crash; every outcome of both modes, accepted or rejected, agrees
// with the independent JSON checker (tests/fuzz/oracle.h); DecodePadded gives exactly
// what Decode gives in both modes; a failed decode leaves the response reset; every
// deviation points at what it names; the decoded root members are the body's (read
// independently: Service present, OperationId's unescaped text). Between the modes: they walk the body alike until
// a member name that matches the model only ignoring case (strict: an unknown member;
// lenient: the member), so with no such name lenient succeeds exactly when strict
// succeeds or fails with NotWireFormat only, at lenient's first deviation, with the same
// value and deviation list; strict success always means no deviation but name case.
// reject_unknown_members changes strict's outcome only into UnknownMember, never later
// in the body. Another nesting limit (1 to 8, the depths model members sit at, 63 or
// 1024, picked by the input) obeys the oracle with that limit in both modes and changes
// nothing for a body nested within both limits. Validation of what lenient accepts
// reports iff it fails.
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "api/pause_service.h"
#include "codec/decode.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_syntax.h"
#include "tests/fuzz/oracle.h"
#include "validate/validate.h"

using namespace apprunner::pause_service;
namespace fuzz = apprunner::fuzz;

namespace {

// Each stored deviation is where it says: a name or timestamp string at a '"', a map
// written as a list at a '[', a dropped null map value at its 'n'. Returns how many are
// about member-name case; *nulls counts the dropped null map values.
size_t CheckDeviations(const StructDecoder& d, std::string_view body, size_t* nulls) {
  size_t name_case = 0;
  *nulls = 0;
  for (size_t i = 0; i < d.num_stored_deviations(); ++i) {
    const Deviation& dev = d.deviations()[i];
    FUZZ_CHECK(dev.offset < body.size());
    FUZZ_CHECK(dev.path_length > 0 && dev.path_length <= kMaxDeviationPath);
    char at = body[dev.offset];
    switch (dev.kind) {
      case DeviationKind::kMemberNameCase: FUZZ_CHECK(at == '"'); ++name_case; break;
      case DeviationKind::kTimestampString: FUZZ_CHECK(at == '"'); break;
      case DeviationKind::kMapAsList: FUZZ_CHECK(at == '['); break;
      case DeviationKind::kNullMapValue: FUZZ_CHECK(at == 'n'); ++*nulls; break;
    }
  }
  return name_case;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + 32) : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] + 32) : b[i];
    if (x != y) return false;
  }
  return true;
}

// The root members of a decoded response, read independently from the checker's root
// members: "Service" present exactly when a member of that name (strict: exactly;
// lenient: ignoring ASCII case) has a non-null value, "OperationId" the unescaped string.
void CheckRootMembers(const char* who, std::string_view body, const PauseServiceResponse& v, bool lenient) {
  fuzz::JsonSyntaxResult r = fuzz::JsonSyntax::Check(body, UINT32_MAX, /*root_keys=*/true);
  FUZZ_CHECK(r.valid);
  bool service = false, has_id = false;
  std::string id;
  for (const fuzz::JsonKey& k : r.root_keys) {
    std::string name = fuzz::UnescapeJson(k.raw);
    auto is = [&](std::string_view member) { return lenient ? EqualsIgnoringCase(name, member) : name == member; };
    bool null = body[k.value_offset] == 'n';
    if (is("Service")) service = !null;
    if (is("OperationId") && !null) {
      FUZZ_CHECK(k.value_is_string);
      has_id = true;
      id = fuzz::UnescapeJson(k.value_raw);
    }
  }
  if (v.service.has_value() != service || v.operation_id.has_value() != has_id ||
      (has_id && *v.operation_id != id)) {
    fuzz::Finding(who, "the decoded root members differ from the body's", body,
                  std::string("ours: Service ") + (v.service ? "present" : "absent") + ", OperationId " +
                      (v.operation_id ? fuzz::CLiteral(*v.operation_id, 200) : std::string("absent")) +
                      "\n  body: Service " + (service ? "present" : "absent") + ", OperationId " +
                      (has_id ? fuzz::CLiteral(id, 200) : std::string("absent")));
  }
}

bool SameDeviations(const StructDecoder& a, const StructDecoder& b) {
  if (a.num_deviations() != b.num_deviations()) return false;
  for (size_t i = 0; i < a.num_stored_deviations(); ++i) {
    const Deviation& x = a.deviations()[i];
    const Deviation& y = b.deviations()[i];
    if (x.kind != y.kind || x.offset != y.offset || x.path() != y.path()) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static PauseServiceResponseDecoder* strict = new PauseServiceResponseDecoder();
  static PauseServiceResponseDecoder* lenient = [] {
    DecodeOptions o;
    o.lenient = true;
    return new PauseServiceResponseDecoder(o);
  }();
  static PauseServiceResponseDecoder* strict_padded = new PauseServiceResponseDecoder();
  static PauseServiceResponseDecoder* lenient_padded = [] {
    DecodeOptions o;
    o.lenient = true;
    return new PauseServiceResponseDecoder(o);
  }();
  static PauseServiceResponseDecoder* reject_unknown = [] {
    DecodeOptions o;
    o.reject_unknown_members = true;
    return new PauseServiceResponseDecoder(o);
  }();
  // [i][0] strict, [i][1] lenient, with nesting limit kFuzzDepths[i].
  static PauseServiceResponseDecoder* (*limited)[2] = [] {
    auto* d = new PauseServiceResponseDecoder* [std::size(fuzz::kFuzzDepths)][2];
    for (size_t i = 0; i < std::size(fuzz::kFuzzDepths); ++i) {
      for (int mode = 0; mode < 2; ++mode) {
        DecodeOptions o;
        o.max_depth = fuzz::kFuzzDepths[i];
        o.lenient = mode == 1;
        d[i][mode] = new PauseServiceResponseDecoder(o);
      }
    }
    return d;
  }();
  static ValidationReport* report = new ValidationReport();
  std::string_view body(reinterpret_cast<const char*>(data), size);
  PauseServiceResponse s, l;
  DecodeStatus ss = strict->Decode(body, &s);
  DecodeStatus ls = lenient->Decode(body, &l);
  if (body.find_first_not_of(" \t\n\r") == std::string_view::npos) {
    // An empty (or whitespace-only) 200 body is the output with no members, in every
    // mode and at every nesting limit (awsJson1_0: AwsJson10ServiceRespondsWithNoPayload).
    uint32_t depth = fuzz::PickDepth(data, size);
    size_t which = 0;
    while (fuzz::kFuzzDepths[which] != depth) ++which;
    PauseServiceResponse u, d0, d1;
    FUZZ_CHECK(ss.ok() && ls.ok() && s == PauseServiceResponse{} && l == PauseServiceResponse{});
    FUZZ_CHECK(reject_unknown->Decode(body, &u).ok() && u == PauseServiceResponse{});
    FUZZ_CHECK(limited[which][0]->Decode(body, &d0).ok() && limited[which][1]->Decode(body, &d1).ok());
    FUZZ_CHECK(strict->engine().num_deviations() == 0);
    return 0;
  }
  fuzz::CheckSyntax("response strict", body, ss);
  fuzz::CheckSyntax("response lenient", body, ls);
  if (!ss.ok()) FUZZ_CHECK(s == PauseServiceResponse{});
  if (!ls.ok()) FUZZ_CHECK(l == PauseServiceResponse{});
  const StructDecoder& se = strict->engine();
  const StructDecoder& le = lenient->engine();
  size_t strict_nulls, lenient_nulls;
  size_t strict_case = CheckDeviations(se, body, &strict_nulls);
  size_t lenient_case = CheckDeviations(le, body, &lenient_nulls);

  if (ss.ok()) CheckRootMembers("response strict", body, s, false);
  if (ls.ok()) CheckRootMembers("response lenient", body, l, true);

  // The caller-padded API, both modes.
  auto kind = static_cast<fuzz::Padding>(
      1 + (size == 0 ? 0 : data[size / 2] + size) % (static_cast<int>(fuzz::Padding::kCount) - 1));
  fuzz::CheckPadded("response strict padded", *strict_padded, body, ss, s, fuzz::Padding::kReversed);
  FUZZ_CHECK(SameDeviations(strict_padded->engine(), se) || !ss.ok());
  fuzz::CheckPadded("response lenient padded", *lenient_padded, body, ls, l, kind, size % 3);
  FUZZ_CHECK(SameDeviations(lenient_padded->engine(), le) || !ls.ok());

  // Strict success: only member-name case deviations and dropped null map values (no
  // format deviation); strict NotWireFormat: at least one format deviation.
  bool all_stored = se.num_deviations() <= kMaxDeviations && le.num_deviations() <= kMaxDeviations;
  if (ss.ok() && all_stored) FUZZ_CHECK(strict_case + strict_nulls == se.num_deviations());
  if (ss.code == CodecError::kNotWireFormat && all_stored) {
    FUZZ_CHECK(strict_case + strict_nulls < se.num_deviations());
  }
  if (all_stored) FUZZ_CHECK((strict_case == 0) == (lenient_case == 0));
  if (all_stored && strict_case == 0 && lenient_case == 0) {
    // The two walks are the same.
    FUZZ_CHECK(SameDeviations(se, le));
    FUZZ_CHECK(strict_nulls == lenient_nulls);
    if (ls.ok()) {
      // The first deviation strict mode fails on (a timestamp string, a map as a list).
      const Deviation* format = nullptr;
      for (size_t i = 0; i < le.num_stored_deviations() && format == nullptr; ++i) {
        if (le.deviations()[i].kind != DeviationKind::kNullMapValue) format = &le.deviations()[i];
      }
      if (format == nullptr) {
        FUZZ_CHECK(ss.ok());
        FUZZ_CHECK(s == l);
      } else {
        FUZZ_CHECK(ss.code == CodecError::kNotWireFormat);
        FUZZ_CHECK(ss.offset == format->offset);
      }
    } else {
      FUZZ_CHECK(ss.code == ls.code && ss.offset == ls.offset);
    }
  }

  // reject_unknown_members, strict otherwise.
  PauseServiceResponse u;
  DecodeStatus us = reject_unknown->Decode(body, &u);
  fuzz::CheckSyntax("response reject-unknown", body, us);
  if (us.code != ss.code || us.offset != ss.offset) {
    FUZZ_CHECK(us.code == CodecError::kUnknownMember);
    FUZZ_CHECK(ss.ok() || us.offset < ss.offset || ss.code == CodecError::kNotWireFormat);
    FUZZ_CHECK(us.offset < size && body[us.offset] == '"');
  } else if (us.ok()) {
    FUZZ_CHECK(u == s);
  }

  // Another nesting limit, both modes: the oracle with that limit, and the default
  // limit's outcome when the body stays within both.
  uint32_t depth = fuzz::PickDepth(data, size);
  size_t which = 0;
  while (fuzz::kFuzzDepths[which] != depth) ++which;
  PauseServiceResponse ds_value, dl_value;
  DecodeStatus ds = limited[which][0]->Decode(body, &ds_value);
  DecodeStatus dl = limited[which][1]->Decode(body, &dl_value);
  fuzz::CheckSyntax("response strict depth-limited", body, ds, depth);
  fuzz::CheckSyntax("response lenient depth-limited", body, dl, depth);
  fuzz::CheckDepthIndependence("response strict depth-limited", body, kDefaultMaxDepth, ss, depth, ds);
  fuzz::CheckDepthIndependence("response lenient depth-limited", body, kDefaultMaxDepth, ls, depth, dl);

  if (ls.ok()) {
    bool valid = DefaultValidator().Validate(l, report);
    FUZZ_CHECK(valid == (report->total() == 0));
    if (!valid) FUZZ_CHECK(!ValidationMessage(*report).empty());
  }
  return 0;
}
