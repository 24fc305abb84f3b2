// Value types the generated model structs are built from.
//
// Every string is a std::string_view: a view into the decoded input, or into the
// decoder's own buffer when the JSON spelled the string with escapes. A decoded
// struct is therefore valid only while the input buffer AND the decoder that produced
// it are alive and the decoder has not decoded another document.
//
//   PauseServiceRequest req;
//   req.service_arn = "arn:aws:apprunner:us-east-1:123456789012:service/a/b";
//   if (req.service_arn) Use(*req.service_arn);
#ifndef APPRUNNER_CODEC_TYPES_H_
#define APPRUNNER_CODEC_TYPES_H_

#include <cstdint>
#include <string_view>

namespace apprunner::pause_service {

// A timestamp as the model's protocol default carries it: epoch seconds on the wire,
// kept at millisecond precision. Decoding rounds as the AWS SDK for JavaScript does:
// the nearest millisecond to (the value as a double) x 1000, halves toward +infinity.
struct Timestamp {
  int64_t epoch_millis = 0;
  // The range the decoder accepts: 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z,
  // what both botocore (datetime) and the JavaScript SDK (Date) can represent.
  static constexpr int64_t kMinEpochMillis = -62135596800000;
  static constexpr int64_t kMaxEpochMillis = 253402300799999;
  friend bool operator==(Timestamp a, Timestamp b) { return a.epoch_millis == b.epoch_millis; }
  friend bool operator!=(Timestamp a, Timestamp b) { return !(a == b); }
};

// An open (Smithy) enum member: the wire string is always kept; `index` is the
// position of that string in the model's value list, or kUnknownEnumIndex when the
// value is not in the model (never a decode error: enums grow between model versions).
inline constexpr int32_t kUnknownEnumIndex = -1;

struct EnumValue {
  std::string_view wire;
  int32_t index = kUnknownEnumIndex;
  bool known() const { return index != kUnknownEnumIndex; }
  friend bool operator==(const EnumValue& a, const EnumValue& b) { return a.wire == b.wire; }
  friend bool operator!=(const EnumValue& a, const EnumValue& b) { return !(a == b); }
};

// Typed view of an EnumValue; E is a generated `enum class` whose enumerators follow
// the model's value order and whose kUnknown equals kUnknownEnumIndex.
template <typename E>
struct OpenEnum : EnumValue {
  OpenEnum() = default;
  explicit OpenEnum(EnumValue v) : EnumValue(v) {}
  E value() const { return static_cast<E>(index); }
};

// One entry of a string-to-string map member.
struct StringMapEntry {
  std::string_view key;
  std::string_view value;
  friend bool operator==(const StringMapEntry& a, const StringMapEntry& b) {
    return a.key == b.key && a.value == b.value;
  }
};

// A map member: a view of entries in document order, stored in a buffer the decoder
// owns and reuses (no per-entry allocation in steady state).
struct StringMap {
  const StringMapEntry* entries = nullptr;
  uint32_t size = 0;
  const StringMapEntry* begin() const { return entries; }
  const StringMapEntry* end() const { return entries + size; }
  bool empty() const { return size == 0; }
  friend bool operator==(const StringMap& a, const StringMap& b) {
    if (a.size != b.size) return false;
    for (uint32_t i = 0; i < a.size; ++i) {
      if (!(a.entries[i] == b.entries[i])) return false;
    }
    return true;
  }
  friend bool operator!=(const StringMap& a, const StringMap& b) { return !(a == b); }
};

}  // namespace apprunner::pause_service

#endif  // APPRUNNER_CODEC_TYPES_H_
