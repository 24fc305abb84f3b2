#include "generator/dfa.h"

#include <algorithm>
#include <bitset>
#include <cstring>
#include <map>
#include <set>

namespace apprunner::generator {
namespace {

// Byte sets: ASCII for the pattern's own characters; bytes 0x80-0xFF only in the UTF-8
// sequences of negated classes.
using CharSet = std::bitset<256>;

// Thompson NFA: each state has up to two epsilon edges, or one edge on a CharSet.
struct NfaState {
  CharSet on;
  int target = -1;  // for a CharSet edge
  int eps1 = -1, eps2 = -1;
};

struct Fragment {
  int start, end;  // end has no outgoing edges yet
};

class Builder {
 public:
  explicit Builder(std::string_view p, size_t max_states) : p_(p), max_states_(max_states) {}

  std::optional<Fragment> Parse(std::string* why) {
    auto f = Alternation();
    if (!error_.empty() || pos_ != p_.size()) {
      *why = error_.empty() ? "unexpected ')' at " + std::to_string(pos_) : error_;
      return std::nullopt;
    }
    return f;
  }

  std::vector<NfaState> states;

 private:
  int New() {
    if (states.size() >= max_states_ * 4) {
      Error("NFA too large");
      return 0;
    }
    states.emplace_back();
    return static_cast<int>(states.size() - 1);
  }
  void Error(const std::string& e) {
    if (error_.empty()) error_ = e;
  }
  bool Done() const { return pos_ >= p_.size(); }

  Fragment Empty() {
    int s = New();
    return {s, s};
  }
  Fragment Char(const CharSet& set) {
    int a = New(), b = New();
    states[a].on = set;
    states[a].target = b;
    return {a, b};
  }
  Fragment Concat(Fragment x, Fragment y) {
    states[x.end].eps1 = y.start;
    return {x.start, y.end};
  }
  Fragment Alt(Fragment x, Fragment y) {
    int s = New(), e = New();
    states[s].eps1 = x.start;
    states[s].eps2 = y.start;
    states[x.end].eps1 = e;
    states[y.end].eps1 = e;
    return {s, e};
  }
  Fragment Optional(Fragment x) { return Alt(x, Empty()); }
  Fragment Star(Fragment x) {
    int s = New(), e = New();
    states[s].eps1 = x.start;
    states[s].eps2 = e;
    states[x.end].eps1 = x.start;
    states[x.end].eps2 = e;
    return {s, e};
  }

  // Re-parses the atom text at [from, to) to get a fresh copy of its fragment.
  Fragment AtomAt(size_t from) {
    size_t saved = pos_;
    pos_ = from;
    Fragment f = Atom();
    pos_ = saved;
    return f;
  }

  std::optional<Fragment> Alternation() {
    const bool at_start = at_start_;
    std::optional<Fragment> left = Sequence();
    while (!Done() && p_[pos_] == '|' && error_.empty()) {
      ++pos_;
      at_start_ = at_start;  // each alternative begins where the alternation does
      std::optional<Fragment> right = Sequence();
      left = Alt(*left, *right);
    }
    return left;
  }

  std::optional<Fragment> Sequence() {
    Fragment f = Empty();
    while (!Done() && p_[pos_] != '|' && p_[pos_] != ')' && error_.empty()) {
      size_t atom_start = pos_;
      bool anchor = p_[pos_] == '^';
      Fragment atom = Atom();
      f = Concat(f, Quantified(atom, atom_start));
      if (!anchor) at_start_ = false;  // conservatively: as if the atom read something
    }
    return f;
  }

