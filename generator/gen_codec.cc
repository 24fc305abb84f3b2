// gen_codec: generates the C++ model structs and the field, shape and pattern tables
// of the codec from model/apprunner-pause-service.json.
//
//   gen_codec --model model/apprunner-pause-service.json --out codec/generated
//
// Every model pattern is compiled with RE2 here, at generation time. A pattern RE2
// rejects is rewritten only when the rewrite is proven equivalent (the proof is
// written next to the table row); otherwise generation fails. Model defects (a member
// whose constraints no value can satisfy) are printed and listed in kModelDefects.
#include <re2/re2.h>
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "codec/member_hash.h"
#include "generator/dfa.h"
#include "generator/regex_shape.h"

namespace apprunner::generator {
namespace {

constexpr int64_t kRe2MaxRepeat = 1000;  // RE2's limit on {n,m} counts

struct Member {
  std::string name;
  std::string target;
  bool required = false;
};

struct Shape {
  std::string name;
  std::string type;
  bool has_min = false, has_max = false;
  int64_t min = 0, max = 0;
  std::string pattern;
  std::vector<std::string> enum_values;
  bool sensitive = false;
  bool exception = false, fault = false;
  std::vector<Member> members;
  std::string map_key, map_value;
};

struct Pattern {
  std::string model;
  std::string fast;
  int64_t fast_max = -1;
  std::string exact;
  std::vector<std::string> notes;  // the equivalence argument, as comment lines
  // re2_fast as a DFA in its runtime form (codec/dfa_table.h), when it compiles.
  std::optional<apprunner::generator::LoweredDfa> dfa;
  std::vector<uint32_t> run_excluded;  // re2_fast as [^...]* / [^...]+ (see ExcludedRun)
  bool has_run = false;
  bool run_plus = false;
  std::string no_dfa_reason;
};

struct Model {
  std::map<std::string, std::string> metadata;
  std::string operation, input, output, http_method, request_uri;
  std::vector<std::string> errors;
  std::map<std::string, Shape> shapes;
};

[[noreturn]] void Fail(const std::string& message) {
  std::cerr << "gen_codec: error: " << message << "\n";
  std::exit(1);
}

// A perfect member-lookup table for one structure (see codec/member_hash.h): the
// smallest table (then the smallest odd seed) under which every wire name has a slot
// of its own. Slots hold 1 + the member's index; 0 is empty.
struct MemberTable {
  std::vector<uint8_t> slots;
  uint32_t seed = 0;
  uint8_t bits = 0;
};

MemberTable FindMemberTable(const std::vector<Member>& members) {
  if (members.size() > 200) Fail("too many members for a uint8_t lookup table");
  uint8_t min_bits = 1;
  while ((size_t{1} << min_bits) < members.size()) ++min_bits;
  for (uint8_t bits = min_bits; bits <= 8; ++bits) {
    for (uint32_t seed = 1; seed < (1u << 20); seed += 2) {
      std::vector<uint8_t> slots(size_t{1} << bits, 0);
      bool perfect = true;
      for (size_t i = 0; i < members.size() && perfect; ++i) {
        uint32_t h = apprunner::pause_service::MemberHash(members[i].name, seed, bits);
        if (slots[h] != 0) perfect = false;
        slots[h] = static_cast<uint8_t>(i + 1);
      }
      if (perfect) return {slots, seed, bits};
    }
  }
  Fail("no perfect member hash found");
}

std::string GetString(simdjson::dom::element e, const char* key, const std::string& where) {
  std::string_view v;
  if (e[key].get(v)) Fail(where + ": missing string '" + key + "'");
  return std::string(v);
}

Model LoadModel(const std::string& path) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  auto err = parser.load(path).get(root);
  if (err) Fail("cannot read model " + path + ": " + simdjson::error_message(err));
  Model m;
  simdjson::dom::object meta;
  if (root["metadata"].get(meta)) Fail("model has no metadata");
  for (auto [k, v] : meta) {
    std::string_view s;
    if (!v.get(s)) m.metadata[std::string(k)] = std::string(s);
  }
  simdjson::dom::element op;
  if (root["operation"].get(op)) Fail("model has no operation");
  m.operation = GetString(op, "name", "operation");
  m.input = GetString(op, "input", "operation");
  m.output = GetString(op, "output", "operation");
  m.http_method = GetString(op["http"].value_unsafe(), "method", "operation.http");
  m.request_uri = GetString(op["http"].value_unsafe(), "requestUri", "operation.http");
  simdjson::dom::array errors;
  if (op["errors"].get(errors)) Fail("operation has no errors list");
  for (auto e : errors) m.errors.emplace_back(std::string_view(e.get_string().value_unsafe()));
  simdjson::dom::object shapes;
  if (root["shapes"].get(shapes)) Fail("model has no shapes");
  for (auto [name, e] : shapes) {
    Shape s;
    s.name = std::string(name);
    s.type = GetString(e, "type", s.name);
    int64_t n;
    if (!e["min"].get(n)) { s.has_min = true; s.min = n; }
    if (!e["max"].get(n)) { s.has_max = true; s.max = n; }
    std::string_view sv;
    if (!e["pattern"].get(sv)) s.pattern = std::string(sv);
    bool b;
    if (!e["sensitive"].get(b)) s.sensitive = b;
    if (!e["exception"].get(b)) s.exception = b;
    if (!e["fault"].get(b)) s.fault = b;
    simdjson::dom::array arr;
    if (!e["enum"].get(arr)) {
      for (auto v : arr) s.enum_values.emplace_back(std::string_view(v.get_string().value_unsafe()));
    }
    if (!e["members"].get(arr)) {
      for (auto v : arr) {
        Member mem;
        mem.name = GetString(v, "name", s.name);
        mem.target = GetString(v, "target", s.name);
        if (v["required"].get(b)) Fail(s.name + "." + mem.name + ": no 'required'");
        mem.required = b;
        s.members.push_back(mem);
      }
    }
    if (s.type == "map") {
      s.map_key = GetString(e, "key", s.name);
      s.map_value = GetString(e, "value", s.name);
    }
    m.shapes[s.name] = s;
  }
  return m;
}

// ---- names ---------------------------------------------------------------------

std::string SnakeCase(const std::string& name) {
  static const std::set<std::string> kKeywords = {
      "auto", "bool", "break", "case", "char", "class", "const", "default", "delete",
      "do", "double", "else", "enum", "explicit", "export", "extern", "false", "float",
      "for", "friend", "goto", "if", "inline", "int", "long", "namespace", "new",
      "operator", "private", "protected", "public", "register", "return", "short",
      "signed", "sizeof", "static", "struct", "switch", "template", "this", "throw",
      "true", "try", "typedef", "union", "unsigned", "using", "virtual", "void",
      "volatile", "while"};
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0) {
      bool prev_lower = (name[i - 1] >= 'a' && name[i - 1] <= 'z') ||
                        (name[i - 1] >= '0' && name[i - 1] <= '9');
      bool next_lower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
      bool prev_upper = name[i - 1] >= 'A' && name[i - 1] <= 'Z';
      if (prev_lower || (prev_upper && next_lower)) out += '_';
    }
    out += upper ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (kKeywords.count(out)) out += '_';
  return out;
}

