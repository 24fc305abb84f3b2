// The encoder: escaping, timestamps, member order, omission of absent members.
#include "codec/encode.h"

#include <gtest/gtest.h>

#include <string>

#include "codec/decode.h"

namespace apprunner::pause_service {
namespace {

std::string Str(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

TEST(AppendJsonString, EscapesQuoteBackslashAndControls) {
  EXPECT_EQ(Str("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(Str("\b\f\n\r\t"), R"("\b\f\n\r\t")");
  EXPECT_EQ(Str(std::string("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
  EXPECT_EQ(Str("/"), R"("/")");
}

TEST(AppendJsonString, PassesValidUtf8Through) {
  EXPECT_EQ(Str("caf\xc3\xa9 \xf0\x9f\x98\x80"), "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
}

TEST(AppendJsonString, ReplacesInvalidUtf8) {
  EXPECT_EQ(Str("a\xff" "b"), "\"a\xEF\xBF\xBD" "b\"");
  EXPECT_EQ(Str("\xe2\x82"), "\"\xEF\xBF\xBD\"");
}

std::string Epoch(int64_t seconds, int32_t nanos = 0) {
  std::string out;
  AppendEpochSeconds(Timestamp{seconds, nanos}, &out);
  return out;
}

TEST(AppendEpochSeconds, ShortestExactDecimal) {
  EXPECT_EQ(Epoch(1398796238, 123000000), "1398796238.123");
  EXPECT_EQ(Epoch(1398796238), "1398796238");
  EXPECT_EQ(Epoch(1398796238, 100000000), "1398796238.1");
  EXPECT_EQ(Epoch(1398796238, 10000000), "1398796238.01");
  EXPECT_EQ(Epoch(1700000000, 123456000), "1700000000.123456");
  EXPECT_EQ(Epoch(1700000000, 500000), "1700000000.0005");
  EXPECT_EQ(Epoch(1700000000, 1), "1700000000.000000001");
  EXPECT_EQ(Epoch(1700000000, 999999999), "1700000000.999999999");
  EXPECT_EQ(Epoch(0), "0");
  EXPECT_EQ(Epoch(-2, 500000000), "-1.5");
  EXPECT_EQ(Epoch(-1, 999999999), "-0.000000001");
  EXPECT_EQ(Epoch(-1, 0), "-1");
  EXPECT_EQ(Epoch(-62135596800), "-62135596800");
}

TEST(AppendEpochSeconds, HandBuiltValuesOutsideTheNormalFormStayExact) {
  // nanos outside 0..999'999'999 is not the normal form, but the encoder still writes
  // the instant seconds + nanos / 1e9 exactly.
  EXPECT_EQ(Epoch(5, -500000000), "4.5");
  EXPECT_EQ(Epoch(5, 1500000000), "6.5");
  EXPECT_EQ(Epoch(INT64_MIN), "-9223372036854775808");
  EXPECT_EQ(Epoch(INT64_MAX, 999999999), "9223372036854775807.999999999");
  EXPECT_EQ(Epoch(INT64_MIN, INT32_MIN), "-9223372036854775810.147483648");
}

TEST(EncodeJson, RequestIsCompact) {
  PauseServiceRequest req;
  std::string out;
  EncodeJson(req, &out);
  EXPECT_EQ(out, "{}");
  out.clear();
  req.service_arn = "arn:aws:apprunner:us-east-1:123456789012:service/a/b";
  EncodeJson(req, &out);
  EXPECT_EQ(out, R"({"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/a/b"})");
}

TEST(AppendErrorBody, AwsJson10Shape) {
  std::string out;
  AppendErrorBody("InvalidRequestException", "Value 'a\"b' at 'x'", &out);
  EXPECT_EQ(out, R"({"__type":"InvalidRequestException","Message":"Value 'a\"b' at 'x'"})");
}

TEST(EncodeJson, CanonicalFormOfDecodedRequest) {
  PauseServiceRequestDecoder decoder;
  PauseServiceRequest req;
  ASSERT_TRUE(decoder.Decode("{ \"x\" : [1, 2],\n \"ServiceArn\" : \"a\\u002Fb\" }", &req).ok());
  std::string out;
  EncodeJson(req, &out);
  EXPECT_EQ(out, R"({"ServiceArn":"a/b"})");
  PauseServiceRequest again;
  ASSERT_TRUE(decoder.Decode(out, &again).ok());
  EXPECT_EQ(again, req);
}

}  // namespace
}  // namespace apprunner::pause_service
