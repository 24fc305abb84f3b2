// Compiles a model pattern into a minimized byte-level DFA the generator emits as
// tables, so the validator matches every pattern the run matcher does not take (ARNs,
// names, UUIDs, Cpu, Memory, ImageIdentifier) in one pass with no locks, instead of
// calling RE2.
//
// The subset compiled: ASCII literals, escapes for ASCII characters and classes (\w \d),
// positive classes of ASCII characters, negated classes (whose excluded members may be
// \x{H..} code points above U+007F), groups, alternation, '^' where no path to it has
// read anything, and the quantifiers * + ? {n} {n,} {n,m}. '.', '$', other anchors and
// non-ASCII literals make CompileDfa return nullopt, and RE2 stays the matcher for that
// pattern. A negated class matches one code point: an ASCII byte outside it, or the
// UTF-8 sequence of a code point above U+007F it does not exclude, so over valid UTF-8
// (all the decoder hands out) counted repetitions count code points.
//
//   auto dfa = CompileDfa("[0-9a-f]{8}-[0-9a-f]{4}");
//   bool ok = dfa && dfa->FullMatch("0123abcd-ef01");
#ifndef APPRUNNER_GENERATOR_DFA_H_
#define APPRUNNER_GENERATOR_DFA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "codec/dfa_table.h"

namespace apprunner::generator {

struct Dfa {
  // Byte -> equivalence class; class 0 holds every byte no transition uses.
  uint8_t byte_class[256];
  uint16_t num_classes;
  uint16_t num_states;         // state 0 is dead; state 1 is the start
  std::vector<uint16_t> next;  // next[state * num_classes + class]
  std::vector<uint8_t> accepting;

  bool FullMatch(std::string_view s) const;
};

// nullopt (with *why set) when the pattern uses syntax outside the subset above or the
// automaton would exceed `max_states`.
std::optional<Dfa> CompileDfa(std::string_view pattern, std::string* why, size_t max_states = 4096);

// A Dfa in the runtime form (codec/dfa_table.h), with its shortcuts: literals and runs
// found in the transitions, so that DfaTable::FullMatch gives Dfa::FullMatch's verdict.
struct LoweredDfa {
  uint8_t byte_class[256];
  std::vector<uint32_t> next;  // entries: (state << 16) | state * num_classes
  std::vector<uint8_t> accepting;
  std::vector<codec::DfaShortcut> shortcuts;
  std::vector<uint8_t> run_bytes;  // 256 per distinct run set
  std::vector<uint32_t> chains;
  std::string literals;
  uint16_t num_classes = 0;
  uint16_t num_states = 0;

  // Points into this object: valid while it lives and is not changed.
  codec::DfaTable View() const {
    return {byte_class,    next.data(),     accepting.data(), shortcuts.data(), run_bytes.data(),
            chains.data(), literals.data(), num_classes,      num_states};
  }
};

// nullopt (with *why set) when the entries' 16-bit row offsets cannot address the table.
std::optional<LoweredDfa> LowerDfa(const Dfa& dfa, std::string* why);

}  // namespace apprunner::generator

#endif  // APPRUNNER_GENERATOR_DFA_H_