std::string LowerCamel(const std::string& name) {
  std::string out = name;
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

// "CREATE_FAILED" -> "kCreateFailed", "PYTHON_3" -> "kPython3".
std::string EnumeratorName(const std::string& value) {
  std::string out = "k";
  bool start = true;
  for (char c : value) {
    if (c == '_' || c == '-' || c == ' ' || c == '.') { start = true; continue; }
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!start && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out += c;
    start = false;
  }
  return out;
}

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') { out += '\\'; out += static_cast<char>(c); }
    else if (c < 0x20) { char buf[8]; std::snprintf(buf, sizeof buf, "\\x%02x", c); out += buf; }
    else out += static_cast<char>(c);
  }
  return out + "\"";
}

// ---- patterns ------------------------------------------------------------------

// ECMA-262 (Smithy's pattern dialect) and Java both exclude \n, \r, U+2028 and U+2029
// from '.', where RE2 excludes only \n. Each unescaped '.' outside a class is
// therefore spelled out as the class ECMA-262 defines, which keeps the pattern's
// meaning exactly while RE2 evaluates it.
std::string TranslateDot(const std::string& p) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) { out += c; out += p[++i]; continue; }
    if (in_class) { if (c == ']') in_class = false; out += c; continue; }
    if (c == '[') {
      in_class = true; out += c;
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    }
    if (c == '.') { out += "[^\\n\\r\\x{2028}\\x{2029}]"; continue; }
    out += c;
  }
  return out;
}

bool Compiles(const std::string& p, std::string* error) {
  RE2 re(p, RE2::Quiet);
  if (!re.ok()) *error = re.error();
  return re.ok();
}

std::string Repeat(std::string_view atom, int64_t lo, int64_t hi) {
  return std::string(atom) + "{" + std::to_string(lo) + "," + std::to_string(hi) + "}";
}

