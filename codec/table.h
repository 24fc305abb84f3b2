// Row types of the generated tables: the only contract between the generator
// (//generator:gen_codec) and the hand-written decoder, encoder and validator.
//
// One StructDesc per model structure lists its members in model order (FieldDesc);
// one ShapeDesc per leaf shape carries its constraints (length, range, pattern, enum
// values, sensitivity). Members are reached through generated accessor functions, not
// offsetof, so the structs need not be standard-layout.
//
//   const StructDesc& sd = kPauseServiceRequestDesc;
//   for (const FieldDesc& f : sd.fields()) Print(f.wire_name);
#ifndef APPRUNNER_CODEC_TABLE_H_
#define APPRUNNER_CODEC_TABLE_H_

#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "codec/dfa_table.h"

namespace apprunner::pause_service {

// How a member is carried in JSON, and which C++ type holds it:
enum class FieldKind : uint8_t {
  kString,     // JSON string            -> std::optional<std::string_view>
  kEnum,       // JSON string            -> std::optional<OpenEnum<E>>
  kInteger,    // JSON integer (32-bit)  -> std::optional<int32_t>
  kBoolean,    // JSON true/false        -> std::optional<bool>
  kTimestamp,  // JSON number, epoch s   -> std::optional<Timestamp>
  kStructure,  // JSON object            -> std::optional<Struct>
  kMap,        // JSON object of strings -> std::optional<StringMap>
};

inline constexpr int32_t kNoShape = -1;
inline constexpr int32_t kNoPattern = -1;

// A pattern of the form [^c1c2...]* or [^c1c2...]+ over single code points (the model's
// ".*" after translation, [^\x0a\x0d]+, [^\x00]+): matched by one scan of valid UTF-8.
struct ExcludedRun {
  const uint32_t* excluded;  // code points the run may not contain
  uint8_t num_excluded;
  bool at_least_one;         // '+' rather than '*'

  bool FullMatch(std::string_view s) const {
    if (at_least_one && s.empty()) return false;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    for (;;) {
#if defined(__SSE2__)
      // Sixteen bytes at a time while they are ASCII and none is excluded (never past
      // the end of `s`: the value need not be padded).
      while (i + 16 <= n) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        __m128i hits = _mm_setzero_si128();
        for (uint8_t k = 0; k < num_excluded; ++k) {
          if (excluded[k] < 0x80) hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(excluded[k]))));
        }
        const int stop = _mm_movemask_epi8(_mm_or_si128(v, hits));  // high bit: non-ASCII or excluded
        if (stop == 0) {
          i += 16;
          continue;
        }
        i += static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(stop)));
        break;
      }
#endif
      if (i >= n) return true;
      uint32_t cp = p[i];
      size_t width = 1;
      if (cp >= 0x80) {  // valid UTF-8 (the decoder validated it)
        if (cp < 0xE0) { cp = ((cp & 0x1F) << 6) | (p[i + 1] & 0x3F); width = 2; }
        else if (cp < 0xF0) { cp = ((cp & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F); width = 3; }
        else { cp = ((cp & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F); width = 4; }
      }
      for (uint8_t k = 0; k < num_excluded; ++k) {
        if (excluded[k] == cp) return false;
      }
      i += width;
    }
  }
};

// A model pattern and the RE2 programs that evaluate it.
struct PatternDesc {
  std::string_view model;  // the pattern exactly as the model writes it (quoted in messages)
  // RE2 form used for values of at most `fast_max_code_points` code points. Equal to
  // `model` unless the generator rewrote it; the generator states why the rewrite is
  // equivalent next to the table row.
  std::string_view re2_fast;
  int64_t fast_max_code_points;  // -1: re2_fast is exact for every length
  // RE2 form that is exactly equivalent to `model` for every value (used for values
  // longer than fast_max_code_points, which already fail their length constraint).
  std::string_view re2_exact;
  // re2_fast compiled to a DFA, or nullptr: whole-value matching of values within
  // fast_max_code_points may use it instead of RE2 (same verdict; fuzzed against RE2).
  const DfaTable* dfa;
  // re2_fast recognised as an ExcludedRun, or nullptr; same use and proof as `dfa`.
  const ExcludedRun* run;
};

// Constraints of one leaf shape (string, enum, integer, boolean, timestamp, map).
struct ShapeDesc {
  std::string_view name;  // model shape name
  bool has_min;
  bool has_max;
  int64_t min;  // code points for strings, value for integers
  int64_t max;
  int32_t pattern;             // index into the pattern table, or kNoPattern
  const std::string_view* enum_values;  // nullptr unless an enum
  uint16_t num_enum_values;
  bool sensitive;   // never echo values of this shape
  int32_t map_key;    // for maps: ShapeDesc index of keys, else kNoShape
  int32_t map_value;  // for maps: ShapeDesc index of values, else kNoShape
};

struct StructDesc;

struct FieldDesc {
  std::string_view wire_name;  // JSON key, exactly as in the model
  std::string_view path_name;  // name in validation messages ("serviceArn")
  FieldKind kind;
  bool required;
  int32_t shape;              // ShapeDesc index for leaves, kNoShape for structures
  const StructDesc* sub;      // for kStructure
  // Makes the member present (value-initialized) and returns its value.
  void* (*emplace)(void* object);
  // The member's value, or nullptr when absent.
  const void* (*get)(const void* object);
};

struct StructDesc {
  std::string_view name;  // model shape name
  const FieldDesc* field_table;
  uint16_t num_fields;
  // Resets the whole object to its default (all members absent).
  void (*reset)(void* object);
  // A member whose value has another JSON type than its kind is skipped (syntax-
  // checked, as if unknown) instead of failing with kWrongType. False for every
  // generated structure; set by envelopes a client reads only what it can use from
  // (the awsJson1_0 error body: a numeric "code" must not hide the header's type).
  bool skip_mistyped_members = false;
  // Member lookup: member_slots[MemberHash(key, member_seed, member_bits)] is 1 + the
  // index of the only member whose wire name can equal `key`, or 0 for none
  // (codec/member_hash.h; the generator proved the hash perfect for these names).
  // nullptr: look members up one by one.
  const uint8_t* member_slots = nullptr;
  uint32_t member_seed = 0;
  uint8_t member_bits = 0;
  // True for an operation's output: a zero-length or whitespace-only body decodes as
  // the output with every member absent (the awsJson1_0 protocol tests require it of
  // clients). False elsewhere: an empty request body is not a JSON document.
  bool empty_body_is_no_members = false;

  const FieldDesc* begin() const { return field_table; }
  const FieldDesc* end() const { return field_table + num_fields; }
};

// Tables the generator emits (codec/generated/pause_service_tables.cc).
extern const ShapeDesc kShapes[];
extern const int32_t kNumShapes;
extern const PatternDesc kPatterns[];
extern const int32_t kNumPatterns;

}  // namespace apprunner::pause_service

#endif  // APPRUNNER_CODEC_TABLE_H_
