#include "generator/regex_shape.h"

#include <functional>

#include <algorithm>
#include <cstdlib>

namespace apprunner::generator {
namespace {

// Length of the UTF-8 sequence starting with byte `c`.
size_t Utf8Width(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  return 4;
}

// Returns the end (exclusive) of the atom starting at `i`, or npos when malformed.
// `zero_width` is set for anchors (^ $ \A \z \b \B), which match no characters.
size_t AtomEnd(std::string_view p, size_t i, bool* zero_width) {
  *zero_width = false;
  char c = p[i];
  if (c == '^' || c == '$') {
    *zero_width = true;
    return i + 1;
  }
  if (c == '\\') {
    if (i + 1 >= p.size()) return std::string_view::npos;
    char e = p[i + 1];
    if (e == 'A' || e == 'z' || e == 'b' || e == 'B') *zero_width = true;
    if (e == 'x') {
      if (i + 2 < p.size() && p[i + 2] == '{') {
        size_t close = p.find('}', i + 3);
        return close == std::string_view::npos ? close : close + 1;
      }
      return i + 4 <= p.size() ? i + 4 : std::string_view::npos;
    }
    if (e == 'p' || e == 'P') {
      if (i + 2 < p.size() && p[i + 2] == '{') {
        size_t close = p.find('}', i + 3);
        return close == std::string_view::npos ? close : close + 1;
      }
      return i + 3 <= p.size() ? i + 3 : std::string_view::npos;
    }
    return i + 2;
  }
  if (c == '[') {
    size_t j = i + 1;
    if (j < p.size() && p[j] == '^') ++j;
    if (j < p.size() && p[j] == ']') ++j;  // a leading ']' is a literal
    while (j < p.size() && p[j] != ']') {
      if (p[j] == '\\') ++j;
      ++j;
    }
    return j < p.size() ? j + 1 : std::string_view::npos;
  }
  if (c == '(') {
    int depth = 0;
    for (size_t j = i; j < p.size(); ++j) {
      if (p[j] == '\\') {
        ++j;
      } else if (p[j] == '[') {
        bool zw;
        size_t end = AtomEnd(p, j, &zw);
        if (end == std::string_view::npos) return end;
        j = end - 1;
      } else if (p[j] == '(') {
        ++depth;
      } else if (p[j] == ')') {
        if (--depth == 0) return j + 1;
      }
    }
    return std::string_view::npos;
  }
  if (c == ')' || c == '|' || c == '*' || c == '+' || c == '?' || c == '{') {
    return std::string_view::npos;
  }
  return i + Utf8Width(static_cast<unsigned char>(c));
}

// Parses the quantifier at `i` (possibly none) into `piece`; returns its end.
size_t QuantifierEnd(std::string_view p, size_t i, Piece* piece) {
  piece->min_repeat = piece->max_repeat = 1;
  if (i >= p.size()) return i;
  size_t end = i;
  switch (p[i]) {
    case '*':
      piece->min_repeat = 0;
      piece->max_repeat = kUnbounded;
      end = i + 1;
      break;
    case '+':
      piece->max_repeat = kUnbounded;
      end = i + 1;
      break;
    case '?':
      piece->min_repeat = 0;
      end = i + 1;
      break;
    case '{': {
      size_t close = p.find('}', i);
      if (close == std::string_view::npos) return std::string_view::npos;
      std::string body(p.substr(i + 1, close - i - 1));
      size_t comma = body.find(',');
      if (body.empty() || body.find_first_not_of("0123456789,") != std::string::npos) {
        return std::string_view::npos;
      }
      piece->min_repeat = std::atoll(body.substr(0, comma).c_str());
      if (comma == std::string::npos) {
        piece->max_repeat = piece->min_repeat;
      } else if (comma + 1 == body.size()) {
        piece->max_repeat = kUnbounded;
      } else {
        piece->max_repeat = std::atoll(body.substr(comma + 1).c_str());
      }
      end = close + 1;
      break;
    }
    default: return i;
  }
  if (end < p.size() && p[end] == '?') ++end;  // lazy: same language
  return end;
}

// Splits at top-level '|'.
std::optional<std::vector<std::string_view>> SplitAlternatives(std::string_view p) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i < p.size();) {
    if (p[i] == '|') {
      out.push_back(p.substr(start, i - start));
      start = ++i;
      continue;
    }
    bool zw;
    size_t end = AtomEnd(p, i, &zw);
    if (end == std::string_view::npos) {
      // Quantifier characters are skipped here; SplitTopLevel validates them.
      if (p[i] == '*' || p[i] == '+' || p[i] == '?') {
        ++i;
        continue;
      }
      if (p[i] == '{') {
        size_t close = p.find('}', i);
        if (close == std::string_view::npos) return std::nullopt;
        i = close + 1;
        continue;
      }
      return std::nullopt;
    }
    i = end;
  }
  out.push_back(p.substr(start));
  return out;
}