// Recognises [^...]* and [^...]+ whose class lists single code points (escapes \n \r
// \t \xHH \x{H..}, or literal ASCII punctuation/letters): ExcludedRun's form.
bool ParseExcludedRun(const std::string& p, std::vector<uint32_t>* excluded, bool* plus) {
  if (p.size() < 5 || p.compare(0, 2, "[^") != 0) return false;
  char q = p.back();
  if ((q != '*' && q != '+') || p[p.size() - 2] != ']') return false;
  *plus = q == '+';
  excluded->clear();
  for (size_t i = 2; i + 2 < p.size();) {
    char c = p[i];
    if (c == ']' || c == '[' || c == '-' || c == '^') return false;  // ranges, nesting: not this form
    if (c != '\\') {
      if (static_cast<unsigned char>(c) >= 0x80) return false;
      excluded->push_back(static_cast<unsigned char>(c));
      ++i;
      continue;
    }
    if (i + 1 >= p.size() - 2) return false;
    char e = p[i + 1];
    if (e == 'n') { excluded->push_back('\n'); i += 2; }
    else if (e == 'r') { excluded->push_back('\r'); i += 2; }
    else if (e == 't') { excluded->push_back('\t'); i += 2; }
    else if (e == 'x' && i + 2 < p.size() && p[i + 2] == '{') {
      size_t close = p.find('}', i + 3);
      if (close == std::string::npos) return false;
      excluded->push_back(static_cast<uint32_t>(std::stoul(p.substr(i + 3, close - i - 3), nullptr, 16)));
      i = close + 1;
    } else if (e == 'x') {
      excluded->push_back(static_cast<uint32_t>(std::stoul(p.substr(i + 2, 2), nullptr, 16)));
      i += 4;
    } else {
      return false;  // \w, \d, \s...: classes, not single code points
    }
  }
  return !excluded->empty() && excluded->size() < 256;
}

// Translates a model pattern for RE2; rewrites counted repetitions RE2 cannot compile.
Pattern TranslatePattern(const Shape& shape) {
  Pattern out;
  out.model = shape.pattern;
  std::string translated = TranslateDot(shape.pattern);
  if (translated != shape.pattern) {
    out.notes.push_back("'.' spelled as ECMA-262's [^\\n\\r\\x{2028}\\x{2029}] (RE2's '.' admits \\r, U+2028, U+2029).");
  }
  std::string error;
  if (Compiles(translated, &error)) {
    out.fast = out.exact = translated;
    return out;
  }
  auto pieces = SplitTopLevel(translated);
  if (!pieces || pieces->empty()) {
    Fail(shape.name + ": RE2 rejects pattern " + Quote(shape.pattern) + " (" + error +
         ") and it is not a sequence this generator can rewrite");
  }
  const Piece& last = pieces->back();
  for (size_t i = 0; i + 1 < pieces->size(); ++i) {
    if ((*pieces)[i].max_repeat > kRe2MaxRepeat || (*pieces)[i].min_repeat > kRe2MaxRepeat) {
      Fail(shape.name + ": pattern " + Quote(shape.pattern) + " has a repetition over " +
           std::to_string(kRe2MaxRepeat) + " that is not its last element; no proven rewrite");
    }
  }
  if (last.max_repeat <= kRe2MaxRepeat || last.min_repeat > kRe2MaxRepeat) {
    Fail(shape.name + ": RE2 rejects pattern " + Quote(shape.pattern) + " (" + error + ")");
  }
  if (!IsSingleCodePointAtom(last.atom)) {
    Fail(shape.name + ": the repeated element " + std::string(last.atom) +
         " can match more than one code point; no proven rewrite of " + Quote(shape.pattern));
  }
  std::string prefix = translated.substr(0, last.atom.data() - translated.data());
  auto prefix_min = MinLength(prefix);
  if (!prefix_min) Fail(shape.name + ": cannot analyse the prefix of " + Quote(shape.pattern));

  // Exact form, for any length: A{m,n} == A{m,1000}A{0,1000}...A{0,r}, because each
  // A matches one code point and the counts simply add up.
  std::string exact = prefix + Repeat(last.atom, last.min_repeat, kRe2MaxRepeat);
  for (int64_t left = last.max_repeat - kRe2MaxRepeat; left > 0; left -= kRe2MaxRepeat) {
    exact += Repeat(last.atom, 0, std::min(left, kRe2MaxRepeat));
  }
  if (!Compiles(exact, &error)) Fail(shape.name + ": exact rewrite does not compile: " + error);
  out.exact = exact;
  out.notes.push_back("RE2 rejects " + std::string(last.atom) + std::string(last.quantifier) +
                      " (" + "repeat counts over " + std::to_string(kRe2MaxRepeat) + ").");
  out.notes.push_back("Exact form: " + std::string(last.atom) + std::string(last.quantifier) +
                      " == " + exact.substr(prefix.size()) +
                      " (each repetition matches one code point; counts add).");

  if (!shape.has_max) {
    out.fast = exact;
    out.notes.push_back("No length bound: the exact form is used for every value.");
    return out;
  }
  // Fast form: the repeated element is the last one and matches one code point, so in
  // a value of at most L code points it repeats at most L - minlen(prefix) times. When
  // that is <= n the upper bound can never bind and {m,} accepts the same values.
  int64_t tail_max = shape.max - *prefix_min;
  if (tail_max > last.max_repeat) {
    out.fast = exact;
    out.notes.push_back("The length bound does not make the upper count redundant; exact form only.");
    return out;
  }
  out.fast = prefix + std::string(last.atom) +
             (last.min_repeat == 1 ? std::string("+") : "{" + std::to_string(last.min_repeat) + ",}");
  if (!Compiles(out.fast, &error)) Fail(shape.name + ": fast rewrite does not compile: " + error);
  out.fast_max = shape.max;
  out.notes.push_back("Fast form, valid for values of at most " + std::to_string(shape.max) +
                      " code points (the length constraint): the shortest match of the");
  out.notes.push_back("prefix before it is " + std::to_string(*prefix_min) +
                      " code points, so the last element repeats at most " +
                      std::to_string(shape.max) + " - " + std::to_string(*prefix_min) + " = " +
                      std::to_string(tail_max) + " <= " + std::to_string(last.max_repeat) +
                      " times: the upper count never binds.");
  return out;
}

