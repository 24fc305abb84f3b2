// Differential fuzz target: every constrained string shape, checked by the library
// against an independent reference: std::wregex in ECMAScript mode (Smithy's regex
// dialect) on the ORIGINAL model pattern, {1,1011} included, over the value as UTF-32,
// with the length counted as UTF-32 units. Both whole-value (regex_match) and search
// (regex_search) semantics. The library is asked twice: through
// Validator::CheckString, and through the real Validate path, with the value placed in
// a member of that shape inside a generated struct (a PauseServiceRequest's
// ServiceArn; otherwise a member, map key or map value reached through the generated
// StructDesc tables and their emplace accessors), where Walk::String decides from the
// byte count alone when it can; there each constraint (min length, max length,
// pattern) must be reported exactly when the reference says it fails. And the
// generator's specialized DFA against RE2 itself, for every pattern that has one. A
// disagreement aborts.
//
// Input: byte 0 picks the shape (the 15 pattern shapes in table order, then the
// length-only string shapes) and, above that, the member; byte 1 picks the mode: below
// 128 the rest of the input (from byte 5) is the value. Otherwise the value is the rest
// with a chunk of 1 to 4 of its characters (possibly multi-byte; byte 2 picks where,
// byte 3's low bits how many) repeated so that the value has a bound of the shape
// (min or max length, or 4096 code points for a shape without a max; byte 3's high
// bits pick) +-2 code points (byte 4), so short inputs reach 1011, 1024, 2048, 4096 and
// 51200 code points and every UTF-8 width at each bound. The reference
// (pattern_reference.h) recurses once per character in libstdc++'s default
// (depth-first) executor, so values over 2048 code points go to its breadth-first
// executor (regex_constants::__polynomial) instead.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/pause_service.h"
#include "codec/table.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/json_syntax.h"
#include "tests/fuzz/oracle.h"
#include "tests/fuzz/pattern_reference.h"
#include "validate/validate.h"

using namespace apprunner::pause_service;
namespace fuzz = apprunner::fuzz;

