#include "validate/validate.h"

#include <re2/re2.h>

#include <charconv>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace apprunner::codec {

// The RE2 programs of one model's patterns, compiled once per process and model, shared
// by every Validator of that model, never destroyed.
struct Validator::CompiledPatterns {
  std::vector<std::unique_ptr<RE2>> fast, exact, search;

  explicit CompiledPatterns(const ModelDesc& model) {
    RE2::Options options;
    options.set_log_errors(false);
    for (int32_t i = 0; i < model.num_patterns; ++i) {
      const PatternDesc& p = model.patterns[i];
      fast.push_back(std::make_unique<RE2>(re2::StringPiece(p.re2_fast.data(), p.re2_fast.size()), options));
      exact.push_back(
          std::make_unique<RE2>(re2::StringPiece(p.re2_exact.data(), p.re2_exact.size()), options));
      std::string_view sp = p.re2_search.empty() ? p.re2_exact : p.re2_search;
      search.push_back(std::make_unique<RE2>(re2::StringPiece(sp.data(), sp.size()), options));
    }
  }

  static const CompiledPatterns& For(const ModelDesc& model) {
    static std::mutex mu;
    static auto* compiled = new std::vector<std::pair<const ModelDesc*, const CompiledPatterns*>>();
    std::lock_guard<std::mutex> lock(mu);
    for (const auto& [m, c] : *compiled) {
      if (m == &model) return *c;
    }
    compiled->emplace_back(&model, new CompiledPatterns(model));
    return *compiled->back().second;
  }
};

namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

}  // namespace

size_t CountCodePoints(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size(), i = 0, continuation = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    // A continuation byte is 10xxxxxx: bit 7 set, bit 6 clear. One flag per byte,
    // summed into the top byte by a multiply (__builtin_popcountll is a libgcc call
    // without -mpopcnt, which the default x86-64 target lacks).
    const uint64_t flags = (w & ~(w << 1) & kHighBits) >> 7;
    continuation += static_cast<size_t>((flags * 0x0101010101010101ULL) >> 56);
  }
  for (; i < n; ++i) continuation += (static_cast<unsigned char>(p[i]) & 0xC0) == 0x80;
  return n - continuation;
}

Validator::Validator(const ModelDesc& model, ValidateOptions options)
    : model_(model), options_(options), compiled_(CompiledPatterns::For(model)) {}

const Validator& Validator::Default(const ModelDesc& model) {
  static std::mutex mu;
  static auto* validators = new std::vector<std::pair<const ModelDesc*, const Validator*>>();
  std::lock_guard<std::mutex> lock(mu);
  for (const auto& [m, v] : *validators) {
    if (m == &model) return *v;
  }
  validators->emplace_back(&model, new Validator(model));
  return *validators->back().second;
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
  void String(const FieldDesc& f, const ShapeDesc& shape, std::string_view s, Violation::Part part) {
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
    if (shape.pattern != nullptr && !stop) {
      if (!self.Matches(*shape.pattern, s, need_count ? cps : bytes)) add(ConstraintKind::kPattern);
    }
  }

  // The constraints of one present value (a member's, or a list element's: then `f` is
  // the list member and the path ends in ".<n>.member").
  void Value(const FieldDesc& f, FieldKind kind, const ShapeDesc* shape, const StructDesc* sub,
             const void* value) {
    switch (kind) {
      case FieldKind::kString:
        String(f, *shape, *static_cast<const std::string_view*>(value), Violation::Part::kMember);
        return;
      case FieldKind::kEnum: {
        const auto* e = static_cast<const EnumValue*>(value);
        if (!e->known()) {
          if (Violation* v = Add(ConstraintKind::kEnum, f, shape)) {
            v->has_text = true;
            v->text = e->wire;
          }
        }
        return;
      }
      case FieldKind::kInteger: {
        int64_t n = *static_cast<const int32_t*>(value);
        ConstraintKind k = ConstraintKind::kRequired;
        bool bad = false;
        if (shape->has_min && n < shape->min) {
          k = ConstraintKind::kMinValue;
          bad = true;
        }
        if (shape->has_max && n > shape->max) {
          k = ConstraintKind::kMaxValue;
          bad = true;
        }
        if (bad) {
          if (Violation* v = Add(k, f, shape)) v->number = n;
        }
        return;
      }
      case FieldKind::kBoolean:
      case FieldKind::kTimestamp: return;  // no constraints in the model
      case FieldKind::kStructure: Struct(*sub, value); return;
      case FieldKind::kMap:
        for (const StringMapEntry& entry : *static_cast<const StringMap*>(value)) {
          if (stop) break;
          if (shape->map_key != nullptr) String(f, *shape->map_key, entry.key, Violation::Part::kMapKey);
          if (shape->map_value != nullptr && !stop) {
            String(f, *shape->map_value, entry.value, Violation::Part::kMapValue);
          }
        }
        return;
      case FieldKind::kList: {
        // AWS's form: the n-th element (1-based) of "tags" is "tags.n.member".
        const ListDesc& list = *f.list;
        const auto* view = static_cast<const ListView*>(value);
        const auto* element = static_cast<const char*>(view->data);
        for (uint32_t i = 0; i < view->size && !stop; ++i, element += list.element_size) {
          char digits[12];
          auto r = std::to_chars(digits, digits + sizeof digits, i + 1);
          size_t saved = Push(std::string_view(digits, static_cast<size_t>(r.ptr - digits)));
          Push("member");
          Value(f, list.element_kind, list.element_shape, list.element_struct, element);
          path_length = saved;
        }
        return;
      }
    }
  }

  void Struct(const StructDesc& desc, const void* object) {
    for (const FieldDesc& f : desc) {
      if (stop) return;
      size_t saved = Push(f.path_name);
      const void* value = f.get(object);
      if (value == nullptr) {
        if (f.required) Add(ConstraintKind::kRequired, f, nullptr);
      } else {
        Value(f, f.kind, f.shape, f.sub, value);
      }
      path_length = saved;
    }
  }
};