// ---- generation ----------------------------------------------------------------

const char* kHeader =
    "// GENERATED by //generator:gen_codec from model/apprunner-pause-service.json.\n"
    "// DO NOT EDIT. Regenerate: ./bazelw run //generator:regen\n";

struct Generator {
  Model model;
  std::vector<std::string> struct_order;          // dependency order
  std::vector<std::string> leaf_order;            // shapes with a ShapeDesc row
  std::map<std::string, int> leaf_index;
  std::vector<Pattern> patterns;
  std::map<std::string, int> shape_pattern;       // shape -> pattern index
  std::vector<std::pair<std::string, std::string>> defects;
  std::vector<std::string> notes;

  const Shape& Get(const std::string& name) {
    auto it = model.shapes.find(name);
    if (it == model.shapes.end()) Fail("unknown shape " + name);
    return it->second;
  }

  void OrderStructs(const std::string& name, std::set<std::string>* visiting,
                    std::set<std::string>* done) {
    if (done->count(name)) return;
    if (visiting->count(name)) Fail("recursive structure " + name + " is not supported");
    visiting->insert(name);
    for (const Member& m : Get(name).members) {
      if (Get(m.target).type == "structure") OrderStructs(m.target, visiting, done);
    }
    visiting->erase(name);
    done->insert(name);
    struct_order.push_back(name);
  }

  void Analyse() {
    std::set<std::string> visiting, done;
    std::vector<std::string> roots = {model.input, model.output};
    roots.insert(roots.end(), model.errors.begin(), model.errors.end());
    for (auto& [name, shape] : model.shapes) {
      if (shape.type == "structure") roots.push_back(name);
    }
    for (const auto& r : roots) OrderStructs(r, &visiting, &done);
    for (auto& [name, shape] : model.shapes) {
      if (shape.type == "structure") continue;
      if (shape.type == "list") Fail(name + ": lists are not supported by this codec");
      if (shape.type != "string" && shape.type != "integer" && shape.type != "boolean" &&
          shape.type != "timestamp" && shape.type != "map") {
        Fail(name + ": unsupported shape type " + shape.type);
      }
      if (shape.type == "map" &&
          (Get(shape.map_key).type != "string" || Get(shape.map_value).type != "string")) {
        Fail(name + ": only string-to-string maps are supported");
      }
      leaf_index[name] = static_cast<int>(leaf_order.size());
      leaf_order.push_back(name);
    }
    std::map<std::string, int> by_text;
    for (const std::string& name : leaf_order) {
      const Shape& s = Get(name);
      if (s.pattern.empty()) continue;
      CheckDefects(s);
      if (IsDefect(name)) {
        // Not enforced, but still compiled (TranslatePattern fails generation when RE2
        // cannot take it), so every model pattern is known to be a valid RE2 program.
        TranslatePattern(s);
        continue;
      }
      auto it = by_text.find(s.pattern + "\x01" + std::to_string(s.has_max ? s.max : -1));
      if (it != by_text.end()) { shape_pattern[name] = it->second; continue; }
      Pattern p = TranslatePattern(s);
      p.notes.insert(p.notes.begin(), "Shape " + name + ".");
      // A run of all but a few code points ('.*', [^\x00]+) is one scan with no table;
      // everything else the DFA compiler takes gets a DFA.
      bool run = ParseExcludedRun(p.fast, &p.run_excluded, &p.run_plus);
      if (!run) {
        std::optional<Dfa> dfa = CompileDfa(p.fast, &p.no_dfa_reason);
        if (dfa) p.dfa = LowerDfa(*dfa, &p.no_dfa_reason);
      }
      if (run) {
        p.has_run = true;
        p.notes.push_back("Specialized run matcher: " + std::to_string(p.run_excluded.size()) +
                          " excluded code points.");
      } else if (p.dfa) {
        // Self-check against RE2 on the values the model's own examples suggest is not
        // enough to prove equality; the differential fuzzer (tests/fuzz) does that in CI.
        p.notes.push_back("Specialized DFA: " + std::to_string(p.dfa->num_states) + " states, " +
                          std::to_string(p.dfa->num_classes) + " byte classes.");
      } else {
        p.notes.push_back("No DFA (" + p.no_dfa_reason + "): RE2 only.");
      }
      int idx = static_cast<int>(patterns.size());
      by_text[s.pattern + "\x01" + std::to_string(s.has_max ? s.max : -1)] = idx;
      shape_pattern[name] = idx;
      patterns.push_back(p);
    }
  }

