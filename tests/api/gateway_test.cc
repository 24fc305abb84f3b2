// HttpInspector over the whole generated App Runner model: every check of the
// header's table in order (and the cheaper of two failing checks deciding), the body
// size limit and its clamping, method, path and Content-Type rules, X-Amz-Target
// dispatch and the messages naming it, the allow/deny policy, decode and validation
// failures, report-only mode, in-place decoding of padded bodies, reuse of one
// inspector across accepts and rejects, every operation's sample request, and zero
// allocation in steady state. Answers (status, type, message, body) are compared in full.
#include "api/gateway.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "api/processor.h"
#include "codec/decode.h"
#include "generated/apprunner/service.h"
#include "tests/testutil/counting_new.h"
#include "tests/testutil/files.h"
#include "validate/validate.h"

namespace apprunner::model {
namespace {

using ::apprunner::codec::Check;
using ::apprunner::codec::CheckName;
using ::apprunner::codec::HttpInspector;
using ::apprunner::codec::HttpInspectorOptions;
using ::apprunner::codec::HttpRequestView;
using ::apprunner::codec::IsAwsJson10ContentType;
using ::apprunner::codec::kAccessDeniedException;
using ::apprunner::codec::kAwsJson10ContentType;
using ::apprunner::codec::kInvalidRequestException;
using ::apprunner::codec::kMaxBodyBytesLimit;
using ::apprunner::codec::kMethodNotAllowedException;
using ::apprunner::codec::kRequestEntityTooLargeException;
using ::apprunner::codec::kSerializationException;
using ::apprunner::codec::kUnknownOperationException;
using ::apprunner::codec::kUnsupportedMediaTypeException;
using ::apprunner::codec::OperationDesc;
using ::apprunner::codec::Verdict;
using ::apprunner::testutil::AllocationsOf;

constexpr std::string_view kArn =
    "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa";
const std::string kPauseBody = "{\"ServiceArn\":\"" + std::string(kArn) + "\"}";
constexpr std::string_view kUnknownTargetTail = ": it must be 'AppRunner.<Operation>'";

std::string S(std::string_view v) { return std::string(v); }

// A request that passes every HTTP-level check: POST / with the awsJson1_0 type.
HttpRequestView Request(std::string_view target, std::string_view body) {
  HttpRequestView r;
  r.method = "POST";
  r.path = "/";
  r.target = target;
  r.content_type = kAwsJson10ContentType;
  r.body = body;
  return r;
}

HttpRequestView Pause(std::string_view body = kPauseBody) { return Request(kPauseServiceTarget, body); }

// The awsJson1_0 error body for a message with nothing to escape.
std::string ErrorBody(std::string_view type, std::string_view message) {
  return "{\"__type\":\"" + S(type) + "\",\"Message\":\"" + S(message) + "\"}";
}

// The last Inspect rejected (or, in report-only mode, would have) with exactly this.
void ExpectAnswer(const HttpInspector& in, Check check, int status, std::string_view type,
                  std::string_view message) {
  EXPECT_EQ(in.check(), check) << CheckName(in.check()) << ": " << in.message();
  EXPECT_TRUE(in.would_reject());
  EXPECT_EQ(in.http_status(), status);
  EXPECT_EQ(in.error_type(), type);
  EXPECT_EQ(in.content_type(), "application/x-amz-json-1.0");
  EXPECT_EQ(in.message(), message);
  ASSERT_EQ(message.find_first_of("\"\\"), std::string_view::npos) << "escape it yourself";
  EXPECT_EQ(in.body(), ErrorBody(type, message));
  EXPECT_EQ(in.verdict(), in.options().report_only ? Verdict::kForward : Verdict::kReject);
}

void ExpectForwarded(const HttpInspector& in) {
  EXPECT_EQ(in.verdict(), Verdict::kForward);
  EXPECT_EQ(in.check(), Check::kNone) << CheckName(in.check()) << ": " << in.message();
  EXPECT_FALSE(in.would_reject());
  EXPECT_EQ(in.http_status(), 200);
  EXPECT_EQ(in.error_type(), std::string_view());
  EXPECT_EQ(in.message(), std::string_view());
  EXPECT_EQ(in.body(), std::string_view());
  EXPECT_EQ(in.violation_count(), 0u);
  EXPECT_EQ(in.content_type(), kAwsJson10ContentType);
}

std::string SamplePath(const OperationDesc& op) {
  return "examples/operations/" + S(op.name) + ".request.json";
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// ---------------------------------------------------------------------------------
// 1. The checks of the table, one at a time and in order
// ---------------------------------------------------------------------------------

TEST(Checks, NamesOfEveryCheck) {
  EXPECT_EQ(CheckName(Check::kNone), "None");
  EXPECT_EQ(CheckName(Check::kBodyTooLarge), "BodyTooLarge");
  EXPECT_EQ(CheckName(Check::kMethod), "Method");
  EXPECT_EQ(CheckName(Check::kPath), "Path");
  EXPECT_EQ(CheckName(Check::kContentType), "ContentType");
  EXPECT_EQ(CheckName(Check::kUnknownOperation), "UnknownOperation");
  EXPECT_EQ(CheckName(Check::kDenied), "Denied");
  EXPECT_EQ(CheckName(Check::kSerialization), "Serialization");
  EXPECT_EQ(CheckName(Check::kValidation), "Validation");
}

TEST(Checks, DefaultsAndTheStateBeforeTheFirstInspect) {
  HttpInspector in(kModel);
  EXPECT_EQ(in.options().max_body_bytes, size_t{1} << 20);
  EXPECT_FALSE(in.options().report_only);
  EXPECT_EQ(in.options().processor.unknown_operation_status, 400);
  EXPECT_EQ(in.check(), Check::kNone);
  EXPECT_EQ(in.operation(), nullptr);
  EXPECT_EQ(in.body(), std::string_view());
  for (uint16_t i = 0; i < kModel.num_operations; ++i) EXPECT_TRUE(in.IsAllowed(*kModel.operations[i]));
}

TEST(Checks, EachCheckAloneWithItsFullAnswer) {
  HttpInspectorOptions options;
  options.max_body_bytes = kPauseBody.size();
  HttpInspector in(kModel, options);

  // 1. Body too large: one byte over, valid JSON otherwise.
  const std::string big = kPauseBody + " ";
  HttpRequestView r = Pause(big);
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  ExpectAnswer(in, Check::kBodyTooLarge, 413, kRequestEntityTooLargeException,
               "request body of " + std::to_string(big.size()) + " bytes exceeds the limit of " +
                   std::to_string(kPauseBody.size()) + " bytes");
  EXPECT_EQ(kPauseBody.size(), 109u);
  EXPECT_EQ(in.message(), "request body of 110 bytes exceeds the limit of 109 bytes");
  EXPECT_EQ(in.operation(), nullptr);

  // 2. Method.
  r = Pause();
  r.method = "GET";
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  ExpectAnswer(in, Check::kMethod, 405, kMethodNotAllowedException,
               "method 'GET' is not allowed: awsJson1_0 requests are POST /");
  EXPECT_EQ(in.operation(), nullptr);

  // 3. Path.
  r = Pause();
  r.path = "/x";
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  ExpectAnswer(in, Check::kPath, 400, kUnknownOperationException,
               "path '/x' names no operation: awsJson1_0 requests are POST /");
  EXPECT_EQ(in.operation(), nullptr);

  // 4. Content-Type, wrong and missing.
  r = Pause();
  r.content_type = "application/json";
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  ExpectAnswer(in, Check::kContentType, 415, kUnsupportedMediaTypeException,
               "Content-Type 'application/json' is not supported: requests must be "
               "application/x-amz-json-1.0");
  r.content_type = "";
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  ExpectAnswer(in, Check::kContentType, 415, kUnsupportedMediaTypeException,
               "missing Content-Type: requests must be application/x-amz-json-1.0");
  EXPECT_EQ(in.operation(), nullptr);

  // 5. Unknown operation, wrong and missing.
  r = Request("AppRunner.Nope", kPauseBody);
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  ExpectAnswer(in, Check::kUnknownOperation, 400, kUnknownOperationException,
               "X-Amz-Target 'AppRunner.Nope' names no operation: it must be 'AppRunner.<Operation>'");
  r.target = "";
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  ExpectAnswer(in, Check::kUnknownOperation, 400, kUnknownOperationException,
               "missing X-Amz-Target: it must be 'AppRunner.<Operation>'");
  EXPECT_EQ(in.operation(), nullptr);

  // 6. Denied.
  ASSERT_TRUE(in.Deny("PauseService").ok());
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kReject);
  ExpectAnswer(in, Check::kDenied, 400, kAccessDeniedException,
               "operation PauseService is not allowed by this gateway's policy");
  EXPECT_EQ(in.operation(), &kPauseServiceOperation);
  in.ClearPolicy();

  // 7. Serialization.
  EXPECT_EQ(in.Inspect(Pause("{")), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kSerialization);
  EXPECT_EQ(in.http_status(), 400);
  EXPECT_EQ(in.error_type(), kSerializationException);
  EXPECT_EQ(in.error_type(), "SerializationException");
  EXPECT_FALSE(in.message().empty());
  EXPECT_EQ(in.message(), in.processor().message());
  EXPECT_NE(in.message().find("at byte"), std::string_view::npos) << in.message();
  EXPECT_EQ(in.body(), ErrorBody(kSerializationException, in.message()));
  EXPECT_EQ(in.operation(), &kPauseServiceOperation);
  EXPECT_EQ(in.violation_count(), 0u);

  // 8. Validation.
  EXPECT_EQ(in.Inspect(Pause("{}")), Verdict::kReject);
  ExpectAnswer(in, Check::kValidation, 400, kInvalidRequestException,
               "1 validation error detected: Value null at 'serviceArn' failed to satisfy "
               "constraint: Member must not be null");
  EXPECT_EQ(in.error_type(), "InvalidRequestException");
  EXPECT_EQ(in.violation_count(), 1u);
  EXPECT_EQ(in.operation(), &kPauseServiceOperation);

  // And all passing.
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kForward);
  ExpectForwarded(in);
  EXPECT_EQ(in.operation(), &kPauseServiceOperation);
}

// Every subset of the checks that one request can fail (a body cannot fail both
// decoding and validation): the cheapest failing check decides.
TEST(Checks, TheCheapestFailingCheckDecidesForEveryCombination) {
  const std::vector<Check> order = {Check::kBodyTooLarge,  Check::kMethod,           Check::kPath,
                                    Check::kContentType,   Check::kUnknownOperation, Check::kDenied,
                                    Check::kSerialization, Check::kValidation};
  HttpInspectorOptions options;
  options.max_body_bytes = kPauseBody.size();
  HttpInspector in(kModel, options);
  int combinations = 0;
  for (uint32_t mask = 1; mask < (1u << order.size()); ++mask) {
    auto fails = [&](Check c) {
      for (size_t i = 0; i < order.size(); ++i) {
        if (order[i] == c) return (mask >> i & 1) != 0;
      }
      return false;
    };
    if (fails(Check::kSerialization) && fails(Check::kValidation)) continue;
    Check expected = Check::kNone;
    for (size_t i = 0; i < order.size() && expected == Check::kNone; ++i) {
      if (mask >> i & 1) expected = order[i];
    }
    std::string body = fails(Check::kSerialization) ? "{" : fails(Check::kValidation) ? "{}" : kPauseBody;
    if (fails(Check::kBodyTooLarge)) body.resize(kPauseBody.size() + 1, ' ');
    HttpRequestView r = Pause(body);
    if (fails(Check::kMethod)) r.method = "PUT";
    if (fails(Check::kPath)) r.path = "/PauseService";
    if (fails(Check::kContentType)) r.content_type = "application/x-amz-json-1.1";
    if (fails(Check::kUnknownOperation)) r.target = "AppRunner.PauseServices";
    in.ClearPolicy();
    if (fails(Check::kDenied)) {
      ASSERT_TRUE(in.Allow("Describe*").ok());
    }
    SCOPED_TRACE("mask " + std::to_string(mask) + ", expected " + S(CheckName(expected)));
    EXPECT_EQ(in.Inspect(r), Verdict::kReject);
    EXPECT_EQ(in.check(), expected) << CheckName(in.check()) << ": " << in.message();
    ++combinations;
  }
  EXPECT_EQ(combinations, 255 - 64);

  // The two of the header's examples, with their answers.
  in.ClearPolicy();
  const std::string big(kPauseBody.size() + 1, '{');
  HttpRequestView r = Pause(big);
  r.method = "DELETE";
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  ExpectAnswer(in, Check::kBodyTooLarge, 413, kRequestEntityTooLargeException,
               "request body of 110 bytes exceeds the limit of 109 bytes");
  r = Pause();
  r.method = "GET";
  r.content_type = "text/plain";
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  ExpectAnswer(in, Check::kMethod, 405, kMethodNotAllowedException,
               "method 'GET' is not allowed: awsJson1_0 requests are POST /");
}

// ---------------------------------------------------------------------------------
// 2. Body size
// ---------------------------------------------------------------------------------

TEST(BodySize, ExactlyTheLimitIsAcceptedOneMoreIsNot) {
  for (size_t limit : {kPauseBody.size(), kPauseBody.size() + 1, size_t{200}, size_t{4096}}) {
    SCOPED_TRACE(limit);
    HttpInspectorOptions options;
    options.max_body_bytes = limit;
    HttpInspector in(kModel, options);
    EXPECT_EQ(in.options().max_body_bytes, limit);
    std::string body = kPauseBody;
    body.resize(limit, ' ');  // trailing whitespace: still the same document
    EXPECT_EQ(in.Inspect(Pause(body)), Verdict::kForward);
    ExpectForwarded(in);
    body.push_back(' ');
    EXPECT_EQ(in.Inspect(Pause(body)), Verdict::kReject);
    ExpectAnswer(in, Check::kBodyTooLarge, 413, kRequestEntityTooLargeException,
                 "request body of " + std::to_string(limit + 1) + " bytes exceeds the limit of " +
                     std::to_string(limit) + " bytes");
  }
}

TEST(BodySize, TheDefaultLimitIsOneMebibyte) {
  HttpInspector in(kModel);
  std::string body = kPauseBody;
  body.resize(size_t{1} << 20, ' ');
  EXPECT_EQ(in.Inspect(Pause(body)), Verdict::kForward) << in.message();
  ExpectForwarded(in);
  body.push_back(' ');
  EXPECT_EQ(in.Inspect(Pause(body)), Verdict::kReject);
  ExpectAnswer(in, Check::kBodyTooLarge, 413, kRequestEntityTooLargeException,
               "request body of 1048577 bytes exceeds the limit of 1048576 bytes");
}

TEST(BodySize, SetMaxBodyBytesAppliesAndIsClamped) {
  HttpInspector in(kModel);
  in.set_max_body_bytes(10);
  EXPECT_EQ(in.options().max_body_bytes, 10u);
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kReject);
  ExpectAnswer(in, Check::kBodyTooLarge, 413, kRequestEntityTooLargeException,
               "request body of 109 bytes exceeds the limit of 10 bytes");
  // Zero: only an empty body passes the size check (and then fails to decode).
  in.set_max_body_bytes(0);
  EXPECT_EQ(in.options().max_body_bytes, 0u);
  EXPECT_EQ(in.Inspect(Pause("{}")), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kBodyTooLarge);
  EXPECT_EQ(in.message(), "request body of 2 bytes exceeds the limit of 0 bytes");
  EXPECT_EQ(in.Inspect(Pause("")), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kSerialization);

