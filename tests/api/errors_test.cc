// awsJson1_0 errors: encoding the operation's errors, sanitizing error types, and
// decoding error responses with the clients' precedence rules.
#include "api/errors.h"
#include "api/pause_service.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace apprunner::pause_service {
namespace {

TEST(EncodeError, EveryModelledErrorAndSerializationException) {
  struct {
    const char* type;
    int status;
    Fault fault;
  } rows[] = {
      {"InvalidRequestException", 400, Fault::kClient},
      {"InvalidStateException", 400, Fault::kClient},
      {"ResourceNotFoundException", 400, Fault::kClient},
      {"InternalServiceErrorException", 500, Fault::kServer},
      {"SerializationException", 400, Fault::kClient},
  };
  for (const auto& row : rows) {
    std::string body;
    ErrorEncoding e = EncodeError(row.type, "m \"q\" \\ \n \xc3\xa9", &body);
    EXPECT_TRUE(e.known) << row.type;
    EXPECT_EQ(e.http_status, row.status) << row.type;
    EXPECT_EQ(e.fault, row.fault) << row.type;
    EXPECT_EQ(e.header_value, row.type);
    EXPECT_EQ(body,
              std::string("{\"__type\":\"") + row.type + "\",\"Message\":\"m \\\"q\\\" \\\\ \\n \xc3\xa9\"}");
  }
}

// Every message, whatever its bytes (valid UTF-8), comes back exactly from the body as
// an independent JSON parser reads it: NUL and other C0 controls, line breaks, quotes,
// backslashes (also ones that look like escapes), astral characters.
TEST(EncodeError, BodyParsesBackToTheExactMessage) {
  using namespace std::string_literals;
  const std::vector<std::string> messages = {
      ""s,
      "\0"s,
      "a\0b\0\0c"s,
      "line 1\nline 2\r\nline 3\rend\n"s,
      "\"quoted\" and 'single' \"\""s,
      "\\ \\\\ \\n \\u0000 \\\" \\"s,
      "tab\there, controls \x01\x08\x0b\x0c\x1b\x1f\x7f"s,
      "\xF0\x9F\x98\x80 U+1F600, \xF0\x90\x80\x80 U+10000, \xF4\x8F\xBF\xBF U+10FFFF"s,
      "\xC3\xA9 \xE2\x82\xAC \xEF\xBF\xBF \xEF\xBB\xBF"s,  // U+00E9 U+20AC U+FFFF U+FEFF
      "all: \0\n\r\t\"\\ \xF0\x9F\x98\x80\\\"\0"s,
  };
  const char* types[] = {"InvalidRequestException", "InvalidStateException", "ResourceNotFoundException",
                         "InternalServiceErrorException", "SerializationException"};
  simdjson::dom::parser parser;
  for (const char* type : types) {
    for (const std::string& message : messages) {
      std::string body;
      ASSERT_TRUE(EncodeError(type, message, &body).known) << type;
      SCOPED_TRACE(std::string(type) + " body: " + body);
      EXPECT_EQ(body.find('\n'), std::string::npos);
      EXPECT_EQ(body.find('\r'), std::string::npos);
      EXPECT_EQ(body.find('\0'), std::string::npos);
      simdjson::dom::object doc;
      ASSERT_EQ(parser.parse(body).get(doc), simdjson::SUCCESS);
      EXPECT_EQ(doc.size(), 2u);
      std::string_view got_type, got_message;
      ASSERT_EQ(doc["__type"].get_string().get(got_type), simdjson::SUCCESS);
      EXPECT_EQ(got_type, type);
      ASSERT_EQ(doc["Message"].get_string().get(got_message), simdjson::SUCCESS);
      EXPECT_EQ(std::string(got_message), message);
      EXPECT_EQ(got_message.size(), message.size());
    }
  }
}

TEST(EncodeError, UnknownTypeIsRefused) {
  std::string body;
  EXPECT_FALSE(EncodeError("ThrottlingException", "x", &body).known);
  EXPECT_TRUE(body.empty());
}

TEST(SanitizeErrorType, CutsNamespaceAndSuffix) {
  EXPECT_EQ(SanitizeErrorType("InvalidRequestException"), "InvalidRequestException");
  EXPECT_EQ(SanitizeErrorType("aws.apprunner#InvalidRequestException:http://internal.amazon.com/coral/x"),
            "InvalidRequestException");
  EXPECT_EQ(SanitizeErrorType("com.amazonaws.apprunner#ResourceNotFoundException"),
            "ResourceNotFoundException");
  EXPECT_EQ(SanitizeErrorType("InternalServiceErrorException:http://internal.amazon.com/"),
            "InternalServiceErrorException");
  // The first '#' (Smithy's rule, and smithy-rs'), not the last (botocore's).
  EXPECT_EQ(SanitizeErrorType("a#b#C"), "b#C");
  EXPECT_EQ(SanitizeErrorType("aws#"), "");
  EXPECT_EQ(SanitizeErrorType(":x"), "");
  EXPECT_EQ(SanitizeErrorType(""), "");
}

TEST(ErrorResponseDecoder, HeaderWinsOverBody) {
  ErrorResponseDecoder d;
  DecodedError e;
  ASSERT_TRUE(d.Decode(400, " ResourceNotFoundException:http://x ",
                       R"({"__type":"InvalidRequestException","Message":"m"})", &e)
                  .ok());
  EXPECT_EQ(e.type, "ResourceNotFoundException");
  EXPECT_EQ(e.source, DecodedError::Source::kHeader);
  EXPECT_EQ(e.message, "m");
  ASSERT_NE(e.modelled, nullptr);
  EXPECT_EQ(e.modelled->name, "ResourceNotFoundException");
}

TEST(ErrorResponseDecoder, TypeThenCodeFromTheBody) {
  ErrorResponseDecoder d;
  DecodedError e;
  ASSERT_TRUE(
      d.Decode(
           500, "",
           R"({"code":"X","__type":"com.amazonaws.apprunner#InternalServiceErrorException","message":"boom"})",
           &e)
          .ok());
  EXPECT_EQ(e.type, "InternalServiceErrorException");
  EXPECT_EQ(e.source, DecodedError::Source::kBodyType);
  EXPECT_EQ(e.fault, Fault::kServer);
  EXPECT_EQ(e.message, "boom");
  ASSERT_TRUE(d.Decode(400, "", R"({"code":"aws#InvalidStateException"})", &e).ok());
  EXPECT_EQ(e.type, "InvalidStateException");
  EXPECT_EQ(e.source, DecodedError::Source::kBodyCode);
  EXPECT_FALSE(e.has_message);
}

TEST(ErrorResponseDecoder, MessageUpperCaseFirst) {
  ErrorResponseDecoder d;
  DecodedError e;
  ASSERT_TRUE(d.Decode(400, "", R"({"message":"lower","Message":"upper"})", &e).ok());
  EXPECT_EQ(e.message, "upper");
}

TEST(ErrorResponseDecoder, UnknownTypeIsReportedNotGuessed) {
  ErrorResponseDecoder d;
  DecodedError e;
  ASSERT_TRUE(d.Decode(503, "", R"({"__type":"ThrottlingException","Message":"slow"})", &e).ok());
  EXPECT_EQ(e.type, "ThrottlingException");
  EXPECT_EQ(e.modelled, nullptr);
  EXPECT_EQ(e.fault, Fault::kServer);  // from the status
  ASSERT_TRUE(d.Decode(404, "", "", &e).ok());
  EXPECT_EQ(e.source, DecodedError::Source::kNone);
  EXPECT_TRUE(e.type.empty());
  EXPECT_EQ(e.modelled, nullptr);
  EXPECT_EQ(e.fault, Fault::kClient);
  EXPECT_EQ(e.http_status, 404);
}

TEST(ErrorResponseDecoder, MalformedBodyIsAnError) {
  ErrorResponseDecoder d;
  DecodedError e;
  EXPECT_EQ(d.Decode(400, "", R"({"__type":)", &e).code, CodecError::kMalformedJson);
  EXPECT_EQ(d.Decode(400, "", R"({"__type":"a","x":[1,]})", &e).code, CodecError::kMalformedJson);
  EXPECT_EQ(d.Decode(400, "", R"([])", &e).code, CodecError::kRootNotObject);
  // Two of one member: which would the next hop read? Rejected.
  EXPECT_EQ(d.Decode(400, "", R"({"__type":"A","__type":"B"})", &e).code, CodecError::kDuplicateMember);
}

TEST(ErrorResponseDecoder, EnvelopeMembersThatAreNotStringsAreIgnored) {
  ErrorResponseDecoder d;
  DecodedError e;
  // A numeric code must not hide the header's type.
  ASSERT_TRUE(d.Decode(400, "InvalidRequestException", R"({"code":400,"Message":"m"})", &e).ok());
  EXPECT_EQ(e.type, "InvalidRequestException");
  EXPECT_EQ(e.message, "m");
  // A non-string __type gives way to code; a non-string Message to message.
  ASSERT_TRUE(d.Decode(400, "",
                       R"({"__type":1,"code":"InvalidStateException","Message":{"a":1},"message":"low"})", &e)
                  .ok());
  EXPECT_EQ(e.type, "InvalidStateException");
  EXPECT_EQ(e.source, DecodedError::Source::kBodyCode);
  EXPECT_EQ(e.message, "low");
  // Names that differ in case are other members, ignored: the decode still succeeds.
  ASSERT_TRUE(d.Decode(400, "", R"({"__type":"InvalidStateException","Code":"x","MESSAGE":"y"})", &e).ok());
  EXPECT_EQ(e.type, "InvalidStateException");
  EXPECT_FALSE(e.has_message);
}

TEST(ErrorResponseDecoder, ATypeThatSanitizesToNothingIsNoType) {
  ErrorResponseDecoder d;
  DecodedError e;
  // "aws#" names no type: the body's __type is used.
  ASSERT_TRUE(d.Decode(400, "aws#", R"({"__type":"ResourceNotFoundException"})", &e).ok());
  EXPECT_EQ(e.type, "ResourceNotFoundException");
  EXPECT_EQ(e.source, DecodedError::Source::kBodyType);
  // An empty __type gives way to code.
  ASSERT_TRUE(d.Decode(400, "", R"({"__type":"","code":"InvalidStateException"})", &e).ok());
  EXPECT_EQ(e.type, "InvalidStateException");
  EXPECT_EQ(e.source, DecodedError::Source::kBodyCode);
  // Nothing names a type: reported as none.
  ASSERT_TRUE(d.Decode(400, ":x", R"({"__type":"a#","code":""})", &e).ok());
  EXPECT_TRUE(e.type.empty());
  EXPECT_EQ(e.source, DecodedError::Source::kNone);
  EXPECT_EQ(e.modelled, nullptr);
}

TEST(ErrorResponseDecoder, FaultComesFromTheModelElseTheStatusClass) {
  ErrorResponseDecoder d;
  DecodedError e;
  ASSERT_TRUE(d.Decode(0, "InternalServiceErrorException", "", &e).ok());
  EXPECT_EQ(e.fault, Fault::kServer);  // the model says, whatever the status
  ASSERT_TRUE(d.Decode(0, "InvalidStateException", "", &e).ok());
  EXPECT_EQ(e.fault, Fault::kClient);
  ASSERT_TRUE(d.Decode(503, "Throttled", "", &e).ok());
  EXPECT_EQ(e.fault, Fault::kServer);
  ASSERT_TRUE(d.Decode(429, "Throttled", "", &e).ok());
  EXPECT_EQ(e.fault, Fault::kClient);
  // An unknown type and no status (or one that is not 4xx/5xx): not guessed.
  ASSERT_TRUE(d.Decode(0, "Throttled", "", &e).ok());
  EXPECT_EQ(e.fault, Fault::kUnknown);
  EXPECT_EQ(FaultName(e.fault), "unknown");
  ASSERT_TRUE(d.Decode(200, "", "{}", &e).ok());
  EXPECT_EQ(e.fault, Fault::kUnknown);
}

TEST(ErrorResponseDecoder, RoundTripOfEncodedErrors) {
  ErrorResponseDecoder d;
  for (uint16_t i = 0; i < kPauseServiceOperation.num_errors; ++i) {
    std::string body;
    ErrorEncoding enc = EncodeError(kPauseServiceOperation.errors[i]->name, "why", &body);
    DecodedError e;
    ASSERT_TRUE(d.Decode(enc.http_status, "", body, &e).ok());
    EXPECT_EQ(e.type, kPauseServiceOperation.errors[i]->name);
    EXPECT_EQ(e.message, "why");
    EXPECT_EQ(e.modelled, kPauseServiceOperation.errors[i]);
  }
}

}  // namespace
}  // namespace apprunner::pause_service
