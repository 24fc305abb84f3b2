#include "generator/dfa.h"

#include <algorithm>
#include <bitset>
#include <map>
#include <set>

namespace apprunner::generator {
namespace {

using CharSet = std::bitset<128>;

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
    std::optional<Fragment> left = Sequence();
    while (!Done() && p_[pos_] == '|' && error_.empty()) {
      ++pos_;
      std::optional<Fragment> right = Sequence();
      left = Alt(*left, *right);
    }
    return left;
  }

  std::optional<Fragment> Sequence() {
    Fragment f = Empty();
    while (!Done() && p_[pos_] != '|' && p_[pos_] != ')' && error_.empty()) {
      size_t atom_start = pos_;
      Fragment atom = Atom();
      f = Concat(f, Quantified(atom, atom_start));
    }
    return f;
  }

  Fragment Quantified(Fragment atom, size_t atom_start) {
    if (Done()) return atom;
    char c = p_[pos_];
    int64_t lo = 1, hi = 1;
    if (c == '*') { lo = 0; hi = -1; ++pos_; }
    else if (c == '+') { lo = 1; hi = -1; ++pos_; }
    else if (c == '?') { lo = 0; hi = 1; ++pos_; }
    else if (c == '{') {
      size_t close = p_.find('}', pos_);
      if (close == std::string_view::npos) { Error("unclosed {"); return atom; }
      std::string body(p_.substr(pos_ + 1, close - pos_ - 1));
      size_t comma = body.find(',');
      if (body.empty() || body.find_first_not_of("0123456789,") != std::string::npos) {
        Error("bad repetition " + body);
        return atom;
      }
      lo = std::stoll(body.substr(0, comma));
      hi = comma == std::string::npos ? lo : (comma + 1 == body.size() ? -1 : std::stoll(body.substr(comma + 1)));
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
      if (first) { first = false; return atom; }
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

  bool Escape(CharSet* set) {  // at p_[pos_] == '\\'
    if (pos_ + 1 >= p_.size()) { Error("trailing backslash"); return false; }
    char e = p_[pos_ + 1];
    pos_ += 2;
    set->reset();
    if (e == 'w') {
      for (int c = 0; c < 128; ++c) if (isalnum(c) || c == '_') set->set(c);
    } else if (e == 'd') {
      for (int c = '0'; c <= '9'; ++c) set->set(c);
    } else if (e == 'x') {
      if (pos_ + 2 > p_.size() || p_[pos_] == '{') { Error("unsupported \\x form"); return false; }
      int v = std::stoi(std::string(p_.substr(pos_, 2)), nullptr, 16);
      pos_ += 2;
      if (v >= 128) { Error("non-ASCII escape"); return false; }
      set->set(v);
    } else if (e == 'n') { set->set('\n'); }
    else if (e == 'r') { set->set('\r'); }
    else if (e == 't') { set->set('\t'); }
    else if (isalnum(static_cast<unsigned char>(e))) {
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
    if (!Done() && p_[pos_] == '^') { Error("negated class (matches non-ASCII)"); return Empty(); }
    CharSet set;
    bool first = true;
    while (!Done() && (p_[pos_] != ']' || first) && error_.empty()) {
      first = false;
      CharSet lo_set;
      int lo;
      if (p_[pos_] == '\\') {
        if (!Escape(&lo_set)) return Empty();
        if (lo_set.count() != 1) { set |= lo_set; continue; }  // \w, \d inside a class
        lo = 0;
        while (!lo_set.test(lo)) ++lo;
      } else {
        lo = static_cast<unsigned char>(p_[pos_++]);
        if (lo >= 128) { Error("non-ASCII in class"); return Empty(); }
      }
      // A range needs '-' followed by something other than ']'.
      if (pos_ + 1 < p_.size() && p_[pos_] == '-' && p_[pos_ + 1] != ']') {
        ++pos_;
        int hi;
        if (p_[pos_] == '\\') {
          CharSet hi_set;
          if (!Escape(&hi_set)) return Empty();
          if (hi_set.count() != 1) { Error("class escape as range end"); return Empty(); }
          hi = 0;
          while (!hi_set.test(hi)) ++hi;
        } else {
          hi = static_cast<unsigned char>(p_[pos_++]);
        }
        if (hi >= 128 || hi < lo) { Error("bad range"); return Empty(); }
        for (int c = lo; c <= hi; ++c) set.set(c);
      } else {
        set.set(lo);
      }
    }
    if (Done()) { Error("unclosed class"); return Empty(); }
    ++pos_;  // ']'
    return Char(set);
  }

  Fragment Atom() {
    char c = p_[pos_];
    if (c == '(') {
      ++pos_;
      if (p_.substr(pos_, 2) == "?:") pos_ += 2;
      else if (!Done() && p_[pos_] == '?') { Error("unsupported group"); return Empty(); }
      std::optional<Fragment> inner = Alternation();
      if (Done() || p_[pos_] != ')') { Error("unclosed group"); return Empty(); }
      ++pos_;
      return *inner;
    }
    if (c == '[') return Class();
    if (c == '\\') {
      CharSet set;
      if (!Escape(&set)) return Empty();
      return Char(set);
    }
    if (c == '.' || c == '^' || c == '$') {
      Error(std::string("unsupported '") + c + "'");
      return Empty();
    }
    if (c == '*' || c == '+' || c == '?' || c == '{' || c == ')' || c == '|') {
      Error("misplaced operator");
      return Empty();
    }
    if (static_cast<unsigned char>(c) >= 128) { Error("non-ASCII literal"); return Empty(); }
    ++pos_;
    CharSet set;
    set.set(static_cast<unsigned char>(c));
    return Char(set);
  }

  std::string_view p_;
  size_t pos_ = 0;
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

std::optional<Dfa> CompileDfa(std::string_view pattern, std::string* why, size_t max_states) {
  Builder b(pattern, max_states);
  std::optional<Fragment> f = b.Parse(why);
  if (!f) return std::nullopt;
  const std::vector<NfaState>& nfa = b.states;

  // Byte classes: bytes with the same membership in every edge set behave alike.
  std::vector<CharSet> sets;
  for (const NfaState& s : nfa) if (s.target >= 0) sets.push_back(s.on);
  std::map<std::vector<bool>, uint8_t> signature_class;
  Dfa dfa{};
  std::vector<int> representative;
  for (int c = 0; c < 256; ++c) {
    std::vector<bool> sig;
    bool any = false;
    for (const CharSet& set : sets) {
      bool in = c < 128 && set.test(c);
      sig.push_back(in);
      any |= in;
    }
    if (!any) {
      dfa.byte_class[c] = 0;
      continue;
    }
    auto it = signature_class.find(sig);
    if (it == signature_class.end()) {
      if (signature_class.size() >= 254) { *why = "too many byte classes"; return std::nullopt; }
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
  return dfa;
}

}  // namespace apprunner::generator