  in.set_max_body_bytes(kMaxBodyBytesLimit);
  EXPECT_EQ(in.options().max_body_bytes, kMaxBodyBytesLimit);
  in.set_max_body_bytes(kMaxBodyBytesLimit + 1);
  EXPECT_EQ(in.options().max_body_bytes, kMaxBodyBytesLimit);
  in.set_max_body_bytes(std::numeric_limits<size_t>::max());
  EXPECT_EQ(in.options().max_body_bytes, kMaxBodyBytesLimit);
  EXPECT_EQ(kMaxBodyBytesLimit, size_t{1} << 31);
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kForward);

  // The constructor clamps too.
  HttpInspectorOptions options;
  options.max_body_bytes = std::numeric_limits<size_t>::max();
  HttpInspector huge(kModel, options);
  EXPECT_EQ(huge.options().max_body_bytes, kMaxBodyBytesLimit);
}

// ---------------------------------------------------------------------------------
// 3. Method and path
// ---------------------------------------------------------------------------------

TEST(Method, OnlyExactlyPost) {
  HttpInspector in(kModel);
  for (std::string_view method :
       {"post", "Post", "pOST", "GET", "PUT", "", " POST", "POST ", "POSTS", "POS"}) {
    SCOPED_TRACE(S(method));
    HttpRequestView r = Pause();
    r.method = method;
    EXPECT_EQ(in.Inspect(r), Verdict::kReject);
    ExpectAnswer(in, Check::kMethod, 405, kMethodNotAllowedException,
                 "method '" + S(method) + "' is not allowed: awsJson1_0 requests are POST /");
  }
  // A long method is clipped in the message.
  const std::string long_method(100, 'M');
  HttpRequestView r = Pause();
  r.method = long_method;
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  EXPECT_EQ(in.message(),
            "method '" + std::string(64, 'M') + "...' is not allowed: awsJson1_0 requests are POST /");
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kForward);
}

