// Hot-path error codes of the decoder: no exceptions, no allocation. A failed decode
// returns a DecodeStatus naming the class of problem, the byte offset in the input
// where it was found, and (when one is involved) the model member.
//
//   DecodeStatus s = decoder.Decode(body, &request);
//   if (!s.ok()) Log(CodecErrorName(s.code), s.offset, s.detail);
#ifndef APPRUNNER_CODEC_ERROR_H_
#define APPRUNNER_CODEC_ERROR_H_

#include <cstdint>
#include <string_view>

#include "codec/table.h"

namespace apprunner::codec {

enum class CodecError : uint8_t {
  kOk = 0,
  kBodyTooLarge,      // the input is longer than DecodeOptions::max_body_bytes
  kBufferTooSmall,    // caller-padded API: fewer than SIMDJSON_PADDING spare bytes
  kInvalidUtf8,       // the body is not valid UTF-8; offset is the first bad byte
  kMalformedJson,     // not RFC 8259 JSON at offset (anywhere, unknown members included)
  kRootNotObject,     // the top-level value is not a JSON object
  kTrailingContent,   // something other than whitespace follows the root value
  kDepthLimit,        // objects/arrays nested deeper than DecodeOptions::max_depth
  kDuplicateMember,   // a modelled member appears twice in one object (compared unescaped)
  kWrongType,         // a modelled member has the wrong JSON type
  kNumberOutOfRange,  // an integer outside 32 bits, or a timestamp outside years 1..9999
  kUnknownMember,     // reject_unknown_members is set and a member is not in the model
  kInvalidTimestamp,  // a timestamp string (lenient form) that is not ISO-8601
  kNotWireFormat,     // strict mode: the body uses forms only lenient mode accepts;
                      // StructDecoder::deviations() lists each with its path
};

// Stable name of each code ("MalformedJson").
std::string_view CodecErrorName(CodecError code);

struct [[nodiscard]] DecodeStatus {
  CodecError code = CodecError::kOk;
  uint32_t offset = 0;               // byte offset in the input
  const FieldDesc* field = nullptr;  // the member involved, when there is one
  std::string_view detail;           // static text, e.g. simdjson's message
  // kUnknownMember: the member's name, unescaped (a view into the input or the
  // decoder's string buffer: valid until the decoder's next decode).
  std::string_view name;

  bool ok() const { return code == CodecError::kOk; }
};

}  // namespace apprunner::codec

#endif  // APPRUNNER_CODEC_ERROR_H_