  bool IsDefect(const std::string& name) const {
    for (auto& d : defects) if (d.first == name) return true;
    return false;
  }

  void CheckDefects(const Shape& s) {
    auto pmin = MinLength(TranslateDot(s.pattern));
    auto pmax = MaxLength(TranslateDot(s.pattern));
    if (!pmin || !pmax) return;  // cannot analyse: nothing to claim
    int64_t lo = s.has_min ? s.min : 0;
    int64_t hi = s.has_max ? s.max : kUnbounded;
    bool disjoint = (hi != kUnbounded && *pmin > hi) || (*pmax != kUnbounded && *pmax < lo);
    std::string range = std::to_string(lo) + ".." + (hi == kUnbounded ? "" : std::to_string(hi));
    std::string prange = std::to_string(*pmin) + ".." + (*pmax == kUnbounded ? "" : std::to_string(*pmax));
    if (disjoint) {
      defects.emplace_back(s.name, "length " + range + " but every match of the pattern " +
                                       s.pattern + " has " + prange +
                                       " code points: no value satisfies both. Policy: the "
                                       "length is enforced, the pattern is not.");
    } else if (*pmin > lo) {
      notes.push_back(s.name + ": the length admits " + std::to_string(lo) +
                      " code points but the pattern needs at least " + std::to_string(*pmin) +
                      " (both are enforced)");
    }
  }

  std::string CppType(const Member& m) {
    const Shape& t = Get(m.target);
    if (t.type == "structure") return "std::optional<" + t.name + ">";
    if (t.type == "string" && !t.enum_values.empty()) return "std::optional<OpenEnum<" + t.name + ">>";
    if (t.type == "string") return "std::optional<std::string_view>";
    if (t.type == "integer") return "std::optional<int32_t>";
    if (t.type == "boolean") return "std::optional<bool>";
    if (t.type == "timestamp") return "std::optional<Timestamp>";
    if (t.type == "map") return "std::optional<StringMap>";
    Fail("no C++ type for " + t.name);
  }

  std::string Kind(const Member& m) {
    const Shape& t = Get(m.target);
    if (t.type == "structure") return "FieldKind::kStructure";
    if (t.type == "string") return t.enum_values.empty() ? "FieldKind::kString" : "FieldKind::kEnum";
    if (t.type == "integer") return "FieldKind::kInteger";
    if (t.type == "boolean") return "FieldKind::kBoolean";
    if (t.type == "timestamp") return "FieldKind::kTimestamp";
    return "FieldKind::kMap";
  }