TEST(Path, RootWithOrWithoutAQueryString) {
  HttpInspector in(kModel);
  for (std::string_view path : {"/", "/?x=1", "/?", "/?a=b&c=/x", "/??"}) {
    SCOPED_TRACE(S(path));
    HttpRequestView r = Pause();
    r.path = path;
    EXPECT_EQ(in.Inspect(r), Verdict::kForward);
    ExpectForwarded(in);
  }
  // The message quotes the path without its query string.
  struct Bad {
    std::string_view path;
    std::string_view quoted;
  };
  for (const Bad& bad :
       {Bad{"", ""}, Bad{"/x", "/x"}, Bad{"//", "//"}, Bad{"?x=1", ""}, Bad{"/x?y=/", "/x"}, Bad{" /", " /"},
        Bad{"/ ", "/ "}, Bad{"/PauseService", "/PauseService"}, Bad{"x", "x"}}) {
    SCOPED_TRACE("'" + S(bad.path) + "'");
    HttpRequestView r = Pause();
    r.path = bad.path;
    EXPECT_EQ(in.Inspect(r), Verdict::kReject);
    ExpectAnswer(in, Check::kPath, 400, kUnknownOperationException,
                 "path '" + S(bad.quoted) + "' names no operation: awsJson1_0 requests are POST /");
  }
}

TEST(Path, UnknownOperationStatusAppliesToPathAndTargetOnly) {
  HttpInspector in(kModel);
  in.set_unknown_operation_status(404);
  EXPECT_EQ(in.options().processor.unknown_operation_status, 404);

  HttpRequestView r = Pause();
  r.path = "/x";
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  ExpectAnswer(in, Check::kPath, 404, kUnknownOperationException,
               "path '/x' names no operation: awsJson1_0 requests are POST /");
  EXPECT_EQ(in.Inspect(Request("AppRunner.Nope", kPauseBody)), Verdict::kReject);
  ExpectAnswer(in, Check::kUnknownOperation, 404, kUnknownOperationException,
               "X-Amz-Target 'AppRunner.Nope' names no operation: it must be 'AppRunner.<Operation>'");
  // The others keep theirs.
  r = Pause();
  r.method = "GET";
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  EXPECT_EQ(in.http_status(), 405);
  EXPECT_EQ(in.Inspect(Pause("{}")), Verdict::kReject);
  EXPECT_EQ(in.http_status(), 400);
  EXPECT_EQ(in.Inspect(Pause("{")), Verdict::kReject);
  EXPECT_EQ(in.http_status(), 400);
  ASSERT_TRUE(in.Deny("Pause*").ok());
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kDenied);
  EXPECT_EQ(in.http_status(), 400);
  in.ClearPolicy();
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kForward);
  EXPECT_EQ(in.http_status(), 200);

  // Through the constructor's options as well.
  HttpInspectorOptions options;
  options.processor.unknown_operation_status = 404;
  HttpInspector other(kModel, options);
  EXPECT_EQ(other.Inspect(Request("", kPauseBody)), Verdict::kReject);
  ExpectAnswer(other, Check::kUnknownOperation, 404, kUnknownOperationException,
               "missing X-Amz-Target: it must be 'AppRunner.<Operation>'");
}

// ---------------------------------------------------------------------------------
// 4. Content-Type
// ---------------------------------------------------------------------------------

TEST(ContentType, AcceptedForms) {
  for (std::string_view ct :
       {"application/x-amz-json-1.0", "APPLICATION/X-AMZ-JSON-1.0", "Application/X-Amz-Json-1.0",
        " application/x-amz-json-1.0", "\tapplication/x-amz-json-1.0", "application/x-amz-json-1.0 ",
        "application/x-amz-json-1.0\t", " \t application/x-amz-json-1.0 \t ",
        "application/x-amz-json-1.0; charset=utf-8", "application/x-amz-json-1.0;charset=UTF-8",
        "application/x-amz-json-1.0 ; charset=utf-8", "application/x-amz-json-1.0;"}) {
    EXPECT_TRUE(IsAwsJson10ContentType(ct)) << "'" << ct << "'";
  }
}

