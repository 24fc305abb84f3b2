// Request decoding: every rejection class with its error code and byte offset, the
// zero-copy contract, both input APIs, and the options.
#include "codec/decode.h"
#include "api/pause_service.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace apprunner::pause_service {
namespace {

constexpr char kArn[] =
    "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa";

struct RejectCase {
  const char* name;
  std::string body;
  CodecError code;
  uint32_t offset;
};

std::string Nested(int levels) {
  return "{\"x\":" + std::string(levels, '[') + std::string(levels, ']') + "}";
}

// Each row: name, body, expected code, expected offset (the caret line marks it).
std::vector<RejectCase> RejectCases() {
  return {
      {"empty body", "", CodecError::kMalformedJson, 0},
      {"whitespace only", "  \n", CodecError::kMalformedJson, 0},
      {"root is an array", R"([{"ServiceArn":"x"}])", CodecError::kRootNotObject, 0},
      {"root is a string", R"("arn")", CodecError::kRootNotObject, 0},
      {"root is null", "null", CodecError::kRootNotObject, 0},
      {"missing colon", R"({"ServiceArn" "x"})", CodecError::kMalformedJson, 14},
      //                               ^
      {"trailing comma", R"({"ServiceArn":"x",})", CodecError::kMalformedJson, 18},
      //                                     ^
      {"unclosed object", R"({"ServiceArn":"x")", CodecError::kMalformedJson, 17},
      //                                       ^ (end of input)
      {"unclosed string", R"({"ServiceArn":"x)", CodecError::kMalformedJson, 14},
      //                                 ^
      {"trailing garbage", R"({"ServiceArn":"x"} x)", CodecError::kTrailingContent, 19},
      //                                          ^
      {"two documents", R"({"ServiceArn":"x"}{"ServiceArn":"y"})", CodecError::kTrailingContent, 18},
      //                                        ^
      {"extra closing brace", R"({"ServiceArn":"x"}})", CodecError::kTrailingContent, 18},
      //                                              ^
      {"bad escape", R"({"ServiceArn":"a\qb"})", CodecError::kMalformedJson, 14},
      //                                 ^
      {"lone high surrogate", R"({"ServiceArn":"\ud800"})", CodecError::kMalformedJson, 14},
      {"lone low surrogate", R"({"ServiceArn":"\udc00"})", CodecError::kMalformedJson, 14},
      {"raw tab in a string", "{\"ServiceArn\":\"a\tb\"}", CodecError::kMalformedJson, 16},
      //                                        ^
      {"raw newline in a key", "{\"Service\nArn\":\"a\"}", CodecError::kMalformedJson, 9},
      {"invalid UTF-8", "{\"ServiceArn\":\"a\xff\"}", CodecError::kInvalidUtf8, 16},
      {"overlong UTF-8", "{\"ServiceArn\":\"\xc0\xaf\"}", CodecError::kInvalidUtf8, 15},
      {"UTF-8 surrogate", "{\"ServiceArn\":\"\xed\xa0\x80\"}", CodecError::kInvalidUtf8, 15},
      {"byte order mark", "\xEF\xBB\xBF{\"ServiceArn\":\"x\"}", CodecError::kMalformedJson, 0},
      {"single quotes", R"({'ServiceArn':'x'})", CodecError::kMalformedJson, 1},
      {"comment", R"({/*c*/"ServiceArn":"x"})", CodecError::kMalformedJson, 1},
      {"duplicate member", R"({"ServiceArn":"a","ServiceArn":"b"})", CodecError::kDuplicateMember, 18},
      //                                         ^
      {"duplicate via escape", R"({"ServiceArn":"a","Service\u0041rn":"b"})", CodecError::kDuplicateMember,
       18},
      {"escaped first then plain", R"({"Service\u0041rn":"a","ServiceArn":"b"})",
       CodecError::kDuplicateMember, 23},
      {"duplicate with null first", R"({"ServiceArn":null,"ServiceArn":"b"})", CodecError::kDuplicateMember,
       19},
      {"number for string", R"({"ServiceArn":1})", CodecError::kWrongType, 14},
      //                                       ^
      {"object for string", R"({"ServiceArn":{}})", CodecError::kWrongType, 14},
      {"array for string", R"({"ServiceArn":["x"]})", CodecError::kWrongType, 14},
      {"bool for string", R"({"ServiceArn":true})", CodecError::kWrongType, 14},
      {"malformed unknown array", R"({"x":[1,2,tru],"ServiceArn":"a"})", CodecError::kMalformedJson, 10},
      //                                      ^
      {"malformed unknown number", R"({"x":01,"ServiceArn":"a"})", CodecError::kMalformedJson, 5},
      {"NaN in unknown", R"({"x":NaN})", CodecError::kMalformedJson, 5},
      {"Infinity in unknown", R"({"x":-Infinity})", CodecError::kMalformedJson, 5},
      {"bad escape in unknown", R"({"x":{"y":"\x"}})", CodecError::kMalformedJson, 10},
      {"lone surrogate in unknown key", R"({"x":{"\udfff":1}})", CodecError::kMalformedJson, 6},
      {"trailing comma in unknown", R"({"x":[1,],"ServiceArn":"a"})", CodecError::kMalformedJson, 8},
      // Fuzzer finding: a ':' after an unconsumed string sent On-Demand's skipper past
      // the rest of the object, so the body below decoded as {} instead of failing.
      {"colon after unknown string", R"({"a":"x":"y","ServiceArn":"q"})", CodecError::kMalformedJson, 8},
      //                                        ^
      {"colon after known string", R"({"ServiceArn":"x":"y"})", CodecError::kMalformedJson, 17},
      {"colon after string, nested", R"({"a":"b":{"c":1},"ServiceArn":{"d":[]}})", CodecError::kMalformedJson,
       8},
      // The default limit is 1000 (Jackson's): the 1000th '[' sits at depth 1001.
      {"deep unknown nesting", Nested(1000), CodecError::kDepthLimit, 1004},
      {"very deep unknown nesting", Nested(100000), CodecError::kDepthLimit, 1004},
      {"very deep unknown objects",
       std::string("{\"x\":") +
           [] {
             std::string s;
             for (int i = 0; i < 100000; ++i) s += "{\"a\":";
             return s + "1" + std::string(100000, '}') + "}";
           }(),
       CodecError::kDepthLimit, 5 + 999 * 5},
  };
}

class RejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(RejectTest, FailsWithCodeAndOffset) {
  const RejectCase& c = GetParam();
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  req.service_arn = "stale";
  DecodeStatus s = decoder.Decode(c.body, &req);
  EXPECT_EQ(CodecErrorName(s.code), CodecErrorName(c.code)) << c.name << ": " << s.detail;
  EXPECT_EQ(s.offset, c.offset) << c.name << ": " << s.detail;
  EXPECT_FALSE(req.service_arn.has_value()) << "a failed decode leaves the struct reset";
}

INSTANTIATE_TEST_SUITE_P(Rows, RejectTest, ::testing::ValuesIn(RejectCases()), [](const auto& info) {
  std::string n = info.param.name;
  for (char& ch : n)
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
});

TEST(PauseServiceRequestDecoder, DecodesTheExampleZeroCopy) {
  std::string body = std::string("{ \"ServiceArn\": \"") + kArn + "\" }";
  std::vector<char> padded(body.begin(), body.end());
  padded.resize(body.size() + simdjson::SIMDJSON_PADDING);
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  ASSERT_TRUE(decoder.DecodePadded(std::string_view(padded.data(), body.size()), padded.size(), &req).ok());
  ASSERT_TRUE(req.service_arn.has_value());
  EXPECT_EQ(*req.service_arn, kArn);
  // Zero-copy: the view points into the caller's buffer.
  EXPECT_GE(req.service_arn->data(), padded.data());
  EXPECT_LT(req.service_arn->data(), padded.data() + body.size());
}

TEST(PauseServiceRequestDecoder, CopyingApiViewsItsOwnCopy) {
  std::string body = std::string("{\"ServiceArn\":\"") + kArn + "\"}";
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  ASSERT_TRUE(decoder.Decode(body, &req).ok());
  EXPECT_EQ(*req.service_arn, kArn);
  bool inside_body =
      req.service_arn->data() >= body.data() && req.service_arn->data() < body.data() + body.size();
  EXPECT_FALSE(inside_body) << "Decode copies into its padded buffer";
  body.assign(body.size(), 'x');  // the caller may reuse its buffer at once
  EXPECT_EQ(*req.service_arn, kArn);
}

TEST(PauseServiceRequestDecoder, UnescapesIntoItsOwnBuffer) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  ASSERT_TRUE(decoder.Decode(R"({"ServiceArn":"a\/b\u00e9\ud83d\ude00\"\\\n"})", &req).ok());
  EXPECT_EQ(*req.service_arn, "a/b\xc3\xa9\xf0\x9f\x98\x80\"\\\n");
}

