// Request validation: the ARN constraint (length in code points + the model pattern
// through its RE2 rewrite), required members, AWS-style messages, pattern semantics.
#include "validate/validate.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "api/pause_service.h"

namespace apprunner::pause_service {
namespace {

const std::string kPrefix = "arn:aws:apprunner:us-east-1:123456789012:";
const std::string kArn = kPrefix + "service/python-app/8fe1e10304f84fd2b0df550fe98a71fa";
const std::string kPattern =
    R"(arn:aws(-[\w]+)*:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[0-9]{12}:(\w|\/|-){1,1011})";

std::string Message(const Validator& v, std::string_view arn) {
  PauseServiceRequest req;
  req.service_arn = arn;
  ValidationReport report;
  if (v.Validate(req, &report)) return "";
  return ValidationMessage(report);
}

bool Valid(std::string_view arn, const Validator& v = DefaultValidator()) { return Message(v, arn).empty(); }

// An ARN of exactly `n` code points built from the shortest valid prefix.
std::string ArnOfLength(size_t n, const std::string& fill = "a") {
  std::string arn = "arn:aws:::123456789012:";  // 23 code points
  while (arn.size() < n) arn += fill;
  return arn;
}

struct ArnCase {
  const char* name;
  std::string arn;
  bool valid;
};

std::vector<ArnCase> ArnCases() {
  std::string max_len = kPrefix + "service/" + std::string(1011 - kPrefix.size() - 8, 'a');
  return {
      {"api reference sample", kArn, true},
      {"length 1", "a", false},
      {"shortest pattern match", "arn:aws:::123456789012:a", true},
      {"length 1011", max_len, true},
      {"length 1012", max_len + "a", false},
      {"length 1011 via shortest prefix", ArnOfLength(1011), true},
      {"tail of 988 is the most a 1011 value can hold", ArnOfLength(1011, "/"), true},
      {"multi-byte in resource", kPrefix + "service/caf\xc3\xa9", false},
      {"multi-byte in partition suffix", "arn:aws-\xc3\xa9:apprunner:us-east-1:123456789012:service/a",
       false},
      {"partition aws-cn", "arn:aws-cn:apprunner:cn-north-1:123456789012:service/a/b", true},
      {"partition aws-us-gov", "arn:aws-us-gov:apprunner:us-gov-west-1:123456789012:service/a", true},
      {"partition aws-iso-b", "arn:aws-iso-b:apprunner:us-isob-east-1:123456789012:service/a", true},
      // The other partitions of botocore 1.43.11's data/partitions.json.
      {"partition aws-iso", "arn:aws-iso:apprunner:us-iso-east-1:123456789012:service/a", true},
      {"partition aws-iso-e", "arn:aws-iso-e:apprunner:eu-isoe-west-1:123456789012:service/a", true},
      {"partition aws-iso-f", "arn:aws-iso-f:apprunner:us-isof-south-1:123456789012:service/a", true},
      {"partition aws-eusc", "arn:aws-eusc:apprunner:eusc-de-east-1:123456789012:service/a", true},
      {"partition aws only as a prefix", "arn:awsx:apprunner:r:123456789012:service/a", false},
      {"partition upper case", "arn:AWS:apprunner:r:123456789012:service/a", false},
      {"partition with underscore", "arn:aws-a_b:apprunner:r:123456789012:service/a", true},
      {"partition empty suffix", "arn:aws-:apprunner:r:123456789012:service/a", false},
      {"partition other vendor", "arn:azure:apprunner:r:123456789012:service/a", false},
      {"empty service and region", "arn:aws:::123456789012:service/a", true},
      {"empty account", "arn:aws:apprunner:us-east-1::service/a", false},
      {"11-digit account", "arn:aws:apprunner:us-east-1:12345678901:service/a", false},
      {"13-digit account", "arn:aws:apprunner:us-east-1:1234567890123:service/a", false},
      {"account with letter", "arn:aws:apprunner:us-east-1:12345678901x:service/a", false},
      {"backslash in region (the class admits it)", "arn:aws:apprunner:us-east\\1:123456789012:service/x",
       true},
      {"dot in region", "arn:aws:apprunner:us.east.1:123456789012:service/x", true},
      {"uppercase region", "arn:aws:apprunner:US-EAST-1:123456789012:service/x", false},
      {"region of 63", "arn:aws:apprunner:" + std::string(63, 'r') + ":123456789012:service/x", true},
      {"region of 64", "arn:aws:apprunner:" + std::string(64, 'r') + ":123456789012:service/x", false},
      {"dot in resource", kPrefix + "service/a.b", false},
      {"colon in resource", kPrefix + "service:a", false},
      {"empty resource", kPrefix, false},
      {"garbage before", "x" + kArn, false},
      {"garbage after", kArn + " ", false},
      {"trailing newline", kArn + "\n", false},
      {"leading newline", "\n" + kArn, false},
      {"embedded NUL", kPrefix + std::string("a\0b", 3), false},
      {"two ARNs", kArn + kArn, false},
  };
}

class ArnTest : public ::testing::TestWithParam<ArnCase> {};

TEST_P(ArnTest, MatchesModelSemantics) {
  EXPECT_EQ(Valid(GetParam().arn), GetParam().valid)
      << GetParam().name << ": " << Message(DefaultValidator(), GetParam().arn);
}

INSTANTIATE_TEST_SUITE_P(Rows, ArnTest, ::testing::ValuesIn(ArnCases()), [](const auto& info) {
  std::string n = info.param.name;
  for (char& ch : n)
    if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
});

TEST(Validate, LengthCountsCodePointsNotBytes) {
  // 1011 code points, more than 1011 bytes: the resource part is invalid for the
  // pattern, but only the pattern, not the length, may be reported.
  std::string arn = ArnOfLength(1010) + "\xc3\xa9";
  ASSERT_GT(arn.size(), 1011u);
  std::string m = Message(DefaultValidator(), arn);
  EXPECT_EQ(m.find("length"), std::string::npos) << m;
  EXPECT_NE(m.find("regular expression"), std::string::npos) << m;
  // 1012 code points: now the length fails too.
  std::string longer = ArnOfLength(1011) + "\xc3\xa9";
  EXPECT_NE(Message(DefaultValidator(), longer).find("less than or equal to 1011"), std::string::npos);
}

TEST(Validate, OverlongValueStillGetsTheExactPatternVerdict) {
  // 1012 code points whose tail is 989 characters: the original pattern's {1,1011}
  // accepts the tail, so only the length is violated.
  std::string arn = ArnOfLength(1012);
  EXPECT_EQ(Message(DefaultValidator(), arn),
            "1 validation error detected: Value '" + arn +
                "' at 'serviceArn' failed to satisfy constraint: Member must have length less "
                "than or equal to 1011");
  // A tail of 1012 characters breaks {1,1011} as well.
  std::string prefix = "arn:aws:::123456789012:";
  std::string long_tail = prefix + std::string(1012, 'a');
  std::string m = Message(DefaultValidator(), long_tail);
  EXPECT_NE(m.find("2 validation errors detected"), std::string::npos) << m;
  EXPECT_NE(m.find("regular expression pattern: " + kPattern), std::string::npos);
  // A tail of exactly 1011 in an over-long value: the pattern holds.
  std::string tail_1011 = prefix + std::string(1011, 'a');
  EXPECT_EQ(Message(DefaultValidator(), tail_1011).find("regular expression"), std::string::npos);
}

TEST(Validate, MissingMemberMessage) {
  PauseServiceRequest req;
  ValidationReport report;
  EXPECT_FALSE(DefaultValidator().Validate(req, &report));
  EXPECT_EQ(ValidationMessage(report),
            "1 validation error detected: Value null at 'serviceArn' failed to satisfy "
            "constraint: Member must not be null");
}

TEST(Validate, EmptyValueReportsBothConstraints) {
  EXPECT_EQ(Message(DefaultValidator(), ""),
            "2 validation errors detected: Value '' at 'serviceArn' failed to satisfy constraint: "
            "Member must have length greater than or equal to 1; Value '' at 'serviceArn' failed "
            "to satisfy constraint: Member must satisfy regular expression pattern: " +
                kPattern);
}

TEST(Validate, PatternMessageQuotesTheOriginalModelPattern) {
  std::string m = Message(DefaultValidator(), "nope");
  EXPECT_EQ(m,
            "1 validation error detected: Value 'nope' at 'serviceArn' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: " +
                kPattern);
}

TEST(Validate, FailFastStopsAtTheFirstViolation) {
  ValidateOptions options;
  options.fail_fast = true;
  Validator v(kModel, options);
  PauseServiceRequest req;
  req.service_arn = "";
  ValidationReport report;
  EXPECT_FALSE(v.Validate(req, &report));
  EXPECT_EQ(report.total(), 1u);
  EXPECT_EQ(report[0].kind, ConstraintKind::kMinLength);
}

TEST(Validate, ReportCarriesPathAndValue) {
  PauseServiceRequest req;
  req.service_arn = "bad";
  ValidationReport report;
  ASSERT_FALSE(DefaultValidator().Validate(req, &report));
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].path(), "serviceArn");
  EXPECT_EQ(report[0].text, "bad");
  EXPECT_EQ(report[0].kind, ConstraintKind::kPattern);
  EXPECT_EQ(report[0].field->wire_name, "ServiceArn");
}

