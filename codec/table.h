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

// A byte-level DFA the generator compiled from a pattern's fast form (only for patterns
// that can match nothing but ASCII; see generator/dfa.h). State 0 is dead, 1 the start.
struct DfaTable {
  const uint8_t* byte_class;  // 256 entries
  const uint16_t* next;       // num_states * num_classes
  const uint8_t* accepting;   // num_states
  uint16_t num_classes;
  uint16_t num_states;

  bool FullMatch(std::string_view s) const {
    uint32_t state = 1;
    for (char ch : s) {
      state = next[state * num_classes + byte_class[static_cast<unsigned char>(ch)]];
      if (state == 0) return false;
    }
    return accepting[state] != 0;
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