TEST(PauseServiceRequestDecoder, EscapedKeyMatchesMember) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  ASSERT_TRUE(decoder.Decode(R"({"Service\u0041rn":"x"})", &req).ok());
  EXPECT_EQ(*req.service_arn, "x");
}

TEST(PauseServiceRequestDecoder, NullIsAbsent) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  ASSERT_TRUE(decoder.Decode(R"({"ServiceArn":null})", &req).ok());
  EXPECT_FALSE(req.service_arn.has_value());
}

TEST(PauseServiceRequestDecoder, MalformedNullLiteral) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  DecodeStatus s = decoder.Decode(R"({"ServiceArn":nul})", &req);
  EXPECT_EQ(s.code, CodecError::kMalformedJson);
  EXPECT_EQ(s.offset, 14u);
}

TEST(PauseServiceRequestDecoder, KeysDifferingOnlyInCaseAreNotTheMember) {
  // Strict: names are exact on the wire, so "serviceArn" is an unknown member (ignored,
  // its value syntax-checked), listed as a deviation with its path.
  PauseServiceRequestDecoder strict;
  PauseServiceRequest req;
  ASSERT_TRUE(strict.Decode(R"({"serviceArn":"x"})", &req).ok());
  EXPECT_FALSE(req.service_arn.has_value());
  ASSERT_EQ(strict.engine().num_deviations(), 1u);
  EXPECT_EQ(strict.engine().deviations()[0].kind, DeviationKind::kMemberNameCase);
  EXPECT_EQ(strict.engine().deviations()[0].path(), "serviceArn");
  EXPECT_EQ(strict.engine().deviations()[0].offset, 1u);
  // ... so it neither collides with the member nor gets its type checked as the member's.
  ASSERT_TRUE(strict.Decode(R"({"ServiceArn":"a","serviceARN":{}})", &req).ok());
  EXPECT_EQ(*req.service_arn, "a");
  ASSERT_TRUE(strict.Decode(R"({"SERVICEARN":1,"ServiceArn":"a"})", &req).ok());
  EXPECT_EQ(*req.service_arn, "a");
  // ... but it is syntax-checked like any unknown value.
  EXPECT_EQ(strict.Decode(R"({"serviceArn":[1,],"ServiceArn":"a"})", &req).code, CodecError::kMalformedJson);
  // With reject_unknown_members it is an unknown member, named in the status.
  DecodeOptions reject;
  reject.reject_unknown_members = true;
  PauseServiceRequestDecoder rejecting(reject);
  DecodeStatus s = rejecting.Decode(R"({"serviceArn":"x"})", &req);
  EXPECT_EQ(s.code, CodecError::kUnknownMember);
  EXPECT_EQ(s.offset, 1u);
  EXPECT_EQ(s.name, "serviceArn");
  // Lenient: accepted as the member, and then it is a duplicate of the exact spelling.
  DecodeOptions options;
  options.lenient = true;
  PauseServiceRequestDecoder lenient(options);
  ASSERT_TRUE(lenient.Decode(R"({"serviceArn":"x"})", &req).ok());
  EXPECT_EQ(*req.service_arn, "x");
  EXPECT_EQ(lenient.Decode(R"({"ServiceArn":"a","serviceARN":"b"})", &req).code,
            CodecError::kDuplicateMember);
}

