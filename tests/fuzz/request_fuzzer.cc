// Fuzz target: request decode + validate of every operation, as a gateway runs it.
// Input: byte 0 picks the operation (kModel.operations[byte % num_operations], sorted by
// name), the rest is the body, which the processor gets with the operation's
// X-Amz-Target (so dispatch runs too), and the other decoders with its input table.
// Invariants: never crash; the target dispatches to the operation; every outcome,
// accepted or rejected, agrees with the independent JSON checker (tests/fuzz/oracle.h
// states the rules per error class); DecodePadded, with padding full of bytes taken
// from the input or chosen to mislead, gives exactly what Decode gives (code, offset,
// member, value); reject_unknown_members changes an outcome only into UnknownMember,
// never later in the body (and a root member it names is not a member of the input);
// another nesting limit (1 to 8, 63 or 1024, picked by the input) obeys the oracle with
// that limit and changes nothing for a body nested within both limits; a valid request
// re-encodes to JSON that decodes to the same request, nested no deeper than the model;
// a failed decode leaves the request reset (and the processor hands out none). And on a
// body the checker finds valid, the outcome (class, offset, and the value of every root
// member of a scalar kind) is what an independent model of the request decoder gives,
// up to the first root member whose value it does not model (a structure, list, map or
// timestamp of the right JSON type).
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "api/processor.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "generated/apprunner/service.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_syntax.h"
#include "tests/fuzz/model_util.h"
#include "tests/fuzz/oracle.h"

using namespace apprunner::codec;
using apprunner::model::kModel;
namespace fuzz = apprunner::fuzz;