namespace {

// A generated struct type the Validate path starts from, with one reused instance.
struct Root {
  const StructDesc* desc;
  void* object;
};

template <typename T>
Root MakeRoot() {
  return {&ModelTraits<T>::desc(), new T()};
}

// Where a shape sits: structure members from a root down to the leaf member.
struct Member {
  size_t root;
  std::vector<const FieldDesc*> path;  // path.back() is the kString or kMap member
  Violation::Part part;
};

struct Shape {
  int32_t index;
  std::vector<Member> members;
};

// The member (or list element) that carries a string of the shape at the end of `path`.
void Collect(size_t root, const StructDesc& desc, std::vector<const FieldDesc*>& path,
             std::vector<const StructDesc*>& on_path, std::vector<Member>* out) {
  for (const FieldDesc& f : desc) {
    path.push_back(&f);
    const StructDesc* sub = f.kind == FieldKind::kStructure ? f.sub
                            : f.kind == FieldKind::kList && f.list->element_kind == FieldKind::kStructure
                                ? f.list->element_struct
                                : nullptr;
    if (sub != nullptr) {
      bool cycle = false;
      for (const StructDesc* s : on_path) cycle |= s == sub;
      if (!cycle) {
        on_path.push_back(sub);
        Collect(root, *sub, path, on_path, out);
        on_path.pop_back();
      }
    } else if (f.kind == FieldKind::kString ||
               (f.kind == FieldKind::kList && f.list->element_kind == FieldKind::kString)) {
      out->push_back({root, path, Violation::Part::kMember});
    } else if (f.kind == FieldKind::kMap) {
      out->push_back({root, path, Violation::Part::kMapKey});
      out->push_back({root, path, Violation::Part::kMapValue});
    }
    path.pop_back();
  }
}

const ShapeDesc* ShapeOf(const Member& m) {
  const FieldDesc& leaf = *m.path.back();
  if (leaf.kind == FieldKind::kList) return leaf.list->element_shape;
  if (m.part == Violation::Part::kMember) return leaf.shape;
  return m.part == Violation::Part::kMapKey ? leaf.shape->map_key : leaf.shape->map_value;
}

struct Model {
  std::vector<Root> roots;
  std::vector<Shape> shapes;  // pattern shapes in table order, then length-only ones
  Model() {
    // Every operation's input and output, and every error: all of the model's shapes.
    auto root = [](const StructDesc* desc) {
      return Root{desc, new std::max_align_t[desc->size / sizeof(std::max_align_t) + 1]};
    };
    for (uint16_t i = 0; i < kModel.num_operations; ++i) {
      roots.push_back(root(kModel.operations[i]->input));
      roots.push_back(root(kModel.operations[i]->output));
    }
    for (uint16_t i = 0; i < kModel.num_errors; ++i) roots.push_back(root(kModel.errors[i].desc));
    std::vector<Member> all;
    for (size_t r = 0; r < roots.size(); ++r) {
      std::vector<const FieldDesc*> path;
      std::vector<const StructDesc*> on_path = {roots[r].desc};
      Collect(r, *roots[r].desc, path, on_path, &all);
    }
    auto add = [&](int32_t i) {
      Shape s{i, {}};
      for (const Member& m : all) {
        if (ShapeOf(m) == &kShapes[i] && s.members.size() < 8) s.members.push_back(m);
      }
      FUZZ_CHECK(!s.members.empty());  // every constrained string shape is reachable
      shapes.push_back(std::move(s));
    };
    for (int32_t i = 0; i < kNumShapes; ++i) {
      if (kShapes[i].pattern != nullptr) add(i);
    }
    for (int32_t i = 0; i < kNumShapes; ++i) {
      const ShapeDesc& sh = kShapes[i];
      if (sh.pattern != nullptr || sh.enum_values != nullptr || !(sh.has_min || sh.has_max)) continue;
      bool is_string = false;
      for (const Member& m : all) is_string |= ShapeOf(m) == &sh;
      if (is_string) add(i);
    }
  }
};

// Valid UTF-8 to UTF-32 (the caller checked validity).
std::wstring Utf32(std::string_view s) {
  std::wstring out;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t n;
    if (c < 0x80) {
      cp = c;
      n = 1;
    } else if (c < 0xE0) {
      cp = c & 0x1F;
      n = 2;
    } else if (c < 0xF0) {
      cp = c & 0x0F;
      n = 3;
    } else {
      cp = c & 0x07;
      n = 4;
    }
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(static_cast<wchar_t>(cp));
    i += n;
  }
  return out;
}

// The reference's verdict on each constraint.
struct Expected {
  bool min_fails, max_fails, pattern_fails;
  bool ok() const { return !min_fails && !max_fails && !pattern_fails; }
};

// What Validate reported for the member.
struct Reported {
  bool min_fails = false, max_fails = false, pattern_fails = false;
};