  std::string TypesHeader() {
    std::ostringstream o;
    o << kHeader;
    o << "//\n// The PauseService model as C++: one struct per model structure, members in model\n"
         "// order, every member optional (absent = std::nullopt). Strings are views: see\n"
         "// codec/types.h for their lifetime.\n";
    o << "#ifndef APPRUNNER_CODEC_GENERATED_PAUSE_SERVICE_TYPES_H_\n"
         "#define APPRUNNER_CODEC_GENERATED_PAUSE_SERVICE_TYPES_H_\n\n"
         "#include <cstdint>\n#include <optional>\n#include <string_view>\n\n"
         "#include \"codec/table.h\"\n#include \"codec/types.h\"\n\n"
         "namespace apprunner::pause_service {\n\n";
    o << "// Protocol and operation metadata.\n";
    auto meta = [&](const char* key) { return Quote(model.metadata[key]); };
    o << "inline constexpr std::string_view kApiVersion = " << meta("apiVersion") << ";\n";
    o << "inline constexpr std::string_view kServiceId = " << meta("serviceId") << ";\n";
    o << "inline constexpr std::string_view kTargetPrefix = " << meta("targetPrefix") << ";\n";
    o << "inline constexpr std::string_view kSigningName = " << meta("signingName") << ";\n";
    o << "inline constexpr std::string_view kOperationName = " << Quote(model.operation) << ";\n";
    o << "inline constexpr std::string_view kAmzTarget = "
      << Quote(model.metadata["targetPrefix"] + "." + model.operation) << ";\n";
    o << "inline constexpr std::string_view kContentType = "
      << Quote("application/x-amz-json-" + model.metadata["jsonVersion"]) << ";\n";
    o << "inline constexpr std::string_view kHttpMethod = " << Quote(model.http_method) << ";\n";
    o << "inline constexpr std::string_view kRequestUri = " << Quote(model.request_uri) << ";\n\n";

    o << "// Indexes of kShapes rows.\nenum ShapeIndex : int32_t {\n";
    for (size_t i = 0; i < leaf_order.size(); ++i) {
      o << "  kShape" << leaf_order[i] << " = " << i << ",\n";
    }
    o << "};\n\n";

    for (const std::string& name : leaf_order) {
      const Shape& s = Get(name);
      if (s.enum_values.empty()) continue;
      o << "// Open enum " << name << ": kUnknown for a value the model does not list.\n";
      o << "enum class " << name << " : int32_t {\n  kUnknown = kUnknownEnumIndex,\n";
      for (size_t i = 0; i < s.enum_values.size(); ++i) {
        o << "  " << EnumeratorName(s.enum_values[i]) << " = " << i << ",  // "
          << s.enum_values[i] << "\n";
      }
      o << "};\n\n";
    }

    for (const std::string& name : struct_order) {
      const Shape& s = Get(name);
      o << "struct " << name << " {\n";
      for (const Member& m : s.members) {
        o << "  " << CppType(m) << " " << SnakeCase(m.name) << ";";
        std::string c;
        if (m.required) c += " required";
        if (Get(m.target).sensitive) c += " sensitive";
        if (!c.empty()) o << "  //" << c;
        o << "\n";
      }
      o << "\n  friend bool operator==(const " << name << "& a, const " << name << "& b) {\n"
        << "    return true";
      for (const Member& m : s.members) {
        o << " &&\n           a." << SnakeCase(m.name) << " == b." << SnakeCase(m.name);
      }
      o << ";\n  }\n";
      o << "  friend bool operator!=(const " << name << "& a, const " << name
        << "& b) { return !(a == b); }\n};\n\n";
    }

    o << "// Table of each structure (codec/table.h).\n";
    for (const std::string& name : struct_order) {
      o << "extern const StructDesc k" << name << "Desc;\n";
    }
    o << "\n// ModelTraits<T>::desc() is the table of struct T.\ntemplate <typename T>\nstruct ModelTraits;\n";
    for (const std::string& name : struct_order) {
      o << "template <>\nstruct ModelTraits<" << name << "> {\n"
        << "  static const StructDesc& desc() { return k" << name << "Desc; }\n};\n";
    }
    o << "\n// The operation's modelled errors.\nstruct ErrorDesc {\n"
         "  std::string_view name;   // shape name, the awsJson1_0 error code\n"
         "  bool server_fault;       // true: 5xx (Smithy @error(\"server\"))\n"
         "  int http_status;         // 400 for client errors, 500 for server faults\n"
         "  const StructDesc* desc;\n};\n"
         "extern const ErrorDesc kErrors[];\nextern const int32_t kNumErrors;\n\n";
    o << "// Members whose constraints no value can satisfy, and the policy applied.\n"
         "struct ModelDefect {\n  std::string_view shape;\n  std::string_view description;\n};\n"
         "extern const ModelDefect kModelDefects[];\nextern const int32_t kNumModelDefects;\n\n";
    o << "}  // namespace apprunner::pause_service\n\n"
         "#endif  // APPRUNNER_CODEC_GENERATED_PAUSE_SERVICE_TYPES_H_\n";
    return o.str();
  }

  static std::string Raw(const std::string& s) {
    if (s.find(")re\"") != std::string::npos) Fail("pattern contains the raw-string delimiter");
    return "R\"re(" + s + ")re\"";
  }