TEST(ContentType, RejectedForms) {
  for (std::string_view ct :
       {"", " ", "application/json", "application/x-amz-json-1.1", "application/x-amz-json-1.00",
        "application/x-amz-json-1.0x", "application/x-amz-json-1.", "application/x-amz-json-1",
        "application/x-amz-json-10", "text/plain", "xapplication/x-amz-json-1.0",
        "application/x-amz-json-1.0,text/plain", "application/x-amz-json-1.0 x",
        "\napplication/x-amz-json-1.0", "application/x-amz-json-1.0\r\n", "application/x-amz-json",
        "application/x-amz-cbor-1.1", "application/x-amz-json-1.0-1.0"}) {
    EXPECT_FALSE(IsAwsJson10ContentType(ct)) << "'" << ct << "'";
  }
  // A NUL inside is not whitespace either.
  EXPECT_FALSE(IsAwsJson10ContentType(std::string_view("application/x-amz-json-1.0\0", 27)));
}

TEST(ContentType, InspectUsesTheSameRule) {
  HttpInspector in(kModel);
  for (std::string_view ct :
       {"APPLICATION/X-AMZ-JSON-1.0", " application/x-amz-json-1.0\t",
        "application/x-amz-json-1.0; charset=utf-8", "application/x-amz-json-1.0;charset=UTF-8"}) {
    HttpRequestView r = Pause();
    r.content_type = ct;
    EXPECT_EQ(in.Inspect(r), Verdict::kForward) << ct;
    ExpectForwarded(in);
  }
  for (std::string_view ct : {"application/json", "application/x-amz-json-1.1", "application/x-amz-json-1.00",
                              "application/x-amz-json-1.0x", "text/plain"}) {
    HttpRequestView r = Pause();
    r.content_type = ct;
    EXPECT_EQ(in.Inspect(r), Verdict::kReject) << ct;
    ExpectAnswer(
        in, Check::kContentType, 415, kUnsupportedMediaTypeException,
        "Content-Type '" + S(ct) + "' is not supported: requests must be application/x-amz-json-1.0");
  }
}

// ---------------------------------------------------------------------------------
// 5. X-Amz-Target
// ---------------------------------------------------------------------------------

TEST(Target, MissingOrUnknownTargetsAreUnknownOperations) {
  HttpInspector in(kModel);
  EXPECT_EQ(in.Inspect(Request("", kPauseBody)), Verdict::kReject);
  ExpectAnswer(in, Check::kUnknownOperation, 400, kUnknownOperationException,
               "missing X-Amz-Target: it must be 'AppRunner.<Operation>'");
  for (std::string_view target :
       {"AppRunner.", "AppRunner.Nope", "Other.PauseService", "apprunner.PauseService",
        "AppRunner.pauseService", "AppRunner", "PauseService", "AppRunner.PauseService ",
        "AppRunner.PauseServiceRequest", "AppRunner_20200515.PauseService"}) {
    SCOPED_TRACE(S(target));
    EXPECT_EQ(in.Inspect(Request(target, kPauseBody)), Verdict::kReject);
    ExpectAnswer(in, Check::kUnknownOperation, 400, kUnknownOperationException,
                 "X-Amz-Target '" + S(target) + "' names no operation" + S(kUnknownTargetTail));
    EXPECT_EQ(in.operation(), nullptr);
  }
}

TEST(Target, LongTargetsAreClippedInTheMessage) {
  HttpInspector in(kModel);
  const std::string target = "AppRunner." + std::string(190, 'X');
  ASSERT_EQ(target.size(), 200u);
  EXPECT_EQ(in.Inspect(Request(target, kPauseBody)), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kUnknownOperation);
  const std::string quoted = "'" + target.substr(0, 64) + "...'";
  EXPECT_EQ(in.message(), "X-Amz-Target " + quoted + " names no operation" + S(kUnknownTargetTail));
  EXPECT_EQ(in.message().find(target.substr(0, 65)), std::string_view::npos);
  EXPECT_EQ(in.body(), ErrorBody(kUnknownOperationException, in.message()));

  // Exactly 64 bytes: not clipped; 65: clipped.
  const std::string t64 = "AppRunner." + std::string(54, 'Y');
  EXPECT_EQ(in.Inspect(Request(t64, kPauseBody)), Verdict::kReject);
  EXPECT_EQ(in.message(), "X-Amz-Target '" + t64 + "' names no operation" + S(kUnknownTargetTail));
  EXPECT_EQ(in.Inspect(Request(t64 + "Z", kPauseBody)), Verdict::kReject);
  EXPECT_EQ(in.message(), "X-Amz-Target '" + t64 + "...' names no operation" + S(kUnknownTargetTail));

  // The cut never splits a UTF-8 character: 63 bytes, then a 2-byte 'é' across the cut.
  const std::string utf8 = std::string(63, 'a') + "\xc3\xa9" + std::string(20, 'b');
  EXPECT_EQ(in.Inspect(Request(utf8, kPauseBody)), Verdict::kReject);
  EXPECT_EQ(in.message(),
            "X-Amz-Target '" + std::string(63, 'a') + "...' names no operation" + S(kUnknownTargetTail));
}

TEST(Target, TheBodyEscapesWhatTheTargetHolds) {
  HttpInspector in(kModel);
  EXPECT_EQ(in.Inspect(Request("AppRunner.\"x\\", kPauseBody)), Verdict::kReject);
  EXPECT_EQ(in.message(), "X-Amz-Target 'AppRunner.\"x\\' names no operation" + S(kUnknownTargetTail));
  EXPECT_EQ(in.body(),
            R"({"__type":"UnknownOperationException","Message":"X-Amz-Target 'AppRunner.\"x\\' names )"
            R"(no operation: it must be 'AppRunner.<Operation>'"})");
}

TEST(Target, EveryOperationIsFoundByItsTarget) {
  HttpInspector in(kModel);
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const OperationDesc* op = kModel.operations[i];
    const std::string target = "AppRunner." + S(op->name);
    // "{}" may fail validation, never dispatch.
    in.Inspect(Request(target, "{}"));
    EXPECT_NE(in.check(), Check::kUnknownOperation) << target << ": " << in.message();
    EXPECT_EQ(in.operation(), op) << target;
  }
}

// ---------------------------------------------------------------------------------
// 6. Policy
// ---------------------------------------------------------------------------------