TEST(Validate, SearchSemanticsAcceptsSurroundingText) {
  ValidateOptions options;
  options.pattern_semantics = PatternSemantics::kSearch;
  Validator search(kModel, options);
  EXPECT_TRUE(Valid("x" + kArn, search));
  EXPECT_TRUE(Valid(kArn + " ", search));
  EXPECT_TRUE(Valid(kPrefix + "service/a.b", search));
  EXPECT_FALSE(Valid("no arn here", search));
  EXPECT_FALSE(Valid("x" + kArn, DefaultValidator()));
}

TEST(Validate, SharedValidatorIsThreadSafe) {
  const Validator& v = DefaultValidator();
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      ValidationReport report;
      PauseServiceRequest req;
      for (int i = 0; i < 2000; ++i) {
        req.service_arn = (i % 2) ? std::string_view(kArn) : std::string_view("bad");
        if (v.Validate(req, &report) != (i % 2 == 1)) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

TEST(CountCodePoints, CountsScalarValues) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("abcdefghij"), 10u);
  EXPECT_EQ(CountCodePoints("caf\xc3\xa9"), 4u);
  EXPECT_EQ(CountCodePoints("\xf0\x9f\x98\x80\xf0\x9f\x98\x80xyz\xe2\x82\xac"), 6u);
}