Reported ValidatePath(const Validator& v, const Root& root, const Member& m, std::string_view value,
                      ValidationReport* report) {
  root.desc->reset(root.object);
  void* object = root.object;
  // One element for each list on the way (the structures' storage outlives the call).
  static std::vector<std::unique_ptr<std::max_align_t[]>>* elements =
      new std::vector<std::unique_ptr<std::max_align_t[]>>();
  size_t used = 0;
  auto one_element = [&](const FieldDesc& list_field, void* list_member) {
    const ListDesc& list = *list_field.list;
    if (used == elements->size()) elements->emplace_back(new std::max_align_t[64]);
    void* element = (*elements)[used++].get();
    FUZZ_CHECK(list.element_size <= 64 * sizeof(std::max_align_t));
    if (list.element_kind == FieldKind::kStructure) list.element_struct->reset(element);
    auto* view = static_cast<ListView*>(list_member);
    view->data = element;
    view->size = 1;
    return element;
  };
  for (size_t i = 0; i + 1 < m.path.size(); ++i) {
    object = m.path[i]->emplace(object);
    if (m.path[i]->kind == FieldKind::kList) object = one_element(*m.path[i], object);
  }
  const FieldDesc& leaf = *m.path.back();
  StringMapEntry entry{"K", "x"};
  if (leaf.kind == FieldKind::kList) {
    *static_cast<std::string_view*>(one_element(leaf, leaf.emplace(object))) = value;
  } else if (m.part == Violation::Part::kMember) {
    *static_cast<std::string_view*>(leaf.emplace(object)) = value;
  } else {
    (m.part == Violation::Part::kMapKey ? entry.key : entry.value) = value;
    auto* map = static_cast<StringMap*>(leaf.emplace(object));
    map->entries = &entry;
    map->size = 1;
  }
  v.Validate(*root.desc, root.object, report);
  FUZZ_CHECK(report->size() == report->total());  // nothing of ours was dropped
  Reported r;
  const ShapeDesc& shape = *ShapeOf(m);
  for (const Violation& x : *report) {
    if (x.field != &leaf || x.part != m.part) continue;
    FUZZ_CHECK(x.constrained == &shape);
    FUZZ_CHECK(x.has_text && x.text.data() == value.data() && x.text.size() == value.size());
    FUZZ_CHECK(x.sensitive == shape.sensitive);
    switch (x.kind) {
      case ConstraintKind::kMinLength:
        FUZZ_CHECK(!r.min_fails);
        r.min_fails = true;
        break;
      case ConstraintKind::kMaxLength:
        FUZZ_CHECK(!r.max_fails);
        r.max_fails = true;
        break;
      case ConstraintKind::kPattern:
        FUZZ_CHECK(!r.pattern_fails);
        r.pattern_fails = true;
        break;
      default: FUZZ_CHECK(false);  // a string member has no other constraint
    }
  }
  root.desc->reset(root.object);  // the views point into `value` and `entry`
  return r;
}

std::string Show(std::string_view value) { return fuzz::CLiteral(value, 300); }

void Mismatch(const char* what, const ShapeDesc& shape, std::string_view value, bool ours, bool ref) {
  std::fprintf(stderr, "%s mismatch on %s: ours=%d reference=%d value (%zu bytes)=%s\n", what,
               std::string(shape.name).c_str(), ours, ref, value.size(), Show(value).c_str());
  std::abort();
}

void CompareValidate(const char* what, const ShapeDesc& shape, std::string_view value, const Reported& got,
                     const Expected& want) {
  std::string w(what);
  if (got.min_fails != want.min_fails)
    Mismatch((w + " min-length violation").c_str(), shape, value, got.min_fails, want.min_fails);
  if (got.max_fails != want.max_fails)
    Mismatch((w + " max-length violation").c_str(), shape, value, got.max_fails, want.max_fails);
  if (got.pattern_fails != want.pattern_fails) {
    Mismatch((w + " pattern violation").c_str(), shape, value, got.pattern_fails, want.pattern_fails);
  }
}

