// The absl boundary of api/pause_service.h: PauseServiceRequestProcessor::status() and
// ParsePauseServiceRequest, on valid, undecodable and invalid requests, and the valid
// path's zero allocation (a counting replacement of the global operator new). Messages
// are compared as std::string: Debian's Abseil has its own absl::string_view, which
// GoogleTest would print character by character.
#include "api/pause_service.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tests/testutil/counting_new.h"

namespace apprunner::pause_service {
namespace {

constexpr std::string_view kArn =
    "arn:aws:apprunner:us-east-1:123456789012:service/python-app/8fe1e10304f84fd2b0df550fe98a71fa";
const std::string kValidBody = std::string(R"({"ServiceArn":")") + std::string(kArn) + "\"}";

TEST(ParsePauseServiceRequest, ValidRequestReturnsItsArn) {
  PauseServiceRequestProcessor processor;
  absl::StatusOr<PauseServiceRequest> request = ParsePauseServiceRequest(processor, kValidBody);
  ASSERT_TRUE(request.ok()) << request.status();
  ASSERT_TRUE(request->service_arn.has_value());
  EXPECT_EQ(*request->service_arn, kArn);
  EXPECT_TRUE(processor.status().ok());
}

TEST(ParsePauseServiceRequest, SerializationErrorIsInvalidArgumentWithTypeAndMessage) {
  PauseServiceRequestProcessor processor;
  absl::StatusOr<PauseServiceRequest> request = ParsePauseServiceRequest(processor, R"({"ServiceArn":1})");
  //                                                      ^ byte 14
  ASSERT_FALSE(request.ok());
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(request.status().message()),
            "SerializationException: wrong JSON type for member 'ServiceArn' (WrongType) at byte 14");
  // The reply is still the processor's.
  EXPECT_EQ(processor.http_status(), 400);
  EXPECT_EQ(processor.error_type(), kSerializationException);
  EXPECT_EQ(processor.status(), request.status());
}

TEST(ParsePauseServiceRequest, ValidationErrorIsInvalidArgumentWithTypeAndMessage) {
  PauseServiceRequestProcessor processor;
  absl::StatusOr<PauseServiceRequest> request = ParsePauseServiceRequest(processor, "{}");
  ASSERT_FALSE(request.ok());
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(request.status().message()),
            "InvalidRequestException: 1 validation error detected: Value null at 'serviceArn' "
            "failed to satisfy constraint: Member must not be null");
  EXPECT_EQ(processor.error_type(), kInvalidRequestException);
}

TEST(PauseServiceRequestProcessorStatus, FollowsTheLastProcess) {
  PauseServiceRequestProcessor processor;
  EXPECT_EQ(processor.status().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_EQ(processor.Process(R"({"ServiceArn":"nope"})"), Outcome::kValidationError);
  EXPECT_EQ(processor.status(), absl::InvalidArgumentError(std::string(kInvalidRequestException) + ": " +
                                                           std::string(processor.message())));
  ASSERT_EQ(processor.Process(kValidBody), Outcome::kValid);
  EXPECT_EQ(processor.status(), absl::OkStatus());
  ASSERT_EQ(processor.Process("[1]"), Outcome::kSerializationError);
  EXPECT_EQ(std::string(processor.status().message()),
            "SerializationException: the body must be a JSON object (RootNotObject) at byte 0");
}

TEST(ParsePauseServiceRequest, ValidPathAllocatesNothingInSteadyState) {
  PauseServiceRequestProcessor processor;
  auto parse = [&] {
    absl::StatusOr<PauseServiceRequest> request = ParsePauseServiceRequest(processor, kValidBody);
    ASSERT_TRUE(request.ok());
    ASSERT_TRUE(processor.status().ok());
  };
  parse();  // warm up the processor's buffers
  long before = apprunner::testutil::Allocations();
  for (int i = 0; i < 50; ++i) parse();
  EXPECT_EQ(apprunner::testutil::Allocations() - before, 0);
  // ... and the counter counts in this binary (a shared sanitizer runtime's operator
  // new would otherwise shadow it and make the check above vacuous).
  before = apprunner::testutil::Allocations();
  delete new std::string(100, 'x');
  EXPECT_GE(apprunner::testutil::Allocations() - before, 1);
}

}  // namespace
}  // namespace apprunner::pause_service
