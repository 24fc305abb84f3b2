// The generator's DFA compiler, and every emitted DFA against RE2 on a deterministic
// stream of mutated values (the fuzzer does the same on coverage-guided input).
#include "generator/dfa.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <string>
#include <vector>

#include "api/pause_service.h"
#include "codec/table.h"

namespace apprunner {
namespace {

using generator::CompileDfa;

TEST(CompileDfa, MatchesWholeValues) {
  std::string why;
  auto dfa = CompileDfa("ab(c|d)*e{2,3}", &why);
  ASSERT_TRUE(dfa.has_value()) << why;
  EXPECT_TRUE(dfa->FullMatch("abee"));
  EXPECT_TRUE(dfa->FullMatch("abcdcdeee"));
  EXPECT_FALSE(dfa->FullMatch("abeeee"));
  EXPECT_FALSE(dfa->FullMatch("xabee"));
  EXPECT_FALSE(dfa->FullMatch("abe"));
  EXPECT_FALSE(dfa->FullMatch(""));
}

TEST(CompileDfa, ClassesRangesAndEscapes) {
  std::string why;
  auto dfa = CompileDfa(R"([a-z0-9-\\.]{0,3}:[\w+=,.@\-/]+)", &why);
  ASSERT_TRUE(dfa.has_value()) << why;
  EXPECT_TRUE(dfa->FullMatch("a\\.:x"));  // backslash is in the first class
  EXPECT_TRUE(dfa->FullMatch(":a-b/c@d"));
  EXPECT_FALSE(dfa->FullMatch("abcd:x"));  // {0,3}
  EXPECT_FALSE(dfa->FullMatch(":a\\b"));   // \- is a hyphen, no backslash there
  EXPECT_FALSE(dfa->FullMatch(":caf\xc3\xa9"));
}

TEST(CompileDfa, RefusesWhatItCannotCompileExactly) {
  std::string why;
  EXPECT_FALSE(CompileDfa(".*", &why).has_value());    // '.' comes translated
  EXPECT_FALSE(CompileDfa("^a$", &why).has_value());   // '$'
  EXPECT_FALSE(CompileDfa("a^b", &why).has_value());   // '^' after input
  EXPECT_FALSE(CompileDfa("a?^b", &why).has_value());  // ... on some path
  EXPECT_FALSE(CompileDfa("\\s+", &why).has_value());
  EXPECT_FALSE(CompileDfa("caf\xc3\xa9", &why).has_value());         // non-ASCII literal
  EXPECT_FALSE(CompileDfa("[\\x{e9}]", &why).has_value());           // non-ASCII in a positive class
  EXPECT_FALSE(CompileDfa("[^\\x{e9}-\\x{ff}]", &why).has_value());  // non-ASCII range
  EXPECT_FALSE(why.empty());
}

// A negated class is any code point but the listed ones: ASCII bytes, or the UTF-8
// sequence of one code point above U+007F (the input is valid UTF-8).
TEST(CompileDfa, NegatedClassesMatchOneCodePoint) {
  std::string why;
  auto dot = CompileDfa("a[^\\n\\r\\x{2028}\\x{2029}]b", &why);
  ASSERT_TRUE(dot.has_value()) << why;
  for (const char* yes : {"axb", "a b",
                          "a\xc3\xa9"
                          "b",
                          "a\xe2\x82\xac"
                          "b",
                          "a\xf0\x9f\x98\x80"
                          "b",
                          "a\xe2\x80\xa7"
                          "b",
                          "a\xe2\x80\xaa"
                          "b",
                          "a\xef\xbf\xbd"
                          "b",
                          "a\x7f"
                          "b"}) {
    EXPECT_TRUE(dot->FullMatch(yes)) << yes;
  }
  for (const char* no : {"ab", "a\nb", "a\rb",
                         "a\xe2\x80\xa8"
                         "b",
                         "a\xe2\x80\xa9"
                         "b",
                         "axxb",
                         "a\xc3\xa9\xc3\xa9"
                         "b"}) {
    EXPECT_FALSE(dot->FullMatch(no)) << no;
  }
  auto not_nul = CompileDfa("[^\\x00]+", &why);
  ASSERT_TRUE(not_nul.has_value()) << why;
  EXPECT_TRUE(not_nul->FullMatch("caf\xc3\xa9"));
  EXPECT_FALSE(not_nul->FullMatch(std::string("a\0b", 3)));
  EXPECT_FALSE(not_nul->FullMatch(""));
}

// '^' where nothing can have been read is always true in a whole-value match.
TEST(CompileDfa, AnchorAtTheStart) {
  std::string why;
  auto dfa = CompileDfa("(x[0-9]+)|(^ab|c)", &why);
  ASSERT_TRUE(dfa.has_value()) << why;
  EXPECT_TRUE(dfa->FullMatch("ab"));
  EXPECT_TRUE(dfa->FullMatch("c"));
  EXPECT_TRUE(dfa->FullMatch("x12"));
  EXPECT_FALSE(dfa->FullMatch("^ab"));
  EXPECT_FALSE(dfa->FullMatch("xab"));
}

// The DFA is minimal: states the subset construction keeps apart but no input tells
// apart are one (a run's states must be, for LowerDfa to find the run whole).
TEST(CompileDfa, IsMinimal) {
  std::string why;
  // dead, start, after 'x', in the run: the three alternatives' sets merge.
  auto run = CompileDfa("x(\\w|\\/|-)+", &why);
  ASSERT_TRUE(run.has_value()) << why;
  EXPECT_EQ(run->num_states, 4);
  EXPECT_TRUE(run->FullMatch("xa/-_9"));
  EXPECT_FALSE(run->FullMatch("x"));
  // dead, start, after 'a' or 'c' (one state), accepting.
  auto alt = CompileDfa("ab|cb", &why);
  ASSERT_TRUE(alt.has_value()) << why;
  EXPECT_EQ(alt->num_states, 4);
  EXPECT_TRUE(alt->FullMatch("cb"));
  EXPECT_FALSE(alt->FullMatch("ac"));
}

TEST(CompileDfa, StateLimit) {
  std::string why;
  EXPECT_FALSE(CompileDfa("[ab]*a[ab]{12}", &why, 256).has_value());  // 2^13 states
  EXPECT_NE(why.find("DFA states"), std::string::npos) << why;
}

// Mutations of seed values: insertions, deletions, substitutions, truncations and
// repetitions, over the pattern's own characters plus a few outsiders.
std::vector<std::string> Mutations(const std::vector<std::string>& seeds, size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  const std::string alphabet =
      "arnwsAZ09:-_/\\.@+=,xe- \n\t\x01\x7f"
      "\xc3\xa9";
  std::vector<std::string> out(seeds);
  while (out.size() < n) {
    std::string s = out[rng() % out.size()];
    switch (rng() % 6) {
      case 0:
        if (!s.empty()) s.erase(rng() % s.size(), 1);
        break;
      case 1:
        s.insert(s.begin() + (s.empty() ? 0 : rng() % (s.size() + 1)), alphabet[rng() % alphabet.size()]);
        break;
      case 2:
        if (!s.empty()) s[rng() % s.size()] = alphabet[rng() % alphabet.size()];
        break;
      case 3: s = s.substr(0, s.empty() ? 0 : rng() % s.size()); break;
      case 4:
        if (!s.empty()) {
          size_t at = rng() % s.size();
          s.insert(at, std::string(rng() % 1100, s[at]));
        }
        break;
      default: s += s.substr(0, rng() % (s.size() + 1)); break;
    }
    out.push_back(s);
  }
  return out;
}

// The lowered form (literals and runs taken many bytes at a time) against the plain
// DFA, on patterns built to exercise each shortcut at and around its bounds.
TEST(LowerDfa, ShortcutsGiveTheDfasVerdict) {
  const std::vector<std::string> patterns = {
      "arn:aws(-[\\w]+)*:[a-z0-9-\\\\.]{0,63}:[a-z0-9-\\\\.]{0,63}:[0-9]{12}:(\\w|\\/|-)+",
      "arn:(aws|aws-us-gov|aws-cn):iam::[0-9]{12}:(role|role\\/service-role)\\/[\\w+=,.@\\-/]{1,40}",
      "abc",
      "ab(cd)*",
      "a{3,5}b?",
      "[ab]{2}c{0,3}",
      "(xy|xz)+",
      "[0-9a-f]{8}-[0-9a-f]{4}",
      "a*",
      "q[a-c]{1,4}[c-e]{2}"};
  std::mt19937 rng(5150);
  const std::string alphabet = "abcdexyzq019-:/_rnws.\\";
  size_t with_shortcuts = 0;
  for (const std::string& pattern : patterns) {
    std::string why;
    auto dfa = CompileDfa(pattern, &why);
    ASSERT_TRUE(dfa.has_value()) << pattern << ": " << why;
    auto lowered = generator::LowerDfa(*dfa, &why);
    ASSERT_TRUE(lowered.has_value()) << pattern << ": " << why;
    codec::DfaTable table = lowered->View();
    int shortcuts = 0;
    for (const codec::DfaShortcut& c : lowered->shortcuts)
      shortcuts += c.run_bytes != codec::kNoRun || c.literal_length != 0;
    with_shortcuts += shortcuts > 0;
    // Values from the pattern's own accepted strings, mutated, plus random ones.
    std::vector<std::string> seeds = {"",
                                      "arn:aws:apprunner:us-east-1:123456789012:service/a/b",
                                      "arn:aws-cn:iam::123456789012:role/service-role/x",
                                      "abc",
                                      "abcdcd",
                                      "aaaab",
                                      "ababccc",
                                      "xyxzxy",
                                      "0123abcd-ef01",
                                      "aaaaaaaa",
                                      "qabccde"};
    std::vector<std::string> values = Mutations(seeds, 4000, 99);
    for (int k = 0; k < 4000; ++k) {
      std::string v(rng() % 70, 'a');
      for (char& c : v) c = alphabet[rng() % alphabet.size()];
      values.push_back(v);
    }
    int accepted = 0;
    for (const std::string& v : values) {
      bool want = dfa->FullMatch(v);
      ASSERT_EQ(table.FullMatch(v), want) << pattern << " on [" << v << "]";
      accepted += want;
    }
    EXPECT_GT(accepted, 0) << pattern;
  }
  EXPECT_EQ(with_shortcuts, patterns.size() - 1);  // all but (xy|xz)+
}

TEST(GeneratedDfas, AgreeWithRe2) {
  const std::vector<std::string> seeds = {
      "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa",
      "arn:aws-cn:iam::123456789012:role/service-role/AppRunnerECRAccessRole",
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "17fe9f55-7e91-4097-b243-fcabbb69a4cf", "python-app", "DefaultConfiguration",
      "arn:aws:::123456789012:a",
      // Cpu, Memory, ImageIdentifier: '.' is any code point but \n \r U+2028 U+2029.
      "1 vCPU", "0.25 vCPU",
      "0\xc3\xa9"
      "25 vCPU",
      "0\xe2\x80\xa8"
      "25 vCPU",
      "0\xe2\x80\xa7"
      "25 vCPU",
      "3 GB", "0.5 GB", "0\n5 GB",
      "0\xf0\x9f\x98\x80"
      "5 GB",
      "12288", "123456789012.dkr.ecr.us-east-1.amazonaws.com/python-app:latest",
      "123456789012\xc3\xa9"
      "dkr.ecr.us-east-1.amazonaws.com/a/b-c@sha256:0f",
      "public.ecr.aws/aws-containers/hello-app-runner:latest", "public.ecr.aws/\xe2\x82\xac/x.y/z@abc:1",
      "public.ecr.aws/a\xe2\x80\xa9/z"};
  const std::vector<std::string> values = Mutations(seeds, 20000, 20201120);
  int with_dfa = 0;
  for (int32_t i = 0; i < model::kNumPatterns; ++i) {
    const codec::PatternDesc& p = model::kPatterns[i];
    if (p.dfa == nullptr) continue;
    ++with_dfa;
    RE2 re(re2::StringPiece(p.re2_fast.data(), p.re2_fast.size()), RE2::Quiet);
    ASSERT_TRUE(re.ok());
    // A DFA whose pattern can match non-ASCII assumes valid UTF-8 (what the decoder
    // hands out); one that cannot match it rejects every byte above 0x7F, valid or not.
    bool utf8 = false;
    for (int b = 0x80; b < 256; ++b) utf8 |= p.dfa->byte_class[b] != 0;
    const RE2 valid_utf8(R"((?s:.)*)");
    int accepted = 0, non_ascii_accepted = 0;
    for (const std::string& v : values) {
      if (utf8 && !RE2::FullMatch(re2::StringPiece(v.data(), v.size()), valid_utf8)) continue;
      bool want = RE2::FullMatch(re2::StringPiece(v.data(), v.size()), re);
      ASSERT_EQ(p.dfa->FullMatch(v), want) << p.model << " on [" << v << "]";
      accepted += want;
      bool non_ascii = false;
      for (unsigned char c : v) non_ascii |= c >= 0x80;
      non_ascii_accepted += want && non_ascii;
    }
    EXPECT_GT(accepted, 0) << p.model << ": the stream never exercised an accepting path";
    if (utf8) EXPECT_GT(non_ascii_accepted, 0) << p.model << ": no non-ASCII value accepted";
  }
  EXPECT_GE(with_dfa, 9);  // ARN, RoleArn, KmsKeyArn, UUID, two names, Cpu, Memory, ImageIdentifier
}

TEST(GeneratedExcludedRuns, AgreeWithRe2) {
  const std::vector<std::string> seeds = {"",
                                          "python server.py",
                                          "a\nb",
                                          "a\rb",
                                          std::string("a\0b", 3),
                                          "caf\xc3\xa9",
                                          "x\xe2\x80\xa8y",
                                          "x\xe2\x80\xa9y",
                                          "x\xe2\x80\xa7y",
                                          "\xf0\x9f\x98\x80",
                                          "\xc2\x85"};
  std::vector<std::string> values = Mutations(seeds, 20000, 7);
  int with_run = 0;
  for (int32_t i = 0; i < model::kNumPatterns; ++i) {
    const codec::PatternDesc& p = model::kPatterns[i];
    if (p.run == nullptr) continue;
    ++with_run;
    RE2 re(re2::StringPiece(p.re2_fast.data(), p.re2_fast.size()), RE2::Quiet);
    ASSERT_TRUE(re.ok());
    int accepted = 0, rejected = 0;
    for (const std::string& v : values) {
      // The decoder only hands out valid UTF-8; so does this stream, after filtering.
      bool valid_utf8 = RE2::FullMatch(re2::StringPiece(v.data(), v.size()), RE2(R"((?s:.)*)"));
      if (!valid_utf8) continue;
      bool want = RE2::FullMatch(re2::StringPiece(v.data(), v.size()), re);
      ASSERT_EQ(p.run->FullMatch(v), want) << p.model << " on [" << v << "]";
      (want ? accepted : rejected)++;
    }
    EXPECT_GT(accepted, 0) << p.model;
    EXPECT_GT(rejected, 0) << p.model;
  }
  // .* (NextToken, RuntimeEnvironmentVariablesKey, TagValue: one row per length bound),
  // [^\x0a\x0d]+ (BuildCommand, StartCommand), [^\x00]+ (SourceDirectory).
  EXPECT_EQ(with_run, 5);
}

}  // namespace
}  // namespace apprunner
