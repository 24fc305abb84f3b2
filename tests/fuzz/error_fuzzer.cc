// Fuzz target: error-response decoding, for every operation. Input layout: byte 0
// picks the operation (kModel.operations[byte % num_operations], sorted by name), then
// 2 bytes of HTTP status, then the X-Amzn-ErrorType header value up to the first NUL
// (absent when there is none), then the body. Invariants: never crash; the outcome
// agrees with the independent JSON checker (tests/fuzz/oracle.h), and more: a body that
// is a valid JSON object within the depth limit with none of the four envelope names
// (__type, code, Message, message; compared unescaped, by an unescaper of our own)
// twice in the root object decodes, and DuplicateMember is reported exactly at the
// first such repeat; the type is sanitized (no ':'; non-empty exactly when a source
// named it) and is the one an independent reading of the header and the checker's
// root members gives (the first of header, "__type", "code" that is non-empty once cut
// at the first ':' and after the first '#'; non-string members ignored); so is the
// message ("Message", else "message"); the modelled error is exactly the operation's
// error of that name (read from the operation's table), with its fault, else none and
// the fault of the status class.
#include <cstdint>
#include <string>
#include <string_view>

#include "api/errors.h"
#include "generated/apprunner/service.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_syntax.h"
#include "tests/fuzz/model_util.h"
#include "tests/fuzz/oracle.h"

using namespace apprunner::codec;
using apprunner::model::kModel;
namespace fuzz = apprunner::fuzz;

namespace {

constexpr uint32_t kMaxDepth = kDefaultMaxDepth;  // DecodeOptions' default
const std::string_view kEnvelope[] = {"__type", "code", "Message", "message"};

int EnvelopeIndex(std::string_view name) {
  for (int i = 0; i < 4; ++i) {
    if (kEnvelope[i] == name) return i;
  }
  return -1;
}

// Written from the awsJson1_0 rules, not from api/errors.cc.
std::string_view Sanitize(std::string_view raw) {
  std::string_view t = raw.substr(0, raw.find(':'));
  size_t hash = t.find('#');
  return hash == std::string_view::npos ? t : t.substr(hash + 1);
}

std::string_view TrimHeader(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ErrorResponseDecoder* decoder = new ErrorResponseDecoder();
  fuzz::OperationInput in;
  if (!fuzz::PickOperation(kModel, data, size, &in) || in.body.size() < 2) return 0;
  const OperationDesc& op = *in.op;
  const auto* bytes = reinterpret_cast<const uint8_t*>(in.body.data());
  int status = 100 + (bytes[0] << 8 | bytes[1]) % 500;
  std::string_view rest = in.body.substr(2);
  std::string_view header, body = rest;
  size_t nul = rest.find('\0');
  bool has_header = nul != std::string_view::npos;
  if (has_header) {
    header = rest.substr(0, nul);
    body = rest.substr(nul + 1);
  }
  DecodedError e;
  DecodeStatus s = decoder->Decode(op, status, header, body, &e);

  bool blank = body.find_first_not_of(" \t\r\n") == std::string_view::npos;
  fuzz::JsonSyntaxResult r;
  if (blank) {
    FUZZ_CHECK(s.ok());  // the header alone may carry the type
  } else {
    fuzz::CheckSyntax("error body", body, s, kMaxDepth);
    r = fuzz::JsonSyntax::Check(body, kMaxDepth, /*root_keys=*/true);
    // The first repeat of an envelope name in the root object (the checker's members
    // up to its first error).
    size_t repeat = fuzz::JsonSyntaxResult::kNone;
    bool seen[4] = {false, false, false, false};
    for (const fuzz::JsonKey& k : r.root_keys) {
      int i = EnvelopeIndex(fuzz::UnescapeJson(k.raw));
      if (i < 0) continue;
      if (seen[i]) {
        repeat = k.offset;
        break;
      }
      seen[i] = true;
    }
    bool clean = r.valid && r.root == '{' && r.max_depth <= kMaxDepth;
    if (clean && repeat == fuzz::JsonSyntaxResult::kNone && !s.ok()) {
      fuzz::Finding("error body", "a valid object with no repeated envelope member did not decode", body,
                    "ours: " + fuzz::Describe(s) + "\n  checker: " + fuzz::Verdict(r, body));
    }
    if (s.code == CodecError::kDuplicateMember && s.offset != repeat) {
      fuzz::Finding(
          "error body", "DuplicateMember not at the first repeated envelope name", body,
          "ours: " + fuzz::Describe(s) + "\n  checker's first repeat: " +
              (repeat == fuzz::JsonSyntaxResult::kNone ? std::string("none") : std::to_string(repeat)));
    }
  }
  if (!s.ok()) return 0;

  FUZZ_CHECK(e.type.find(':') == std::string_view::npos);
  FUZZ_CHECK(e.http_status == status);
  // An independent reading of the sources.
  bool has_string[4] = {false, false, false, false};
  std::string value[4];
  if (!blank) {
    for (const fuzz::JsonKey& k : r.root_keys) {
      int i = EnvelopeIndex(fuzz::UnescapeJson(k.raw));
      if (i < 0 || !k.value_is_string) continue;
      has_string[i] = true;
      value[i] = fuzz::UnescapeJson(k.value_raw);
    }
  }
  std::string_view want_type;
  auto want_source = DecodedError::Source::kNone;
  std::string_view h = Sanitize(TrimHeader(header));
  if (!h.empty()) {
    want_type = h;
    want_source = DecodedError::Source::kHeader;
  } else if (has_string[0] && !Sanitize(value[0]).empty()) {
    want_type = Sanitize(value[0]);
    want_source = DecodedError::Source::kBodyType;
  } else if (has_string[1] && !Sanitize(value[1]).empty()) {
    want_type = Sanitize(value[1]);
    want_source = DecodedError::Source::kBodyCode;
  }
  if (e.type != want_type || e.source != want_source) {
    fuzz::Finding("error body", "the error type differs from the awsJson1_0 rules", rest,
                  "ours: '" + std::string(e.type) + "' source " + std::to_string(static_cast<int>(e.source)) +
                      "\n  expected: '" + std::string(want_type) + "' source " +
                      std::to_string(static_cast<int>(want_source)));
  }
  bool want_has_message = has_string[2] || has_string[3];
  std::string_view want_message = has_string[2] ? value[2] : has_string[3] ? value[3] : std::string_view();
  FUZZ_CHECK(e.has_message == want_has_message);
  FUZZ_CHECK(e.message == want_message);

  // The operation's error of that name, and only that.
  FUZZ_CHECK(e.modelled == fuzz::OperationError(op, e.type));
  if (e.modelled != nullptr) {
    FUZZ_CHECK(e.modelled->name == e.type);
    FUZZ_CHECK(e.fault == (e.modelled->server_fault ? Fault::kServer : Fault::kClient));
  } else {
    Fault by_status = status >= 500 ? Fault::kServer : status >= 400 ? Fault::kClient : Fault::kUnknown;
    FUZZ_CHECK(e.fault == by_status);
  }
  // A source is reported only when it named a type.
  FUZZ_CHECK((e.source == DecodedError::Source::kNone) == e.type.empty());
  return 0;
}