TEST(Policy, ReadOnlyRole) {
  HttpInspector in(kModel);
  ASSERT_TRUE(in.Allow("Describe*").ok());
  ASSERT_TRUE(in.Allow("List*").ok());
  EXPECT_TRUE(in.IsAllowed(kDescribeServiceOperation));
  EXPECT_TRUE(in.IsAllowed(kDescribeCustomDomainsOperation));
  EXPECT_TRUE(in.IsAllowed(kListServicesOperation));
  EXPECT_FALSE(in.IsAllowed(kPauseServiceOperation));
  EXPECT_FALSE(in.IsAllowed(kCreateServiceOperation));

  EXPECT_EQ(in.Inspect(Request(kDescribeServiceTarget, kPauseBody)), Verdict::kForward);
  ExpectForwarded(in);
  EXPECT_EQ(in.operation(), &kDescribeServiceOperation);
  ASSERT_NE(in.processor().request<DescribeServiceRequest>(), nullptr);
  EXPECT_EQ(*in.processor().request<DescribeServiceRequest>()->service_arn, kArn);

  EXPECT_EQ(in.Inspect(Pause()), Verdict::kReject);
  ExpectAnswer(in, Check::kDenied, 400, kAccessDeniedException,
               "operation PauseService is not allowed by this gateway's policy");
  EXPECT_EQ(in.operation(), &kPauseServiceOperation);
  EXPECT_EQ(in.violation_count(), 0u);
  // Denied before decoding: even a malformed body is AccessDenied.
  EXPECT_EQ(in.Inspect(Pause("{")), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kDenied);
}

TEST(Policy, DenyOverridesAllow) {
  HttpInspector in(kModel);
  ASSERT_TRUE(in.Allow("*").ok());
  ASSERT_TRUE(in.Deny("PauseService").ok());
  EXPECT_FALSE(in.IsAllowed(kPauseServiceOperation));
  EXPECT_TRUE(in.IsAllowed(kResumeServiceOperation));
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kDenied);
  EXPECT_EQ(in.Inspect(Request(kResumeServiceTarget, kPauseBody)), Verdict::kForward);

  // The same operation both allowed by name and denied by prefix: denied.
  HttpInspector both(kModel);
  ASSERT_TRUE(both.Allow("PauseService").ok());
  ASSERT_TRUE(both.Deny("Pause*").ok());
  for (uint16_t i = 0; i < kModel.num_operations; ++i) EXPECT_FALSE(both.IsAllowed(*kModel.operations[i]));
  // Order does not matter: deny first, then allow.
  HttpInspector reversed(kModel);
  ASSERT_TRUE(reversed.Deny("Pause*").ok());
  ASSERT_TRUE(reversed.Allow("PauseService").ok());
  EXPECT_FALSE(reversed.IsAllowed(kPauseServiceOperation));
  EXPECT_FALSE(reversed.IsAllowed(kResumeServiceOperation));  // an allow list that does not name it
}

TEST(Policy, DenyAloneAllowsTheRest) {
  HttpInspector in(kModel);
  ASSERT_TRUE(in.Deny("Delete*").ok());
  int denied = 0;
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const OperationDesc& op = *kModel.operations[i];
    EXPECT_EQ(in.IsAllowed(op), !StartsWith(op.name, "Delete")) << op.name;
    denied += !in.IsAllowed(op);
  }
  EXPECT_EQ(denied, 6);
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kForward);
  EXPECT_EQ(in.Inspect(Request(kDeleteServiceTarget, kPauseBody)), Verdict::kReject);
  ExpectAnswer(in, Check::kDenied, 400, kAccessDeniedException,
               "operation DeleteService is not allowed by this gateway's policy");
}

TEST(Policy, ExactNamesAndEverything) {
  HttpInspector in(kModel);
  ASSERT_TRUE(in.Allow("PauseService").ok());
  ASSERT_TRUE(in.Allow("ResumeService").ok());
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const OperationDesc& op = *kModel.operations[i];
    EXPECT_EQ(in.IsAllowed(op), op.name == "PauseService" || op.name == "ResumeService") << op.name;
  }
  // An exact name is not a prefix: "Describe" names no operation.
  EXPECT_EQ(in.Allow("Describe").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(in.Allow("PauseServic").code(), absl::StatusCode::kInvalidArgument);

  HttpInspector all(kModel);
  ASSERT_TRUE(all.Allow("*").ok());
  for (uint16_t i = 0; i < kModel.num_operations; ++i) EXPECT_TRUE(all.IsAllowed(*kModel.operations[i]));
  ASSERT_TRUE(all.Deny("*").ok());
  for (uint16_t i = 0; i < kModel.num_operations; ++i) EXPECT_FALSE(all.IsAllowed(*kModel.operations[i]));
  EXPECT_EQ(all.Inspect(Pause()), Verdict::kReject);
  EXPECT_EQ(all.check(), Check::kDenied);
}

TEST(Policy, APatternThatMatchesNothingIsAnErrorAndChangesNothing) {
  HttpInspector in(kModel);
  // Fresh: everything allowed, and a failed Allow must not turn on an empty allow list
  // (which would deny everything), nor a failed Deny anything.
  for (std::string_view bad : {"Nope", "Nope*", "", "describe*", "pauseService", "PauseService ",
                               "AppRunner.PauseService", "*Service", "PauseService*X"}) {
    SCOPED_TRACE("'" + S(bad) + "'");
    absl::Status allow = in.Allow(bad);
    EXPECT_EQ(allow.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(allow.message().find("'" + S(bad) + "'"), std::string_view::npos) << allow.message();
    EXPECT_NE(allow.message().find("matches no operation of AppRunner"), std::string_view::npos)
        << allow.message();
    EXPECT_EQ(in.Deny(bad).code(), absl::StatusCode::kInvalidArgument);
    for (uint16_t i = 0; i < kModel.num_operations; ++i) EXPECT_TRUE(in.IsAllowed(*kModel.operations[i]));
  }
  EXPECT_EQ(in.Allow("Nope*").message(), "operation pattern 'Nope*' matches no operation of AppRunner");
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kForward);

  // With a policy in place: still exactly the same afterwards.
  ASSERT_TRUE(in.Allow("Describe*").ok());
  std::vector<bool> before;
  for (uint16_t i = 0; i < kModel.num_operations; ++i) before.push_back(in.IsAllowed(*kModel.operations[i]));
  EXPECT_FALSE(in.Allow("Nope").ok());
  EXPECT_FALSE(in.Deny("Nope*").ok());
  EXPECT_FALSE(in.Deny("").ok());
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    EXPECT_EQ(in.IsAllowed(*kModel.operations[i]), before[i]) << kModel.operations[i]->name;
  }
  // A long pattern is clipped in the message.
  const std::string long_pattern(100, 'Q');
  EXPECT_EQ(in.Allow(long_pattern).message(),
            "operation pattern '" + std::string(64, 'Q') + "...' matches no operation of AppRunner");
}

TEST(Policy, ClearPolicyAllowsEverythingAgain) {
  HttpInspector in(kModel);
  ASSERT_TRUE(in.Allow("List*").ok());
  ASSERT_TRUE(in.Deny("ListServices").ok());
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kReject);
  in.ClearPolicy();
  for (uint16_t i = 0; i < kModel.num_operations; ++i) EXPECT_TRUE(in.IsAllowed(*kModel.operations[i]));
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kForward);
  // A new policy after clearing starts from nothing (no leftover deny of ListServices).
  ASSERT_TRUE(in.Allow("ListServices").ok());
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const OperationDesc& op = *kModel.operations[i];
    EXPECT_EQ(in.IsAllowed(op), op.name == "ListServices") << op.name;
  }
}

