// The fuzz oracles' JSON checker (json_syntax.h) on known texts: a wrong oracle would
// report findings that are not there, or hide ones that are.
#include "tests/fuzz/json_syntax.h"

#include <gtest/gtest.h>

#include <string>

namespace apprunner::fuzz {
namespace {

TEST(JsonSyntax, AcceptsRfc8259Texts) {
  for (std::string t : {"{}",
                        " {} ",
                        "[]",
                        "0",
                        "-0",
                        "-0.0e+0",
                        "1E9",
                        "1e-9",
                        "123456789012345678901234567890",
                        "1.60624e599",
                        "true",
                        "false",
                        "null",
                        "\"\"",
                        "\"\\u0000\"",
                        "\"\\ud83d\\ude00\"",
                        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
                        "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"",
                        "\"\x7F\"",
                        "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}",
                        "\t\r\n[\t1 , 2\n]\r\n",
                        "[[[[[]]]]]",
                        "\"\xEF\xBF\xBF\"",
                        "\"\xF4\x8F\xBF\xBF\"",
                        "\"\xED\x9F\xBF\""}) {
    EXPECT_TRUE(JsonSyntax::Valid(t)) << t;
  }
}

TEST(JsonSyntax, RejectsWithFirstBadByte) {
  struct Case {
    std::string text;
    size_t error;
  };
  for (const Case& c : std::initializer_list<Case>{{"", 0},
                                                   {" ", 1},
                                                   {"{", 1},
                                                   {"{\"a\"", 4},
                                                   {"{\"a\":", 5},
                                                   {"{\"a\":1,}", 7},
                                                   {"[1,]", 3},
                                                   {"[1 2]", 3},
                                                   {"01", 1},
                                                   {"-", 1},
                                                   {"-a", 1},
                                                   {"1.", 2},
                                                   {"1.e1", 2},
                                                   {"1e", 2},
                                                   {"1e+", 3},
                                                   {".5", 0},
                                                   {"+1", 0},
                                                   {"NaN", 0},
                                                   {"Infinity", 0},
                                                   {"tru", 3},
                                                   {"trUe", 2},
                                                   {"nul", 3},
                                                   {"{} x", 3},
                                                   {"{}}", 2},
                                                   {"[}", 1},
                                                   {"{]", 1},
                                                   {"{'a':1}", 1},
                                                   {"{\"a\" 1}", 5},
                                                   {"/*c*/{}", 0},
                                                   {"\"a", 2},
                                                   {"\"\x01\"", 1},
                                                   {"\"\\x\"", 2},
                                                   {"\"\\u12G4\"", 5},
                                                   {"\"\\u123", 6},
                                                   {"\"\\udc00\"", 1},
                                                   {"\"\\ud800\"", 1},
                                                   {"\"\\ud800\\u0041\"", 1},
                                                   {"\"\\ud800", 7},
                                                   {"\"\\ud800\\", 8},
                                                   {"\"\\ud800\\ud", 10},
                                                   {"\"\\ud800x\"", 1},
                                                   {"\"\xC0\x80\"", 1},
                                                   {"\"\xED\xA0\x80\"", 1},
                                                   {"\"\xF4\x90\x80\x80\"", 1},
                                                   {"\"\xE2\x82\"", 1},
                                                   {"\"\x80\"", 1},
                                                   {"\"\xFF\"", 1},
                                                   {"\xEF\xBB\xBF{}", 0},
                                                   {"{\"a\":1} \x80", 8},
                                                   {"\xC3\xA9", 0},
                                                   {"{\"a\":1}\x0b", 7},
                                                   {"\xC2\xA0{}", 0}}) {
    JsonSyntaxResult r = JsonSyntax::Check(c.text);
    EXPECT_FALSE(r.valid) << c.text;
    EXPECT_EQ(r.error, c.error) << c.text;
  }
}

TEST(JsonSyntax, Bom) {
  JsonSyntaxResult r = JsonSyntax::Check("\xEF\xBB\xBF{\"a\":1}");
  EXPECT_FALSE(r.valid);
  EXPECT_TRUE(r.bom);
  EXPECT_TRUE(r.valid_after_bom);
  EXPECT_FALSE(JsonSyntax::Check("\xEF\xBB\xBF{").valid_after_bom);
}

TEST(JsonSyntax, Depth) {
  std::string deep = "{\"a\":" + std::string(70, '[') + std::string(70, ']') + "}";
  JsonSyntaxResult r = JsonSyntax::Check(deep, 64);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.max_depth, 71u);
  EXPECT_EQ(r.over_depth, 5u + 63u);  // the bracket opening level 65
  EXPECT_EQ(JsonSyntax::Check("{}", 64).over_depth, JsonSyntaxResult::kNone);
  EXPECT_EQ(JsonSyntax::Check("0").max_depth, 0u);
  // Far beyond any recursion limit: the checker is iterative.
  std::string very = std::string(200000, '[') + std::string(200000, ']');
  r = JsonSyntax::Check(very, 1024);
  EXPECT_TRUE(r.valid);
  EXPECT_EQ(r.max_depth, 200000u);
  EXPECT_EQ(r.over_depth, 1024u);
}

TEST(JsonSyntax, RootMembers) {
  JsonSyntaxResult r = JsonSyntax::Check(
      "{\"__type\":\"a#b\",\"x\":{\"code\":1},\"c\\u006fde\":2,\"M\":\"\\u00e9\\n\"", 64, true);
  EXPECT_FALSE(r.valid);
  ASSERT_EQ(r.root_keys.size(), 4u);
  EXPECT_EQ(r.root_keys[0].raw, "__type");
  EXPECT_TRUE(r.root_keys[0].value_is_string);
  EXPECT_EQ(r.root_keys[0].value_raw, "a#b");
  EXPECT_EQ(r.root_keys[1].raw, "x");
  EXPECT_FALSE(r.root_keys[1].value_is_string);
  EXPECT_EQ(UnescapeJson(r.root_keys[2].raw), "code");
  EXPECT_EQ(r.root_keys[2].offset, 31u);
  EXPECT_FALSE(r.root_keys[2].value_is_string);
  EXPECT_EQ(UnescapeJson(r.root_keys[3].value_raw), "\xC3\xA9\n");
  EXPECT_EQ(UnescapeJson("\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\r\\t"), "\xF0\x9F\x98\x80\"\\/\b\f\r\t");
}

TEST(Utf8, FirstIllFormed) {
  EXPECT_EQ(FirstIllFormedUtf8("abc"), 3u);
  EXPECT_EQ(FirstIllFormedUtf8("a\xE2\x82"
                               "b"),
            1u);
  EXPECT_EQ(FirstIllFormedUtf8("ab\xF0\x9F\x98\x80\xF8"), 6u);
  EXPECT_EQ(FirstIllFormedUtf8("\xE0\x9F\x80"), 0u);  // overlong
  EXPECT_EQ(FirstIllFormedUtf8("\xF0\x8F\xBF\xBF"), 0u);
  EXPECT_EQ(FirstIllFormedUtf8("\xED\xBF\xBF"), 0u);  // surrogate
  EXPECT_EQ(FirstIllFormedUtf8("\xC1\xBF"), 0u);
}

}  // namespace
}  // namespace apprunner::fuzz
