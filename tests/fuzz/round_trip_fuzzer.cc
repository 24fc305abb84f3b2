// Fuzz target: round trip. Whatever the lenient decoder accepts re-encodes to the
// canonical wire form, which the strict decoder accepts as an equal struct, and whose
// re-encoding is byte-identical. Same for requests.
#include <cstdint>
#include <string>
#include <string_view>

#include "codec/decode.h"
#include "codec/encode.h"
#include "tests/fuzz/fuzz_check.h"

using namespace apprunner::pause_service;

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
    PauseServiceResponse second;
    DecodeStatus s = strict->Decode(once, &second);
    FUZZ_CHECK(s.ok());
    FUZZ_CHECK(second == first);
    std::string twice;
    EncodeJson(second, &twice);
    FUZZ_CHECK(twice == once);
  }
  PauseServiceRequest request;
  if (request_decoder->Decode(body, &request).ok()) {
    std::string once;
    EncodeJson(request, &once);
    PauseServiceRequest second;
    FUZZ_CHECK(request_again->Decode(once, &second).ok());
    FUZZ_CHECK(second == request);
    std::string twice;
    EncodeJson(second, &twice);
    FUZZ_CHECK(twice == once);
  }
  return 0;
}