TEST(Policy, PrefixPoliciesEqualThePrefixTestOfEveryName) {
  for (std::string_view prefix :
       {"Describe", "List", "Create", "Delete", "Update", "Pause", "Resume", "Tag", "Untag", "Associate",
        "Disassociate", "Start", "ListServices", "D", "U", "C"}) {
    SCOPED_TRACE(S(prefix));
    HttpInspector allow(kModel);
    HttpInspector deny(kModel);
    ASSERT_TRUE(allow.Allow(S(prefix) + "*").ok());
    ASSERT_TRUE(deny.Deny(S(prefix) + "*").ok());
    int matched = 0;
    for (uint16_t i = 0; i < kModel.num_operations; ++i) {
      const OperationDesc& op = *kModel.operations[i];
      const bool starts = StartsWith(op.name, prefix);
      matched += starts;
      EXPECT_EQ(allow.IsAllowed(op), starts) << op.name;
      EXPECT_EQ(deny.IsAllowed(op), !starts) << op.name;
    }
    EXPECT_GT(matched, 0);
    EXPECT_LT(matched, kModel.num_operations);
  }
  // An operation that is not the model's is never allowed under a policy.
  HttpInspector in(kModel);
  OperationDesc stranger = kPauseServiceOperation;
  EXPECT_TRUE(in.IsAllowed(stranger));  // no policy: everything
  ASSERT_TRUE(in.Allow("*").ok());
  EXPECT_TRUE(in.IsAllowed(kPauseServiceOperation));
  EXPECT_FALSE(in.IsAllowed(stranger));
}

TEST(Policy, InspectAgreesWithIsAllowedOnEverySample) {
  HttpInspector in(kModel);
  ASSERT_TRUE(in.Allow("Describe*").ok());
  ASSERT_TRUE(in.Allow("List*").ok());
  ASSERT_TRUE(in.Deny("ListOperations").ok());
  int forwarded = 0;
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const OperationDesc& op = *kModel.operations[i];
    const std::string body = testutil::ReadFile(SamplePath(op));
    ASSERT_FALSE(body.empty()) << SamplePath(op);
    const Verdict v = in.Inspect(Request(op.target, body));
    const bool expected =
        (StartsWith(op.name, "Describe") || StartsWith(op.name, "List")) && op.name != "ListOperations";
    EXPECT_EQ(v == Verdict::kForward, expected) << op.name << ": " << in.message();
    EXPECT_EQ(in.check(), expected ? Check::kNone : Check::kDenied) << op.name;
    EXPECT_EQ(in.operation(), &op);
    forwarded += v == Verdict::kForward;
  }
  EXPECT_EQ(forwarded, 6 + 9 - 1);
}

// ---------------------------------------------------------------------------------
// 7. Decode and validation
// ---------------------------------------------------------------------------------

TEST(Decode, AValidRequestIsForwardedWithItsDecodedRequest) {
  HttpInspector in(kModel);
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kForward);
  ExpectForwarded(in);
  EXPECT_EQ(in.operation(), &kPauseServiceOperation);
  EXPECT_EQ(in.processor().operation(), &kPauseServiceOperation);
  const PauseServiceRequest* request = in.processor().request<PauseServiceRequest>();
  ASSERT_NE(request, nullptr);
  ASSERT_TRUE(request->service_arn.has_value());
  EXPECT_EQ(*request->service_arn, kArn);
  EXPECT_EQ(in.processor().request<ResumeServiceRequest>(), nullptr);  // another type
  EXPECT_TRUE(in.processor().report().ok());
}

TEST(Decode, MalformedBodiesAreSerializationExceptions) {
  HttpInspector in(kModel);
  for (std::string_view body : {"", "{", "[]", "null", "{\"ServiceArn\":1}", "{\"ServiceArn\":\"x\"",
                                "{\"ServiceArn\":\"x\"}x", "not json"}) {
    SCOPED_TRACE(S(body));
    EXPECT_EQ(in.Inspect(Pause(body)), Verdict::kReject);
    EXPECT_EQ(in.check(), Check::kSerialization);
    EXPECT_EQ(in.http_status(), 400);
    EXPECT_EQ(in.error_type(), "SerializationException");
    EXPECT_EQ(in.content_type(), kAwsJson10ContentType);
    EXPECT_FALSE(in.message().empty());
    EXPECT_EQ(in.message(), in.processor().message());
    EXPECT_NE(in.message().find(") at byte "), std::string_view::npos) << in.message();
    EXPECT_EQ(in.body(), in.processor().error_body());
    EXPECT_TRUE(StartsWith(in.body(), R"({"__type":"SerializationException","Message":")")) << in.body();
    EXPECT_EQ(in.violation_count(), 0u);
    EXPECT_EQ(in.processor().request<PauseServiceRequest>(), nullptr);
    EXPECT_FALSE(in.processor().decode_status().ok());
  }
  // A wrong type, with the member named.
  EXPECT_EQ(in.Inspect(Pause("{\"ServiceArn\":1}")), Verdict::kReject);
  EXPECT_NE(in.message().find("for member 'ServiceArn'"), std::string_view::npos) << in.message();
}

TEST(Decode, ConstraintViolationsAreInvalidRequestExceptions) {
  HttpInspector in(kModel);
  EXPECT_EQ(in.Inspect(Pause("{\"ServiceArn\":\"\"}")), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kValidation);
  EXPECT_EQ(in.violation_count(), in.processor().report().total());
  EXPECT_EQ(in.violation_count(), 2u) << in.message();
  EXPECT_TRUE(StartsWith(in.message(),
                         "2 validation errors detected: Value '' at 'serviceArn' failed to satisfy "
                         "constraint: Member must have length greater than or equal to 1; "))
      << in.message();
  EXPECT_EQ(in.body(), in.processor().error_body());
  // The decoded (invalid) request stays readable.
  ASSERT_NE(in.processor().request<PauseServiceRequest>(), nullptr);
  EXPECT_EQ(*in.processor().request<PauseServiceRequest>()->service_arn, "");

  EXPECT_EQ(in.Inspect(Request(kCreateVpcConnectorTarget, "{}")), Verdict::kReject);
  ExpectAnswer(in, Check::kValidation, 400, kInvalidRequestException,
               "2 validation errors detected: Value null at 'vpcConnectorName' failed to satisfy "
               "constraint: Member must not be null; Value null at 'subnets' failed to satisfy "
               "constraint: Member must not be null");
  EXPECT_EQ(in.violation_count(), 2u);
  EXPECT_EQ(in.violation_count(), in.processor().report().total());
  EXPECT_EQ(in.operation(), &kCreateVpcConnectorOperation);

  EXPECT_EQ(in.Inspect(Pause("{}")), Verdict::kReject);
  ExpectAnswer(in, Check::kValidation, 400, kInvalidRequestException,
               "1 validation error detected: Value null at 'serviceArn' failed to satisfy "
               "constraint: Member must not be null");
  EXPECT_EQ(in.violation_count(), 1u);
  EXPECT_EQ(in.violation_count(), in.processor().report().total());

  // violation_count is the validation's only: 0 after any other failure.
  HttpRequestView r = Pause("{}");
  r.method = "GET";
  EXPECT_EQ(in.Inspect(r), Verdict::kReject);
  EXPECT_EQ(in.violation_count(), 0u);
}

// ---------------------------------------------------------------------------------
// 8. Report-only
// ---------------------------------------------------------------------------------

struct Case {
  std::string name;
  Check check;
  int status;
  std::string_view type;
  HttpRequestView request;
};

// One request per reject kind, for an inspector with max_body_bytes = kPauseBody.size()
// and PauseService-denying policy applied only for the kDenied row (through the target
// DeleteService, denied by Deny("Delete*")).
std::vector<Case> RejectCases(const std::string& too_large) {
  std::vector<Case> cases;
  HttpRequestView r = Pause(too_large);
  cases.push_back({"too large", Check::kBodyTooLarge, 413, kRequestEntityTooLargeException, r});
  r = Pause();
  r.method = "post";
  cases.push_back({"method", Check::kMethod, 405, kMethodNotAllowedException, r});
  r = Pause();
  r.path = "//";
  cases.push_back({"path", Check::kPath, 400, kUnknownOperationException, r});
  r = Pause();
  r.content_type = "text/plain";
  cases.push_back({"content type", Check::kContentType, 415, kUnsupportedMediaTypeException, r});
  cases.push_back({"target", Check::kUnknownOperation, 400, kUnknownOperationException,
                   Request("AppRunner.Nope", kPauseBody)});
  cases.push_back(
      {"denied", Check::kDenied, 400, kAccessDeniedException, Request(kDeleteServiceTarget, kPauseBody)});
  cases.push_back({"serialization", Check::kSerialization, 400, kSerializationException, Pause("{")});
  cases.push_back({"validation", Check::kValidation, 400, kInvalidRequestException, Pause("{}")});
  return cases;
}

TEST(ReportOnly, EveryRejectIsForwardedButReported) {
  HttpInspectorOptions options;
  options.max_body_bytes = kPauseBody.size();
  options.report_only = true;
  HttpInspector in(kModel, options);
  ASSERT_TRUE(in.Deny("Delete*").ok());
  const std::string too_large = kPauseBody + "  ";
  const std::vector<Case> cases = RejectCases(too_large);
  ASSERT_EQ(cases.size(), 8u);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    in.set_report_only(true);
    EXPECT_EQ(in.Inspect(c.request), Verdict::kForward);
    EXPECT_EQ(in.verdict(), Verdict::kForward);
    EXPECT_EQ(in.check(), c.check) << CheckName(in.check());
    EXPECT_TRUE(in.would_reject());
    EXPECT_EQ(in.http_status(), c.status);
    EXPECT_EQ(in.error_type(), c.type);
    EXPECT_FALSE(in.message().empty());
    EXPECT_TRUE(StartsWith(in.body(), "{\"__type\":\"" + S(c.type) + "\",\"Message\":\"")) << in.body();
    EXPECT_EQ(in.violation_count(), c.check == Check::kValidation ? 1u : 0u);
    const std::string message(in.message());
    const std::string body(in.body());

    // Off again: the same request is rejected with the same answer.
    in.set_report_only(false);
    EXPECT_FALSE(in.options().report_only);
    EXPECT_EQ(in.Inspect(c.request), Verdict::kReject);
    EXPECT_EQ(in.verdict(), Verdict::kReject);
    EXPECT_EQ(in.check(), c.check);
    EXPECT_EQ(in.http_status(), c.status);
    EXPECT_EQ(in.error_type(), c.type);
    EXPECT_EQ(in.message(), message);
    EXPECT_EQ(in.body(), body);
  }
  // A valid request in report-only mode: nothing would be rejected.
  in.set_report_only(true);
  EXPECT_EQ(in.Inspect(Pause()), Verdict::kForward);
  ExpectForwarded(in);
}

