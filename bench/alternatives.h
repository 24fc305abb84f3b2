// The jobs the library does, done with other JSON libraries and regex engines, for the
// benchmarks to compare against (bench-only: nothing outside bench/ may depend on it).
//
// Fairness rules:
// - Same constraints. TableWalker extracts every member of a DOM into the generated
//   struct and checks it against OUR tables (kShapes, kPatterns, FieldDesc: required
//   members, lengths in code points, whole-value patterns, enum values, integer
//   ranges), so every alternative checks exactly what Validator checks; only the JSON
//   library and the regex engine change. Differences that remain, in the alternatives'
//   favour: they stop at the first violation, and do not reject duplicate members.
// - Each library in its best steady-state idiom, so that none pays for a careless
//   setup: RapidJSON parses into user-buffer memory pools cleared per parse (no heap
//   allocation), validates UTF-8 (kParseValidateEncodingFlag) and uses its SSE2/SSE4.2
//   whitespace skipping; Boost.JSON reuses one parser (with a temporary buffer) and
//   parses into a monotonic_resource over a reused buffer; nlohmann::json has no such
//   mode (std::map objects, std::string values) and is used as a gateway typically does.
// - Allocation counting sees every library: RapidJSON's allocators are routed through
//   operator new (RapidJsonNewAllocator); the others use operator new already.
//
//   RapidJsonParser parser;
//   Re2Patterns patterns;
//   TableWalker<RapidJsonDom, Re2Patterns> walker(&patterns);
//   PauseServiceResponse response;  // views into the parser's document
//   const RapidJsonValue* doc = parser.Parse(body);
//   bool ok = doc != nullptr && walker.Run(kPauseServiceResponseDesc, *doc, &response);
#ifndef APPRUNNER_BENCH_ALTERNATIVES_H_
#define APPRUNNER_BENCH_ALTERNATIVES_H_

// RapidJSON's SIMD whitespace skipping, in the best form the build's ISA allows (every
// x86-64 CPU has SSE2). Defined before any RapidJSON header, in every translation unit
// that includes RapidJSON through this header.
#if defined(__SSE4_2__)
#ifndef RAPIDJSON_SSE42
#define RAPIDJSON_SSE42
#endif
#elif defined(__SSE2__)
#ifndef RAPIDJSON_SSE2
#define RAPIDJSON_SSE2
#endif
#endif

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <re2/re2.h>
#include <simdjson.h>
#include <boost/json.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "api/pause_service.h"
#include "codec/table.h"
#include "codec/types.h"
#include "validate/validate.h"

namespace apprunner::bench {

using pause_service::StructDesc;

// --- Regex engines over the model's patterns ------------------------------------------

// RE2 programs of every kPatterns row: re2_fast and re2_exact, compiled once with the
// options the validator uses. FullMatch picks the form as Validator::MatchesWithRe2
// does; the validator's DFA shortcut for ASCII patterns is deliberately not used.
class Re2Patterns {
 public:
  Re2Patterns();
  Re2Patterns(const Re2Patterns&) = delete;
  Re2Patterns& operator=(const Re2Patterns&) = delete;

  bool ok() const;  // every program compiled
  bool FullMatch(int32_t pattern, std::string_view s, size_t code_points) const;

 private:
  std::vector<std::unique_ptr<RE2>> fast_;
  std::vector<std::unique_ptr<RE2>> exact_;
};

// std::regex (ECMAScript, libstdc++) programs of every pattern exactly as the model
// writes it (kPatterns[i].model, {1,1011} bound included), compiled once.
// std::regex_match runs on bytes: '.' and negated classes see a multi-byte character
// as several bytes, which gives the same verdicts as code points for this model.
class StdRegexPatterns {
 public:
  StdRegexPatterns();  // throws std::regex_error if libstdc++ rejects a pattern

  bool ok() const { return true; }  // the constructor would have thrown
  bool FullMatch(int32_t pattern, std::string_view s, size_t code_points) const;