  Fragment Quantified(Fragment atom, size_t atom_start) {
    if (Done()) return atom;
    char c = p_[pos_];
    int64_t lo = 1, hi = 1;
    if (c == '*') {
      lo = 0;
      hi = -1;
      ++pos_;
    } else if (c == '+') {
      lo = 1;
      hi = -1;
      ++pos_;
    } else if (c == '?') {
      lo = 0;
      hi = 1;
      ++pos_;
    } else if (c == '{') {
      size_t close = p_.find('}', pos_);
      if (close == std::string_view::npos) {
        Error("unclosed {");
        return atom;
      }
      std::string body(p_.substr(pos_ + 1, close - pos_ - 1));
      size_t comma = body.find(',');
      if (body.empty() || body.find_first_not_of("0123456789,") != std::string::npos) {
        Error("bad repetition " + body);
        return atom;
      }
      lo = std::stoll(body.substr(0, comma));
      hi = comma == std::string::npos ? lo
                                      : (comma + 1 == body.size() ? -1 : std::stoll(body.substr(comma + 1)));
      pos_ = close + 1;
    } else {
      return atom;
    }
    if (!Done() && p_[pos_] == '?') ++pos_;  // lazy: same language
    if (!Done() && (p_[pos_] == '*' || p_[pos_] == '+' || p_[pos_] == '?' || p_[pos_] == '{')) {
      Error("stacked quantifiers");
      return atom;
    }
    if ((hi >= 0 && hi < lo) || lo > 2000 || hi > 2000) {
      Error("repetition too large");
      return atom;
    }
    size_t atom_end = pos_;
    (void)atom_end;
    // Unroll: lo copies, then (hi - lo) optional copies, or a star when unbounded.
    Fragment out = Empty();
    bool first = true;
    auto copy = [&]() {
      if (first) {
        first = false;
        return atom;
      }
      return AtomAt(atom_start);
    };
    for (int64_t i = 0; i < lo && error_.empty(); ++i) out = Concat(out, copy());
    if (hi < 0) {
      out = Concat(out, Star(copy()));
    } else {
      for (int64_t i = lo; i < hi && error_.empty(); ++i) out = Concat(out, Optional(copy()));
    }
    return out;
  }

  // `non_ascii`: where a \x{H..} escape above U+007F goes (only a negated class takes
  // one); nullptr refuses it.
  bool Escape(CharSet* set, std::vector<uint32_t>* non_ascii = nullptr) {  // at p_[pos_] == '\\'
    if (pos_ + 1 >= p_.size()) {
      Error("trailing backslash");
      return false;
    }
    char e = p_[pos_ + 1];
    pos_ += 2;
    set->reset();
    if (e == 'x' && pos_ < p_.size() && p_[pos_] == '{') {
      size_t close = p_.find('}', pos_);
      std::string hex(close == std::string_view::npos ? "" : p_.substr(pos_ + 1, close - pos_ - 1));
      if (hex.empty() || hex.size() > 6 ||
          hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
        Error("bad \\x{} escape");
        return false;
      }
      uint32_t v = static_cast<uint32_t>(std::stoul(hex, nullptr, 16));
      pos_ = close + 1;
      if (v < 128) {
        set->set(v);
        return true;
      }
      if (non_ascii == nullptr || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        Error("non-ASCII escape");
        return false;
      }
      non_ascii->push_back(v);
      return true;
    }
    if (e == 'w') {
      for (int c = 0; c < 128; ++c)
        if (isalnum(c) || c == '_') set->set(c);
    } else if (e == 'd') {
      for (int c = '0'; c <= '9'; ++c) set->set(c);
    } else if (e == 'x') {
      if (pos_ + 2 > p_.size()) {
        Error("unsupported \\x form");
        return false;
      }
      int v = std::stoi(std::string(p_.substr(pos_, 2)), nullptr, 16);
      pos_ += 2;
      if (v >= 128) {
        Error("non-ASCII escape");
        return false;
      }
      set->set(v);
    } else if (e == 'n') {
      set->set('\n');
    } else if (e == 'r') {
      set->set('\r');
    } else if (e == 't') {
      set->set('\t');
    } else if (isalnum(static_cast<unsigned char>(e))) {
      Error(std::string("unsupported escape \\") + e);  // \s \b \A \p ...: not modelled here
      return false;
    } else if (static_cast<unsigned char>(e) < 128) {
      set->set(static_cast<unsigned char>(e));  // escaped punctuation is itself
    } else {
      Error("non-ASCII escape");
      return false;
    }
    return true;
  }

