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
#include <utility>

namespace apprunner::codec {

// A timestamp as the model's protocol default carries it: epoch seconds on the wire,
// kept exactly to the nanosecond. Like google.protobuf.Timestamp, `seconds` is the floor
// of the instant and `nanos` (0..999'999'999) is added to it, so -1.5 s is {-2, 5e8}.
// The decoder keeps up to nine fraction digits exactly (1700000000.123456 stays
// 1700000000.123456: botocore reads microseconds, a proxy must not round them away);
// only digits beyond the ninth are rounded, to the nearest nanosecond, halves toward
// +infinity. The encoder writes the shortest decimal of the stored value.
struct Timestamp {
  int64_t seconds = 0;
  int32_t nanos = 0;

  constexpr Timestamp() = default;
  constexpr Timestamp(int64_t seconds_, int32_t nanos_) : seconds(seconds_), nanos(nanos_) {}
  // Timestamp{epoch_millis} was this type's form before it kept nanoseconds: refused,
  // so old code fails to compile instead of reading milliseconds as seconds. Use
  // FromMillis(ms) or Timestamp{seconds, nanos}.
  Timestamp(int64_t) = delete;

  // The range the decoder accepts: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z,
  // what both botocore (datetime) and the JavaScript SDK (Date) can represent.
  static constexpr int64_t kMinSeconds = -62135596800;
  static constexpr int64_t kMaxSeconds = 253402300799;
  static constexpr int32_t kNanosPerSecond = 1000000000;

  // The instant `millis` milliseconds after the epoch (negative: before it).
  static constexpr Timestamp FromMillis(int64_t millis) {
    int64_t s = millis / 1000, ms = millis % 1000;
    if (ms < 0) {
      ms += 1000;
      --s;
    }
    return Timestamp{s, static_cast<int32_t>(ms * 1000000)};
  }
  // Epoch milliseconds, rounded down (toward -infinity) when finer.
  constexpr int64_t floor_millis() const { return seconds * 1000 + nanos / 1000000; }

  friend constexpr bool operator==(Timestamp a, Timestamp b) {
    return a.seconds == b.seconds && a.nanos == b.nanos;
  }
  friend constexpr bool operator!=(Timestamp a, Timestamp b) { return !(a == b); }
  friend constexpr bool operator<(Timestamp a, Timestamp b) {
    return a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos;
  }
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

// A list member, untyped: what the decoder writes (List<T> adds the element type).
struct ListView {
  const void* data = nullptr;
  uint32_t size = 0;
};

// A list member: a view of `size` elements of type T in document order. Decoded lists
// live in an arena the decoder owns and reuses (no allocation per element in steady
// state); a list built for encoding views the caller's storage:
//
//   std::vector<Tag> tags = ...;
//   request.tags = List<Tag>(tags);          // a view: `tags` must outlive it
template <typename T>
struct List : ListView {
  List() = default;
  List(const T* elements, uint32_t count) : ListView{elements, count} {}
  template <typename Container,
            typename = decltype(static_cast<const T*>(std::declval<const Container&>().data()))>
  explicit List(const Container& c) : ListView{c.data(), static_cast<uint32_t>(c.size())} {}

  const T* begin() const { return static_cast<const T*>(data); }
  const T* end() const { return begin() + size; }
  const T& operator[](uint32_t i) const { return begin()[i]; }
  bool empty() const { return size == 0; }
  friend bool operator==(const List& a, const List& b) {
    if (a.size != b.size) return false;
    for (uint32_t i = 0; i < a.size; ++i) {
      if (!(a[i] == b[i])) return false;
    }
    return true;
  }
  friend bool operator!=(const List& a, const List& b) { return !(a == b); }
};

}  // namespace apprunner::codec

#endif  // APPRUNNER_CODEC_TYPES_H_