 private:
  std::vector<std::regex> regexes_;
};

// --- DOM access, one adapter per JSON library -----------------------------------------
// Each adapter: Value; IsNull/IsObject; Find (nullptr when absent); GetString, GetBool,
// GetInt64 (integers only), GetDouble (any number), each false on a wrong type; and
// ForEachMember(object, f) calling f(key, value) in document order until f is false.

struct NlohmannDom {
  using Value = nlohmann::json;
  static bool IsNull(const Value& v) { return v.is_null(); }
  static bool IsObject(const Value& v) { return v.is_object(); }
  static const Value* Find(const Value& object, std::string_view key) {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }
  static bool GetString(const Value& v, std::string_view* out) {
    if (!v.is_string()) return false;
    *out = v.get_ref<const std::string&>();
    return true;
  }
  static bool GetBool(const Value& v, bool* out) {
    if (!v.is_boolean()) return false;
    *out = v.get<bool>();
    return true;
  }
  static bool GetInt64(const Value& v, int64_t* out) {
    if (v.is_number_unsigned()) {
      const uint64_t u = v.get<uint64_t>();
      if (u > static_cast<uint64_t>(INT64_MAX)) return false;
      *out = static_cast<int64_t>(u);
      return true;
    }
    if (!v.is_number_integer()) return false;
    *out = v.get<int64_t>();
    return true;
  }
  static bool GetDouble(const Value& v, double* out) {
    if (!v.is_number()) return false;
    *out = v.get<double>();
    return true;
  }
  template <typename F>
  static bool ForEachMember(const Value& object, F&& f) {
    for (auto it = object.begin(); it != object.end(); ++it) {
      if (!f(std::string_view(it.key()), it.value())) return false;
    }
    return true;
  }
  static bool IsArray(const Value& v) { return v.is_array(); }
  static size_t Size(const Value& array) { return array.size(); }
  template <typename F>
  static bool ForEachElement(const Value& array, F&& f) {
    for (const Value& e : array) {
      if (!f(e)) return false;
    }
    return true;
  }
};

// RapidJSON's Allocator concept over the global operator new, so that the benchmarks'
// allocation counter sees RapidJSON (its CrtAllocator calls malloc directly).
class RapidJsonNewAllocator {
 public:
  static const bool kNeedFree = true;
  void* Malloc(size_t size) { return size != 0 ? ::operator new(size) : nullptr; }
  void* Realloc(void* original, size_t original_size, size_t new_size) {
    if (new_size == 0) {
      ::operator delete(original);
      return nullptr;
    }
    void* p = ::operator new(new_size);
    if (original != nullptr) {
      std::memcpy(p, original, original_size < new_size ? original_size : new_size);
      ::operator delete(original);
    }
    return p;
  }
  static void Free(void* p) { ::operator delete(p); }
};

using RapidJsonPool = rapidjson::MemoryPoolAllocator<RapidJsonNewAllocator>;
using RapidJsonValue = rapidjson::GenericValue<rapidjson::UTF8<>, RapidJsonPool>;
using RapidJsonDocument = rapidjson::GenericDocument<rapidjson::UTF8<>, RapidJsonPool, RapidJsonPool>;

struct RapidJsonDom {
  using Value = RapidJsonValue;
  static bool IsNull(const Value& v) { return v.IsNull(); }
  static bool IsObject(const Value& v) { return v.IsObject(); }
  static const Value* Find(const Value& object, std::string_view key) {
    const Value name(rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size())));
    auto it = object.FindMember(name);
    return it == object.MemberEnd() ? nullptr : &it->value;
  }
  static bool GetString(const Value& v, std::string_view* out) {
    if (!v.IsString()) return false;
    *out = std::string_view(v.GetString(), v.GetStringLength());
    return true;
  }
  static bool GetBool(const Value& v, bool* out) {
    if (!v.IsBool()) return false;
    *out = v.GetBool();
    return true;
  }
  static bool GetInt64(const Value& v, int64_t* out) {
    if (!v.IsInt64()) return false;
    *out = v.GetInt64();
    return true;
  }
  static bool GetDouble(const Value& v, double* out) {
    if (!v.IsNumber()) return false;
    *out = v.GetDouble();
    return true;
  }
  template <typename F>
  static bool ForEachMember(const Value& object, F&& f) {
    for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
      if (!f(std::string_view(it->name.GetString(), it->name.GetStringLength()), it->value)) {
        return false;
      }
    }
    return true;
  }
  static bool IsArray(const Value& v) { return v.IsArray(); }
  static size_t Size(const Value& array) { return array.Size(); }
  template <typename F>
  static bool ForEachElement(const Value& array, F&& f) {
    for (const Value& e : array.GetArray()) {
      if (!f(e)) return false;
    }
    return true;
  }
};