// The inside of a group atom, without "(" / "(?:" and ")".
std::optional<std::string_view> GroupBody(std::string_view atom) {
  if (atom.size() < 2 || atom.front() != '(' || atom.back() != ')') return std::nullopt;
  std::string_view body = atom.substr(1, atom.size() - 2);
  if (body.substr(0, 2) == "?:") return body.substr(2);
  if (!body.empty() && body[0] == '?') return std::nullopt;  // lookaround, flags: unknown
  return body;
}

int64_t Mul(int64_t a, int64_t b) {
  if (a == kUnbounded || b == kUnbounded) return (a == 0 || b == 0) ? 0 : kUnbounded;
  return a * b;
}
int64_t Add(int64_t a, int64_t b) { return (a == kUnbounded || b == kUnbounded) ? kUnbounded : a + b; }

std::optional<int64_t> Length(std::string_view pattern, bool longest);

std::optional<int64_t> AtomLength(std::string_view atom, bool longest) {
  if (atom.front() == '(') {
    auto body = GroupBody(atom);
    if (!body) return std::nullopt;
    return Length(*body, longest);
  }
  return 1;
}

std::optional<std::vector<Piece>> SplitSequence(std::string_view p) {
  std::vector<Piece> pieces;
  for (size_t i = 0; i < p.size();) {
    bool zero_width;
    size_t end = AtomEnd(p, i, &zero_width);
    if (end == std::string_view::npos || end > p.size()) return std::nullopt;
    Piece piece;
    piece.atom = p.substr(i, end - i);
    size_t qend = QuantifierEnd(p, end, &piece);
    if (qend == std::string_view::npos) return std::nullopt;
    piece.quantifier = p.substr(end, qend - end);
    if (zero_width) piece.min_repeat = piece.max_repeat = 0;
    pieces.push_back(piece);
    i = qend;
  }
  return pieces;
}

std::optional<int64_t> Length(std::string_view pattern, bool longest) {
  auto alternatives = SplitAlternatives(pattern);
  if (!alternatives) return std::nullopt;
  std::optional<int64_t> best;
  for (std::string_view alt : *alternatives) {
    auto pieces = SplitSequence(alt);
    if (!pieces) return std::nullopt;
    int64_t total = 0;
    for (const Piece& piece : *pieces) {
      auto atom = AtomLength(piece.atom, longest);
      if (!atom) return std::nullopt;
      int64_t repeat = longest ? piece.max_repeat : piece.min_repeat;
      total = Add(total, Mul(*atom, repeat));
    }
    if (!best) {
      best = total;
    } else if (longest) {
      best = (*best == kUnbounded || total == kUnbounded) ? kUnbounded : std::max(*best, total);
    } else {
      best = std::min(*best, total);
    }
  }
  return best;
}

}  // namespace

std::optional<std::vector<Piece>> SplitTopLevel(std::string_view pattern) {
  auto alternatives = SplitAlternatives(pattern);
  if (!alternatives || alternatives->size() != 1) return std::nullopt;
  return SplitSequence(pattern);
}

std::optional<int64_t> MinLength(std::string_view pattern) { return Length(pattern, false); }
std::optional<int64_t> MaxLength(std::string_view pattern) { return Length(pattern, true); }