namespace {

// What the independent model expects of one root member.
struct Leaf {
  enum Kind { kAbsent, kText, kBool, kInt } kind = kAbsent;
  std::string text;  // strings and enums: the unescaped value
  bool b = false;
  int32_t i = 0;
};

struct ModelVerdict {
  bool decided = false;  // false: the model met a value it does not model
  CodecError code = CodecError::kOk;
  size_t at = 0;
  std::vector<Leaf> leaves;  // per member of the input, when decided and kOk
};

// The JSON number token at `at` (the checker found the body valid).
std::string_view NumberToken(std::string_view body, size_t at) {
  size_t end = body.find_first_not_of("+-.0123456789eE", at);
  return body.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
}

// An integer token (no fraction, no exponent) within int32, read digit by digit.
bool Int32Token(std::string_view token, int32_t* out) {
  bool negative = !token.empty() && token[0] == '-';
  int64_t v = 0;
  for (size_t k = negative ? 1 : 0; k < token.size(); ++k) {
    v = v * 10 + (token[k] - '0');
    if (v > int64_t{1} << 32) return false;
  }
  if (negative) v = -v;
  if (v < INT32_MIN || v > INT32_MAX) return false;
  *out = static_cast<int32_t>(v);
  return true;
}

// Members in order; a modelled name (compared unescaped, exactly) twice is
// DuplicateMember at the second name (null counts as an appearance); null is absent; a
// value of another JSON type than the member's kind is WrongType at the value; an
// integer with a fraction or exponent is WrongType, one beyond 32 bits NumberOutOfRange;
// anything else is ignored, or UnknownMember with reject_unknown_members.
ModelVerdict ModelRequest(const StructDesc& desc, std::string_view body, const fuzz::JsonSyntaxResult& r,
                          bool reject) {
  ModelVerdict v;
  v.leaves.resize(desc.num_fields);
  std::vector<bool> seen(desc.num_fields, false);
  auto fail = [&](CodecError code, size_t at) {
    v.decided = true;
    v.code = code;
    v.at = at;
    return v;
  };
  for (const fuzz::JsonKey& k : r.root_keys) {
    std::string name = fuzz::UnescapeJson(k.raw);
    int index = -1;
    for (uint16_t i = 0; i < desc.num_fields; ++i) {
      if (desc.field_table[i].wire_name == name) index = i;
    }
    if (index < 0) {
      if (reject) return fail(CodecError::kUnknownMember, k.offset);
      continue;
    }
    if (seen[index]) return fail(CodecError::kDuplicateMember, k.offset);
    seen[index] = true;
    char c = body[k.value_offset];
    if (c == 'n') continue;  // null: absent
    bool number = c == '-' || (c >= '0' && c <= '9');
    Leaf& leaf = v.leaves[index];
    switch (desc.field_table[index].kind) {
      case FieldKind::kString:
      case FieldKind::kEnum:
        if (!k.value_is_string) return fail(CodecError::kWrongType, k.value_offset);
        leaf.kind = Leaf::kText;
        leaf.text = fuzz::UnescapeJson(k.value_raw);
        break;
      case FieldKind::kBoolean:
        if (c != 't' && c != 'f') return fail(CodecError::kWrongType, k.value_offset);
        leaf.kind = Leaf::kBool;
        leaf.b = c == 't';
        break;
      case FieldKind::kInteger: {
        if (!number) return fail(CodecError::kWrongType, k.value_offset);
        std::string_view token = NumberToken(body, k.value_offset);
        if (token.find_first_of(".eE") != std::string_view::npos)
          return fail(CodecError::kWrongType, k.value_offset);
        if (!Int32Token(token, &leaf.i)) return fail(CodecError::kNumberOutOfRange, k.value_offset);
        leaf.kind = Leaf::kInt;
        break;
      }
      case FieldKind::kStructure:
        if (c != '{') return fail(CodecError::kWrongType, k.value_offset);
        return v;  // not modelled further
      case FieldKind::kList:
        if (c != '[') return fail(CodecError::kWrongType, k.value_offset);
        return v;
      case FieldKind::kMap:
        if (c != '{' && c != '[') return fail(CodecError::kWrongType, k.value_offset);
        return v;
      case FieldKind::kTimestamp:
        if (!number && c != '"') return fail(CodecError::kWrongType, k.value_offset);
        return v;
    }
  }
  v.decided = true;
  return v;
}

// The decoded root members against the model's leaves; a description of the first
// difference, or empty.
std::string LeafDifference(const StructDesc& desc, const void* value, const ModelVerdict& v) {
  for (uint16_t i = 0; i < desc.num_fields; ++i) {
    const FieldDesc& f = desc.field_table[i];
    const Leaf& want = v.leaves[i];
    const void* got = f.get(value);
    std::string who = " member " + std::string(f.wire_name);
    if ((got != nullptr) != (want.kind != Leaf::kAbsent)) {
      return (got ? "present" : "absent") + who + ", the model says the opposite";
    }
    if (got == nullptr) continue;
    switch (f.kind) {
      case FieldKind::kString:
        if (*static_cast<const std::string_view*>(got) != want.text) {
          return "value of" + who + ": ours " +
                 fuzz::CLiteral(*static_cast<const std::string_view*>(got), 200) + ", model " +
                 fuzz::CLiteral(want.text, 200);
        }
        break;
      case FieldKind::kEnum: {
        const auto& e = *static_cast<const EnumValue*>(got);
        int32_t index = kUnknownEnumIndex;
        for (uint16_t k = 0; k < f.shape->num_enum_values; ++k) {
          if (f.shape->enum_values[k] == want.text) index = k;
        }
        if (e.wire != want.text || e.index != index) {
          return "enum" + who + ": ours " + fuzz::CLiteral(e.wire, 200) + " index " +
                 std::to_string(e.index) + ", model " + fuzz::CLiteral(want.text, 200) + " index " +
                 std::to_string(index);
        }
        break;
      }
      case FieldKind::kBoolean:
        if (*static_cast<const bool*>(got) != want.b) return "value of" + who;
        break;
      case FieldKind::kInteger:
        if (*static_cast<const int32_t*>(got) != want.i) {
          return "value of" + who + ": ours " + std::to_string(*static_cast<const int32_t*>(got)) +
                 ", model " + std::to_string(want.i);
        }
        break;
      default: break;
    }
  }
  return std::string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static RequestProcessor* processor = new RequestProcessor(kModel);
  static StructDecoder* again = new StructDecoder();
  static StructDecoder* padded = new StructDecoder();
  static StructDecoder* reject_unknown = [] {
    DecodeOptions o;
    o.reject_unknown_members = true;
    return new StructDecoder(o);
  }();
  static StructDecoder** limited = [] {
    auto** d = new StructDecoder*[std::size(fuzz::kFuzzDepths)];
    for (size_t i = 0; i < std::size(fuzz::kFuzzDepths); ++i) {
      DecodeOptions o;
      o.max_depth = fuzz::kFuzzDepths[i];
      d[i] = new StructDecoder(o);
    }
    return d;
  }();
  // One object per input desc and role, reused.
  static fuzz::StructStorage* padded_value = new fuzz::StructStorage();
  static fuzz::StructStorage* strict_value = new fuzz::StructStorage();
  static fuzz::StructStorage* limited_value = new fuzz::StructStorage();
  static fuzz::StructStorage* again_value = new fuzz::StructStorage();
  static fuzz::StructStorage* empty_value = new fuzz::StructStorage();  // never written

  fuzz::OperationInput in;
  if (!fuzz::PickOperation(kModel, data, size, &in)) return 0;
  const OperationDesc& op = *in.op;
  const StructDesc& desc = *op.input;
  std::string_view body = in.body;
  const auto* bytes = reinterpret_cast<const uint8_t*>(body.data());

  Outcome outcome = processor->Process(op.target, body);
  FUZZ_CHECK(processor->operation() == &op);
  const DecodeStatus& status = processor->decode_status();
  fuzz::CheckSyntax("request", body, status);
  FUZZ_CHECK((outcome == Outcome::kSerializationError) == !status.ok());
  const void* request = processor->request_data();
  FUZZ_CHECK((request == nullptr) == !status.ok());
  // The processor hands out no request after a failed decode; the decoders' objects
  // (reused, so they held earlier values) must be reset by one: checked below.
  if (request == nullptr) request = empty_value->For(desc);

  // The caller-padded API: the input reversed as padding, and one fixed pattern.
  void* scratch = padded_value->For(desc);
  fuzz::CheckPaddedDesc("request padded", *padded, desc, scratch, body, status, request,
                        fuzz::Padding::kReversed);
  auto kind = static_cast<fuzz::Padding>(1 + (body.empty() ? 0 : bytes[body.size() / 2] + body.size()) %
                                                 (static_cast<int>(fuzz::Padding::kCount) - 1));
  fuzz::CheckPaddedDesc("request padded", *padded, desc, scratch, body, status, request, kind,
                        body.size() % 3);

  // reject_unknown_members: the same outcome, or UnknownMember no later than the
  // default decoder's failure.
  void* strict_request = strict_value->For(desc);
  DecodeStatus rs = reject_unknown->Decode(body, desc, strict_request);
  fuzz::CheckSyntax("request reject-unknown", body, rs);
  if (!rs.ok()) FUZZ_CHECK(fuzz::IsReset(desc, strict_request));
  fuzz::JsonSyntaxResult r = fuzz::JsonSyntax::Check(body, kDefaultMaxDepth, /*root_keys=*/true);
  bool same = rs.code == status.code && rs.offset == status.offset;
  if (!same) {
    FUZZ_CHECK(rs.code == CodecError::kUnknownMember);
    FUZZ_CHECK(status.ok() || rs.offset < status.offset);
    FUZZ_CHECK(rs.offset < body.size() && body[rs.offset] == '"');  // the member name
    for (const fuzz::JsonKey& k : r.root_keys) {
      if (k.offset != rs.offset) continue;
      // A root member: the name is the unescaped key, and not a member of the input.
      FUZZ_CHECK(rs.name == fuzz::UnescapeJson(k.raw));
      for (const FieldDesc& f : desc) FUZZ_CHECK(rs.name != f.wire_name);
    }
  } else if (rs.ok()) {
    FUZZ_CHECK(fuzz::StructEqual(desc, strict_request, request));
  }

  // Another nesting limit: the oracle with that limit, and the same outcome as the
  // default limit's when the body stays within both.
  uint32_t depth = fuzz::PickDepth(bytes, body.size());
  size_t which = 0;
  while (fuzz::kFuzzDepths[which] != depth) ++which;
  void* limited_request = limited_value->For(desc);
  DecodeStatus ds = limited[which]->Decode(body, desc, limited_request);
  fuzz::CheckSyntax("request depth-limited", body, ds, depth);
  fuzz::CheckDepthIndependence("request depth-limited", body, kDefaultMaxDepth, status, depth, ds);
  if (!ds.ok()) FUZZ_CHECK(fuzz::IsReset(desc, limited_request));

  // The independent model of the request decoder on a valid body.
  if (r.valid && r.root == '{' && r.max_depth <= kDefaultMaxDepth) {
    for (int reject = 0; reject < 2; ++reject) {
      ModelVerdict want = ModelRequest(desc, body, r, reject != 0);
      if (!want.decided) continue;
      const DecodeStatus& got = reject ? rs : status;
      const void* value = reject ? strict_request : request;
      std::string difference;
      if (got.code != want.code || (want.code != CodecError::kOk && got.offset != want.at)) {
        difference = "outcome";
      } else if (want.code == CodecError::kOk) {
        difference = LeafDifference(desc, value, want);
      }
      if (!difference.empty()) {
        fuzz::Finding(reject ? "request model, reject-unknown" : "request model",
                      "the decoder differs from the independent model of a valid body", body,
                      std::string(op.name) + ": ours: " + fuzz::Describe(got) +
                          "\n  model: " + std::string(CodecErrorName(want.code)) + " at byte " +
                          std::to_string(want.at) + "\n  " + difference);
      }
    }
  }

  if (!status.ok()) return 0;
  static std::string* encoded = new std::string();
  encoded->clear();
  EncodeStruct(desc, request, encoded);
  fuzz::JsonSyntaxResult e = fuzz::JsonSyntax::Check(*encoded);
  FUZZ_CHECK(e.valid && e.root == '{' && e.max_depth <= fuzz::ModelDepth(desc));
  void* decoded = again_value->For(desc);
  FUZZ_CHECK(again->Decode(*encoded, desc, decoded).ok());
  FUZZ_CHECK(fuzz::StructEqual(desc, decoded, request));
  FUZZ_CHECK(outcome == Outcome::kValid || processor->report().total() > 0);
  return 0;
}