  Fragment Class() {  // at '['
    ++pos_;
    bool negated = !Done() && p_[pos_] == '^';
    if (negated) ++pos_;
    CharSet set;
    std::vector<uint32_t> non_ascii;  // excluded code points above U+007F (negated only)
    bool first = true;
    while (!Done() && (p_[pos_] != ']' || first) && error_.empty()) {
      first = false;
      CharSet lo_set;
      int lo;
      if (p_[pos_] == '\\') {
        size_t before = non_ascii.size();
        if (!Escape(&lo_set, negated ? &non_ascii : nullptr)) return Empty();
        if (non_ascii.size() != before) {
          if (pos_ < p_.size() && p_[pos_] == '-' && pos_ + 1 < p_.size() && p_[pos_ + 1] != ']') {
            Error("non-ASCII range");
            return Empty();
          }
          continue;
        }
        if (lo_set.count() != 1) {
          set |= lo_set;
          continue;
        }  // \w, \d inside a class
        lo = 0;
        while (!lo_set.test(lo)) ++lo;
      } else {
        lo = static_cast<unsigned char>(p_[pos_++]);
        if (lo >= 128) {
          Error("non-ASCII in class");
          return Empty();
        }
      }
      // A range needs '-' followed by something other than ']'.
      if (pos_ + 1 < p_.size() && p_[pos_] == '-' && p_[pos_ + 1] != ']') {
        ++pos_;
        int hi;
        if (p_[pos_] == '\\') {
          CharSet hi_set;
          if (!Escape(&hi_set)) return Empty();
          if (hi_set.count() != 1) {
            Error("class escape as range end");
            return Empty();
          }
          hi = 0;
          while (!hi_set.test(hi)) ++hi;
        } else {
          hi = static_cast<unsigned char>(p_[pos_++]);
        }
        if (hi >= 128 || hi < lo) {
          Error("bad range");
          return Empty();
        }
        for (int c = lo; c <= hi; ++c) set.set(c);
      } else {
        set.set(lo);
      }
    }
    if (Done()) {
      Error("unclosed class");
      return Empty();
    }
    ++pos_;  // ']'
    if (!negated) return Char(set);
    // Any code point but the listed ones: ASCII bytes not in the set, or the UTF-8
    // sequence of a code point above U+007F that is not excluded.
    CharSet ascii;
    for (int c = 0; c < 128; ++c) ascii.set(c, !set.test(c));
    std::vector<std::vector<uint8_t>> excluded[5];  // by encoded length
    for (uint32_t cp : non_ascii) {
      std::vector<uint8_t> bytes = EncodeUtf8(cp);
      excluded[bytes.size()].push_back(bytes);
    }
    std::optional<Fragment> out;
    if (ascii.any()) AddAlternative(&out, Char(ascii));
    AddAlternative(&out, Sequences(Range(0xC2, 0xDF), 2, excluded[2]));
    AddAlternative(&out, Sequences(Range(0xE0, 0xEF), 3, excluded[3]));
    AddAlternative(&out, Sequences(Range(0xF0, 0xF4), 4, excluded[4]));
    return out ? *out : Empty();
  }

  // *out | f, where either may be nothing yet.
  void AddAlternative(std::optional<Fragment>* out, std::optional<Fragment> f) {
    if (f) *out = *out ? Alt(**out, *f) : *f;
  }

  static CharSet Range(int lo, int hi) {
    CharSet r;
    for (int c = lo; c <= hi; ++c) r.set(c);
    return r;
  }

  static std::vector<uint8_t> EncodeUtf8(uint32_t cp) {
    if (cp < 0x800) return {uint8_t(0xC0 | (cp >> 6)), uint8_t(0x80 | (cp & 0x3F))};
    if (cp < 0x10000) {
      return {uint8_t(0xE0 | (cp >> 12)), uint8_t(0x80 | ((cp >> 6) & 0x3F)), uint8_t(0x80 | (cp & 0x3F))};
    }
    return {uint8_t(0xF0 | (cp >> 18)), uint8_t(0x80 | ((cp >> 12) & 0x3F)),
            uint8_t(0x80 | ((cp >> 6) & 0x3F)), uint8_t(0x80 | (cp & 0x3F))};
  }

