// The pattern analysis the generator's rewrite proofs rest on.
#include "generator/regex_shape.h"

#include <gtest/gtest.h>

namespace apprunner::generator {
namespace {

constexpr char kArn[] =
    R"(arn:aws(-[\w]+)*:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[0-9]{12}:(\w|\/|-){1,1011})";

TEST(MinLength, ModelPatterns) {
  EXPECT_EQ(MinLength(kArn), 24);
  EXPECT_EQ(MinLength(R"(arn:aws(-[\w]+)*:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[0-9]{12}:)"), 23);
  EXPECT_EQ(MinLength("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}"), 36);
  EXPECT_EQ(MinLength("256|512|1024|2048|4096|(0.25|0.5|1|2|4) vCPU"), 3);
  EXPECT_EQ(MinLength(".*"), 0);
  EXPECT_EQ(MinLength(R"([^\x0a\x0d]+)"), 1);
  EXPECT_EQ(MinLength("caf\xc3\xa9"), 4);  // code points, not bytes
  EXPECT_EQ(MinLength("^ab$"), 2);         // anchors are zero-width
  EXPECT_EQ(MinLength("(?:ab){2}c?"), 4);
}

TEST(MaxLength, ModelPatterns) {
  EXPECT_EQ(MaxLength("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}"), 36);
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

}  // namespace
}  // namespace apprunner::generator
