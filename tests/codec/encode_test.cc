// The encoder: escaping, timestamps, member order, omission of absent members.
#include "codec/encode.h"
#include "api/pause_service.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "codec/decode.h"
#include "tests/testutil/utf8.h"

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

TEST(AppendJsonString, EscapesLineSeparatorsAndC1Controls) {
  EXPECT_EQ(Str("a\xe2\x80\xa8"
                "b\xe2\x80\xa9"
                "c"),
            R"("a\u2028b\u2029c")");
  EXPECT_EQ(Str("\xc2\x85"), R"("\u0085")");  // NEL
  EXPECT_EQ(Str("\xc2\x80\xc2\x9f"), R"("\u0080\u009f")");
  // Their neighbours are plain text.
  EXPECT_EQ(Str("\xc2\xa0\xe2\x80\xa7\xe2\x80\xaa\xe2\x82\xac"),
            "\"\xc2\xa0\xe2\x80\xa7\xe2\x80\xaa\xe2\x82\xac\"");
  // In a string that also needs repair, the valid parts are escaped the same way.
  EXPECT_EQ(Str("\xff\xe2\x80\xa8"), "\"\xEF\xBF\xBD\\u2028\"");
}

using testutil::Utf8;

// The encoding of one code point, written independently of the encoder.
std::string Reference(uint32_t cp) {
  switch (cp) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
  }
  if (cp < 0x20 || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", cp);
    return buf;
  }
  return Utf8(cp);
}

TEST(AppendJsonString, EveryCodePointAsTheReferenceEncodesIt) {
  simdjson::dom::parser parser;
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string value = Utf8(cp);
    std::string encoded = Str(value);
    ASSERT_EQ(encoded, "\"" + Reference(cp) + "\"") << std::hex << cp;
    if (cp < 0x3000 || cp % 997 == 0) {  // and it reads back as the same code point
      std::string_view back;
      ASSERT_EQ(parser.parse(encoded).get_string().get(back), simdjson::SUCCESS) << std::hex << cp;
      ASSERT_EQ(back, value) << std::hex << cp;
    }
  }
}

TEST(AppendJsonString, SpecialsAtEveryOffsetOfTheBlockScan) {
  // The scan reads 16 bytes at a time: each character that needs care, at every offset
  // of a 48-byte ASCII string and straddling the block edges, alone and in pairs.
  const uint32_t specials[] = {'"',  '\\', 0x00,   0x1F,   0x7F,   0x80,   0x85,   0x9F,
                               0xA0, 0xE9, 0x2027, 0x2028, 0x2029, 0x202A, 0x20AC, 0x1F600};
  for (uint32_t a : specials) {
    for (uint32_t b : specials) {
      for (size_t at = 0; at <= 48; ++at) {
        std::string value(48, 'x'), want(48, 'x');
        value.insert(at, Utf8(a) + Utf8(b));
        want.insert(at, Reference(a) + Reference(b));
        ASSERT_EQ(Str(value), "\"" + want + "\"") << std::hex << a << " " << b << " at " << std::dec << at;
      }
    }
  }
}

TEST(AppendJsonString, PassesValidUtf8Through) {
  EXPECT_EQ(Str("caf\xc3\xa9 \xf0\x9f\x98\x80"), "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
}

TEST(AppendJsonString, ReplacesInvalidUtf8) {
  EXPECT_EQ(Str("a\xff"
                "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");
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