  std::string Tables() {
    std::ostringstream o;
    o << kHeader;
    o << "//\n// Field, shape and pattern tables of the PauseService model (codec/table.h).\n\n"
         "#include <cstdint>\n#include <optional>\n#include <string_view>\n\n"
         "#include \"codec/generated/pause_service_types.h\"\n#include \"codec/table.h\"\n\n"
         "namespace apprunner::pause_service {\n";
    o << "namespace {\n\n";
    for (const std::string& name : leaf_order) {
      const Shape& s = Get(name);
      if (s.enum_values.empty()) continue;
      o << "constexpr std::string_view k" << name << "Values[] = {";
      for (size_t i = 0; i < s.enum_values.size(); ++i) {
        o << (i ? ", " : "") << Quote(s.enum_values[i]);
      }
      o << "};\n";
    }
    o << "\n}  // namespace\n\n";

    o << "namespace {\n\n";
    for (size_t i = 0; i < patterns.size(); ++i) {
      if (!patterns[i].dfa) continue;
      const apprunner::generator::LoweredDfa& d = *patterns[i].dfa;
      const std::string id = "kDfa" + std::to_string(i);
      o << "// DFA of pattern [" << i << "] (codec/dfa_table.h).\nconstexpr uint8_t " << id << "Classes[256] = {";
      for (int c = 0; c < 256; ++c) o << (c % 32 ? "" : "\n    ") << int(d.byte_class[c]) << ",";
      o << "\n};\nconstexpr uint32_t " << id << "Next[] = {";
      for (size_t k = 0; k < d.next.size(); ++k) o << (k % d.num_classes ? "" : "\n    ") << d.next[k] << "u,";
      o << "\n};\nconstexpr uint8_t " << id << "Accepting[] = {";
      for (size_t k = 0; k < d.accepting.size(); ++k) o << (k % 64 ? "" : "\n    ") << int(d.accepting[k]) << ",";
      o << "\n};\nconstexpr uint8_t " << id << "RunBytes[] = {";
      for (size_t k = 0; k < d.run_bytes.size(); ++k) o << (k % 64 ? "" : "\n    ") << int(d.run_bytes[k]) << ",";
      // {run_bytes, run_chain, run_length, run_stays, literal_length, literal, literal_end}
      o << "\n};\nconstexpr DfaShortcut " << id << "Shortcuts[] = {";
      for (size_t st = 0; st < d.shortcuts.size(); ++st) {
        const apprunner::pause_service::DfaShortcut& c = d.shortcuts[st];
        o << "\n    {" << c.run_bytes << "u, " << c.run_chain << ", " << c.run_length << ", "
          << int(c.run_stays) << ", " << int(c.literal_length) << ", " << c.literal << ", "
          << c.literal_end << "u},";
      }
      o << "\n};\nconstexpr uint32_t " << id << "Chains[] = {";
      for (size_t k = 0; k < d.chains.size(); ++k) o << (k % 16 ? " " : "\n    ") << d.chains[k] << "u,";
      o << "\n};\nconstexpr char " << id << "Literals[] = {";
      for (size_t k = 0; k < d.literals.size(); ++k) o << (k % 32 ? " " : "\n    ") << int(d.literals[k]) << ",";
      o << "\n};\nconstexpr DfaTable " << id << " = {" << id << "Classes, " << id << "Next, " << id
        << "Accepting, " << id << "Shortcuts, " << id << "RunBytes, " << id << "Chains, " << id << "Literals, "
        << d.num_classes << ", " << d.num_states << "};\n\n";
    }
    for (size_t i = 0; i < patterns.size(); ++i) {
      if (!patterns[i].has_run) continue;
      o << "constexpr uint32_t kRun" << i << "Excluded[] = {";
      for (uint32_t cp : patterns[i].run_excluded) o << cp << "u, ";
      o << "};\nconstexpr ExcludedRun kRun" << i << " = {kRun" << i << "Excluded, "
        << patterns[i].run_excluded.size() << ", " << (patterns[i].run_plus ? "true" : "false") << "};\n";
    }
    o << "\n}  // namespace\n\n";
    o << "// Patterns. `model` is the model's text; the RE2 forms are what runs.\n";
    o << "const PatternDesc kPatterns[] = {\n";
    for (size_t i = 0; i < patterns.size(); ++i) {
      const Pattern& p = patterns[i];
      o << "    // [" << i << "] ";
      for (size_t n = 0; n < p.notes.size(); ++n) o << (n ? "    //     " : "") << p.notes[n] << "\n";
      o << "    {" << Raw(p.model) << ",\n     " << Raw(p.fast) << ",\n     " << p.fast_max
        << ",\n     " << Raw(p.exact) << ",\n     "
        << (p.dfa ? "&kDfa" + std::to_string(i) : std::string("nullptr")) << ", "
        << (p.has_run ? "&kRun" + std::to_string(i) : std::string("nullptr")) << "},\n";
    }
    o << "};\nconst int32_t kNumPatterns = " << patterns.size() << ";\n\n";

    o << "const ShapeDesc kShapes[] = {\n";
    for (const std::string& name : leaf_order) {
      const Shape& s = Get(name);
      auto pat = shape_pattern.find(name);
      o << "    {" << Quote(name) << ", " << (s.has_min ? "true" : "false") << ", "
        << (s.has_max ? "true" : "false") << ", " << s.min << ", " << s.max << ", "
        << (pat == shape_pattern.end() ? "kNoPattern" : std::to_string(pat->second)) << ", ";
      if (s.enum_values.empty()) o << "nullptr, 0, ";
      else o << "k" << name << "Values, " << s.enum_values.size() << ", ";
      o << (s.sensitive ? "true" : "false") << ", "
        << (s.map_key.empty() ? "kNoShape" : "kShape" + s.map_key) << ", "
        << (s.map_value.empty() ? "kNoShape" : "kShape" + s.map_value) << "},\n";
    }
    o << "};\nconst int32_t kNumShapes = " << leaf_order.size() << ";\n\n";

    for (const std::string& name : struct_order) {
      const Shape& s = Get(name);
      if (s.members.empty()) {
        o << "const StructDesc k" << name << "Desc = {" << Quote(name) << ", nullptr, 0,\n";
      } else {
        o << "namespace {\nconst FieldDesc k" << name << "Fields[] = {\n";
        for (const Member& m : s.members) {
          const Shape& t = Get(m.target);
          std::string cxx = SnakeCase(m.name);
          std::string kind = Kind(m);
          std::string value_ptr = kind == "FieldKind::kEnum"
              ? "static_cast<EnumValue*>(&static_cast<" + name + "*>(o)->" + cxx + ".emplace())"
              : "&static_cast<" + name + "*>(o)->" + cxx + ".emplace()";
          std::string get_ptr = kind == "FieldKind::kEnum"
              ? "static_cast<const EnumValue*>(&*m)" : "&*m";
          o << "    {" << Quote(m.name) << ", " << Quote(LowerCamel(m.name)) << ", " << kind
            << ", " << (m.required ? "true" : "false") << ", "
            << (t.type == "structure" ? "kNoShape" : "kShape" + t.name) << ", "
            << (t.type == "structure" ? "&k" + t.name + "Desc" : "nullptr") << ",\n"
            << "     [](void* o) -> void* { return " << value_ptr << "; },\n"
            << "     [](const void* o) -> const void* {\n"
            << "       const auto& m = static_cast<const " << name << "*>(o)->" << cxx << ";\n"
            << "       return m ? " << get_ptr << " : nullptr;\n     }},\n";
        }
        o << "};\n";
        MemberTable table = FindMemberTable(s.members);
        o << "constexpr uint8_t k" << name << "Slots[] = {";
        for (size_t k = 0; k < table.slots.size(); ++k) o << (k % 32 ? " " : "\n    ") << int(table.slots[k]) << ",";
        o << "\n};\n}  // namespace\n";
        o << "const StructDesc k" << name << "Desc = {" << Quote(name) << ", k" << name
          << "Fields, " << s.members.size() << ",\n";
        o << "    [](void* o) { *static_cast<" << name << "*>(o) = " << name << "{}; },\n"
          << "    false, k" << name << "Slots, " << table.seed << "u, " << int(table.bits)
          << (name == model.output ? ", true" : "") << "};\n\n";
        continue;
      }
      o << "    [](void* o) { *static_cast<" << name << "*>(o) = " << name << "{}; }"
        << (name == model.output ? ",\n    false, nullptr, 0, 0, true" : "") << "};\n\n";
    }

    o << "const ErrorDesc kErrors[] = {\n";
    for (const std::string& e : model.errors) {
      const Shape& s = Get(e);
      if (!s.exception) Fail(e + " is listed as an error but is not an exception shape");
      o << "    {" << Quote(e) << ", " << (s.fault ? "true" : "false") << ", "
        << (s.fault ? 500 : 400) << ", &k" << e << "Desc},\n";
    }
    o << "};\nconst int32_t kNumErrors = " << model.errors.size() << ";\n\n";
    o << "const ModelDefect kModelDefects[] = {\n";
    for (auto& [shape, text] : defects) o << "    {" << Quote(shape) << ",\n     " << Quote(text) << "},\n";
    if (defects.empty()) o << "    {\"\", \"\"},\n";
    o << "};\nconst int32_t kNumModelDefects = " << defects.size() << ";\n\n";
    o << "}  // namespace apprunner::pause_service\n";
    return o.str();
  }
};