// ---------------------------------------------------------------------------------
// 9. Padded bodies
// ---------------------------------------------------------------------------------

bool Inside(const void* p, const char* begin, size_t size) {
  const auto* c = static_cast<const char*>(p);
  return std::less_equal<const char*>()(begin, c) && std::less<const char*>()(c, begin + size);
}

TEST(Padded, APaddedBodyIsDecodedInPlace) {
  HttpInspector in(kModel);
  const size_t padding = simdjson::SIMDJSON_PADDING;
  std::vector<char> buffer(kPauseBody.size() + padding, 'x');  // the spare bytes' content does not matter
  std::memcpy(buffer.data(), kPauseBody.data(), kPauseBody.size());
  HttpRequestView r = Pause(std::string_view(buffer.data(), kPauseBody.size()));

  r.body_capacity = buffer.size();
  EXPECT_EQ(in.Inspect(r), Verdict::kForward) << in.message();
  ExpectForwarded(in);
  const PauseServiceRequest* request = in.processor().request<PauseServiceRequest>();
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(*request->service_arn, kArn);
  EXPECT_EQ(request->service_arn->data(), buffer.data() + kPauseBody.find(kArn));

  // Without (enough) padding the body is copied: the same verdict, another address.
  for (size_t capacity : {size_t{0}, kPauseBody.size(), kPauseBody.size() + padding - 1}) {
    SCOPED_TRACE(capacity);
    r.body_capacity = capacity;
    EXPECT_EQ(in.Inspect(r), Verdict::kForward) << in.message();
    ExpectForwarded(in);
    request = in.processor().request<PauseServiceRequest>();
    ASSERT_NE(request, nullptr);
    EXPECT_EQ(*request->service_arn, kArn);
    EXPECT_FALSE(Inside(request->service_arn->data(), buffer.data(), buffer.size()));
  }

  // An invalid body: the same verdict padded or not, and in place when padded.
  const std::string invalid = "{\"ServiceArn\":\"not-an-arn\"}";
  std::vector<char> bad(invalid.size() + padding, '\0');
  std::memcpy(bad.data(), invalid.data(), invalid.size());
  HttpRequestView rb = Pause(std::string_view(bad.data(), invalid.size()));
  EXPECT_EQ(in.Inspect(rb), Verdict::kReject);
  const std::string copied_message(in.message());
  EXPECT_EQ(in.check(), Check::kValidation);
  EXPECT_FALSE(
      Inside(in.processor().request<PauseServiceRequest>()->service_arn->data(), bad.data(), bad.size()));
  rb.body_capacity = bad.size();
  EXPECT_EQ(in.Inspect(rb), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kValidation);
  EXPECT_EQ(in.message(), copied_message);
  EXPECT_EQ(in.processor().request<PauseServiceRequest>()->service_arn->data(),
            bad.data() + invalid.find("not-an-arn"));

  // A malformed body, padded or not.
  const std::string malformed = "{\"ServiceArn\":";
  std::vector<char> cut(malformed.size() + padding, ' ');
  std::memcpy(cut.data(), malformed.data(), malformed.size());
  HttpRequestView rm = Pause(std::string_view(cut.data(), malformed.size()));
  EXPECT_EQ(in.Inspect(rm), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kSerialization);
  rm.body_capacity = cut.size();
  EXPECT_EQ(in.Inspect(rm), Verdict::kReject);
  EXPECT_EQ(in.check(), Check::kSerialization);
}

// ---------------------------------------------------------------------------------
// 10. Reuse
// ---------------------------------------------------------------------------------

struct Answer {
  Verdict verdict;
  Check check;
  int status;
  std::string type, message, body;
  size_t violations;
  const OperationDesc* operation;
};