struct BoostJsonDom {
  using Value = boost::json::value;
  static bool IsNull(const Value& v) { return v.is_null(); }
  static bool IsObject(const Value& v) { return v.is_object(); }
  static const Value* Find(const Value& object, std::string_view key) {
    return object.get_object().if_contains(boost::json::string_view(key.data(), key.size()));
  }
  static bool GetString(const Value& v, std::string_view* out) {
    const boost::json::string* s = v.if_string();
    if (s == nullptr) return false;
    *out = std::string_view(s->data(), s->size());
    return true;
  }
  static bool GetBool(const Value& v, bool* out) {
    const bool* b = v.if_bool();
    if (b == nullptr) return false;
    *out = *b;
    return true;
  }
  static bool GetInt64(const Value& v, int64_t* out) {
    if (const int64_t* i = v.if_int64()) {
      *out = *i;
      return true;
    }
    if (const uint64_t* u = v.if_uint64()) {
      if (*u > static_cast<uint64_t>(INT64_MAX)) return false;
      *out = static_cast<int64_t>(*u);
      return true;
    }
    return false;
  }
  static bool GetDouble(const Value& v, double* out) {
    switch (v.kind()) {
      case boost::json::kind::double_: *out = v.get_double(); return true;
      case boost::json::kind::int64: *out = static_cast<double>(v.get_int64()); return true;
      case boost::json::kind::uint64: *out = static_cast<double>(v.get_uint64()); return true;
      default: return false;
    }
  }
  template <typename F>
  static bool ForEachMember(const Value& object, F&& f) {
    for (const boost::json::key_value_pair& kv : object.get_object()) {
      const boost::json::string_view key = kv.key();
      if (!f(std::string_view(key.data(), key.size()), kv.value())) return false;
    }
    return true;
  }
  static bool IsArray(const Value& v) { return v.is_array(); }
  static size_t Size(const Value& array) { return array.get_array().size(); }
  template <typename F>
  static bool ForEachElement(const Value& array, F&& f) {
    for (const Value& e : array.get_array()) {
      if (!f(e)) return false;
    }
    return true;
  }
};

// --- Parsers, reused across calls ---------------------------------------------------
// Parse returns the document's root, or nullptr when the body is not one valid JSON
// value of valid UTF-8. The document (and every view into it) lives until the next
// Parse.

class NlohmannParser {
 public:
  const nlohmann::json* Parse(std::string_view body);

 private:
  nlohmann::json doc_;
};

class RapidJsonParser {
 public:
  explicit RapidJsonParser(size_t pool_bytes = 256 * 1024);
  RapidJsonParser(const RapidJsonParser&) = delete;
  RapidJsonParser& operator=(const RapidJsonParser&) = delete;

  // `body` must be followed by a NUL byte and contain none (a std::string, a string
  // literal): RapidJSON's fast path (SIMD whitespace skipping) reads NUL-terminated
  // input, and would stop at an inner NUL.
  const RapidJsonValue* Parse(std::string_view body);

 private:
  RapidJsonNewAllocator base_;
  std::unique_ptr<char[]> value_buffer_;
  std::unique_ptr<char[]> stack_buffer_;
  size_t pool_bytes_;
  RapidJsonPool value_pool_;
  RapidJsonPool stack_pool_;
  std::optional<RapidJsonDocument> doc_;
};

class BoostJsonParser {
 public:
  explicit BoostJsonParser(size_t buffer_bytes = 256 * 1024);
  BoostJsonParser(const BoostJsonParser&) = delete;
  BoostJsonParser& operator=(const BoostJsonParser&) = delete;

  const boost::json::value* Parse(std::string_view body);

