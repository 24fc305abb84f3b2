// gen_codec: generates the C++ model structs and the field, shape, pattern, operation
// and model tables (codec/table.h) of a whole awsJson service model.
//
//   gen_codec --model model/apprunner.json --out generated/apprunner
//             --namespace apprunner::model --package generated/apprunner
//
// Output: common.{h,cc} (leaf shapes, patterns, enums, the structures several
// operations or the errors share, the errors), one <operation>.{h,cc} per operation
// (its input and output and the structures only it uses), service.{h,cc} (kModel: the
// operations and their dispatch table), and a BUILD.bazel with one library per file
// pair. Nothing here is specific to App Runner: names, target prefix, error statuses and
// patterns all come from the model.
//
// Every model pattern is compiled with RE2 here, at generation time. A pattern RE2
// rejects is rewritten only when the rewrite is proven equivalent (the proof is
// written next to the table row); otherwise generation fails. Model defects (a member
// whose constraints no value can satisfy) are printed and listed in kModelDefects.
#include <re2/re2.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
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
  int http_error = 0;  // the model's @httpError, 0 when it gives none
  std::vector<Member> members;
  std::string map_key, map_value;
  std::string list_member;
};

struct Pattern {
  std::string model;
  std::string fast;
  int64_t fast_max = -1;
  std::string exact;
  std::string search;              // RE2 form for search semantics when it differs from `exact`
  std::vector<std::string> notes;  // the equivalence argument, as comment lines
  // re2_fast as a DFA in its runtime form (codec/dfa_table.h), when it compiles.
  std::optional<apprunner::generator::LoweredDfa> dfa;
  std::vector<uint32_t> run_excluded;  // re2_fast as [^...]* / [^...]+ (see ExcludedRun)
  bool has_run = false;
  bool run_plus = false;
  std::string no_dfa_reason;
};

struct Operation {
  std::string name, input, output, http_method, request_uri;
  std::vector<std::string> errors;
};

struct Model {
  std::map<std::string, std::string> metadata;
  std::vector<Operation> operations;
  std::map<std::string, Shape> shapes;
};

[[noreturn]] void Fail(const std::string& message) {
  std::cerr << "gen_codec: error: " << message << "\n";
  std::exit(1);
}

// A perfect lookup table over a set of names (see codec/member_hash.h): the smallest
// table (then the smallest odd seed) under which every name has a slot of its own.
// Slots hold 1 + the name's index; 0 is empty.
struct MemberTable {
  std::vector<uint8_t> slots;
  uint32_t seed = 0;
  uint8_t bits = 0;
};

MemberTable FindMemberTable(const std::vector<std::string>& names) {
  if (names.size() > 200) Fail("too many names for a uint8_t lookup table");
  uint8_t min_bits = 1;
  while ((size_t{1} << min_bits) < names.size()) ++min_bits;
  for (uint8_t bits = min_bits; bits <= 8; ++bits) {
    for (uint32_t seed = 1; seed < (1u << 20); seed += 2) {
      std::vector<uint8_t> slots(size_t{1} << bits, 0);
      bool perfect = true;
      for (size_t i = 0; i < names.size() && perfect; ++i) {
        uint32_t h = apprunner::codec::MemberHash(names[i], seed, bits);
        if (slots[h] != 0) perfect = false;
        slots[h] = static_cast<uint8_t>(i + 1);
      }
      if (perfect) return {slots, seed, bits};
    }
  }
  Fail("no perfect hash found");
}

std::string GetString(simdjson::dom::element e, const char* key, const std::string& where) {
  std::string_view v;
  if (e[key].get(v)) Fail(where + ": missing string '" + key + "'");
  return std::string(v);
}

// Reads the whole-service form model/import_model.py --service writes: metadata, an
// `operations` array, and `shapes`.
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
  for (const char* key : {"targetPrefix", "serviceId", "apiVersion", "jsonVersion", "signingName"}) {
    if (m.metadata[key].empty()) Fail(std::string("model metadata lacks '") + key + "'");
  }
  simdjson::dom::array ops;
  if (root["operations"].get(ops)) Fail("model has no operations array");
  for (auto op : ops) {
    Operation o;
    o.name = GetString(op, "name", "operation");
    o.input = GetString(op, "input", o.name);
    o.output = GetString(op, "output", o.name);
    o.http_method = GetString(op["http"].value_unsafe(), "method", o.name + ".http");
    o.request_uri = GetString(op["http"].value_unsafe(), "requestUri", o.name + ".http");
    simdjson::dom::array errors;
    if (op["errors"].get(errors)) Fail(o.name + ": no errors list");
    for (auto e : errors) o.errors.emplace_back(std::string_view(e.get_string().value_unsafe()));
    m.operations.push_back(o);
  }
  if (m.operations.empty()) Fail("model has no operations");
  std::sort(m.operations.begin(), m.operations.end(),
            [](const Operation& a, const Operation& b) { return a.name < b.name; });
  simdjson::dom::object shapes;
  if (root["shapes"].get(shapes)) Fail("model has no shapes");
  for (auto [name, e] : shapes) {
    Shape s;
    s.name = std::string(name);
    s.type = GetString(e, "type", s.name);
    int64_t n;
    if (!e["min"].get(n)) {
      s.has_min = true;
      s.min = n;
    }
    if (!e["max"].get(n)) {
      s.has_max = true;
      s.max = n;
    }
    if (!e["httpError"].get(n)) s.http_error = static_cast<int>(n);
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
    if (s.type == "list") s.list_member = GetString(e, "member", s.name);
    m.shapes[s.name] = s;
  }
  return m;
}

