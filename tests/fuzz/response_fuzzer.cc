// Fuzz target: response decode (strict and lenient) + validate, of every operation.
// Input: byte 0 picks the operation (kModel.operations[byte % num_operations], sorted by
// name), the rest is the body, decoded with the operation's output table.
// Invariants: never crash; every outcome of both modes, accepted or rejected, agrees
// with the independent JSON checker (tests/fuzz/oracle.h); DecodePadded gives exactly
// what Decode gives in both modes; a failed decode leaves the response reset; every
// deviation points at what it names; the decoded root members are the body's (read
// independently: each member present exactly when the body gives it a non-null value;
// strings and enums the unescaped text, booleans and integers their value). Between
// the modes: they walk the body alike until
// a member name that matches the model only ignoring case (strict: an unknown member;
// lenient: the member), so with no such name lenient succeeds exactly when strict
// succeeds or fails with NotWireFormat only, at lenient's first deviation, with the same
// value and deviation list; strict success always means no deviation but name case.
// reject_unknown_members changes strict's outcome only into UnknownMember, never later
// in the body. Another nesting limit (1 to 8, the depths model members sit at, 63 or
// 1024, picked by the input) obeys the oracle with that limit in both modes and changes
// nothing for a body nested within both limits. An empty or whitespace-only body is the
// output with no members in every mode. Validation of what lenient accepts reports iff
// it fails.
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "codec/decode.h"
#include "generated/apprunner/service.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_syntax.h"
#include "tests/fuzz/model_util.h"
#include "tests/fuzz/oracle.h"
#include "validate/validate.h"

