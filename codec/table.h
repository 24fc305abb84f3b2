// The contract between generated model code and the model-neutral runtime (decoder,
// encoder, validator, dispatch), as upb's generated-code support header is: generated
// code includes this header and fills these rows; the runtime reads them and never
// includes generated code. Two models can therefore link into one binary.
//
// A ModelDesc lists a service's operations (OperationDesc: target, input, output,
// errors), its patterns and its leaf shapes. One StructDesc per model structure lists
// its members in model order (FieldDesc); one ShapeDesc per leaf shape carries its
// constraints (length, range, pattern, enum values, sensitivity); a ListDesc says what
// a list's elements are. Rows point at each other; there is no global index. Members
// are reached through generated accessor functions, not offsetof, so the structs need
// not be standard-layout.
//
//   const StructDesc& sd = *model.operations[0]->input;
//   for (const FieldDesc& f : sd) Print(f.wire_name);
#ifndef APPRUNNER_CODEC_TABLE_H_
#define APPRUNNER_CODEC_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "codec/dfa_table.h"

namespace apprunner::codec {

// How a member is carried in JSON, and which C++ type holds it:
enum class FieldKind : uint8_t {
  kString,     // JSON string            -> std::optional<std::string_view>
  kEnum,       // JSON string            -> std::optional<OpenEnum<E>>
  kInteger,    // JSON integer (32-bit)  -> std::optional<int32_t>
  kBoolean,    // JSON true/false        -> std::optional<bool>
  kTimestamp,  // JSON number, epoch s   -> std::optional<Timestamp>
  kStructure,  // JSON object            -> std::optional<Struct>
  kMap,        // JSON object of strings -> std::optional<StringMap>
  kList,       // JSON array             -> std::optional<List<T>>
};

// A pattern of the form [^c1c2...]* or [^c1c2...]+ over single code points (the model's
// ".*" after translation, [^\x0a\x0d]+, [^\x00]+): matched by one scan of valid UTF-8.
struct ExcludedRun {
  const uint32_t* excluded;  // code points the run may not contain
  uint8_t num_excluded;
  bool at_least_one;  // '+' rather than '*'

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
          if (excluded[k] < 0x80)
            hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(excluded[k]))));
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
        if (cp < 0xE0) {
          cp = ((cp & 0x1F) << 6) | (p[i + 1] & 0x3F);
          width = 2;
        } else if (cp < 0xF0) {
          cp = ((cp & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
          width = 3;
        } else {
          cp = ((cp & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
          width = 4;
        }
      }
      for (uint8_t k = 0; k < num_excluded; ++k) {
        if (excluded[k] == cp) return false;
      }
      i += width;
    }
  }
};

// A model pattern and the RE2 programs that evaluate it. A model's patterns form one
// array (ModelDesc::patterns); the validator compiles them once per model.
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
  // RE2 form for search semantics (PatternSemantics::kSearch) when re2_exact is a
  // whole-value-only rewrite (a lookahead removed); empty: re2_fast/re2_exact serve.
  std::string_view re2_search;
};

// Constraints of one leaf shape (string, enum, integer, boolean, timestamp, map, list).
struct ShapeDesc {
  std::string_view name;  // model shape name
  bool has_min;
  bool has_max;
  int64_t min;  // code points for strings, value for integers, entries for lists/maps
  int64_t max;
  const PatternDesc* pattern;           // nullptr: no pattern
  const std::string_view* enum_values;  // nullptr unless an enum
  uint16_t num_enum_values;
  bool sensitive;              // never echo values of this shape
  const ShapeDesc* map_key;    // for maps: the keys' shape, else nullptr
  const ShapeDesc* map_value;  // for maps: the values' shape, else nullptr
};

struct StructDesc;

// What a list's elements are. Elements are stored contiguously, `element_size` bytes
// apart (List<T>'s T); lists of lists and of maps are not in any supported model.
struct ListDesc {
  FieldKind element_kind;            // kString, kEnum, kInteger, kBoolean, kTimestamp, kStructure
  const ShapeDesc* element_shape;    // leaf elements: their shape
  const StructDesc* element_struct;  // structure elements: their table
  uint32_t element_size;             // sizeof(T)
  uint32_t element_align;            // alignof(T)
};

struct FieldDesc {
  std::string_view wire_name;  // JSON key, exactly as in the model
  std::string_view path_name;  // name in validation messages ("serviceArn")
  FieldKind kind;
  bool required;
  const ShapeDesc* shape;  // leaves, maps and lists: the member's shape
  const StructDesc* sub;   // for kStructure
  const ListDesc* list;    // for kList
  // Makes the member present (value-initialized) and returns its value.
  void* (*emplace)(void* object);
  // The member's value, or nullptr when absent.
  const void* (*get)(const void* object);
};

struct StructDesc {
  std::string_view name;  // model shape name
  const FieldDesc* field_table;
  uint16_t num_fields;
  // Constructs the object in place with every member absent (placement new: the
  // generated structs are trivially destructible, so this also resets one).
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
  uint32_t size = 0;   // sizeof the struct (list elements, processor storage)
  uint32_t align = 0;  // alignof the struct

  const FieldDesc* begin() const { return field_table; }
  const FieldDesc* end() const { return field_table + num_fields; }
};

// A modelled error (a Smithy @error structure).
struct ErrorDesc {
  std::string_view name;  // shape name, the awsJson1_0 error code
  bool server_fault;      // true: Smithy @error("server")
  int http_status;        // the model's @httpError (402 for ServiceQuotaExceeded...)
  const StructDesc* desc;
};

// One operation: its X-Amz-Target, input, output and the errors it models.
struct OperationDesc {
  std::string_view name;    // "PauseService"
  std::string_view target;  // X-Amz-Target: "<targetPrefix>.<name>"
  std::string_view http_method;
  std::string_view request_uri;
  const StructDesc* input;
  const StructDesc* output;
  const ErrorDesc* const* errors;
  uint16_t num_errors;
};

// A member whose constraints no value can satisfy, and the policy applied.
struct ModelDefect {
  std::string_view shape;
  std::string_view description;
};

// A whole service model: what the generator emits as k<Service>Model.
struct ModelDesc {
  std::string_view service_id;     // "AppRunner"
  std::string_view api_version;    // "2020-05-15"
  std::string_view target_prefix;  // "AppRunner"
  std::string_view signing_name;
  std::string_view content_type;           // "application/x-amz-json-1.0"
  const OperationDesc* const* operations;  // sorted by name
  uint16_t num_operations;
  const ErrorDesc* errors;  // every error shape of the service
  uint16_t num_errors;
  const PatternDesc* patterns;
  int32_t num_patterns;
  const ShapeDesc* shapes;  // every leaf shape
  int32_t num_shapes;
  const ModelDefect* defects;
  int32_t num_defects;
  // Operation lookup by name (the target after "<prefix>."): operation_slots[
  // MemberHash(name, operation_seed, operation_bits)] is 1 + the index in `operations`
  // of the only operation that name can be, or 0 (codec/member_hash.h).
  const uint8_t* operation_slots;
  uint32_t operation_seed;
  uint8_t operation_bits;
};

// ModelTraits<T>::desc() is the table of generated struct T (generated code
// specializes it next to each struct).
template <typename T>
struct ModelTraits;

}  // namespace apprunner::codec

#endif  // APPRUNNER_CODEC_TABLE_H_
