// The pattern analysis the generator's rewrite proofs rest on.
#include "generator/regex_shape.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <regex>
#include <string>
#include <vector>

#include "tests/testutil/utf8.h"

namespace apprunner::generator {
namespace {

constexpr char kArn[] =
    R"(arn:aws(-[\w]+)*:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[0-9]{12}:(\w|\/|-){1,1011})";

TEST(MinLength, ModelPatterns) {
  EXPECT_EQ(MinLength(kArn), 24);
  EXPECT_EQ(MinLength(R"(arn:aws(-[\w]+)*:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[0-9]{12}:)"), 23);
  EXPECT_EQ(
      MinLength("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}"),
      36);
  EXPECT_EQ(MinLength("256|512|1024|2048|4096|(0.25|0.5|1|2|4) vCPU"), 3);
  EXPECT_EQ(MinLength(".*"), 0);
  EXPECT_EQ(MinLength(R"([^\x0a\x0d]+)"), 1);
  EXPECT_EQ(MinLength("caf\xc3\xa9"), 4);  // code points, not bytes
  EXPECT_EQ(MinLength("^ab$"), 2);         // anchors are zero-width
  EXPECT_EQ(MinLength("(?:ab){2}c?"), 4);
}

TEST(MaxLength, ModelPatterns) {
  EXPECT_EQ(
      MaxLength("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}"),
      36);
  EXPECT_EQ(MaxLength("256|512|1024|2048|4096|(0.25|0.5|1|2|4) vCPU"), 9);
  EXPECT_EQ(MaxLength("[A-Za-z0-9][A-Za-z0-9-_]{3,39}"), 40);
  EXPECT_EQ(MaxLength(kArn), kUnbounded);
  EXPECT_EQ(MaxLength("a{2,5}"), 5);
}

TEST(SplitTopLevel, SplitsSequenceAndQuantifiers) {
  auto pieces = SplitTopLevel(kArn);
  ASSERT_TRUE(pieces.has_value());
  const Piece& last = pieces->back();
  EXPECT_EQ(last.atom, R"((\w|\/|-))");
  EXPECT_EQ(last.quantifier, "{1,1011}");
  EXPECT_EQ(last.min_repeat, 1);
  EXPECT_EQ(last.max_repeat, 1011);
  EXPECT_FALSE(SplitTopLevel("a|b").has_value());  // top-level alternation
  EXPECT_FALSE(SplitTopLevel("a(b").has_value());  // malformed
}

TEST(IsSingleCodePointAtom, Classifies) {
  EXPECT_TRUE(IsSingleCodePointAtom(R"((\w|\/|-))"));
  EXPECT_TRUE(IsSingleCodePointAtom("[a-z]"));
  EXPECT_TRUE(IsSingleCodePointAtom(R"(\w)"));
  EXPECT_TRUE(IsSingleCodePointAtom("\xc3\xa9"));
  EXPECT_TRUE(IsSingleCodePointAtom(R"(\x{2028})"));
  EXPECT_FALSE(IsSingleCodePointAtom("(ab)"));
  EXPECT_FALSE(IsSingleCodePointAtom("(a|bc)"));
  EXPECT_FALSE(IsSingleCodePointAtom("(a+)"));
  EXPECT_FALSE(IsSingleCodePointAtom("^"));
}

TEST(RewriteLeadingNegativeLookahead, TagKeyPattern) {
  EXPECT_EQ(RewriteLeadingNegativeLookahead("^(?!aws:).+"),
            "(?:[^\\n\\r\\x{2028}\\x{2029}a][^\\n\\r\\x{2028}\\x{2029}]*|a(?:[^\\n\\r\\x{2028}\\x{2029}w]"
            "[^\\n\\r\\x{2028}\\x{2029}]*|w(?:[^\\n\\r\\x{2028}\\x{2029}s][^\\n\\r\\x{2028}\\x{2029}]*|"
            "s(?:[^\\n\\r\\x{2028}\\x{2029}:][^\\n\\r\\x{2028}\\x{2029}]*|)|)|))");
  // Only this shape is rewritten.
  for (const char* other : {"(?!aws:).+", "^(?!aws:).+x", "^(?!).+", "^(?!a.b).+", "^(?!a-b).+", "^(?!a b).+",
                            "^(?=aws:).+", "^(?!aws:)[a-z]+", ".+", "^(?!aws:"}) {
    EXPECT_EQ(RewriteLeadingNegativeLookahead(other), std::nullopt) << other;
  }
}

using testutil::Utf8;

// Every value of up to 5 characters over an alphabet that covers the literal's
// characters, line terminators (ECMA-262's '.' excludes \n, \r, U+2028, U+2029),
// U+0085 (which it admits), and other characters: `rewrite` of each pattern, under RE2
// (FullMatch, or PartialMatch when `search`), gives the verdict of the original under
// std::wregex in ECMAScript mode (which has lookahead; regex_match, or regex_search).
void ExpectAgreesWithEcmaScript(std::optional<std::string> (*rewrite)(std::string_view), bool search) {
  const std::vector<char32_t> alphabet = {U'a', U'w', U's', U':', U'x', U'\n', U'\r', 0x2028, 0x85, 0xE9};
  for (const char* pattern : {"^(?!aws:).+", "^(?!aws:).*", "^(?!ab).+", "^(?!x).*", "^(?!a).+"}) {
    std::optional<std::string> rewritten = rewrite(pattern);
    ASSERT_TRUE(rewritten.has_value()) << pattern;
    RE2 re2(*rewritten);
    ASSERT_TRUE(re2.ok()) << *rewritten;
    std::string narrow(pattern);
    const std::wregex reference(std::wstring(narrow.begin(), narrow.end()), std::regex::ECMAScript);
    std::vector<size_t> digits;
    size_t checked = 0, matched = 0;
    for (size_t length = 0; length <= 5; ++length) {
      digits.assign(length, 0);
      for (;;) {
        std::wstring wide;
        std::string utf8;
        for (size_t d : digits) {
          wide.push_back(static_cast<wchar_t>(alphabet[d]));
          utf8 += Utf8(alphabet[d]);
        }
        const bool want = search ? std::regex_search(wide, reference) : std::regex_match(wide, reference);
        const bool got = search ? RE2::PartialMatch(utf8, re2) : RE2::FullMatch(utf8, re2);
        ASSERT_EQ(got, want) << pattern << " on \"" << utf8 << "\"";
        ++checked;
        matched += want;
        size_t i = 0;
        while (i < length && ++digits[i] == alphabet.size()) digits[i++] = 0;
        if (i == length) break;
      }
    }
    EXPECT_GT(matched, 0u) << pattern;
    EXPECT_LT(matched, checked) << pattern;
  }
}

TEST(RewriteLeadingNegativeLookahead, AgreesWithAnEcmaScriptEngine) {
  ExpectAgreesWithEcmaScript(&RewriteLeadingNegativeLookahead, /*search=*/false);
}

// The search form under RE2::PartialMatch gives std::regex_search's verdict on the
// original, over the same values.
TEST(RewriteLeadingNegativeLookaheadForSearch, AgreesWithAnEcmaScriptEngine) {
  EXPECT_EQ(RewriteLeadingNegativeLookaheadForSearch("^(?!aws:).+"),
            "^(?:[^\\n\\r\\x{2028}\\x{2029}a]|a(?:[^w]|w(?:[^s]|s(?:[^:]|$)|$)|$))");
  EXPECT_EQ(RewriteLeadingNegativeLookaheadForSearch("^(?=aws:).+"), std::nullopt);
  ExpectAgreesWithEcmaScript(&RewriteLeadingNegativeLookaheadForSearch, /*search=*/true);
}

}  // namespace
}  // namespace apprunner::generator