TEST(PauseServiceRequestDecoder, IgnoresWellFormedUnknownMembers) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  ASSERT_TRUE(
      decoder.Decode(R"({"a":{"b":[1,-2.5e3,true,false,null,"s\u0041",{}]},"ServiceArn":"x","c":[]})", &req)
          .ok());
  EXPECT_EQ(*req.service_arn, "x");
}

TEST(PauseServiceRequestDecoder, DuplicateUnknownMembersAreNotModelled) {
  // Only modelled members are checked for duplicates; unknown ones are ignored.
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  EXPECT_TRUE(decoder.Decode(R"({"x":1,"x":2,"ServiceArn":"a"})", &req).ok());
}

TEST(PauseServiceRequestDecoder, RejectsUnknownMembersWhenAsked) {
  DecodeOptions options;
  options.reject_unknown_members = true;
  PauseServiceRequestDecoder decoder(options);
  PauseServiceRequest req;
  DecodeStatus s = decoder.Decode(R"({"ServiceArn":"x","Extra":1})", &req);
  EXPECT_EQ(s.code, CodecError::kUnknownMember);
  EXPECT_EQ(s.offset, 18u);
  EXPECT_EQ(s.name, "Extra");
  // The name is the unescaped one.
  s = decoder.Decode(R"({"Ex\u0074ra":1})", &req);
  EXPECT_EQ(s.code, CodecError::kUnknownMember);
  EXPECT_EQ(s.name, "Extra");
}

TEST(PauseServiceRequestDecoder, DepthOfAModelledMembersValueCounts) {
  // The value of a member sits one level below its object, whether the member is
  // modelled (and of the wrong type) or unknown: both hit the limit at the same depth.
  DecodeOptions options;
  options.max_depth = 2;
  PauseServiceRequestDecoder decoder(options);
  PauseServiceRequest req;
  EXPECT_EQ(decoder.Decode(R"({"x":[]})", &req).code, CodecError::kOk);
  EXPECT_EQ(decoder.Decode(R"({"ServiceArn":[]})", &req).code, CodecError::kWrongType);
  DecodeStatus s = decoder.Decode(R"({"x":[[]]})", &req);
  EXPECT_EQ(s.code, CodecError::kDepthLimit);
  EXPECT_EQ(s.offset, 6u);
  s = decoder.Decode(R"({"ServiceArn":[[]]})", &req);
  EXPECT_EQ(s.code, CodecError::kDepthLimit);
  EXPECT_EQ(s.offset, 15u);
}