 private:
  std::unique_ptr<unsigned char[]> temp_buffer_;
  std::unique_ptr<unsigned char[]> value_buffer_;
  boost::json::monotonic_resource resource_;
  boost::json::parser parser_;
  std::optional<boost::json::value> value_;
};

// Where the baselines put list elements: blocks kept across runs and refilled from the
// first (as our decoder's arena), so a steady state allocates nothing.
class BlockArena {
 public:
  void Reset() { block_ = used_ = 0; }
  void* Allocate(size_t bytes) {
    bytes = (bytes + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
    for (;; ++block_, used_ = 0) {
      if (block_ == blocks_.size()) blocks_.emplace_back(std::max<size_t>(bytes, 1024));
      if (used_ + bytes <= blocks_[block_].size()) {
        void* p = blocks_[block_].data() + used_;
        used_ += bytes;
        return p;
      }
    }
  }

 private:
  std::vector<std::vector<std::max_align_t>> blocks_;
  size_t block_ = 0, used_ = 0;
};

// --- The generic decode + validate walker ---------------------------------------------

// Walks a DOM document along a generated StructDesc: every modelled member is looked up
// by name (Dom::Find), type-checked, stored into the generated struct (strings as views
// into the DOM, which must outlive `out`'s use) and checked against the same constraints
// Validator checks, with the same length semantics (code points). Fails fast.
// Reusable; not thread-safe.
template <typename Dom, typename Patterns>
class TableWalker {
 public:
  using Value = typename Dom::Value;

  explicit TableWalker(const Patterns* patterns) : patterns_(patterns) {}

  // True when `root` is a valid instance of `desc`; `out` (a struct described by
  // `desc`) then holds every member.
  bool Run(const StructDesc& desc, const Value& root, void* out) {
    desc.reset(out);
    entries_.clear();
    fixups_.clear();
    arena_.Reset();
    if (!Struct(desc, root, out)) return false;
    for (const Fixup& f : fixups_) f.map->entries = entries_.data() + f.begin;
    return true;
  }

 private:
  struct Fixup {
    pause_service::StringMap* map;
    size_t begin;
  };

  bool Struct(const StructDesc& desc, const Value& object, void* out) {
    if (!Dom::IsObject(object)) return false;
    for (const pause_service::FieldDesc& f : desc) {
      const Value* v = Dom::Find(object, f.wire_name);
      if (v == nullptr || Dom::IsNull(*v)) {
        if (f.required) return false;
        continue;
      }
      if (!Member(f, f.kind, f.shape, f.sub, *v, f.emplace(out))) return false;
    }
    return true;
  }

