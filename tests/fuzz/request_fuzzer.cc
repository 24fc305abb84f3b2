// Fuzz target: PauseService request decode + validate, as a gateway runs it.
// Invariants: never crash; an accepted body is JSON simdjson's DOM parser accepts too
// (nothing invalid gets past); a valid request re-encodes to JSON that decodes to the
// same request; error offsets lie inside the body.
#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "api/pause_service.h"
#include "codec/encode.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_syntax.h"

using namespace apprunner::pause_service;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static PauseServiceRequestProcessor* processor = new PauseServiceRequestProcessor();
  static PauseServiceRequestDecoder* again = new PauseServiceRequestDecoder();
  static simdjson::dom::parser* dom = new simdjson::dom::parser();
  std::string_view body(reinterpret_cast<const char*>(data), size);
  Outcome outcome = processor->Process(body);
  if (outcome == Outcome::kSerializationError) {
    FUZZ_CHECK(processor->decode_status().offset <= size);
    return 0;
  }
  // Decoded: the body must be valid JSON by an independent parser.
  // simdjson's DOM, except on numbers beyond its range (valid JSON the decoder accepts
  // in unknown members): then the independent syntax checker decides.
  simdjson::dom::element root;
  auto dom_error = dom->parse(body.data(), body.size()).get(root);
  FUZZ_CHECK(!dom_error || (dom_error == simdjson::NUMBER_ERROR &&
                            simdjson::validate_utf8(body.data(), body.size()) &&
                            apprunner::fuzz::JsonSyntax::Valid(body)));
  FUZZ_CHECK(dom_error || root.is_object());
  std::string encoded;
  EncodeJson(processor->request(), &encoded);
  PauseServiceRequest decoded;
  FUZZ_CHECK(again->Decode(encoded, &decoded).ok());
  FUZZ_CHECK(decoded == processor->request());
  FUZZ_CHECK(outcome == Outcome::kValid || processor->report().total() > 0);
  return 0;
}