// The value for the repeat mode (see the file comment); false when the input cannot
// make one (no characters, or not UTF-8).
bool RepeatValue(const ShapeDesc& shape, const uint8_t* data, std::string_view material, std::string* value) {
  if (fuzz::FirstIllFormedUtf8(material) != material.size() || material.empty()) return false;
  std::vector<size_t> starts;  // start of each character, then the end
  for (size_t i = 0; i < material.size(); i += fuzz::Utf8SequenceAt(material, i)) starts.push_back(i);
  size_t chars = starts.size();
  starts.push_back(material.size());
  size_t at = data[2] % chars;
  size_t k = 1 + (data[3] & 3);
  if (k > chars - at) k = chars - at;
  std::string_view prefix = material.substr(0, starts[at]);
  std::string_view chunk = material.substr(starts[at], starts[at + k] - starts[at]);
  std::string_view suffix = material.substr(starts[at + k]);
  std::vector<int64_t> bounds;
  if (shape.has_min) bounds.push_back(shape.min);
  bounds.push_back(shape.has_max ? shape.max : 4096);
  int64_t target = bounds[(data[3] >> 2) % bounds.size()] + data[4] % 5 - 2;
  auto rest = static_cast<int64_t>(chars - k);
  int64_t copies = 0;
  if (target > rest)
    copies = (target - rest + ((data[4] & 0x80) ? static_cast<int64_t>(k) - 1 : 0)) / static_cast<int64_t>(k);
  value->assign(prefix);
  value->reserve(prefix.size() + chunk.size() * static_cast<size_t>(copies) + suffix.size());
  for (int64_t i = 0; i < copies; ++i) value->append(chunk);
  value->append(suffix);
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Never destroyed (as the validators' RE2 programs): no exit-time leak reports.
  static const Model& model = *new Model();
  static const std::vector<fuzz::PatternReference*>& refs = *[] {
    auto* r = new std::vector<fuzz::PatternReference*>();
    for (const Shape& s : model.shapes) {
      const PatternDesc* p = kShapes[s.index].pattern;
      r->push_back(p == nullptr ? nullptr : new fuzz::PatternReference(p->model));
    }
    return r;
  }();
  static const Validator* full = new Validator(kModel);
  static const Validator* search = [] {
    ValidateOptions o;
    o.pattern_semantics = PatternSemantics::kSearch;
    return new Validator(kModel, o);
  }();
  static ValidationReport* report = new ValidationReport();
  if (size < 5 || size > 4096) return 0;
  size_t pick = data[0] % model.shapes.size();
  const Shape& target = model.shapes[pick];
  const ShapeDesc& shape = kShapes[target.index];
  const Member& member = target.members[(data[0] / model.shapes.size()) % target.members.size()];
  std::string_view material(reinterpret_cast<const char*>(data + 5), size - 5);
  std::string value;
  if (data[1] < 128) {
    value.assign(material);
  } else if (!RepeatValue(shape, data, material, &value)) {
    return 0;
  }
  if (fuzz::FirstIllFormedUtf8(value) != value.size()) return 0;  // decoded input is UTF-8
  std::wstring w = Utf32(value);
  auto len = static_cast<int64_t>(w.size());
  Expected want_full{shape.has_min && len < shape.min, shape.has_max && len > shape.max, false};
  Expected want_search = want_full;
  if (refs[pick] != nullptr) {
    want_full.pattern_fails = !refs[pick]->Match(w, false);
    want_search.pattern_fails = !refs[pick]->Match(w, true);
  }

  bool ours_full = full->CheckString(shape, value);
  if (ours_full != want_full.ok())
    Mismatch("CheckString full-match", shape, value, ours_full, want_full.ok());
  bool ours_search = search->CheckString(shape, value);
  if (ours_search != want_search.ok())
    Mismatch("CheckString search", shape, value, ours_search, want_search.ok());

  const Root& root = model.roots[member.root];
  CompareValidate("Validate full-match", shape, value, ValidatePath(*full, root, member, value, report),
                  want_full);
  CompareValidate("Validate search", shape, value, ValidatePath(*search, root, member, value, report),
                  want_search);
  // The ARN also as the request's ServiceArn, the member a gateway validates.
  if (target.index == kShapeAppRunnerResourceArn) {
    PauseServiceRequest request;
    request.service_arn = value;
    full->Validate(request, report);
    bool ok = report->ok();
    if (ok != want_full.ok()) Mismatch("Validate(PauseServiceRequest)", shape, value, ok, want_full.ok());
  }

  // The generator's specialized matchers (DFA or excluded-run) must give exactly RE2's
  // verdict wherever they are used.
  if (shape.pattern == nullptr) return 0;
  const PatternDesc& p = *shape.pattern;
  if ((p.dfa != nullptr || p.run != nullptr) &&
      (p.fast_max_code_points < 0 || static_cast<int64_t>(w.size()) <= p.fast_max_code_points)) {
    bool dfa = p.dfa != nullptr ? p.dfa->FullMatch(value) : p.run->FullMatch(value);
    bool re2 = full->MatchesWithRe2(p, value, w.size());
    if (dfa != re2) Mismatch("DFA/RE2", shape, value, dfa, re2);
  }
  return 0;
}
