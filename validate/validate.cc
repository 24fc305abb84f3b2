#include "validate/validate.h"

#include <re2/re2.h>

#include <charconv>
#include <cstring>
#include <memory>

namespace apprunner::pause_service {
namespace {

// The RE2 programs of every model pattern, compiled once and never destroyed.
struct CompiledPatterns {
  std::unique_ptr<RE2> fast[64];
  std::unique_ptr<RE2> exact[64];

  CompiledPatterns() {
    static_assert(sizeof(fast) / sizeof(fast[0]) >= 64, "pattern table");
    RE2::Options options;
    options.set_log_errors(false);
    for (int32_t i = 0; i < kNumPatterns && i < 64; ++i) {
      const PatternDesc& p = kPatterns[i];
      fast[i] = std::make_unique<RE2>(re2::StringPiece(p.re2_fast.data(), p.re2_fast.size()), options);
      exact[i] = std::make_unique<RE2>(re2::StringPiece(p.re2_exact.data(), p.re2_exact.size()), options);
    }
  }
};

const CompiledPatterns& Patterns() {
  static const CompiledPatterns* compiled = new CompiledPatterns();
  return *compiled;
}

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

}  // namespace

size_t CountCodePoints(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size(), i = 0, continuation = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    // A continuation byte is 10xxxxxx: bit 7 set, bit 6 clear.
    continuation += static_cast<size_t>(__builtin_popcountll(w & ~(w << 1) & kHighBits));
  }
  for (; i < n; ++i) continuation += (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80;
  return n - continuation;
}

Validator::Validator(ValidateOptions options) : options_(options) { Patterns(); }

const Validator& Validator::Default() {
  static const Validator* v = new Validator();
  return *v;
}

struct Validator::Walk {
  const Validator& self;
  ValidationReport* report;
  char path[kMaxPathLength];  // not zeroed: only path[0, path_length) is ever read
  size_t path_length = 0;
  bool stop = false;

  Violation* Add(ConstraintKind kind, const FieldDesc& f, const ShapeDesc* shape) {
    Violation* v = report->Add();
    if (self.options_.fail_fast) stop = true;
    if (v == nullptr) return nullptr;
    v->kind = kind;
    v->field = &f;
    v->constrained = shape;
    v->part = Violation::Part::kMember;
    v->sensitive = shape != nullptr && shape->sensitive;
    v->has_text = false;
    v->text = {};
    v->number = 0;
    std::memcpy(v->path_buffer, path, path_length);
    v->path_length = static_cast<uint16_t>(path_length);
    return v;
  }

  // Appends ".name" (or "name" at the root) to the path; returns the old length.
  size_t Push(std::string_view name) {
    size_t old = path_length;
    size_t need = (old ? 1 : 0) + name.size();
    if (old + need > kMaxPathLength) return old;  // cannot happen with this model
    if (old) path[path_length++] = '.';
    std::memcpy(path + path_length, name.data(), name.size());
    path_length += name.size();
    return old;
  }

  // Length and pattern of one string; `part` says where it sits.
  void String(const FieldDesc& f, int32_t shape_index, std::string_view s, Violation::Part part) {
    const ShapeDesc& shape = kShapes[shape_index];
    // Code points lie between bytes/4 and bytes: count only when that range does not
    // settle the bounds on its own.
    size_t bytes = s.size();
    bool need_count = (shape.has_max && bytes > static_cast<uint64_t>(shape.max)) ||
                      (shape.has_min && bytes / 4 < static_cast<uint64_t>(shape.min));
    size_t cps = need_count ? CountCodePoints(s) : 0;
    auto add = [&](ConstraintKind kind) {
      if (Violation* v = Add(kind, f, &shape)) {
        v->part = part;
        v->has_text = true;
        v->text = s;
      }
    };
    if (need_count) {
      if (shape.has_min && cps < static_cast<uint64_t>(shape.min)) add(ConstraintKind::kMinLength);
      if (shape.has_max && cps > static_cast<uint64_t>(shape.max)) add(ConstraintKind::kMaxLength);
    }
    if (shape.pattern != kNoPattern && !stop) {
      if (!self.Matches(shape.pattern, s, need_count ? cps : bytes)) add(ConstraintKind::kPattern);
    }
  }