// ---- names ---------------------------------------------------------------------

std::string SnakeCase(const std::string& name) {
  static const std::set<std::string> kKeywords = {
      "auto",    "bool",      "break",    "case",     "char",    "class",     "const",    "default",
      "delete",  "do",        "double",   "else",     "enum",    "explicit",  "export",   "extern",
      "false",   "float",     "for",      "friend",   "goto",    "if",        "inline",   "int",
      "long",    "namespace", "new",      "operator", "private", "protected", "public",   "register",
      "return",  "short",     "signed",   "sizeof",   "static",  "struct",    "switch",   "template",
      "this",    "throw",     "true",     "try",      "typedef", "union",     "unsigned", "using",
      "virtual", "void",      "volatile", "while"};
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0) {
      bool prev_lower =
          (name[i - 1] >= 'a' && name[i - 1] <= 'z') || (name[i - 1] >= '0' && name[i - 1] <= '9');
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
    if (c == '_' || c == '-' || c == ' ' || c == '.') {
      start = true;
      continue;
    }
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
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else
      out += static_cast<char>(c);
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
    if (c == '\\' && i + 1 < p.size()) {
      out += c;
      out += p[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    }
    if (c == '.') {
      out += "[^\\n\\r\\x{2028}\\x{2029}]";
      continue;
    }
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
    if (e == 'n') {
      excluded->push_back('\n');
      i += 2;
    } else if (e == 'r') {
      excluded->push_back('\r');
      i += 2;
    } else if (e == 't') {
      excluded->push_back('\t');
      i += 2;
    } else if (e == 'x' && i + 2 < p.size() && p[i + 2] == '{') {
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
  if (std::optional<std::string> whole = RewriteLeadingNegativeLookahead(shape.pattern)) {
    // ^(?!L).+ : RE2 has no lookahead, but the language is regular (regex_shape.h proves
    // both forms; tests/generator/regex_shape_test.cc checks them against std::regex
    // ECMAScript, and the pattern fuzzer against every value it makes).
    std::optional<std::string> search = RewriteLeadingNegativeLookaheadForSearch(shape.pattern);
    std::string error;
    if (!search || !Compiles(*whole, &error) || !Compiles(*search, &error)) {
      Fail(shape.name + ": lookahead rewrite of " + Quote(shape.pattern) + " does not compile: " + error);
    }
    out.fast = out.exact = *whole;
    out.search = *search;
    out.notes.push_back("RE2 has no lookahead. Whole-value form: a value does not start with the");
    out.notes.push_back("literal exactly when it is a proper prefix of it, or agrees with it on some");
    out.notes.push_back("first k characters and then has another one; every character is in");
    out.notes.push_back("ECMA-262's '.' class [^\\n\\r\\x{2028}\\x{2029}].");
    out.notes.push_back("Search form (PatternSemantics::kSearch): the first character is in that");
    out.notes.push_back("class and the value does not start with the literal: " + *search);
    return out;
  }
  std::string translated = TranslateDot(shape.pattern);
  if (translated != shape.pattern) {
    out.notes.push_back(
        "'.' spelled as ECMA-262's [^\\n\\r\\x{2028}\\x{2029}] (RE2's '.' admits \\r, U+2028, U+2029).");
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
  out.notes.push_back("RE2 rejects " + std::string(last.atom) + std::string(last.quantifier) + " (" +
                      "repeat counts over " + std::to_string(kRe2MaxRepeat) + ").");
  out.notes.push_back("Exact form: " + std::string(last.atom) + std::string(last.quantifier) + " == " +
                      exact.substr(prefix.size()) + " (each repetition matches one code point; counts add).");

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
                      " code points, so the last element repeats at most " + std::to_string(shape.max) +
                      " - " + std::to_string(*prefix_min) + " = " + std::to_string(tail_max) +
                      " <= " + std::to_string(last.max_repeat) + " times: the upper count never binds.");
  return out;
}

// ---- generation ----------------------------------------------------------------

constexpr const char* kRt = "::apprunner::codec::";

struct Generator {
  Model model;
  std::string model_path;  // as given on the command line, for the file comments
  std::string ns = "apprunner::model";
  std::string package = "generated/apprunner";
  std::vector<std::string> struct_order;    // dependency order
  std::vector<std::string> leaf_order;      // shapes with a ShapeDesc row
  std::map<std::string, std::string> home;  // structure -> file stem
  std::set<std::string> outputs;            // an operation's output
  std::vector<std::string> error_order;     // every exception shape, by name
  std::vector<Pattern> patterns;
  std::map<std::string, int> shape_pattern;  // shape -> pattern index
  std::vector<std::pair<std::string, std::string>> defects;
  std::vector<std::string> notes;

  const Shape& Get(const std::string& name) {
    auto it = model.shapes.find(name);
    if (it == model.shapes.end()) Fail("unknown shape " + name);
    return it->second;
  }

  // The structure a member or list element leads to, if any.
  const Shape* StructOf(const std::string& target) {
    const Shape& t = Get(target);
    if (t.type == "structure") return &t;
    if (t.type == "list" && Get(t.list_member).type == "structure") return &Get(t.list_member);
    return nullptr;
  }

  void OrderStructs(const std::string& name, std::set<std::string>* visiting, std::set<std::string>* done) {
    if (done->count(name)) return;
    if (visiting->count(name)) Fail("recursive structure " + name + " is not supported");
    visiting->insert(name);
    for (const Member& m : Get(name).members) {
      if (const Shape* sub = StructOf(m.target)) OrderStructs(sub->name, visiting, done);
    }
    visiting->erase(name);
    done->insert(name);
    struct_order.push_back(name);
  }

  void Reach(const std::string& name, std::set<std::string>* seen) {
    if (!seen->insert(name).second) return;
    for (const Member& m : Get(name).members) {
      if (const Shape* sub = StructOf(m.target)) Reach(sub->name, seen);
    }
  }

  static std::string Stem(const std::string& operation) { return SnakeCase(operation); }

  void Analyse() {
    std::set<std::string> visiting, done;
    for (const Operation& op : model.operations) {
      if (Get(op.input).type != "structure" || Get(op.output).type != "structure") {
        Fail(op.name + ": input and output must be structures");
      }
      OrderStructs(op.input, &visiting, &done);
      OrderStructs(op.output, &visiting, &done);
      outputs.insert(op.output);
      for (const std::string& e : op.errors) {
        if (!Get(e).exception)
          Fail(e + " is listed as an error of " + op.name + " but is not an exception shape");
      }
    }
    for (auto& [name, shape] : model.shapes) {
      if (shape.type == "structure") OrderStructs(name, &visiting, &done);
      if (shape.exception) error_order.push_back(name);
    }
    // Each structure lives with the only operation that reaches it, else in common.
    std::map<std::string, std::set<std::string>> reached_by;
    for (const Operation& op : model.operations) {
      std::set<std::string> seen;
      Reach(op.input, &seen);
      Reach(op.output, &seen);
      for (const std::string& s : seen) reached_by[s].insert(Stem(op.name));
    }
    std::set<std::string> by_errors;
    for (const std::string& e : error_order) Reach(e, &by_errors);
    for (const std::string& name : struct_order) {
      const auto& ops = reached_by[name];
      home[name] = ops.size() == 1 && !by_errors.count(name) ? *ops.begin() : "common";
      if (Get(name).members.size() > 64)
        Fail(name + ": more than 64 members (the decoder's duplicate check)");
    }
    for (auto& [name, shape] : model.shapes) {
      if (shape.type == "structure") continue;
      if ((shape.type == "list" || shape.type == "map") && (shape.has_min || shape.has_max)) {
        Fail(name + ": length constraints on a " + shape.type + " are not supported");
      }
      if (shape.type == "list") {
        const Shape& e = Get(shape.list_member);
        if (e.type == "list" || e.type == "map") Fail(name + ": lists of " + e.type + "s are not supported");
      } else if (shape.type == "map") {
        if (Get(shape.map_key).type != "string" || Get(shape.map_value).type != "string") {
          Fail(name + ": only string-to-string maps are supported");
        }
      } else if (shape.type != "string" && shape.type != "integer" && shape.type != "boolean" &&
                 shape.type != "timestamp") {
        Fail(name + ": unsupported shape type " + shape.type);
      }
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
      if (it != by_text.end()) {
        shape_pattern[name] = it->second;
        continue;
      }
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
        // Equality with RE2 is not proven here; the differential fuzzer (tests/fuzz)
        // checks it in CI.
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
    for (auto& d : defects)
      if (d.first == name) return true;
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
      defects.emplace_back(s.name, "length " + range + " but every match of the pattern " + s.pattern +
                                       " has " + prange +
                                       " code points: no value satisfies both. Policy: the "
                                       "length is enforced, the pattern is not.");
    } else if (*pmin > lo) {
      notes.push_back(s.name + ": the length admits " + std::to_string(lo) +
                      " code points but the pattern needs at least " + std::to_string(*pmin) +
                      " (both are enforced)");
    }
  }

  // ---- C++ names and types ----

  std::string ScalarType(const Shape& t) {
    if (t.type == "structure") return t.name;
    if (t.type == "string" && !t.enum_values.empty()) return std::string(kRt) + "OpenEnum<" + t.name + ">";
    if (t.type == "string") return "std::string_view";
    if (t.type == "integer") return "int32_t";
    if (t.type == "boolean") return "bool";
    if (t.type == "timestamp") return std::string(kRt) + "Timestamp";
    if (t.type == "map") return std::string(kRt) + "StringMap";
    if (t.type == "list") return std::string(kRt) + "List<" + ScalarType(Get(t.list_member)) + ">";
    Fail("no C++ type for " + t.name);
  }

  std::string CppType(const Member& m) { return "std::optional<" + ScalarType(Get(m.target)) + ">"; }

  std::string KindOf(const Shape& t) {
    if (t.type == "structure") return "FieldKind::kStructure";
    if (t.type == "string") return t.enum_values.empty() ? "FieldKind::kString" : "FieldKind::kEnum";
    if (t.type == "integer") return "FieldKind::kInteger";
    if (t.type == "boolean") return "FieldKind::kBoolean";
    if (t.type == "timestamp") return "FieldKind::kTimestamp";
    if (t.type == "list") return "FieldKind::kList";
    return "FieldKind::kMap";
  }

  std::string Guard(const std::string& file) {
    std::string g = package + "/" + file + "_";
    for (char& c : g)
      c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_';
    return g;
  }

  std::string Banner() {
    return "// GENERATED by //generator:gen_codec from " + model_path +
           ".\n// DO NOT EDIT. Regenerate: ./bazelw run //generator:regen\n";
  }

  std::vector<std::string> StructsIn(const std::string& stem) {
    std::vector<std::string> out;
    for (const std::string& name : struct_order) {
      if (home[name] == stem) out.push_back(name);
    }
    return out;
  }

  // Struct definitions, their table declarations and ModelTraits (a header's body).
  std::string StructDecls(const std::vector<std::string>& names) {
    std::ostringstream o;
    for (const std::string& name : names) {
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
      if (!s.members.empty()) o << "\n";
      o << "  friend bool operator==(const " << name << "& a, const " << name << "& b) {\n";
      if (s.members.empty()) {
        o << "    (void)a;\n    (void)b;\n    return true;\n  }\n";
      } else {
        o << "    return ";
        for (size_t i = 0; i < s.members.size(); ++i) {
          std::string cxx = SnakeCase(s.members[i].name);
          o << (i ? " &&\n           " : "") << "a." << cxx << " == b." << cxx;
        }
        o << ";\n  }\n";
      }
      o << "  friend bool operator!=(const " << name << "& a, const " << name
        << "& b) { return !(a == b); }\n};\n";
      o << "extern const " << kRt << "StructDesc k" << name << "Desc;\n\n";
    }
    return o.str();
  }

  std::string Traits(const std::vector<std::string>& names) {
    if (names.empty()) return "";
    std::ostringstream o;
    o << "namespace apprunner::codec {\n";
    for (const std::string& name : names) {
      o << "template <>\nstruct ModelTraits<::" << ns << "::" << name << "> {\n"
        << "  static const StructDesc& desc() { return ::" << ns << "::k" << name << "Desc; }\n};\n";
    }
    o << "}  // namespace apprunner::codec\n\n";
    return o.str();
  }

  static std::string Raw(const std::string& s) {
    if (s.find(")re\"") != std::string::npos) Fail("pattern contains the raw-string delimiter");
    return "R\"re(" + s + ")re\"";
  }

  std::string ShapeRef(const std::string& name) { return "&kShapes[kShape" + name + "]"; }

  // The FieldDesc rows, member lookup table and StructDesc of one structure (a .cc body).
  std::string StructTable(const std::string& name) {
    std::ostringstream o;
    const Shape& s = Get(name);
    const std::string empty_output = outputs.count(name) ? "true" : "false";
    const std::string size = "sizeof(" + name + "), alignof(" + name + ")";
    const std::string reset = "[](void* o) { new (o) " + name + "(); }";
    if (s.members.empty()) {
      o << "const StructDesc k" << name << "Desc = {" << Quote(name) << ", nullptr, 0,\n    " << reset
        << ",\n    false, nullptr, 0, 0, " << empty_output << ", " << size << "};\n\n";
      return o.str();
    }
    o << "namespace {\n";
    std::set<std::string> lists;
    for (const Member& m : s.members) {
      const Shape& t = Get(m.target);
      if (t.type != "list" || !lists.insert(t.name).second) continue;
      const Shape& e = Get(t.list_member);
      o << "const ListDesc k" << name << t.name << "List = {" << KindOf(e) << ", "
        << (e.type == "structure" ? "nullptr" : ShapeRef(e.name)) << ", "
        << (e.type == "structure" ? "&k" + e.name + "Desc" : "nullptr") << ", sizeof(" << ScalarType(e)
        << "), alignof(" << ScalarType(e) << ")};\n";
    }
    o << "const FieldDesc k" << name << "Fields[] = {\n";
    for (const Member& m : s.members) {
      const Shape& t = Get(m.target);
      std::string cxx = SnakeCase(m.name);
      std::string kind = KindOf(t);
      bool is_enum = kind == "FieldKind::kEnum";
      bool is_list = kind == "FieldKind::kList";
      std::string value_ptr =
          is_enum   ? "static_cast<EnumValue*>(&static_cast<" + name + "*>(o)->" + cxx + ".emplace())"
          : is_list ? "static_cast<ListView*>(&static_cast<" + name + "*>(o)->" + cxx + ".emplace())"
                    : "&static_cast<" + name + "*>(o)->" + cxx + ".emplace()";
      std::string get_ptr = is_enum   ? "static_cast<const EnumValue*>(&*m)"
                            : is_list ? "static_cast<const ListView*>(&*m)"
                                      : "&*m";
      o << "    {" << Quote(m.name) << ", " << Quote(LowerCamel(m.name)) << ", " << kind << ", "
        << (m.required ? "true" : "false") << ", " << (t.type == "structure" ? "nullptr" : ShapeRef(t.name))
        << ", " << (t.type == "structure" ? "&k" + t.name + "Desc" : "nullptr") << ", "
        << (is_list ? "&k" + name + t.name + "List" : "nullptr") << ",\n"
        << "     [](void* o) -> void* { return " << value_ptr << "; },\n"
        << "     [](const void* o) -> const void* {\n"
        << "       const auto& m = static_cast<const " << name << "*>(o)->" << cxx << ";\n"
        << "       return m ? " << get_ptr << " : nullptr;\n     }},\n";
    }
    o << "};\n";
    std::vector<std::string> names;
    for (const Member& m : s.members) names.push_back(m.name);
    MemberTable table = FindMemberTable(names);
    o << "constexpr uint8_t k" << name << "Slots[] = {";
    for (size_t k = 0; k < table.slots.size(); ++k)
      o << (k % 32 ? " " : "\n    ") << int(table.slots[k]) << ",";
    o << "\n};\n}  // namespace\n";
    o << "const StructDesc k" << name << "Desc = {" << Quote(name) << ", k" << name << "Fields, "
      << s.members.size() << ",\n    " << reset << ",\n    false, k" << name << "Slots, " << table.seed
      << "u, " << int(table.bits) << ", " << empty_output << ", " << size << "};\n\n";
    return o.str();
  }

  std::string SourceOpen(const std::vector<std::string>& includes) {
    std::ostringstream o;
    o << Banner() << "\n#include <cstdint>\n#include <new>\n#include <optional>\n#include <string_view>\n\n";
    for (const std::string& i : includes) o << "#include \"" << i << "\"\n";
    o << "#include \"codec/table.h\"\n#include \"codec/types.h\"\n\nnamespace " << ns
      << " {\n\nusing namespace ::apprunner::codec;\n\n";
    return o.str();
  }

  std::string CommonHeader() {
    std::ostringstream o;
    o << Banner();
    o << "//\n// The shapes the operations share: constants, leaf-shape and pattern tables, enums,\n"
         "// the structures more than one operation (or an error) uses, and the errors. One\n"
         "// struct per model structure, members in model order, every member optional\n"
         "// (absent = std::nullopt). Strings are views: see codec/types.h for lifetimes.\n";
    o << "#ifndef " << Guard("common.h") << "\n#define " << Guard("common.h") << "\n\n"
      << "#include <cstdint>\n#include <optional>\n#include <string_view>\n\n"
      << "#include \"codec/table.h\"\n#include \"codec/types.h\"\n\nnamespace " << ns << " {\n\n";
    auto meta = [&](const char* key) { return Quote(model.metadata[key]); };
    o << "// Protocol metadata.\n";
    o << "inline constexpr std::string_view kApiVersion = " << meta("apiVersion") << ";\n";
    o << "inline constexpr std::string_view kServiceId = " << meta("serviceId") << ";\n";
    o << "inline constexpr std::string_view kTargetPrefix = " << meta("targetPrefix") << ";\n";
    o << "inline constexpr std::string_view kSigningName = " << meta("signingName") << ";\n";
    o << "inline constexpr std::string_view kContentType = "
      << Quote("application/x-amz-json-" + model.metadata["jsonVersion"]) << ";\n\n";
    o << "// Leaf shapes (every shape that is not a structure): kShapes[kShape<Name>].\nenum ShapeIndex : "
         "int32_t {\n";
    for (size_t i = 0; i < leaf_order.size(); ++i) o << "  kShape" << leaf_order[i] << " = " << i << ",\n";
    o << "};\nextern const " << kRt << "ShapeDesc kShapes[];\nextern const int32_t kNumShapes;\n";
    o << "extern const " << kRt << "PatternDesc kPatterns[];\nextern const int32_t kNumPatterns;\n\n";
    o << "// Every error shape of the service: kErrors[kError<Name>].\nenum ErrorIndex : int32_t {\n";
    for (size_t i = 0; i < error_order.size(); ++i) o << "  kError" << error_order[i] << " = " << i << ",\n";
    o << "};\nextern const " << kRt << "ErrorDesc kErrors[];\nextern const int32_t kNumErrors;\n\n";
    o << "// Members whose constraints no value can satisfy, and the policy applied.\n"
      << "extern const " << kRt << "ModelDefect kModelDefects[];\nextern const int32_t kNumModelDefects;\n\n";
    for (const std::string& name : leaf_order) {
      const Shape& s = Get(name);
      if (s.enum_values.empty()) continue;
      o << "// Open enum " << name << ": kUnknown for a value the model does not list.\n";
      o << "enum class " << name << " : int32_t {\n  kUnknown = " << kRt << "kUnknownEnumIndex,\n";
      for (size_t i = 0; i < s.enum_values.size(); ++i) {
        o << "  " << EnumeratorName(s.enum_values[i]) << " = " << i << ",  // " << s.enum_values[i] << "\n";
      }
      o << "};\n\n";
    }
    std::vector<std::string> common = StructsIn("common");
    o << StructDecls(common);
    o << "}  // namespace " << ns << "\n\n" << Traits(common);
    o << "#endif  // " << Guard("common.h") << "\n";
    return o.str();
  }

  std::string CommonSource() {
    std::ostringstream o;
    o << SourceOpen({package + "/common.h"});
    o << "namespace {\n\n";
    for (const std::string& name : leaf_order) {
      const Shape& s = Get(name);
      if (s.enum_values.empty()) continue;
      o << "constexpr std::string_view k" << name << "Values[] = {";
      for (size_t i = 0; i < s.enum_values.size(); ++i) o << (i ? ", " : "") << Quote(s.enum_values[i]);
      o << "};\n";
    }
    o << "\n";
    for (size_t i = 0; i < patterns.size(); ++i) {
      if (!patterns[i].dfa) continue;
      const LoweredDfa& d = *patterns[i].dfa;
      const std::string id = "kDfa" + std::to_string(i);
      o << "// DFA of pattern [" << i << "] (codec/dfa_table.h).\nconstexpr uint8_t " << id
        << "Classes[256] = {";
      for (int c = 0; c < 256; ++c) o << (c % 32 ? "" : "\n    ") << int(d.byte_class[c]) << ",";
      o << "\n};\nconstexpr uint32_t " << id << "Next[] = {";
      for (size_t k = 0; k < d.next.size(); ++k)
        o << (k % d.num_classes ? "" : "\n    ") << d.next[k] << "u,";
      o << "\n};\nconstexpr uint8_t " << id << "Accepting[] = {";
      for (size_t k = 0; k < d.accepting.size(); ++k)
        o << (k % 64 ? "" : "\n    ") << int(d.accepting[k]) << ",";
      o << "\n};\nconstexpr uint8_t " << id << "RunBytes[] = {";
      for (size_t k = 0; k < d.run_bytes.size(); ++k)
        o << (k % 64 ? "" : "\n    ") << int(d.run_bytes[k]) << ",";
      // {run_bytes, run_chain, run_length, run_stays, literal_length, literal, literal_end}
      o << "\n};\nconstexpr DfaShortcut " << id << "Shortcuts[] = {";
      for (const apprunner::codec::DfaShortcut& c : d.shortcuts) {
        o << "\n    {" << c.run_bytes << "u, " << c.run_chain << ", " << c.run_length << ", "
          << int(c.run_stays) << ", " << int(c.literal_length) << ", " << c.literal << ", " << c.literal_end
          << "u},";
      }
      o << "\n};\nconstexpr uint32_t " << id << "Chains[] = {";
      for (size_t k = 0; k < d.chains.size(); ++k) o << (k % 16 ? " " : "\n    ") << d.chains[k] << "u,";
      o << "\n};\nconstexpr char " << id << "Literals[] = {";
      for (size_t k = 0; k < d.literals.size(); ++k)
        o << (k % 32 ? " " : "\n    ") << int(d.literals[k]) << ",";
      o << "\n};\nconstexpr DfaTable " << id << " = {" << id << "Classes, " << id << "Next, " << id
        << "Accepting, " << id << "Shortcuts, " << id << "RunBytes, " << id << "Chains, " << id
        << "Literals, " << d.num_classes << ", " << d.num_states << "};\n\n";
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
      o << "    {" << Raw(p.model) << ",\n     " << Raw(p.fast) << ",\n     " << p.fast_max << ",\n     "
        << Raw(p.exact) << ",\n     " << (p.dfa ? "&kDfa" + std::to_string(i) : std::string("nullptr"))
        << ", " << (p.has_run ? "&kRun" + std::to_string(i) : std::string("nullptr")) << ",\n     "
        << (p.search.empty() ? std::string("{}") : Raw(p.search)) << "},\n";
    }
    o << "};\nconst int32_t kNumPatterns = " << patterns.size() << ";\n\n";
    o << "const ShapeDesc kShapes[] = {\n";
    for (const std::string& name : leaf_order) {
      const Shape& s = Get(name);
      auto pat = shape_pattern.find(name);
      o << "    {" << Quote(name) << ", " << (s.has_min ? "true" : "false") << ", "
        << (s.has_max ? "true" : "false") << ", " << s.min << ", " << s.max << ", "
        << (pat == shape_pattern.end() ? "nullptr" : "&kPatterns[" + std::to_string(pat->second) + "]")
        << ", ";
      if (s.enum_values.empty())
        o << "nullptr, 0, ";
      else
        o << "k" << name << "Values, " << s.enum_values.size() << ", ";
      o << (s.sensitive ? "true" : "false") << ", " << (s.map_key.empty() ? "nullptr" : ShapeRef(s.map_key))
        << ", " << (s.map_value.empty() ? "nullptr" : ShapeRef(s.map_value)) << "},\n";
    }
    o << "};\nconst int32_t kNumShapes = " << leaf_order.size() << ";\n\n";
    for (const std::string& name : StructsIn("common")) o << StructTable(name);
    o << "const ErrorDesc kErrors[] = {\n";
    for (const std::string& e : error_order) {
      const Shape& s = Get(e);
      int status = s.http_error ? s.http_error : (s.fault ? 500 : 400);
      o << "    {" << Quote(e) << ", " << (s.fault ? "true" : "false") << ", " << status << ", &k" << e
        << "Desc},\n";
    }
    o << "};\nconst int32_t kNumErrors = " << error_order.size() << ";\n\n";
    o << "const ModelDefect kModelDefects[] = {\n";
    for (auto& [shape, text] : defects) o << "    {" << Quote(shape) << ",\n     " << Quote(text) << "},\n";
    if (defects.empty()) o << "    {\"\", \"\"},\n";
    o << "};\nconst int32_t kNumModelDefects = " << defects.size() << ";\n\n";
    o << "}  // namespace " << ns << "\n";
    return o.str();
  }

  std::string OperationHeader(const Operation& op) {
    const std::string stem = Stem(op.name), file = stem + ".h";
    std::ostringstream o;
    o << Banner() << "//\n// Operation " << op.name << ": " << op.input << " -> " << op.output
      << ", and the structures only it uses.\n";
    o << "#ifndef " << Guard(file) << "\n#define " << Guard(file)
      << "\n\n#include <optional>\n#include <string_view>\n\n"
      << "#include \"" << package << "/common.h\"\n#include \"codec/table.h\"\n#include \"codec/types.h\"\n\n"
      << "namespace " << ns << " {\n\n";
    std::vector<std::string> mine = StructsIn(stem);
    o << StructDecls(mine);
    o << "// X-Amz-Target: " << model.metadata["targetPrefix"] << "." << op.name << "\n";
    o << "inline constexpr std::string_view k" << op.name
      << "Target = " << Quote(model.metadata["targetPrefix"] + "." + op.name) << ";\n";
    o << "extern const " << kRt << "OperationDesc k" << op.name << "Operation;\n\n";
    o << "}  // namespace " << ns << "\n\n" << Traits(mine);
    o << "#endif  // " << Guard(file) << "\n";
    return o.str();
  }

  std::string OperationSource(const Operation& op) {
    const std::string stem = Stem(op.name);
    std::ostringstream o;
    o << SourceOpen({package + "/" + stem + ".h"});
    for (const std::string& name : StructsIn(stem)) o << StructTable(name);
    o << "namespace {\nconst ErrorDesc* const k" << op.name << "Errors[] = {";
    for (const std::string& e : op.errors) o << "&kErrors[kError" << e << "], ";
    o << "};\n}  // namespace\n\n";
    o << "const OperationDesc k" << op.name << "Operation = {" << Quote(op.name) << ", k" << op.name
      << "Target, " << Quote(op.http_method) << ", " << Quote(op.request_uri) << ",\n    &k" << op.input
      << "Desc, &k" << op.output << "Desc, k" << op.name << "Errors, " << op.errors.size()
      << "};\n\n}  // namespace " << ns << "\n";
    return o.str();
  }

  std::string ServiceHeader() {
    std::ostringstream o;
    o << Banner() << "//\n// The whole " << model.metadata["serviceId"]
      << " service: every operation's header, and\n"
      << "// kModel, the ModelDesc the runtime dispatches and validates with.\n";
    o << "#ifndef " << Guard("service.h") << "\n#define " << Guard("service.h") << "\n\n";
    o << "#include \"" << package << "/common.h\"\n";
    for (const Operation& op : model.operations)
      o << "#include \"" << package << "/" << Stem(op.name) << ".h\"\n";
    o << "#include \"codec/table.h\"\n\nnamespace " << ns << " {\n\n";
    o << "extern const " << kRt << "ModelDesc kModel;\n\n}  // namespace " << ns << "\n\n";
    o << "#endif  // " << Guard("service.h") << "\n";
    return o.str();
  }

  std::string ServiceSource() {
    std::ostringstream o;
    o << SourceOpen({package + "/service.h"});
    std::vector<std::string> names;
    for (const Operation& op : model.operations) names.push_back(op.name);
    MemberTable table = FindMemberTable(names);
    o << "namespace {\n\nconst OperationDesc* const kOperations[] = {\n";
    for (const Operation& op : model.operations) o << "    &k" << op.name << "Operation,\n";
    o << "};\n\n// Operation lookup by name (codec/member_hash.h).\nconstexpr uint8_t kOperationSlots[] = {";
    for (size_t k = 0; k < table.slots.size(); ++k)
      o << (k % 32 ? " " : "\n    ") << int(table.slots[k]) << ",";
    o << "\n};\n\n}  // namespace\n\n";
    o << "const ModelDesc kModel = {kServiceId, kApiVersion, kTargetPrefix, kSigningName, kContentType,\n"
      << "    kOperations, " << model.operations.size() << ", kErrors, " << error_order.size()
      << ", kPatterns, " << patterns.size() << ", kShapes, " << leaf_order.size() << ",\n    kModelDefects, "
      << defects.size() << ", kOperationSlots, " << table.seed << "u, " << int(table.bits)
      << "};\n\n}  // namespace " << ns << "\n";
    return o.str();
  }

  std::string Build() {
    std::ostringstream o;
    o << "# GENERATED by //generator:gen_codec from " << model_path
      << ".\n# DO NOT EDIT. Regenerate: ./bazelw run //generator:regen\n";
    o << "# One library per operation (the structures only it uses), one for what they share,\n"
         "# and \":"
      << package.substr(package.rfind('/') + 1)
      << "\" for the whole service "
         "(kModel): compiled in parallel, and an operation\n# that did not change is not recompiled.\n";
    o << "load(\"//bazel:copts.bzl\", \"PS_DEFAULT_COPTS\")\n\npackage(default_visibility = "
         "[\"//visibility:public\"])\n\n";
    o << "cc_library(\n    name = \"common\",\n    srcs = [\"common.cc\"],\n    hdrs = [\"common.h\"],\n"
         "    copts = PS_DEFAULT_COPTS,\n    deps = [\"//codec:contract\"],\n)\n\n";
    for (const Operation& op : model.operations) {
      std::string stem = Stem(op.name);
      o << "cc_library(\n    name = \"" << stem << "\",\n    srcs = [\"" << stem << ".cc\"],\n    hdrs = [\""
        << stem << ".h\"],\n    copts = PS_DEFAULT_COPTS,\n    deps = [\n        \":common\",\n"
        << "        \"//codec:contract\",\n    ],\n)\n\n";
    }
    o << "cc_library(\n    name = \"" << package.substr(package.rfind('/') + 1)
      << "\",\n    srcs = [\"service.cc\"],\n    hdrs = [\"service.h\"],\n    copts = PS_DEFAULT_COPTS,\n    "
         "deps = [\n"
      << "        \":common\",\n";
    for (const Operation& op : model.operations) o << "        \":" << Stem(op.name) << "\",\n";
    o << "        \"//codec:contract\",\n    ],\n)\n\n";
    o << "# The checked-in files, for //tests/generator:generated_drift_test.\nfilegroup(\n"
         "    name = \"files\",\n    srcs = glob([\"*.h\", \"*.cc\"]) + [\"BUILD.bazel\"],\n)\n";
    return o.str();
  }

  // Every output file, by name.
  std::map<std::string, std::string> Files() {
    std::map<std::string, std::string> files;
    files["common.h"] = CommonHeader();
    files["common.cc"] = CommonSource();
    for (const Operation& op : model.operations) {
      files[Stem(op.name) + ".h"] = OperationHeader(op);
      files[Stem(op.name) + ".cc"] = OperationSource(op);
    }
    files["service.h"] = ServiceHeader();
    files["service.cc"] = ServiceSource();
    files["BUILD.bazel"] = Build();
    return files;
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
  const char* kUsage =
      "usage: gen_codec --model MODEL.json (--out DIR | --bundle FILE) [--namespace NS]\n"
      "                 [--package PKG] [--model-name NAME] [--quiet]\n"
      "  --out DIR       write one file per output into DIR\n"
      "  --bundle FILE   write every output into FILE, each after a line \"==> NAME <==\"\n"
      "  --namespace NS  C++ namespace of the generated code (apprunner::model)\n"
      "  --package PKG   directory of the generated files, for #include (generated/apprunner)\n"
      "  --model-name N  the model's path as the file comments cite it (default: --model)\n";
  std::string model_path, out_dir, bundle, model_name;
  Generator g;
  bool quiet = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << kUsage;
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--model")
      model_path = value();
    else if (a == "--out")
      out_dir = value();
    else if (a == "--bundle")
      bundle = value();
    else if (a == "--namespace")
      g.ns = value();
    else if (a == "--package")
      g.package = value();
    else if (a == "--model-name")
      model_name = value();
    else if (a == "--quiet")
      quiet = true;
    else {
      std::cerr << kUsage;
      return 2;
    }
  }
  if (model_path.empty() || (out_dir.empty() == bundle.empty())) {
    std::cerr << kUsage;
    return 2;
  }
  g.model_path = model_name.empty() ? model_path : model_name;
  g.model = LoadModel(model_path);
  g.Analyse();
  if (!quiet) {
    for (auto& [shape, text] : g.defects)
      std::cerr << "gen_codec: model defect: " << shape << ": " << text << "\n";
    for (auto& n : g.notes) std::cerr << "gen_codec: note: " << n << "\n";
    for (auto& p : g.patterns) {
      if (p.fast != p.model) std::cerr << "gen_codec: pattern rewritten for RE2: " << p.model << "\n";
    }
  }
  std::map<std::string, std::string> files = g.Files();
  if (!bundle.empty()) {
    std::string all;
    for (auto& [name, text] : files) all += "==> " + name + " <==\n" + text;
    Write(bundle, all);
  } else {
    for (auto& [name, text] : files) Write(out_dir + "/" + name, text);
  }
  return 0;
}