TEST(PauseServiceRequestDecoder, BodySizeLimit) {
  DecodeOptions options;
  options.max_body_bytes = 64;
  PauseServiceRequestDecoder decoder(options);
  PauseServiceRequest req;
  std::string ok = "{\"ServiceArn\":\"" + std::string(64 - 17, 'a') + "\"}";
  ASSERT_EQ(ok.size(), 64u);
  EXPECT_TRUE(decoder.Decode(ok, &req).ok());
  std::string big = "{\"ServiceArn\":\"" + std::string(64 - 16, 'a') + "\"}";
  EXPECT_EQ(decoder.Decode(big, &req).code, CodecError::kBodyTooLarge);
}

TEST(PauseServiceRequestDecoder, DefaultBodyLimitIsOneMiB) {
  PauseServiceRequestDecoder decoder;
  EXPECT_EQ(decoder.options().max_body_bytes, size_t{1} << 20);
  PauseServiceRequest req;
  std::string big = "{\"x\":\"" + std::string((size_t{1} << 20), 'a') + "\"}";
  EXPECT_EQ(decoder.Decode(big, &req).code, CodecError::kBodyTooLarge);
}

TEST(PauseServiceRequestDecoder, DepthLimitIsConfigurable) {
  DecodeOptions options;
  options.max_depth = 3;
  PauseServiceRequestDecoder decoder(options);
  PauseServiceRequest req;
  EXPECT_TRUE(decoder.Decode(R"({"x":[[1]]})", &req).ok());  // depth 3
  EXPECT_EQ(decoder.Decode(R"({"x":[[[1]]]})", &req).code, CodecError::kDepthLimit);
  // The default accepts what AWS's Java services (Jackson, limit 1000) accept.
  PauseServiceRequestDecoder defaults;
  EXPECT_EQ(defaults.options().max_depth, 1000u);
  EXPECT_TRUE(defaults.Decode(Nested(100), &req).ok());
  EXPECT_TRUE(defaults.Decode(Nested(999), &req).ok());
  EXPECT_EQ(defaults.Decode(Nested(1000), &req).code, CodecError::kDepthLimit);
}

TEST(PauseServiceRequestDecoder, PaddedApiRequiresPadding) {
  std::string body = R"({"ServiceArn":"x"})";
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  DecodeStatus s = decoder.DecodePadded(body, body.size() + simdjson::SIMDJSON_PADDING - 1, &req);
  EXPECT_EQ(s.code, CodecError::kBufferTooSmall);
}

TEST(PauseServiceRequestDecoder, EveryTruncationOfTheExampleIsRejected) {
  std::string body = std::string("{ \"ServiceArn\": \"") + kArn + "\" }";
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  for (size_t n = 0; n < body.size(); ++n) {
    DecodeStatus s = decoder.Decode(body.substr(0, n), &req);
    // Every proper prefix is incomplete JSON: an unclosed object, string or literal.
    EXPECT_EQ(CodecErrorName(s.code), "MalformedJson") << "prefix of " << n << " bytes";
    EXPECT_LE(s.offset, n) << "prefix of " << n << " bytes";
  }
  EXPECT_TRUE(decoder.Decode(body, &req).ok());
}

TEST(PauseServiceRequestDecoder, ReusedDecoderGivesIndependentResults) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest a;
  ASSERT_TRUE(decoder.Decode(R"({"ServiceArn":"first"})", &a).ok());
  EXPECT_EQ(*a.service_arn, "first");
  ASSERT_FALSE(decoder.Decode(R"({"ServiceArn":)", &a).ok());
  ASSERT_TRUE(decoder.Decode(R"({})", &a).ok());
  EXPECT_FALSE(a.service_arn.has_value());
}

TEST(CodecErrorName, NamesEveryCode) {
  for (int c = 0; c <= static_cast<int>(CodecError::kInvalidTimestamp); ++c) {
    EXPECT_NE(CodecErrorName(static_cast<CodecError>(c)), "Unknown") << c;
  }
}

TEST(FirstInvalidUtf8, FindsTheFirstBadByte) {
  EXPECT_EQ(FirstInvalidUtf8("abc"), 3u);
  EXPECT_EQ(FirstInvalidUtf8("a\xc3\xa9"
                             "b\x80"),
            4u);
  EXPECT_EQ(FirstInvalidUtf8("\xf4\x90\x80\x80"), 0u);  // > U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8("ok\xe2\x82"), 2u);        // truncated
}

}  // namespace
}  // namespace apprunner::pause_service
