// Fuzz target: round trip. Whatever the lenient decoder accepts re-encodes to the
// canonical wire form: JSON the independent checker accepts (one object), which the
// strict decoder accepts as an equal struct with no deviation, and whose re-encoding
// is byte-identical. Same for requests (its corpus holds request and response seeds).
#include <cstdint>
#include <string>
#include <string_view>

#include "api/pause_service.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_syntax.h"

using namespace apprunner::pause_service;
namespace fuzz = apprunner::fuzz;

namespace {

// The canonical encoding is one JSON object, nested no deeper than the model.
void CheckEncoding(const std::string& json) {
  fuzz::JsonSyntaxResult r = fuzz::JsonSyntax::Check(json);
  FUZZ_CHECK(r.valid);
  FUZZ_CHECK(r.root == '{');
  FUZZ_CHECK(r.max_depth <= 16);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static PauseServiceResponseDecoder* lenient = [] {
    DecodeOptions o;
    o.lenient = true;
    return new PauseServiceResponseDecoder(o);
  }();
  static PauseServiceResponseDecoder* strict = new PauseServiceResponseDecoder();
  static PauseServiceRequestDecoder* request_decoder = new PauseServiceRequestDecoder();
  static PauseServiceRequestDecoder* request_again = new PauseServiceRequestDecoder();
  std::string_view body(reinterpret_cast<const char*>(data), size);

  PauseServiceResponse first;
  if (lenient->Decode(body, &first).ok()) {
    std::string once;
    EncodeJson(first, &once);
    CheckEncoding(once);
    PauseServiceResponse second;
    DecodeStatus s = strict->Decode(once, &second);
    FUZZ_CHECK(s.ok());
    FUZZ_CHECK(strict->engine().num_deviations() == 0);
    FUZZ_CHECK(second == first);
    std::string twice;
    EncodeJson(second, &twice);
    FUZZ_CHECK(twice == once);
  }
  PauseServiceRequest request;
  if (request_decoder->Decode(body, &request).ok()) {
    std::string once;
    EncodeJson(request, &once);
    CheckEncoding(once);
    PauseServiceRequest second;
    FUZZ_CHECK(request_again->Decode(once, &second).ok());
    FUZZ_CHECK(request_again->engine().num_deviations() == 0);
    FUZZ_CHECK(second == request);
    std::string twice;
    EncodeJson(second, &twice);
    FUZZ_CHECK(twice == once);
  }
  return 0;
}