  void Struct(const StructDesc& desc, const void* object) {
    for (const FieldDesc& f : desc) {
      if (stop) return;
      size_t saved = Push(f.path_name);
      const void* value = f.get(object);
      if (value == nullptr) {
        if (f.required) Add(ConstraintKind::kRequired, f, nullptr);
        path_length = saved;
        continue;
      }
      switch (f.kind) {
        case FieldKind::kString:
          String(f, f.shape, *static_cast<const std::string_view*>(value), Violation::Part::kMember);
          break;
        case FieldKind::kEnum: {
          const auto* e = static_cast<const EnumValue*>(value);
          if (!e->known()) {
            if (Violation* v = Add(ConstraintKind::kEnum, f, &kShapes[f.shape])) {
              v->has_text = true;
              v->text = e->wire;
            }
          }
          break;
        }
        case FieldKind::kInteger: {
          const ShapeDesc& shape = kShapes[f.shape];
          int64_t n = *static_cast<const int32_t*>(value);
          ConstraintKind kind = ConstraintKind::kRequired;
          bool bad = false;
          if (shape.has_min && n < shape.min) { kind = ConstraintKind::kMinValue; bad = true; }
          if (shape.has_max && n > shape.max) { kind = ConstraintKind::kMaxValue; bad = true; }
          if (bad) {
            if (Violation* v = Add(kind, f, &shape)) v->number = n;
          }
          break;
        }
        case FieldKind::kBoolean:
        case FieldKind::kTimestamp:
          break;  // no constraints in the model
        case FieldKind::kStructure:
          Struct(*f.sub, value);
          break;
        case FieldKind::kMap: {
          const ShapeDesc& map = kShapes[f.shape];
          for (const StringMapEntry& entry : *static_cast<const StringMap*>(value)) {
            if (stop) break;
            if (map.map_key != kNoShape) String(f, map.map_key, entry.key, Violation::Part::kMapKey);
            if (map.map_value != kNoShape && !stop) {
              String(f, map.map_value, entry.value, Violation::Part::kMapValue);
            }
          }
          break;
        }
      }
      path_length = saved;
    }
  }
};

bool Validator::Matches(int32_t pattern, std::string_view s, size_t code_points) const {
  const PatternDesc& p = kPatterns[pattern];
  bool fast_ok = p.fast_max_code_points < 0 || code_points <= static_cast<uint64_t>(p.fast_max_code_points);
  if (fast_ok && options_.specialized_matchers &&
      options_.pattern_semantics == PatternSemantics::kFullMatch) {
    if (p.dfa != nullptr) return p.dfa->FullMatch(s);
    if (p.run != nullptr) return p.run->FullMatch(s);
  }
  return MatchesWithRe2(pattern, s, code_points);
}

bool Validator::MatchesWithRe2(int32_t pattern, std::string_view s, size_t code_points) const {
  const PatternDesc& p = kPatterns[pattern];
  const CompiledPatterns& compiled = Patterns();
  bool fast_ok = p.fast_max_code_points < 0 || code_points <= static_cast<uint64_t>(p.fast_max_code_points);
  const RE2& re = fast_ok ? *compiled.fast[pattern] : *compiled.exact[pattern];
  re2::StringPiece text(s.data(), s.size());
  return options_.pattern_semantics == PatternSemantics::kFullMatch ? RE2::FullMatch(text, re)
                                                                     : RE2::PartialMatch(text, re);
}

bool Validator::Validate(const StructDesc& desc, const void* object, ValidationReport* report) const {
  report->Clear();
  Walk walk{*this, report};  // the path buffer is written before it is read
  walk.Struct(desc, object);
  return report->ok();
}

bool Validator::CheckString(int32_t shape_index, std::string_view value) const {
  const ShapeDesc& shape = kShapes[shape_index];
  size_t cps = CountCodePoints(value);
  if (shape.has_min && cps < static_cast<uint64_t>(shape.min)) return false;
  if (shape.has_max && cps > static_cast<uint64_t>(shape.max)) return false;
  return shape.pattern == kNoPattern || Matches(shape.pattern, value, cps);
}

namespace {

void AppendNumber(int64_t n, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}

void AppendConstraint(const Violation& v, std::string* out) {
  const ShapeDesc* s = v.constrained;
  switch (v.kind) {
    case ConstraintKind::kRequired:
      out->append("Member must not be null");
      return;
    case ConstraintKind::kMinLength:
      out->append("Member must have length greater than or equal to ");
      AppendNumber(s->min, out);
      return;
    case ConstraintKind::kMaxLength:
      out->append("Member must have length less than or equal to ");
      AppendNumber(s->max, out);
      return;
    case ConstraintKind::kPattern:
      out->append("Member must satisfy regular expression pattern: ");
      out->append(kPatterns[s->pattern].model);
      return;
    case ConstraintKind::kEnum:
      out->append("Member must satisfy enum value set: [");
      for (uint16_t i = 0; i < s->num_enum_values; ++i) {
        if (i) out->append(", ");
        out->append(s->enum_values[i]);
      }
      out->append("]");
      return;
    case ConstraintKind::kMinValue:
      out->append("Member must have value greater than or equal to ");
      AppendNumber(s->min, out);
      return;
    case ConstraintKind::kMaxValue:
      out->append("Member must have value less than or equal to ");
      AppendNumber(s->max, out);
      return;
  }
}

}  // namespace

void AppendValidationMessage(const ValidationReport& report, std::string* out) {
  AppendNumber(static_cast<int64_t>(report.total()), out);
  out->append(report.total() == 1 ? " validation error detected: " : " validation errors detected: ");
  bool first = true;
  for (const Violation& v : report) {
    if (!first) out->append("; ");
    first = false;
    if (v.kind == ConstraintKind::kRequired) {
      out->append("Value null");
    } else if (v.sensitive) {
      out->append("Value");  // sensitive: never echoed
    } else if (v.has_text) {
      out->append("Value '");
      out->append(v.text);
      out->append("'");
    } else {
      out->append("Value '");
      AppendNumber(v.number, out);
      out->append("'");
    }
    out->append(" at '");
    out->append(v.path());
    out->append("' failed to satisfy constraint: ");
    if (v.part == Violation::Part::kMapKey) out->append("Map keys must satisfy constraint: [");
    if (v.part == Violation::Part::kMapValue) out->append("Map value must satisfy constraint: [");
    AppendConstraint(v, out);
    if (v.part != Violation::Part::kMember) out->append("]");
  }
  if (report.total() > report.size()) {
    out->append("; ... and ");
    AppendNumber(static_cast<int64_t>(report.total() - report.size()), out);
    out->append(" more");
  }
}

std::string ValidationMessage(const ValidationReport& report) {
  std::string out;
  AppendValidationMessage(report, &out);
  return out;
}

}  // namespace apprunner::pause_service