using namespace apprunner::codec;
using apprunner::model::kModel;
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
      case DeviationKind::kMemberNameCase:
        FUZZ_CHECK(at == '"');
        ++name_case;
        break;
      case DeviationKind::kTimestampString: FUZZ_CHECK(at == '"'); break;
      case DeviationKind::kMapAsList: FUZZ_CHECK(at == '['); break;
      case DeviationKind::kNullMapValue:
        FUZZ_CHECK(at == 'n');
        ++*nulls;
        break;
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
// members: each member present exactly when a member of that name (strict: exactly;
// lenient: ignoring ASCII case) has a non-null value; a string or enum is the unescaped
// text, a boolean or integer its literal.
void CheckRootMembers(const char* who, const StructDesc& desc, std::string_view body, const void* v,
                      bool lenient) {
  fuzz::JsonSyntaxResult r = fuzz::JsonSyntax::Check(body, UINT32_MAX, /*root_keys=*/true);
  FUZZ_CHECK(r.valid);
  for (const FieldDesc& f : desc) {
    const fuzz::JsonKey* given = nullptr;  // the last non-null value of that name
    for (const fuzz::JsonKey& k : r.root_keys) {
      std::string name = fuzz::UnescapeJson(k.raw);
      if (!(lenient ? EqualsIgnoringCase(name, f.wire_name) : name == f.wire_name)) continue;
      given = body[k.value_offset] == 'n' ? nullptr : &k;
    }
    const void* got = f.get(v);
    std::string why;
    if ((got != nullptr) != (given != nullptr)) {
      why = std::string(got ? "present" : "absent") + ", the body says the opposite";
    } else if (got != nullptr) {
      char c = body[given->value_offset];
      switch (f.kind) {
        case FieldKind::kString:
          FUZZ_CHECK(given->value_is_string);
          if (*static_cast<const std::string_view*>(got) != fuzz::UnescapeJson(given->value_raw)) {
            why = "ours " + fuzz::CLiteral(*static_cast<const std::string_view*>(got), 200) +
                  ", the body's " + fuzz::CLiteral(fuzz::UnescapeJson(given->value_raw), 200);
          }
          break;
        case FieldKind::kEnum: {
          FUZZ_CHECK(given->value_is_string);
          const auto& e = *static_cast<const EnumValue*>(got);
          std::string text = fuzz::UnescapeJson(given->value_raw);
          int32_t index = kUnknownEnumIndex;
          for (uint16_t k = 0; k < f.shape->num_enum_values; ++k) {
            if (f.shape->enum_values[k] == text) index = k;
          }
          if (e.wire != text || e.index != index) {
            why = "ours " + fuzz::CLiteral(e.wire, 200) + " index " + std::to_string(e.index) +
                  ", the body's " + fuzz::CLiteral(text, 200) + " index " + std::to_string(index);
          }
          break;
        }
        case FieldKind::kBoolean:
          FUZZ_CHECK(c == 't' || c == 'f');
          if (*static_cast<const bool*>(got) != (c == 't')) why = "another boolean";
          break;
        case FieldKind::kInteger: {
          size_t end = body.find_first_not_of("-0123456789", given->value_offset);
          std::string token(body.substr(given->value_offset, end - given->value_offset));
          if (std::to_string(*static_cast<const int32_t*>(got)) != (token == "-0" ? "0" : token)) {
            why = "ours " + std::to_string(*static_cast<const int32_t*>(got)) + ", the body's " + token;
          }
          break;
        }
        default: break;
      }
    }
    if (!why.empty()) {
      fuzz::Finding(who, "a decoded root member differs from the body's", body,
                    std::string(desc.name) + "." + std::string(f.wire_name) + ": " + why);
    }
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
  auto lenient_options = [] {
    DecodeOptions o;
    o.lenient = true;
    return o;
  };
  static StructDecoder* strict = new StructDecoder();
  static StructDecoder* lenient = new StructDecoder(lenient_options());
  static StructDecoder* strict_padded = new StructDecoder();
  static StructDecoder* lenient_padded = new StructDecoder(lenient_options());
  static StructDecoder* reject_unknown = [] {
    DecodeOptions o;
    o.reject_unknown_members = true;
    return new StructDecoder(o);
  }();
  // [i][0] strict, [i][1] lenient, with nesting limit kFuzzDepths[i].
  static StructDecoder*(*limited)[2] = [] {
    auto* d = new StructDecoder*[std::size(fuzz::kFuzzDepths)][2];
    for (size_t i = 0; i < std::size(fuzz::kFuzzDepths); ++i) {
      for (int mode = 0; mode < 2; ++mode) {
        DecodeOptions o;
        o.max_depth = fuzz::kFuzzDepths[i];
        o.lenient = mode == 1;
        d[i][mode] = new StructDecoder(o);
      }
    }
    return d;
  }();
  static ValidationReport* report = new ValidationReport();
  // One object per output desc and role, reused.
  static fuzz::StructStorage* storage = new fuzz::StructStorage[8];

  fuzz::OperationInput in;
  if (!fuzz::PickOperation(kModel, data, size, &in)) return 0;
  const StructDesc& desc = *in.op->output;
  std::string_view body = in.body;
  const auto* bytes = reinterpret_cast<const uint8_t*>(body.data());
  void* s = storage[0].For(desc);
  void* l = storage[1].For(desc);
  void* padded_value = storage[2].For(desc);
  void* u = storage[3].For(desc);
  void* d0 = storage[4].For(desc);
  void* d1 = storage[5].For(desc);
  DecodeStatus ss = strict->Decode(body, desc, s);
  DecodeStatus ls = lenient->Decode(body, desc, l);
  uint32_t depth = fuzz::PickDepth(bytes, body.size());
  size_t which = 0;
  while (fuzz::kFuzzDepths[which] != depth) ++which;
  if (body.find_first_not_of(" \t\n\r") == std::string_view::npos) {
    // An empty (or whitespace-only) 200 body is the output with no members, in every
    // mode and at every nesting limit (awsJson1_0: AwsJson10ServiceRespondsWithNoPayload).
    FUZZ_CHECK(desc.empty_body_is_no_members);
    FUZZ_CHECK(ss.ok() && ls.ok() && fuzz::IsReset(desc, s) && fuzz::IsReset(desc, l));
    FUZZ_CHECK(reject_unknown->Decode(body, desc, u).ok() && fuzz::IsReset(desc, u));
    FUZZ_CHECK(limited[which][0]->Decode(body, desc, d0).ok() &&
               limited[which][1]->Decode(body, desc, d1).ok());
    FUZZ_CHECK(fuzz::IsReset(desc, d0) && fuzz::IsReset(desc, d1));
    FUZZ_CHECK(strict->num_deviations() == 0);
    return 0;
  }
  fuzz::CheckSyntax("response strict", body, ss);
  fuzz::CheckSyntax("response lenient", body, ls);
  if (!ss.ok()) FUZZ_CHECK(fuzz::IsReset(desc, s));
  if (!ls.ok()) FUZZ_CHECK(fuzz::IsReset(desc, l));
  const StructDecoder& se = *strict;
  const StructDecoder& le = *lenient;
  size_t strict_nulls, lenient_nulls;
  size_t strict_case = CheckDeviations(se, body, &strict_nulls);
  size_t lenient_case = CheckDeviations(le, body, &lenient_nulls);

  if (ss.ok()) CheckRootMembers("response strict", desc, body, s, false);
  if (ls.ok()) CheckRootMembers("response lenient", desc, body, l, true);

  // The caller-padded API, both modes.
  auto kind = static_cast<fuzz::Padding>(1 + (body.empty() ? 0 : bytes[body.size() / 2] + body.size()) %
                                                 (static_cast<int>(fuzz::Padding::kCount) - 1));
  fuzz::CheckPaddedDesc("response strict padded", *strict_padded, desc, padded_value, body, ss, s,
                        fuzz::Padding::kReversed);
  FUZZ_CHECK(SameDeviations(*strict_padded, se) || !ss.ok());
  fuzz::CheckPaddedDesc("response lenient padded", *lenient_padded, desc, padded_value, body, ls, l, kind,
                        body.size() % 3);
  FUZZ_CHECK(SameDeviations(*lenient_padded, le) || !ls.ok());

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
        FUZZ_CHECK(fuzz::StructEqual(desc, s, l));
      } else {
        FUZZ_CHECK(ss.code == CodecError::kNotWireFormat);
        FUZZ_CHECK(ss.offset == format->offset);
      }
    } else {
      FUZZ_CHECK(ss.code == ls.code && ss.offset == ls.offset);
    }
  }

  // reject_unknown_members, strict otherwise.
  DecodeStatus us = reject_unknown->Decode(body, desc, u);
  fuzz::CheckSyntax("response reject-unknown", body, us);
  if (!us.ok()) FUZZ_CHECK(fuzz::IsReset(desc, u));
  if (us.code != ss.code || us.offset != ss.offset) {
    FUZZ_CHECK(us.code == CodecError::kUnknownMember);
    FUZZ_CHECK(ss.ok() || us.offset < ss.offset || ss.code == CodecError::kNotWireFormat);
    FUZZ_CHECK(us.offset < body.size() && body[us.offset] == '"');
  } else if (us.ok()) {
    FUZZ_CHECK(fuzz::StructEqual(desc, u, s));
  }

  // Another nesting limit, both modes: the oracle with that limit, and the default
  // limit's outcome when the body stays within both.
  DecodeStatus ds = limited[which][0]->Decode(body, desc, d0);
  DecodeStatus dl = limited[which][1]->Decode(body, desc, d1);
  fuzz::CheckSyntax("response strict depth-limited", body, ds, depth);
  fuzz::CheckSyntax("response lenient depth-limited", body, dl, depth);
  fuzz::CheckDepthIndependence("response strict depth-limited", body, kDefaultMaxDepth, ss, depth, ds);
  fuzz::CheckDepthIndependence("response lenient depth-limited", body, kDefaultMaxDepth, ls, depth, dl);

  if (ls.ok()) {
    bool valid = Validator::Default(kModel).Validate(desc, l, report);
    FUZZ_CHECK(valid == (report->total() == 0));
    if (!valid) FUZZ_CHECK(!ValidationMessage(*report).empty());
  }
  return 0;
}
