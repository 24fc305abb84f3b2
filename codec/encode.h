// The table-driven JSON encoder: generated structs to compact, deterministic JSON.
//
//   std::string out;                      // reused: clear() keeps its capacity
//   EncodeJson(request, &out);            // {"ServiceArn":"arn:aws:..."}
//
// Output: members in model order; absent members omitted (never null); RFC 8259
// string escaping (quote, backslash and control characters; valid UTF-8 passes
// through; an invalid UTF-8 sequence in a hand-built value becomes U+FFFD, so the
// output is always valid JSON). U+2028, U+2029 and the C1 controls U+0080..U+009F are
// written as \u escapes too, so every body is one line for every line splitter
// (Python's str.splitlines(), log shippers, pre-ES2019 JavaScript), as Go's
// encoding/json does for U+2028/U+2029. Timestamps as epoch seconds, the shortest
// decimal of the stored value: up to nine fraction digits, no trailing zeros, no
// exponent, no float noise (1398796238.123456, 1398796238 when whole). Empty maps {},
// empty lists [].
// Cost: appends to `out`; no allocation once `out` has the capacity.
#ifndef APPRUNNER_CODEC_ENCODE_H_
#define APPRUNNER_CODEC_ENCODE_H_

#include <string>
#include <string_view>

#include "codec/table.h"
#include "codec/types.h"

namespace apprunner::codec {

// Appends the JSON object for `object` (described by `desc`) to `out`.
void EncodeStruct(const StructDesc& desc, const void* object, std::string* out);

template <typename T>
void EncodeJson(const T& object, std::string* out) {
  EncodeStruct(ModelTraits<T>::desc(), &object, out);
}

// Appends `s` as a JSON string literal (with quotes).
void AppendJsonString(std::string_view s, std::string* out);

// Appends a timestamp as epoch seconds, shortest exact decimal ("1398796238.123456").
void AppendEpochSeconds(Timestamp t, std::string* out);

// An awsJson1_0 error body: {"__type":"<type>","Message":"<message>"}.
void AppendErrorBody(std::string_view type, std::string_view message, std::string* out);

}  // namespace apprunner::codec

#endif  // APPRUNNER_CODEC_ENCODE_H_
