// Fuzz target: error-response decoding. Input layout: 2 bytes of HTTP status, then the
// X-Amzn-ErrorType header value up to the first NUL (absent when there is none), then
// the body. Invariants: never crash; the type is sanitized (no ':'; non-empty exactly when a source named it); a
// modelled error is reported only for one of the operation's error names.
#include <cstdint>
#include <string_view>

#include "api/errors.h"
#include "tests/fuzz/fuzz_check.h"

using namespace apprunner::pause_service;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ErrorResponseDecoder* decoder = new ErrorResponseDecoder();
  if (size < 2) return 0;
  int status = 100 + (data[0] << 8 | data[1]) % 500;
  std::string_view rest(reinterpret_cast<const char*>(data + 2), size - 2);
  std::string_view header, body = rest;
  size_t nul = rest.find('\0');
  if (nul != std::string_view::npos) {
    header = rest.substr(0, nul);
    body = rest.substr(nul + 1);
  }
  DecodedError e;
  DecodeStatus s = decoder->Decode(status, header, body, &e);
  if (!s.ok()) return 0;
  FUZZ_CHECK(e.type.find(':') == std::string_view::npos);
  FUZZ_CHECK(e.http_status == status);
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
