// Fuzz target: PauseService request decode + validate, as a gateway runs it.
// Invariants: never crash; every outcome, accepted or rejected, agrees with the
// independent JSON checker (tests/fuzz/oracle.h states the rules per error class);
// DecodePadded, with padding full of bytes taken from the input or chosen to mislead,
// gives exactly what Decode gives (code, offset, member, value); reject_unknown_members
// changes an outcome only into UnknownMember, never later in the body; another nesting
// limit (1 to 8, 63 or 1024, picked by the input) obeys the oracle with that limit and
// changes nothing for a body nested within both limits; a valid request
// re-encodes to JSON that decodes to the same request; a failed decode leaves the
// request reset. And on a body the checker finds valid, the outcome (class, offset and
// the ServiceArn's value) is what an independent model of the request decoder gives.
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "api/pause_service.h"
#include "codec/encode.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_syntax.h"
#include "tests/fuzz/oracle.h"

using namespace apprunner::pause_service;
namespace fuzz = apprunner::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static PauseServiceRequestProcessor* processor = new PauseServiceRequestProcessor();
  static PauseServiceRequestDecoder* again = new PauseServiceRequestDecoder();
  static PauseServiceRequestDecoder* padded = new PauseServiceRequestDecoder();
  static PauseServiceRequestDecoder* reject_unknown = [] {
    DecodeOptions o;
    o.reject_unknown_members = true;
    return new PauseServiceRequestDecoder(o);
  }();
  static PauseServiceRequestDecoder** limited = [] {
    auto** d = new PauseServiceRequestDecoder*[std::size(fuzz::kFuzzDepths)];
    for (size_t i = 0; i < std::size(fuzz::kFuzzDepths); ++i) {
      DecodeOptions o;
      o.max_depth = fuzz::kFuzzDepths[i];
      d[i] = new PauseServiceRequestDecoder(o);
    }
    return d;
  }();
  std::string_view body(reinterpret_cast<const char*>(data), size);
  Outcome outcome = processor->Process(body);
  const DecodeStatus& status = processor->decode_status();
  fuzz::CheckSyntax("request", body, status);
  FUZZ_CHECK((outcome == Outcome::kSerializationError) == !status.ok());
  if (!status.ok()) FUZZ_CHECK(processor->request() == PauseServiceRequest{});

  // The caller-padded API: the input reversed as padding, and one fixed pattern.
  fuzz::CheckPadded("request padded", *padded, body, status, processor->request(),
                    fuzz::Padding::kReversed);
  auto kind = static_cast<fuzz::Padding>(
      1 + (size == 0 ? 0 : data[size / 2] + size) % (static_cast<int>(fuzz::Padding::kCount) - 1));
  fuzz::CheckPadded("request padded", *padded, body, status, processor->request(), kind, size % 3);

  // reject_unknown_members: the same outcome, or UnknownMember no later than the
  // default decoder's failure.
  PauseServiceRequest strict_request;
  DecodeStatus rs = reject_unknown->Decode(body, &strict_request);
  fuzz::CheckSyntax("request reject-unknown", body, rs);
  bool same = rs.code == status.code && rs.offset == status.offset;
  if (!same) {
    FUZZ_CHECK(rs.code == CodecError::kUnknownMember);
    FUZZ_CHECK(status.ok() || rs.offset < status.offset);
    FUZZ_CHECK(rs.offset < size && body[rs.offset] == '"');  // the member name
    FUZZ_CHECK(rs.name != "ServiceArn");
  } else if (rs.ok()) {
    FUZZ_CHECK(strict_request == processor->request());
  }

  // Another nesting limit: the oracle with that limit, and the same outcome as the
  // default limit's when the body stays within both.
  uint32_t depth = fuzz::PickDepth(data, size);
  size_t which = 0;
  while (fuzz::kFuzzDepths[which] != depth) ++which;
  PauseServiceRequest limited_request;
  DecodeStatus ds = limited[which]->Decode(body, &limited_request);
  fuzz::CheckSyntax("request depth-limited", body, ds, depth);
  fuzz::CheckDepthIndependence("request depth-limited", body, kDefaultMaxDepth, status, depth, ds);

  // An independent model of the request decoder on a valid body: members in order;
  // "ServiceArn" (compared unescaped) twice is DuplicateMember at the second name, a
  // value of another type than string or null is WrongType at the value; anything else
  // is ignored, or UnknownMember with reject_unknown_members; the decoded ServiceArn
  // is the unescaped string.
  fuzz::JsonSyntaxResult r = fuzz::JsonSyntax::Check(body, kDefaultMaxDepth, /*root_keys=*/true);
  if (r.valid && r.root == '{' && r.max_depth <= kDefaultMaxDepth) {
    for (int reject = 0; reject < 2; ++reject) {
      CodecError want = CodecError::kOk;
      size_t at = 0;
      bool seen = false, has_arn = false;
      std::string arn;
      for (const fuzz::JsonKey& k : r.root_keys) {
        if (fuzz::UnescapeJson(k.raw) != "ServiceArn") {
          if (!reject) continue;
          want = CodecError::kUnknownMember;
          at = k.offset;
          break;
        }
        if (seen) {
          want = CodecError::kDuplicateMember;
          at = k.offset;
          break;
        }
        seen = true;
        if (body[k.value_offset] == 'n') continue;  // null: absent
        if (!k.value_is_string) {
          want = CodecError::kWrongType;
          at = k.value_offset;
          break;
        }
        has_arn = true;
        arn = fuzz::UnescapeJson(k.value_raw);
      }
      const DecodeStatus& got = reject ? rs : status;
      const PauseServiceRequest& value = reject ? strict_request : processor->request();
      if (got.code != want || (want != CodecError::kOk && got.offset != at) ||
          (want == CodecError::kOk &&
           (value.service_arn.has_value() != has_arn || (has_arn && *value.service_arn != arn)))) {
        fuzz::Finding(reject ? "request model, reject-unknown" : "request model",
                      "the decoder differs from the independent model of a valid body", body,
                      "ours: " + fuzz::Describe(got) + " ServiceArn " +
                          (value.service_arn ? fuzz::CLiteral(*value.service_arn, 200) : std::string("absent")) +
                          "\n  model: " + std::string(CodecErrorName(want)) + " at byte " + std::to_string(at) +
                          " ServiceArn " + (has_arn ? fuzz::CLiteral(arn, 200) : std::string("absent")));
      }
    }
  }

  if (!status.ok()) return 0;
  std::string encoded;
  EncodeJson(processor->request(), &encoded);
  fuzz::JsonSyntaxResult e = fuzz::JsonSyntax::Check(encoded);
  FUZZ_CHECK(e.valid && e.root == '{' && e.max_depth == 1);
  PauseServiceRequest decoded;
  FUZZ_CHECK(again->Decode(encoded, &decoded).ok());
  FUZZ_CHECK(decoded == processor->request());
  FUZZ_CHECK(outcome == Outcome::kValid || processor->report().total() > 0);
  return 0;
}