bool IsSingleCodePointAtom(std::string_view atom) {
  if (atom.empty()) return false;
  if (atom.front() == '(') {
    auto body = GroupBody(atom);
    if (!body) return false;
    auto alternatives = SplitAlternatives(*body);
    if (!alternatives) return false;
    for (std::string_view alt : *alternatives) {
      auto pieces = SplitSequence(alt);
      if (!pieces || pieces->size() != 1) return false;
      const Piece& only = (*pieces)[0];
      if (!only.quantifier.empty() || !IsSingleCodePointAtom(only.atom)) return false;
    }
    return true;
  }
  bool zero_width;
  size_t end = AtomEnd(atom, 0, &zero_width);
  return end == atom.size() && !zero_width;
}

std::optional<std::string> RewriteLeadingNegativeLookahead(std::string_view pattern) {
  constexpr std::string_view kOpen = "^(?!";
  if (pattern.substr(0, kOpen.size()) != kOpen) return std::nullopt;
  const size_t close = pattern.find(')', kOpen.size());
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view literal = pattern.substr(kOpen.size(), close - kOpen.size());
  const std::string_view rest = pattern.substr(close + 1);
  if (literal.empty() || (rest != ".+" && rest != ".*")) return std::nullopt;
  constexpr std::string_view kMeta = "\\^$.|?*+()[]{}/-";
  for (char c : literal) {
    if (c < 0x21 || c > 0x7E || kMeta.find(c) != std::string_view::npos) return std::nullopt;
  }
  // ECMA-262's '.' as a class, and that class without one (plain, non-meta) character.
  constexpr std::string_view kDotClassBody = "\\n\\r\\x{2028}\\x{2029}";
  const std::string dot_run = "[^" + std::string(kDotClassBody) + "]*";
  auto dot_without = [&](char c) { return "[^" + std::string(kDotClassBody) + c + "]"; };
  // level(k): what may follow once a value has agreed with L on L[0..k): a character
  // other than L[k], then anything; or L[k] and level(k + 1) (never all of L); or
  // nothing, when k > 0 (the value is then a proper prefix of L).
  std::function<std::string(size_t)> level = [&](size_t k) {
    std::string alt = dot_without(literal[k]) + dot_run;
    if (k + 1 < literal.size()) alt += "|" + std::string(1, literal[k]) + "(?:" + level(k + 1) + ")";
    if (k > 0) alt += "|";
    return alt;
  };
  // The empty value: in `.*`, not in `.+`.
  return "(?:" + level(0) + (rest == ".*" ? "|" : "") + ")";
}

std::optional<std::string> RewriteLeadingNegativeLookaheadForSearch(std::string_view pattern) {
  // Same shapes as the whole-value rewrite (which validates the pattern's form).
  if (!RewriteLeadingNegativeLookahead(pattern)) return std::nullopt;
  const size_t close = pattern.find(')', 4);
  const std::string_view literal = pattern.substr(4, close - 4);
  const bool plus = pattern.substr(close + 1) == ".+";
  constexpr std::string_view kDotClassBody = "\\n\\r\\x{2028}\\x{2029}";
  // After the first character only "does the value go on with L" matters, and any
  // character (a line terminator too) other than L[k] says no: [^c] (RE2's negated
  // classes include \n), or the end of the value ($: the end of text, RE2 not being in
  // multi-line mode). The whole of L is never admitted.
  std::function<std::string(size_t)> level = [&](size_t k) {
    std::string alt = "[^" + std::string(1, literal[k]) + "]";
    if (k + 1 < literal.size()) alt += "|" + std::string(1, literal[k]) + "(?:" + level(k + 1) + ")";
    return alt + "|$";
  };
  // The first character: for `.+`, in ECMA-262's '.' class and not L[0] (or it is L[0]
  // and the rest departs from L); for `.*`, anything, the empty match included.
  std::string first =
      plus ? "[^" + std::string(kDotClassBody) + literal[0] + "]" : "[^" + std::string(1, literal[0]) + "]";
  if (literal.size() > 1) first += "|" + std::string(1, literal[0]) + "(?:" + level(1) + ")";
  if (!plus) first += "|$";
  if (plus && literal.size() == 1) return "^" + first;
  return "^(?:" + first + ")";
}

}  // namespace apprunner::generator