bool Validator::Matches(const PatternDesc& p, std::string_view s, size_t code_points) const {
  bool fast_ok = p.fast_max_code_points < 0 || code_points <= static_cast<uint64_t>(p.fast_max_code_points);
  if (fast_ok && options_.specialized_matchers &&
      options_.pattern_semantics == PatternSemantics::kFullMatch) {
    if (p.dfa != nullptr) return p.dfa->FullMatch(s);
    if (p.run != nullptr) return p.run->FullMatch(s);
  }
  return MatchesWithRe2(p, s, code_points);
}

bool Validator::MatchesWithRe2(const PatternDesc& p, std::string_view s, size_t code_points) const {
  re2::StringPiece text(s.data(), s.size());
  const bool search = options_.pattern_semantics == PatternSemantics::kSearch;
  bool fast_ok = p.fast_max_code_points < 0 || code_points <= static_cast<uint64_t>(p.fast_max_code_points);
  const ptrdiff_t index = &p - model_.patterns;
  if (index < 0 || index >= model_.num_patterns) {
    // A pattern of another model's tables: correct, but compiled on every call.
    std::string_view form = search && !p.re2_search.empty() ? p.re2_search
                            : fast_ok                       ? p.re2_fast
                                                            : p.re2_exact;
    RE2 re(re2::StringPiece(form.data(), form.size()), RE2::Quiet);
    return search ? RE2::PartialMatch(text, re) : RE2::FullMatch(text, re);
  }
  const auto i = static_cast<size_t>(index);
  if (search) {
    const RE2& re = !p.re2_search.empty() ? *compiled_.search[i]
                    : fast_ok             ? *compiled_.fast[i]
                                          : *compiled_.exact[i];
    return RE2::PartialMatch(text, re);
  }
  return RE2::FullMatch(text, fast_ok ? *compiled_.fast[i] : *compiled_.exact[i]);
}

bool Validator::Validate(const StructDesc& desc, const void* object, ValidationReport* report) const {
  report->Clear();
  Walk walk{*this, report};  // the path buffer is written before it is read
  walk.Struct(desc, object);
  return report->ok();
}

bool Validator::CheckString(const ShapeDesc& shape, std::string_view value) const {
  size_t cps = CountCodePoints(value);
  if (shape.has_min && cps < static_cast<uint64_t>(shape.min)) return false;
  if (shape.has_max && cps > static_cast<uint64_t>(shape.max)) return false;
  return shape.pattern == nullptr || Matches(*shape.pattern, value, cps);
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
    case ConstraintKind::kRequired: out->append("Member must not be null"); return;
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
      out->append(s->pattern->model);
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

void AppendViolationConstraint(const Violation& v, std::string* out) {
  if (v.part == Violation::Part::kMapKey) out->append("Map keys must satisfy constraint: [");
  if (v.part == Violation::Part::kMapValue) out->append("Map value must satisfy constraint: [");
  AppendConstraint(v, out);
  if (v.part != Violation::Part::kMember) out->append("]");
}

void AppendViolationMessage(const Violation& v, std::string* out) {
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
  AppendViolationConstraint(v, out);
}

void AppendValidationMessage(const ValidationReport& report, std::string* out) {
  AppendNumber(static_cast<int64_t>(report.total()), out);
  out->append(report.total() == 1 ? " validation error detected: " : " validation errors detected: ");
  bool first = true;
  for (const Violation& v : report) {
    if (!first) out->append("; ");
    first = false;
    AppendViolationMessage(v, out);
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

}  // namespace apprunner::codec