void Write(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  if (!f) Fail("cannot write " + path);
}

}  // namespace
}  // namespace apprunner::generator

int main(int argc, char** argv) {
  using namespace apprunner::generator;
  std::string model_path, out_dir;
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--model" && i + 1 < argc) model_path = argv[++i];
    else if (a == "--out" && i + 1 < argc) out_dir = argv[++i];
    else if (a == "--quiet") quiet = true;
    else {
      std::cerr << "usage: gen_codec --model MODEL.json --out DIR [--quiet]\n";
      return 2;
    }
  }
  if (model_path.empty() || out_dir.empty()) {
    std::cerr << "usage: gen_codec --model MODEL.json --out DIR [--quiet]\n";
    return 2;
  }
  Generator g;
  g.model = LoadModel(model_path);
  g.Analyse();
  if (!quiet) {
    for (auto& [shape, text] : g.defects) std::cerr << "gen_codec: model defect: " << shape << ": " << text << "\n";
    for (auto& n : g.notes) std::cerr << "gen_codec: note: " << n << "\n";
    for (auto& p : g.patterns) {
      if (p.fast != p.model) std::cerr << "gen_codec: pattern rewritten for RE2: " << p.model << "\n";
    }
  }
  Write(out_dir + "/pause_service_types.h", g.TypesHeader());
  Write(out_dir + "/pause_service_tables.cc", g.Tables());
  return 0;
}