Answer AnswerOf(const HttpInspector& in) {
  return {in.verdict(),    in.check(),   in.http_status(),     S(in.error_type()),
          S(in.message()), S(in.body()), in.violation_count(), in.operation()};
}

void ExpectSame(const Answer& a, const Answer& b) {
  EXPECT_EQ(a.verdict, b.verdict);
  EXPECT_EQ(a.check, b.check) << CheckName(a.check) << " vs " << CheckName(b.check);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(a.violations, b.violations);
  EXPECT_EQ(a.operation, b.operation);
}

TEST(Reuse, EachInspectAnswersForItsOwnRequest) {
  HttpInspectorOptions options;
  options.max_body_bytes = kPauseBody.size();
  const std::string too_large = kPauseBody + " ";
  std::vector<Case> cases = RejectCases(too_large);
  cases.push_back({"valid", Check::kNone, 200, "", Pause()});
  cases.push_back({"valid describe", Check::kNone, 200, "", Request(kDescribeServiceTarget, kPauseBody)});
  cases.push_back({"two violations", Check::kValidation, 400, kInvalidRequestException,
                   Request(kCreateVpcConnectorTarget, "{}")});
  cases.push_back(
      {"long target", Check::kUnknownOperation, 400, kUnknownOperationException,
       Request(std::string_view(
                   "AppRunner.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"),
               kPauseBody)});
  // The oracle: a fresh inspector per request.
  std::vector<Answer> expected;
  for (const Case& c : cases) {
    HttpInspector fresh(kModel, options);
    ASSERT_TRUE(fresh.Deny("Delete*").ok());
    fresh.Inspect(c.request);
    ASSERT_EQ(fresh.check(), c.check) << c.name;
    expected.push_back(AnswerOf(fresh));
  }

  HttpInspector in(kModel, options);
  ASSERT_TRUE(in.Deny("Delete*").ok());
  const size_t valid = cases.size() - 4;
  ASSERT_EQ(cases[valid].name, "valid");
  // Every reject followed by a forward and the other way round, many times, in a
  // scrambled order.
  uint32_t state = 12345;
  for (int round = 0; round < 400; ++round) {
    size_t i;
    if (round % 2 == 0) {
      i = valid;
    } else {
      state = state * 1103515245u + 12345u;
      i = (state >> 16) % cases.size();
    }
    SCOPED_TRACE("round " + std::to_string(round) + ": " + cases[i].name);
    const Verdict v = in.Inspect(cases[i].request);
    EXPECT_EQ(v, in.verdict());
    ExpectSame(AnswerOf(in), expected[i]);
    if (i == valid) {
      ExpectForwarded(in);
      ASSERT_NE(in.processor().request<PauseServiceRequest>(), nullptr);
    }
  }
  // Each pair explicitly: reject then forward, forward then reject.
  for (size_t i = 0; i < cases.size(); ++i) {
    for (size_t j = 0; j < cases.size(); ++j) {
      SCOPED_TRACE(cases[i].name + " then " + cases[j].name);
      in.Inspect(cases[i].request);
      in.Inspect(cases[j].request);
      ExpectSame(AnswerOf(in), expected[j]);
    }
  }
}

// ---------------------------------------------------------------------------------
// 11. Every operation's sample request
// ---------------------------------------------------------------------------------

TEST(EveryOperation, EachSampleRequestIsForwarded) {
  ASSERT_EQ(kModel.num_operations, 37);
  HttpInspector in(kModel);
  std::set<std::string_view> seen;
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    const OperationDesc& op = *kModel.operations[i];
    SCOPED_TRACE(S(op.name));
    const std::string body = testutil::ReadFile(SamplePath(op));
    ASSERT_FALSE(body.empty()) << "missing runfile " << SamplePath(op);
    EXPECT_EQ(in.Inspect(Request(op.target, body)), Verdict::kForward) << in.message();
    ExpectForwarded(in);
    EXPECT_EQ(in.operation(), &op);
    EXPECT_EQ(in.processor().operation(), &op);
    EXPECT_NE(in.processor().request_data(), nullptr);

    // Padded, with the usual header variations.
    std::vector<char> buffer(body.size() + simdjson::SIMDJSON_PADDING, '\0');
    std::memcpy(buffer.data(), body.data(), body.size());
    HttpRequestView r = Request(op.target, std::string_view(buffer.data(), body.size()));
    r.body_capacity = buffer.size();
    r.path = "/?op=1";
    r.content_type = "Application/X-Amz-Json-1.0; charset=UTF-8";
    EXPECT_EQ(in.Inspect(r), Verdict::kForward) << in.message();
    ExpectForwarded(in);
    EXPECT_EQ(in.operation(), &op);
    seen.insert(op.name);

    // The sample one byte short of its closing brace is malformed.
    const std::string_view trimmed = std::string_view(body).substr(0, body.find_last_of('}'));
    EXPECT_EQ(in.Inspect(Request(op.target, trimmed)), Verdict::kReject);
    EXPECT_EQ(in.check(), Check::kSerialization) << in.message();
  }
  EXPECT_EQ(seen.size(), 37u);
}

// ---------------------------------------------------------------------------------
// 12. No allocation in steady state
// ---------------------------------------------------------------------------------

TEST(SteadyState, InspectAllocatesNothingAfterWarmUp) {
  HttpInspectorOptions options;
  options.max_body_bytes = kPauseBody.size();
  HttpInspector in(kModel, options);
  ASSERT_TRUE(in.Deny("Delete*").ok());
  const std::string too_large = kPauseBody + " ";
  const std::vector<Case> cases = RejectCases(too_large);
  EXPECT_EQ(AllocationsOf([&] {
              ASSERT_EQ(in.Inspect(Pause()), Verdict::kForward);
              for (const Case& c : cases) {
                ASSERT_EQ(in.Inspect(c.request), Verdict::kReject);
                ASSERT_EQ(in.check(), c.check);
              }
              ASSERT_EQ(in.Inspect(Pause()), Verdict::kForward);
            }),
            0);
}

// The inspector's limit is the only one: a body above the decoder's default (1 MiB)
// but within a raised max_body_bytes is decoded, not rejected by the decoder.
TEST(HttpInspectorBodyLimit, RaisedLimitIsNotCappedByTheDecoder) {
  for (bool via_options : {false, true}) {
    HttpInspectorOptions options;
    if (via_options) options.max_body_bytes = size_t{2} << 20;
    HttpInspector in(kModel, options);
    if (!via_options) in.set_max_body_bytes(size_t{2} << 20);
    std::string body = kPauseBody;
    body.resize(size_t{3} << 19, ' ');  // 1.5 MiB of valid JSON
    EXPECT_EQ(in.Inspect({"POST", "/", "AppRunner.PauseService", kAwsJson10ContentType, body}),
              Verdict::kForward);
    EXPECT_EQ(in.check(), Check::kNone) << in.message();
    body.resize((size_t{2} << 20) + 1, ' ');
    EXPECT_EQ(in.Inspect({"POST", "/", "AppRunner.PauseService", kAwsJson10ContentType, body}),
              Verdict::kReject);
    EXPECT_EQ(in.check(), Check::kBodyTooLarge);
    EXPECT_EQ(in.http_status(), 413);
  }
}

}  // namespace
}  // namespace apprunner::model