  // One value of kind `kind` into `dst` (a member's storage or a list element's).
  bool Member(const pause_service::FieldDesc& f, pause_service::FieldKind kind,
              const pause_service::ShapeDesc* shape, const pause_service::StructDesc* sub, const Value& v,
              void* dst) {
    using pause_service::FieldKind;
    switch (kind) {
      case FieldKind::kList: {
        if (!Dom::IsArray(v)) return false;
        const pause_service::ListDesc& list = *f.list;
        auto* view = static_cast<pause_service::ListView*>(dst);
        const size_t n = Dom::Size(v);
        char* elements = n == 0 ? nullptr : static_cast<char*>(arena_.Allocate(n * list.element_size));
        size_t i = 0;
        const bool ok = Dom::ForEachElement(v, [&](const Value& e) {
          void* slot = elements + i++ * list.element_size;
          if (list.element_kind == FieldKind::kStructure)
            list.element_struct->reset(slot);
          else
            std::memset(slot, 0, list.element_size);
          return !Dom::IsNull(e) &&
                 Member(f, list.element_kind, list.element_shape, list.element_struct, e, slot);
        });
        view->data = elements;
        view->size = static_cast<uint32_t>(n);
        return ok;
      }
      case FieldKind::kString: {
        std::string_view s;
        if (!Dom::GetString(v, &s)) return false;
        *static_cast<std::string_view*>(dst) = s;
        return CheckString(*shape, s);
      }
      case FieldKind::kEnum: {
        std::string_view s;
        if (!Dom::GetString(v, &s)) return false;
        auto* e = static_cast<pause_service::EnumValue*>(dst);
        e->wire = s;
        e->index = pause_service::kUnknownEnumIndex;
        for (uint16_t i = 0; i < shape->num_enum_values; ++i) {
          if (shape->enum_values[i] == s) {
            e->index = i;
            break;
          }
        }
        return e->known();
      }
      case FieldKind::kInteger: {
        int64_t n;
        if (!Dom::GetInt64(v, &n) || n < INT32_MIN || n > INT32_MAX) return false;
        *static_cast<int32_t*>(dst) = static_cast<int32_t>(n);
        return !(shape->has_min && n < shape->min) && !(shape->has_max && n > shape->max);
      }
      case FieldKind::kBoolean: {
        bool b;
        if (!Dom::GetBool(v, &b)) return false;
        *static_cast<bool*>(dst) = b;
        return true;
      }
      case FieldKind::kTimestamp: {
        // Epoch seconds through a double, as a user of a DOM library would read them
        // (the double keeps ~16 digits: microseconds at today's epoch).
        double seconds;
        if (!Dom::GetDouble(v, &seconds)) return false;
        if (!(std::fabs(seconds) <= 253402300800.0)) return false;
        const double whole = std::floor(seconds);
        auto nanos = static_cast<int32_t>(std::round((seconds - whole) * 1e9));
        auto* t = static_cast<pause_service::Timestamp*>(dst);
        *t = pause_service::Timestamp{static_cast<int64_t>(whole), nanos};
        if (nanos == pause_service::Timestamp::kNanosPerSecond) *t = {t->seconds + 1, 0};
        return true;
      }
      case FieldKind::kStructure: return Struct(*sub, v, dst);
      case FieldKind::kMap: {
        if (!Dom::IsObject(v)) return false;
        const pause_service::ShapeDesc& map = *shape;
        auto* m = static_cast<pause_service::StringMap*>(dst);
        const size_t begin = entries_.size();
        const bool ok = Dom::ForEachMember(v, [&](std::string_view key, const Value& value) {
          std::string_view s;
          if (!Dom::GetString(value, &s)) return false;
          if (map.map_key != nullptr && !CheckString(*map.map_key, key)) {
            return false;
          }
          if (map.map_value != nullptr && !CheckString(*map.map_value, s)) {
            return false;
          }
          entries_.push_back({key, s});
          return true;
        });
        if (!ok) return false;
        m->size = static_cast<uint32_t>(entries_.size() - begin);
        fixups_.push_back({m, begin});
        return true;
      }
    }
    return false;
  }

  // Length (code points) and whole-value pattern, exactly as Validator checks them:
  // counting only when the byte length alone does not settle the bounds.
  bool CheckString(const pause_service::ShapeDesc& shape, std::string_view s) const {
    const size_t bytes = s.size();
    const bool need_count = (shape.has_max && bytes > static_cast<uint64_t>(shape.max)) ||
                            (shape.has_min && bytes / 4 < static_cast<uint64_t>(shape.min));
    const size_t cps = need_count ? pause_service::CountCodePoints(s) : bytes;
    if (need_count) {
      if (shape.has_min && cps < static_cast<uint64_t>(shape.min)) return false;
      if (shape.has_max && cps > static_cast<uint64_t>(shape.max)) return false;
    }
    return shape.pattern == nullptr ||
           patterns_->FullMatch(static_cast<int32_t>(shape.pattern - pause_service::kPatterns), s, cps);
  }

  const Patterns* patterns_;
  std::vector<pause_service::StringMapEntry> entries_;
  std::vector<Fixup> fixups_;
  BlockArena arena_;
};

// --- Floors: what reading every value costs ---------------------------------------------

// What a floor read, compared across floors (and with an independent nlohmann walk)
// before timing, so that neither skips work.
struct Tally {
  uint64_t strings = 0;
  uint64_t string_bytes = 0;
  uint64_t numbers = 0;
  double number_sum = 0;
  uint64_t bools = 0;
  uint64_t trues = 0;
  uint64_t key_bytes = 0;  // not compared: the floors read different sets of keys

