// Runs the model's constraint tables over a decoded (or hand-built) struct and collects
// every violation, with its member path, the way AWS services report them.
//
//   const Validator& v = Validator::Default(apprunner::model::kModel);  // shared, read-only
//   ValidationReport report;                      // reusable, one per thread
//   if (!v.Validate(request, &report)) Reply(400, ValidationErrorBody(report));
//
// Semantics, as the service applies them:
// - required: an absent (or JSON null) @required member is "Member must not be null".
// - @length counts Unicode scalar values (code points), not bytes or UTF-16 units;
//   it is checked before the pattern, and both are reported when both fail.
// - @pattern is matched against the WHOLE value (RE2::FullMatch) by default, as AWS
//   services do; PatternSemantics::kSearch selects Smithy's unanchored search. The
//   model's text is what messages quote; RE2 runs the generator's proven translation
//   (the generated common.cc says why each one is equivalent). For
//   every pattern the generator also emits a specialized matcher (a run matcher or a
//   DFA), used for whole-value matches.
// - enums: a value the model does not list violates "enum value set".
// - @range on integers, inclusive.
// - list elements: each element's constraints, at AWS's 1-based path
//   ("tags.1.member.key"); map keys and values as "Map keys/value must satisfy
//   constraint: [...]".
// - sensitive members (BuildCommand, map keys and values, ...) are never echoed.
// Model defects (a member no value can satisfy) keep only their satisfiable part; see
// kModelDefects.
//
// Cost: no heap allocation; RE2 programs are compiled once per process and model, when
// the model's first Validator is made. A Validator checks structures of the model it
// was made for (tables of another model are checked too, compiling their RE2 programs
// on every call).
#ifndef APPRUNNER_VALIDATE_VALIDATE_H_
#define APPRUNNER_VALIDATE_VALIDATE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "codec/table.h"
#include "codec/types.h"

namespace apprunner::codec {

enum class PatternSemantics : uint8_t {
  kFullMatch,  // the whole value must match (AWS services; the default)
  kSearch,     // the pattern may match anywhere in the value (Smithy's letter)
};

enum class ConstraintKind : uint8_t {
  kRequired,   // Member must not be null
  kMinLength,  // Member must have length greater than or equal to N
  kMaxLength,  // Member must have length less than or equal to N
  kPattern,    // Member must satisfy regular expression pattern: P
  kEnum,       // Member must satisfy enum value set: [A, B]
  kMinValue,   // Member must have value greater than or equal to N
  kMaxValue,   // Member must have value less than or equal to N
};

struct ValidateOptions {
  PatternSemantics pattern_semantics = PatternSemantics::kFullMatch;
  bool fail_fast = false;  // stop at the first violation
  // Whole-value matching may use the matcher the generator specialized from a pattern
  // (a run matcher or a DFA) instead of RE2. Same verdict as RE2 on valid UTF-8, which
  // is all the decoder produces (a differential fuzz target checks it in CI); a caller
  // validating strings it built itself from unchecked bytes sets false, which forces
  // RE2 everywhere.
  bool specialized_matchers = true;
};

inline constexpr size_t kMaxReportedViolations = 64;
inline constexpr size_t kMaxPathLength = 240;

struct Violation {
  ConstraintKind kind;
  const FieldDesc* field;
  const ShapeDesc* constrained;  // the shape whose constraint failed (map key/value too)
  enum class Part : uint8_t { kMember, kMapKey, kMapValue } part = Part::kMember;
  bool sensitive = false;  // never echo `text`
  bool has_text = false;   // `text` holds the offending value (strings, enums)
  std::string_view text;
  int64_t number = 0;  // the offending value (integers)
  char path_buffer[kMaxPathLength];
  uint16_t path_length = 0;

  std::string_view path() const { return std::string_view(path_buffer, path_length); }
};

// Every violation of one validation, in model member order. Reusable.
class ValidationReport {
 public:
  void Clear() {
    count_ = 0;
    total_ = 0;
  }
  bool ok() const { return total_ == 0; }
  size_t size() const { return count_; }   // stored (at most kMaxReportedViolations)
  size_t total() const { return total_; }  // found
  const Violation& operator[](size_t i) const { return items_[i]; }
  const Violation* begin() const { return items_.data(); }
  const Violation* end() const { return items_.data() + count_; }

  Violation* Add() {
    ++total_;
    return count_ < items_.size() ? &items_[count_++] : nullptr;
  }

 private:
  std::array<Violation, kMaxReportedViolations> items_;
  size_t count_ = 0;
  size_t total_ = 0;
};

class Validator {
 public:
  explicit Validator(const ModelDesc& model, ValidateOptions options = {});

  // A process-wide validator of `model` with default options (made on first use).
  static const Validator& Default(const ModelDesc& model);

  // Validates `object` (a struct described by `desc`); fills `report` (cleared first).
  // Returns report->ok(). Thread-safe: const, shares only immutable RE2 programs.
  bool Validate(const StructDesc& desc, const void* object, ValidationReport* report) const;

  template <typename T>
  bool Validate(const T& object, ValidationReport* report) const {
    return Validate(ModelTraits<T>::desc(), &object, report);
  }

  // Checks one string against a leaf shape's length and pattern (no path, no report):
  // true when it satisfies them.
  bool CheckString(const ShapeDesc& shape, std::string_view value) const;

  // The pattern verdict alone, exactly as validation decides it (the generated matcher
  // where the options allow it, else RE2). `code_points` is `value`'s length in code
  // points (it selects the form, as the length check already counted them).
  bool Matches(const PatternDesc& pattern, std::string_view value, size_t code_points) const;

  // The pattern verdict alone, through RE2 (never the DFA): the reference the
  // specialized matchers are fuzzed against. `code_points` selects the RE2 form.
  bool MatchesWithRe2(const PatternDesc& pattern, std::string_view value, size_t code_points) const;

  const ValidateOptions& options() const { return options_; }
  const ModelDesc& model() const { return model_; }

 private:
  struct Walk;
  struct CompiledPatterns;
  const ModelDesc& model_;
  ValidateOptions options_;
  const CompiledPatterns& compiled_;
};

// Number of Unicode code points in valid UTF-8 `s`.
size_t CountCodePoints(std::string_view s);

// The AWS-style message: "2 validation errors detected: Value 'x' at 'serviceArn'
// failed to satisfy constraint: Member must ...; Value null at ...". Appends to `out`.
void AppendValidationMessage(const ValidationReport& report, std::string* out);
std::string ValidationMessage(const ValidationReport& report);

// One violation's part of that message: "Value 'x' at 'serviceArn' failed to satisfy
// constraint: Member must have length less than or equal to 1011".
void AppendViolationMessage(const Violation& violation, std::string* out);
// Only its constraint: "Member must have length less than or equal to 1011" (map keys
// and values wrapped as in the message: "Map keys must satisfy constraint: [...]").
void AppendViolationConstraint(const Violation& violation, std::string* out);

}  // namespace apprunner::codec

#endif  // APPRUNNER_VALIDATE_VALIDATE_H_
