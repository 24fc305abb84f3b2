// The runtime form of a DFA the generator compiled from a model pattern (see
// generator/dfa.h for the subset it compiles; a DFA whose pattern can match non-ASCII
// expects valid UTF-8, as the decoder guarantees), and its whole-value matcher.
// Header-only with no dependencies: the generator lowers its DFAs into this form
// (generator/dfa.h, LowerDfa) and emits them as tables; the tests build it too.
//
// Transitions: each entry of `next` holds the target's row offset (state *
// num_classes) in its low 16 bits and the target's state number in its high 16 bits,
// so a step is one add and one load. State 0 (row 0) is dead; state 1 is the start.
//
// Shortcuts take many bytes per step where the DFA's own structure allows, with
// exactly the DFA's verdict (the generator derives each one from the transitions):
// - a literal: from this state one byte value alone leads anywhere but dead, and so on
//   for `literal_length` states ("arn:aws"). With that many bytes left, one compare
//   decides: equal bytes reach `literal_end`, any other byte would reach the dead state.
// - a run: every byte in the set at `run_bytes` leads from this state to the same
//   next state, and from that one to the same next, and so on for `run_length` bytes
//   ([a-z0-9-.]{0,63}, [0-9]{12}); chains[run_chain + k] is the state after k such
//   bytes. With `run_stays` the last state of the chain keeps itself on all of them, so
//   a run of any length ends there ((\w|/|-)+). The run's bytes are tested four at a
//   time with no dependent load between them; the byte that ends it takes an ordinary
//   step.
#ifndef APPRUNNER_CODEC_DFA_TABLE_H_
#define APPRUNNER_CODEC_DFA_TABLE_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace apprunner::codec {

inline constexpr uint32_t kNoRun = 0xFFFFFFFFu;

struct DfaShortcut {
  uint32_t run_bytes;      // offset in DfaTable::run_bytes of the run's byte set, or kNoRun
  uint32_t run_chain;      // index into DfaTable::chains of chain[0] (this state)
  uint16_t run_length;     // bytes the chain spans
  uint8_t run_stays;       // the chain's last state stays put on the run's bytes
  uint8_t literal_length;  // 0, or at least 2: the literal's length
  uint32_t literal;        // index into DfaTable::literals
  uint32_t literal_end;    // the entry reached by the literal
};

struct DfaTable {
  const uint8_t* byte_class;     // 256 entries
  const uint32_t* next;          // num_states * num_classes entries
  const uint8_t* accepting;      // num_states
  const DfaShortcut* shortcuts;  // num_states
  const uint8_t* run_bytes;      // 256-entry sets: 1 for the bytes that continue a run
  const uint32_t* chains;        // the runs' chains (entries, as in `next`)
  const char* literals;          // the literals' bytes, then 8 spare bytes
  uint16_t num_classes;
  uint16_t num_states;

  bool FullMatch(std::string_view s) const {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    uint32_t entry = (1u << 16) | num_classes;  // the start state
    while (i < n) {
      const DfaShortcut& cut = shortcuts[entry >> 16];
      if (cut.literal_length != 0 && n - i >= cut.literal_length) {
        if (cut.literal_length <= 8 && n - i >= 8) {
          // One 8-byte compare of the literal's bytes (the pool has 8 spare bytes).
          uint64_t have, want;
          std::memcpy(&have, p + i, 8);
          std::memcpy(&want, literals + cut.literal, 8);
          const uint64_t mask =
              cut.literal_length == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * cut.literal_length)) - 1;
          if (((have ^ want) & mask) != 0) return false;
        } else if (std::memcmp(p + i, literals + cut.literal, cut.literal_length) != 0) {
          return false;
        }
        i += cut.literal_length;
        entry = cut.literal_end;
        continue;
      }
      if (cut.run_bytes != kNoRun) {
        const uint8_t* in_run = run_bytes + cut.run_bytes;
        const size_t limit = cut.run_stays || n - i < cut.run_length ? n : i + cut.run_length;
        size_t j = i;
        // Four bytes per test: independent loads, one branch.
        while (j + 4 <= limit && (in_run[p[j]] & in_run[p[j + 1]] & in_run[p[j + 2]] & in_run[p[j + 3]]) != 0)
          j += 4;
        while (j < limit && in_run[p[j]] != 0) ++j;
        if (j != i) {
          const size_t taken = j - i < cut.run_length ? j - i : cut.run_length;
          entry = chains[cut.run_chain + taken];
          i = j;
          continue;
        }
      }
      entry = next[(entry & 0xFFFF) + byte_class[p[i++]]];
      if (entry == 0) return false;
    }
    return accepting[entry >> 16] != 0;
  }
};

}  // namespace apprunner::codec

#endif  // APPRUNNER_CODEC_DFA_TABLE_H_