  bool SameValues(const Tally& o) const {
    return strings == o.strings && string_bytes == o.string_bytes && numbers == o.numbers &&
           bools == o.bools && trues == o.trues &&
           std::fabs(number_sum - o.number_sum) <= 1e-9 * std::fabs(o.number_sum);
  }
};

inline void TallyNlohmann(const nlohmann::json& v, Tally* t) {
  if (v.is_object() || v.is_array()) {
    for (const nlohmann::json& child : v) TallyNlohmann(child, t);
  } else if (v.is_string()) {
    ++t->strings;
    t->string_bytes += v.get_ref<const std::string&>().size();
  } else if (v.is_number()) {
    ++t->numbers;
    t->number_sum += v.get<double>();
  } else if (v.is_boolean()) {
    ++t->bools;
    t->trues += v.get<bool>();
  }
}

// Every key and value of the DOM, recursively.
inline void TouchDom(simdjson::dom::element e, Tally* t) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::OBJECT: {
      simdjson::dom::object object;
      if (e.get_object().get(object)) break;
      for (simdjson::dom::key_value_pair kv : object) {
        t->key_bytes += kv.key.size();
        TouchDom(kv.value, t);
      }
      break;
    }
    case element_type::ARRAY: {
      simdjson::dom::array array;
      if (e.get_array().get(array)) break;
      for (simdjson::dom::element child : array) TouchDom(child, t);
      break;
    }
    case element_type::STRING:
      ++t->strings;
      t->string_bytes += e.get_string().value_unsafe().size();
      break;
    case element_type::INT64:
      ++t->numbers;
      t->number_sum += static_cast<double>(e.get_int64().value_unsafe());
      break;
    case element_type::UINT64:
      ++t->numbers;
      t->number_sum += static_cast<double>(e.get_uint64().value_unsafe());
      break;
    case element_type::DOUBLE:
      ++t->numbers;
      t->number_sum += e.get_double().value_unsafe();
      break;
    case element_type::BOOL:
      ++t->bools;
      t->trues += e.get_bool().value_unsafe();
      break;
    case element_type::NULL_VALUE: break;
  }
}

inline simdjson::error_code DomTouchAll(simdjson::dom::parser& parser, const simdjson::padded_string& padded,
                                        Tally* t) {
  *t = Tally();
  simdjson::dom::element root;
  simdjson::error_code error = parser.parse(padded).get(root);
  if (error) return error;
  TouchDom(root, t);
  return simdjson::SUCCESS;
}

// --- Encoders ---------------------------------------------------------------------------

// RapidJSON's Writer driven by the same tables as EncodeJson, producing the same bytes:
// members in model order, absent members omitted, timestamps as epoch seconds (an
// integer when whole), UTF-8 validated on output (kWriteValidateEncodingFlag; our
// encoder validates too). Buffer and writer are reused.
class RapidJsonEncoder {
 public:
  RapidJsonEncoder();
  RapidJsonEncoder(const RapidJsonEncoder&) = delete;
  RapidJsonEncoder& operator=(const RapidJsonEncoder&) = delete;

  // The JSON text of `object`; valid until the next call. Empty if the writer failed.
  std::string_view Encode(const StructDesc& desc, const void* object);

 private:
  using Buffer = rapidjson::GenericStringBuffer<rapidjson::UTF8<>, RapidJsonNewAllocator>;
  using Writer = rapidjson::Writer<Buffer, rapidjson::UTF8<>, rapidjson::UTF8<>, RapidJsonNewAllocator,
                                   rapidjson::kWriteValidateEncodingFlag>;
  bool Struct(const StructDesc& desc, const void* object);

  RapidJsonNewAllocator allocator_;
  Buffer buffer_;
  Writer writer_;
};

// nlohmann::ordered_json built from a generated struct through the same tables
// (ordered_json keeps model order, so dump() yields the same bytes as EncodeJson).
nlohmann::ordered_json BuildNlohmann(const StructDesc& desc, const void* object);

// The versions of the alternative libraries, as benchmark context lines.
void AddAlternativesContext();

}  // namespace apprunner::bench

#endif  // APPRUNNER_BENCH_ALTERNATIVES_H_