  // The byte sequences of `length` bytes whose first byte is in `first` and whose other
  // bytes are continuation bytes (80-BF), minus the `excluded` sequences (each of
  // `length` bytes). Over valid UTF-8 (all the decoder hands out) these are exactly the
  // code points of that length; nullopt when nothing is left.
  std::optional<Fragment> Sequences(CharSet first, size_t length,
                                    const std::vector<std::vector<uint8_t>>& excluded) {
    std::map<uint8_t, std::vector<std::vector<uint8_t>>> by_first;
    for (const auto& e : excluded) by_first[e[0]].push_back(std::vector<uint8_t>(e.begin() + 1, e.end()));
    std::optional<Fragment> out;
    CharSet free = first;
    for (const auto& [b, rest] : by_first) free.reset(b);
    if (length == 1) return free.any() ? std::optional<Fragment>(Char(free)) : std::nullopt;
    if (free.any()) {
      Fragment f = Char(free);
      for (size_t k = 1; k < length; ++k) f = Concat(f, Char(Range(0x80, 0xBF)));
      AddAlternative(&out, f);
    }
    for (const auto& [b, rest] : by_first) {
      if (!first.test(b)) continue;
      std::optional<Fragment> tail = Sequences(Range(0x80, 0xBF), length - 1, rest);
      if (tail) {
        CharSet one;
        one.set(b);
        AddAlternative(&out, Concat(Char(one), *tail));
      }
    }
    return out;
  }

  Fragment Atom() {
    char c = p_[pos_];
    if (c == '(') {
      ++pos_;
      if (p_.substr(pos_, 2) == "?:")
        pos_ += 2;
      else if (!Done() && p_[pos_] == '?') {
        Error("unsupported group");
        return Empty();
      }
      std::optional<Fragment> inner = Alternation();
      if (Done() || p_[pos_] != ')') {
        Error("unclosed group");
        return Empty();
      }
      ++pos_;
      return *inner;
    }
    if (c == '[') return Class();
    if (c == '\\') {
      CharSet set;
      if (!Escape(&set)) return Empty();
      return Char(set);
    }
    if (c == '^' && at_start_) {
      // Nothing can have been read on any path to here: at the start of a whole-value
      // match '^' always holds (RE2 without multi-line mode).
      ++pos_;
      return Empty();
    }
    if (c == '.' || c == '^' || c == '$') {
      Error(std::string("unsupported '") + c + "'");
      return Empty();
    }
    if (c == '*' || c == '+' || c == '?' || c == '{' || c == ')' || c == '|') {
      Error("misplaced operator");
      return Empty();
    }
    if (static_cast<unsigned char>(c) >= 128) {
      Error("non-ASCII literal");
      return Empty();
    }
    ++pos_;
    CharSet set;
    set.set(static_cast<unsigned char>(c));
    return Char(set);
  }

