// Fuzz target: round trip, for every operation. Input: byte 0 picks the operation
// (kModel.operations[byte % num_operations], sorted by name), the rest is the body.
// Whatever the lenient decoder accepts as the operation's output re-encodes to the
// canonical wire form: JSON the independent checker accepts (one object, nested no
// deeper than the model allows), which the strict decoder accepts as an equal struct
// with no deviation, and whose re-encoding is byte-identical. Same for the operation's
// input with the default (strict) decoder (its corpus holds request and response seeds).
#include <cstdint>
#include <string>
#include <string_view>

#include "codec/decode.h"
#include "codec/encode.h"
#include "generated/apprunner/service.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_syntax.h"
#include "tests/fuzz/model_util.h"

using namespace apprunner::codec;
using apprunner::model::kModel;
namespace fuzz = apprunner::fuzz;

namespace {

// The canonical encoding is one JSON object, nested no deeper than the model.
void CheckEncoding(const StructDesc& desc, const std::string& json) {
  fuzz::JsonSyntaxResult r = fuzz::JsonSyntax::Check(json);
  FUZZ_CHECK(r.valid);
  FUZZ_CHECK(r.root == '{');
  FUZZ_CHECK(r.max_depth <= fuzz::ModelDepth(desc));
}

// Decodes `body` with `first` into desc; when it succeeds, checks the round trip through
// `second` (strict).
void RoundTrip(const StructDesc& desc, std::string_view body, StructDecoder* first, StructDecoder* second,
               fuzz::StructStorage* storage) {
  void* a = storage[0].For(desc);
  if (!first->Decode(body, desc, a).ok()) {
    FUZZ_CHECK(fuzz::IsReset(desc, a));
    return;
  }
  static std::string* once = new std::string();
  static std::string* twice = new std::string();
  once->clear();
  EncodeStruct(desc, a, once);
  CheckEncoding(desc, *once);
  void* b = storage[1].For(desc);
  DecodeStatus s = second->Decode(*once, desc, b);
  FUZZ_CHECK(s.ok());
  FUZZ_CHECK(second->num_deviations() == 0);
  FUZZ_CHECK(fuzz::StructEqual(desc, b, a));
  twice->clear();
  EncodeStruct(desc, b, twice);
  FUZZ_CHECK(*twice == *once);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static StructDecoder* lenient = [] {
    DecodeOptions o;
    o.lenient = true;
    return new StructDecoder(o);
  }();
  static StructDecoder* strict = new StructDecoder();
  static StructDecoder* request_decoder = new StructDecoder();
  static StructDecoder* request_again = new StructDecoder();
  static fuzz::StructStorage* response_storage = new fuzz::StructStorage[2];
  static fuzz::StructStorage* request_storage = new fuzz::StructStorage[2];
  fuzz::OperationInput in;
  if (!fuzz::PickOperation(kModel, data, size, &in)) return 0;
  RoundTrip(*in.op->output, in.body, lenient, strict, response_storage);
  RoundTrip(*in.op->input, in.body, request_decoder, request_again, request_storage);
  return 0;
}
