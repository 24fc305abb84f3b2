// Structural analysis of model regular expressions, used by the generator to prove
// that a rewrite of a pattern RE2 cannot compile is equivalent to the original.
//
// Understands the syntax the AWS models use: literals (UTF-8), escapes (\w \d \s \/ \-
// \xHH \x{H..}), classes [...], '.', groups (...) and (?:...), alternation, and the
// quantifiers * + ? {n} {n,} {n,m} (optionally lazy). Lengths are in code points,
// which is how both RE2 (UTF-8 mode) and the model's @length count.
//
//   Piece last = SplitTopLevel("ab(c|d){1,1011}").back();  // "(c|d)" {1,1011}
//   MinLength("arn:aws(-[\\w]+)*:") == 8
#ifndef APPRUNNER_GENERATOR_REGEX_SHAPE_H_
#define APPRUNNER_GENERATOR_REGEX_SHAPE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apprunner::generator {

inline constexpr int64_t kUnbounded = -1;

// One element of a sequence: an atom and its quantifier.
struct Piece {
  std::string_view atom;        // the atom's text, e.g. "[a-z]" or "(\\w|-)"
  std::string_view quantifier;  // e.g. "{1,1011}", "+", or empty
  int64_t min_repeat = 1;
  int64_t max_repeat = 1;  // kUnbounded for * + {n,}
};

// Splits `pattern` into its top-level pieces. Returns nullopt when the pattern has a
// top-level alternation or uses syntax this analysis does not understand.
std::optional<std::vector<Piece>> SplitTopLevel(std::string_view pattern);

// Shortest and longest match of a pattern, in code points (kUnbounded when there is no
// upper limit). nullopt when the syntax is not understood.
std::optional<int64_t> MinLength(std::string_view pattern);
std::optional<int64_t> MaxLength(std::string_view pattern);

// True when every match of `atom` is exactly one code point (a literal, an escape for
// one character or a class, '.', a class, or a group of such alternatives).
bool IsSingleCodePointAtom(std::string_view atom);

// A pattern of the form ^(?!L).+ or ^(?!L).* (`L` a non-empty literal of printable ASCII
// characters that are not regex metacharacters; `.` as ECMA-262 defines it), such as
// the App Runner model's TagKey pattern ^(?!aws:).+, rewritten without the lookahead,
// which RE2 lacks, for whole-value matching. nullopt for any other pattern.
//
// The language is regular: `.+` (or `.*`) minus the values that start with L. A value
// does not start with L exactly when it is a proper prefix of L, or when it agrees with
// L on some first k characters and then has a character other than L[k]. So, with D
// ECMA-262's `.` class [^\n\r\x{2028}\x{2029}] and D-c that class without c:
//   L = "aws:"  ->  (?:[D-a]D*|a(?:[D-w]D*|w(?:[D-s]D*|s(?:[D-:]D*|)|)|)|)
// where the final empty alternatives are the proper prefixes ("", "a", "aw", "aws");
// for `.+` the outermost one (the empty value) is left out. The anchors are dropped:
// the result is for whole-value matching only (RE2::FullMatch or an anchored DFA). Under
// search semantics (ValidateOptions' PatternSemantics::kSearch) the original means
// "the first character is in D and the value does not start with L", which this
// expression does not give; the generator (which does not call this yet: no pattern of
// the PauseService slice has a lookahead) must give that mode its own form.
std::optional<std::string> RewriteLeadingNegativeLookahead(std::string_view pattern);

// The same pattern rewritten for search semantics (RE2::PartialMatch; Smithy's letter,
// ValidateOptions' PatternSemantics::kSearch), where ^(?!L).+ means "the first
// character is in ECMA-262's '.' class and the value does not start with L", and
// ^(?!L).* means "the value does not start with L". Anchored with '^'; after the first
// character any character other than L[k] (a line terminator too) departs from L:
//   L = "aws:", .+  ->  ^(?:[^\n\r\x{2028}\x{2029}a]|a(?:[^w]|w(?:[^s]|s(?:[^:]|$)|$)|$))
// nullopt for any pattern RewriteLeadingNegativeLookahead does not take.
std::optional<std::string> RewriteLeadingNegativeLookaheadForSearch(std::string_view pattern);

}  // namespace apprunner::generator

#endif  // APPRUNNER_GENERATOR_REGEX_SHAPE_H_