  std::string_view p_;
  size_t pos_ = 0;
  // True while no atom but '^' has been parsed on the way to this point (so no path to
  // it can have read anything).
  bool at_start_ = true;
  size_t max_states_;
  std::string error_;
};

void Closure(const std::vector<NfaState>& nfa, std::set<int>* set) {
  std::vector<int> stack(set->begin(), set->end());
  while (!stack.empty()) {
    int s = stack.back();
    stack.pop_back();
    for (int e : {nfa[s].eps1, nfa[s].eps2}) {
      if (e >= 0 && set->insert(e).second) stack.push_back(e);
    }
  }
}

}  // namespace

bool Dfa::FullMatch(std::string_view s) const {
  uint16_t state = 1;
  for (unsigned char c : s) {
    state = next[static_cast<size_t>(state) * num_classes + byte_class[c]];
    if (state == 0) return false;
  }
  return accepting[state] != 0;
}

namespace {

// The minimal DFA of the same language (Moore's partition refinement): states that no
// input tells apart become one, and states from which nothing is accepted join the
// dead state. The subset construction keeps apart NFA-state sets that behave alike
// (the ARN's resource part came out as three states), which would split the runs
// LowerDfa looks for. State 0 stays dead and state 1 the start; the others are
// numbered in breadth-first order from the start.
Dfa Minimize(const Dfa& d) {
  const size_t n = d.num_states, k = d.num_classes;
  std::vector<uint32_t> block(n);
  for (size_t s = 0; s < n; ++s) block[s] = d.accepting[s] ? 1 : 0;
  size_t blocks = 0;
  for (;;) {
    std::map<std::vector<uint32_t>, uint32_t> ids;
    std::vector<uint32_t> next_block(n);
    for (size_t s = 0; s < n; ++s) {
      std::vector<uint32_t> signature = {block[s]};
      for (size_t c = 0; c < k; ++c) signature.push_back(block[d.next[s * k + c]]);
      next_block[s] = ids.emplace(signature, static_cast<uint32_t>(ids.size())).first->second;
    }
    block = next_block;
    if (ids.size() == blocks) break;
    blocks = ids.size();
  }
  // Renumber: the dead state's block is 0, the start's 1, then breadth-first.
  std::map<uint32_t, uint16_t> number = {{block[0], 0}};
  std::vector<size_t> representative = {0};
  std::vector<size_t> queue = {1};
  if (number.emplace(block[1], 1).second) representative.push_back(1);
  for (size_t q = 0; q < queue.size(); ++q) {
    size_t s = queue[q];
    for (size_t c = 0; c < k; ++c) {
      size_t t = d.next[s * k + c];
      if (number.emplace(block[t], static_cast<uint16_t>(representative.size())).second) {
        representative.push_back(t);
        queue.push_back(t);
      }
    }
  }
  Dfa out{};
  std::memcpy(out.byte_class, d.byte_class, sizeof out.byte_class);
  out.num_classes = d.num_classes;
  out.num_states = static_cast<uint16_t>(representative.size());
  out.next.assign(static_cast<size_t>(out.num_states) * k, 0);
  out.accepting.assign(out.num_states, 0);
  for (size_t id = 0; id < representative.size(); ++id) {
    size_t s = representative[id];
    out.accepting[id] = d.accepting[s];
    for (size_t c = 0; c < k; ++c) out.next[id * k + c] = number.at(block[d.next[s * k + c]]);
  }
  return out;
}

}  // namespace

std::optional<Dfa> CompileDfa(std::string_view pattern, std::string* why, size_t max_states) {
  Builder b(pattern, max_states);
  std::optional<Fragment> f = b.Parse(why);
  if (!f) return std::nullopt;
  const std::vector<NfaState>& nfa = b.states;

  // Byte classes: bytes with the same membership in every edge set behave alike.
  std::vector<CharSet> sets;
  for (const NfaState& s : nfa)
    if (s.target >= 0) sets.push_back(s.on);
  std::map<std::vector<bool>, uint8_t> signature_class;
  Dfa dfa{};
  std::vector<int> representative;
  for (int c = 0; c < 256; ++c) {
    std::vector<bool> sig;
    bool any = false;
    for (const CharSet& set : sets) {
      bool in = set.test(c);
      sig.push_back(in);
      any |= in;
    }
    if (!any) {
      dfa.byte_class[c] = 0;
      continue;
    }
    auto it = signature_class.find(sig);
    if (it == signature_class.end()) {
      if (signature_class.size() >= 254) {
        *why = "too many byte classes";
        return std::nullopt;
      }
      it = signature_class.emplace(sig, static_cast<uint8_t>(signature_class.size() + 1)).first;
      representative.push_back(c);
    }
    dfa.byte_class[c] = it->second;
  }
  dfa.num_classes = static_cast<uint16_t>(signature_class.size() + 1);

  // Subset construction. State 0 is dead, 1 the start.
  std::map<std::set<int>, uint16_t> ids;
  std::vector<std::set<int>> pending;
  std::set<int> start = {f->start};
  Closure(nfa, &start);
  ids[{}] = 0;
  ids[start] = 1;
  std::vector<std::set<int>> by_id = {{}, start};
  pending.push_back(start);
  dfa.next.assign(2 * dfa.num_classes, 0);
  while (!pending.empty()) {
    std::set<int> cur = pending.back();
    pending.pop_back();
    uint16_t cur_id = ids[cur];
    for (uint16_t cls = 1; cls < dfa.num_classes; ++cls) {
      int c = representative[cls - 1];
      std::set<int> to;
      for (int s : cur) {
        if (nfa[s].target >= 0 && nfa[s].on.test(c)) to.insert(nfa[s].target);
      }
      Closure(nfa, &to);
      auto it = ids.find(to);
      if (it == ids.end()) {
        if (by_id.size() >= max_states) {
          *why = "more than " + std::to_string(max_states) + " DFA states";
          return std::nullopt;
        }
        it = ids.emplace(to, static_cast<uint16_t>(by_id.size())).first;
        by_id.push_back(to);
        pending.push_back(to);
        dfa.next.resize(by_id.size() * dfa.num_classes, 0);
      }
      dfa.next[static_cast<size_t>(cur_id) * dfa.num_classes + cls] = it->second;
    }
  }
  dfa.num_states = static_cast<uint16_t>(by_id.size());
  dfa.accepting.assign(dfa.num_states, 0);
  for (size_t i = 0; i < by_id.size(); ++i) {
    if (by_id[i].count(f->end)) dfa.accepting[i] = 1;
  }
  return Minimize(dfa);
}

namespace {

uint32_t Entry(const Dfa& d, uint16_t state) {
  return (static_cast<uint32_t>(state) << 16) | (static_cast<uint32_t>(state) * d.num_classes);
}

uint16_t Next(const Dfa& d, uint16_t state, uint16_t cls) {
  return d.next[static_cast<size_t>(state) * d.num_classes + cls];
}

// The literal from `state`: while exactly one class leads anywhere but dead and that
// class holds one byte, that byte is the next of the literal.
std::string LiteralFrom(const Dfa& d, uint16_t state, uint16_t* end) {
  std::string text;
  std::set<uint16_t> visited;
  while (text.size() < 255 && visited.insert(state).second) {
    int live = -1;
    for (uint16_t c = 1; c < d.num_classes; ++c) {
      if (Next(d, state, c) == 0) continue;
      if (live >= 0) {
        live = -2;
        break;
      }
      live = c;
    }
    if (live < 0) break;
    int byte = -1, bytes = 0;
    for (int b = 0; b < 256; ++b) {
      if (d.byte_class[b] == live) {
        byte = b;
        ++bytes;
      }
    }
    if (bytes != 1 || Next(d, state, 0) != 0) break;
    text.push_back(static_cast<char>(byte));
    state = Next(d, state, static_cast<uint16_t>(live));
  }
  *end = state;
  return text;
}

struct Run {
  uint64_t classes = 0;
  std::vector<uint16_t> chain;  // chain[0] is the state itself
  bool stays = false;
};

// The chain of states that every class in `classes` leads through alike, from `state`.
Run RunFrom(const Dfa& d, uint16_t state, uint64_t classes) {
  Run run{classes, {state}, false};
  uint16_t cur = state;
  while (run.chain.size() <= 0xFFFF) {
    int target = -1;
    for (uint16_t c = 1; c < d.num_classes; ++c) {
      if (((classes >> c) & 1) == 0) continue;
      uint16_t t = Next(d, cur, c);
      if (target >= 0 && t != target) return run;
      target = t;
    }
    if (target <= 0) return run;
    if (target == cur) {
      run.stays = true;
      return run;
    }
    if (std::find(run.chain.begin(), run.chain.end(), target) != run.chain.end()) return run;
    run.chain.push_back(static_cast<uint16_t>(target));
    cur = static_cast<uint16_t>(target);
  }
  return run;
}

// The best run from `state`: over the groups of classes that share a first target, the
// one that stays, else the longest; none when shorter than 2 bytes.
Run BestRun(const Dfa& d, uint16_t state) {
  Run best;
  if (d.num_classes > 64) return best;  // the class mask is 64 bits
  std::map<uint16_t, uint64_t> by_target;
  for (uint16_t c = 1; c < d.num_classes; ++c) {
    uint16_t t = Next(d, state, c);
    if (t != 0) by_target[t] |= uint64_t{1} << c;
  }
  for (const auto& [target, classes] : by_target) {
    Run run = RunFrom(d, state, classes);
    bool better = best.classes == 0 || (run.stays && !best.stays) ||
                  (run.stays == best.stays && run.chain.size() > best.chain.size());
    if ((run.stays || run.chain.size() >= 3) && better) best = run;
  }
  return best;
}

}  // namespace

std::optional<LoweredDfa> LowerDfa(const Dfa& d, std::string* why) {
  if (static_cast<size_t>(d.num_states) * d.num_classes > 0xFFFF) {
    *why = "table too large for 16-bit row offsets";
    return std::nullopt;
  }
  LoweredDfa out;
  std::memcpy(out.byte_class, d.byte_class, sizeof out.byte_class);
  out.num_classes = d.num_classes;
  out.num_states = d.num_states;
  out.next.resize(d.next.size());
  for (size_t k = 0; k < d.next.size(); ++k) out.next[k] = Entry(d, d.next[k]);
  out.accepting = d.accepting;
  codec::DfaShortcut none{};
  none.run_bytes = codec::kNoRun;
  out.shortcuts.assign(d.num_states, none);
  std::map<uint64_t, uint32_t> run_set_offset;  // class mask -> offset in run_bytes

  // Runs, longest first, so that a chain that is the tail of a longer one shares it.
  std::vector<Run> runs(d.num_states);
  std::vector<uint16_t> order;
  for (uint16_t st = 1; st < d.num_states; ++st) {
    runs[st] = BestRun(d, st);
    if (runs[st].classes != 0) order.push_back(st);
  }
  // Where two runs' first steps enter the same state (RoleArn's "role/service-role/"
  // and its other role names join the same [\w+=,.@\-/]{1,1000} run), a chain ends
  // there and the state's own run carries on: the chains stay suffixes of one another
  // and are stored once, instead of a copy of the 1,000 states per way in.
  std::vector<int> entered(d.num_states, 0);
  for (uint16_t st : order) {
    if (runs[st].chain.size() >= 2) ++entered[runs[st].chain[1]];
  }
  for (uint16_t st : order) {
    Run& run = runs[st];
    for (size_t j = 1; j + 1 < run.chain.size(); ++j) {
      if (entered[run.chain[j]] >= 2) {
        run.chain.resize(j + 1);
        run.stays = false;
        break;
      }
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](uint16_t a, uint16_t b) { return runs[a].chain.size() > runs[b].chain.size(); });
  for (uint16_t st : order) {
    const Run& run = runs[st];
    std::vector<uint32_t> entries;
    for (uint16_t c : run.chain) entries.push_back(Entry(d, c));
    auto at = std::search(out.chains.begin(), out.chains.end(), entries.begin(), entries.end());
    size_t index = static_cast<size_t>(at - out.chains.begin());
    if (at == out.chains.end()) out.chains.insert(out.chains.end(), entries.begin(), entries.end());
    codec::DfaShortcut& cut = out.shortcuts[st];
    auto set = run_set_offset.find(run.classes);
    if (set == run_set_offset.end()) {
      set = run_set_offset.emplace(run.classes, static_cast<uint32_t>(out.run_bytes.size())).first;
      for (int b = 0; b < 256; ++b) {
        out.run_bytes.push_back(d.byte_class[b] != 0 && ((run.classes >> d.byte_class[b]) & 1) != 0);
      }
    }
    cut.run_bytes = set->second;
    cut.run_chain = static_cast<uint32_t>(index);
    cut.run_length = static_cast<uint16_t>(run.chain.size() - 1);
    cut.run_stays = run.stays ? 1 : 0;
  }
  // Literals (a state with one live byte has no run worth taking, but may keep one).
  for (uint16_t st = 1; st < d.num_states; ++st) {
    uint16_t end = 0;
    std::string text = LiteralFrom(d, st, &end);
    if (text.size() < 2) continue;
    auto at = out.literals.find(text);
    if (at == std::string::npos) {
      at = out.literals.size();
      out.literals += text;
    }
    codec::DfaShortcut& cut = out.shortcuts[st];
    cut.literal_length = static_cast<uint8_t>(text.size());
    cut.literal = static_cast<uint32_t>(at);
    cut.literal_end = Entry(d, end);
  }
  if (out.chains.empty()) out.chains.push_back(0);
  if (out.run_bytes.empty()) out.run_bytes.push_back(0);
  out.literals.append(8, '\0');  // DfaTable::FullMatch reads 8 bytes at a literal's start
  return out;
}

}  // namespace apprunner::generator