TEST(PauseServiceRequestProcessor, SerializationErrorBody) {
  PauseServiceRequestProcessor p;
  EXPECT_EQ(p.Process(R"({"ServiceArn":1})"), Outcome::kSerializationError);
  EXPECT_EQ(p.http_status(), 400);
  EXPECT_EQ(p.error_type(), "SerializationException");
  EXPECT_EQ(
      p.error_body(),
      R"({"__type":"SerializationException","Message":"wrong JSON type for member 'ServiceArn' (WrongType) at byte 14"})");
}

TEST(PauseServiceRequestProcessor, ValidationErrorBodyEscapesEchoedValues) {
  PauseServiceRequestProcessor p;
  EXPECT_EQ(p.Process(R"({"ServiceArn":"a\"b\\c\n"})"), Outcome::kValidationError);
  EXPECT_EQ(p.error_type(), "InvalidRequestException");
  EXPECT_EQ(p.http_status(), 400);
  std::string body(p.error_body());
  EXPECT_EQ(
      body.rfind(
          R"({"__type":"InvalidRequestException","Message":"1 validation error detected: Value 'a\"b\\c\n' at 'serviceArn')",
          0),
      0u)
      << body;
}

TEST(PauseServiceRequestProcessor, ValidRequest) {
  PauseServiceRequestProcessor p;
  EXPECT_EQ(p.Process("{\"ServiceArn\":\"" + kArn + "\"}"), Outcome::kValid);
  EXPECT_EQ(*p.request().service_arn, kArn);
  EXPECT_EQ(p.http_status(), 200);
}

}  // namespace
}  // namespace apprunner::pause_service
