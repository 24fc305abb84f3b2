// Fuzz target: PauseService response decode (strict and lenient) + validate.
// Invariants: never crash; strict acceptance implies lenient acceptance of the same
// value; anything accepted is JSON simdjson's DOM accepts; strict success means no
// deviations; lenient deviations are what strict rejects.
#include <simdjson.h>

#include <cstdint>
#include <string_view>

#include "codec/decode.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_syntax.h"
#include "validate/validate.h"

using namespace apprunner::pause_service;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static PauseServiceResponseDecoder* strict = new PauseServiceResponseDecoder();
  static PauseServiceResponseDecoder* lenient = [] {
    DecodeOptions o;
    o.lenient = true;
    return new PauseServiceResponseDecoder(o);
  }();
  static ValidationReport* report = new ValidationReport();
  static simdjson::dom::parser* dom = new simdjson::dom::parser();
  std::string_view body(reinterpret_cast<const char*>(data), size);
  PauseServiceResponse s, l;
  DecodeStatus ss = strict->Decode(body, &s);
  DecodeStatus ls = lenient->Decode(body, &l);
  FUZZ_CHECK(ss.offset <= size && ls.offset <= size);
  if (ss.ok()) {
    FUZZ_CHECK(strict->engine().num_deviations() == 0);
    FUZZ_CHECK(ls.ok());
    FUZZ_CHECK(s == l);
  }
  if (ls.ok()) {
    // simdjson's DOM, except on numbers beyond its range (valid JSON the decoder accepts
    // in unknown members): then the independent syntax checker decides.
    simdjson::dom::element root;
    auto dom_error = dom->parse(body.data(), body.size()).get(root);
    FUZZ_CHECK(!dom_error || (dom_error == simdjson::NUMBER_ERROR &&
                              simdjson::validate_utf8(body.data(), body.size()) &&
                              apprunner::fuzz::JsonSyntax::Valid(body)));
    FUZZ_CHECK(ss.ok() == (lenient->engine().num_deviations() == 0));
    bool valid = Validator::Default().Validate(l, report);
    FUZZ_CHECK(valid == (report->total() == 0));
    if (!valid) FUZZ_CHECK(!ValidationMessage(*report).empty());
  } else {
    FUZZ_CHECK(!ss.ok());
  }
  return 0;
}
