// Steady-state allocation: once warmed up, decoding, validating and encoding the
// examples performs no heap allocation at all. A counting replacement of the global
// operator new sees every allocation in the process, the libraries' included.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "api/errors.h"
#include "api/pause_service.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "tests/testutil/counting_new.h"
#include "tests/testutil/files.h"
#include "validate/validate.h"

namespace apprunner::pause_service {
namespace {

using testutil::AllocationsOf;
using testutil::ReadFile;

TEST(SteadyState, RequestPathAllocatesNothing) {
  std::string body = ReadFile("examples/pause-service-request.json");
  ASSERT_FALSE(body.empty());
  PauseServiceRequestProcessor processor;
  std::string out;
  EXPECT_EQ(AllocationsOf([&] { ASSERT_EQ(processor.Process(body), Outcome::kValid); }), 0);
  EXPECT_EQ(AllocationsOf([&] {
              out.clear();
              EncodeJson(processor.request(), &out);
            }),
            0);
}

TEST(SteadyState, RejectedRequestAllocatesNothingAfterWarmUp) {
  PauseServiceRequestProcessor processor;
  EXPECT_EQ(AllocationsOf([&] { processor.Process(R"({"ServiceArn":"nope"})"); }), 0);
  EXPECT_EQ(AllocationsOf([&] { processor.Process(R"({"ServiceArn":1})"); }), 0);
}

TEST(SteadyState, ResponsePathAllocatesNothing) {
  std::string body = ReadFile("examples/pause-service-response.json");
  ASSERT_FALSE(body.empty());
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  ValidationReport report;
  std::string out;
  EXPECT_EQ(AllocationsOf([&] { ASSERT_TRUE(decoder.Decode(body, &response).ok()); }), 0);
  EXPECT_EQ(AllocationsOf([&] { ASSERT_TRUE(DefaultValidator().Validate(response, &report)); }), 0);
  EXPECT_EQ(AllocationsOf([&] {
              out.clear();
              EncodeJson(response, &out);
            }),
            0);
}

TEST(SteadyState, LenientAndStrictCliSampleAllocateNothing) {
  std::string body = ReadFile("examples/pause-service-response.cli.json");
  ASSERT_FALSE(body.empty());
  DecodeOptions lenient_options;
  lenient_options.lenient = true;
  PauseServiceResponseDecoder lenient(lenient_options);
  PauseServiceResponseDecoder strict;
  PauseServiceResponse response;
  ValidationReport report;
  // Lenient: accepted (ISO-8601 timestamps, the map as a list, "CPU"), then two
  // violations; strict: rejected with four deviations recorded.
  EXPECT_EQ(AllocationsOf([&] { ASSERT_TRUE(lenient.Decode(body, &response).ok()); }), 0);
  EXPECT_EQ(AllocationsOf([&] { ASSERT_FALSE(DefaultValidator().Validate(response, &report)); }), 0);
  EXPECT_EQ(AllocationsOf([&] {
              ASSERT_EQ(strict.Decode(body, &response).code, CodecError::kNotWireFormat);
              ASSERT_EQ(strict.engine().num_deviations(), 4u);
            }),
            0);
}

TEST(SteadyState, RejectedResponsesAllocateNothingAfterWarmUp) {
  std::string body = ReadFile("examples/pause-service-response.json");
  ASSERT_FALSE(body.empty());
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  ValidationReport report;
  std::string truncated = body.substr(0, body.size() / 2);
  std::string bad_values = body;
  for (const char* from : {"\"OPERATION_IN_PROGRESS\"", "\"python-app\""}) {
    size_t at = bad_values.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    bad_values.replace(at + 1, 3, "?? ");
  }
  EXPECT_EQ(AllocationsOf([&] { ASSERT_FALSE(decoder.Decode(truncated, &response).ok()); }), 0);
  ASSERT_TRUE(decoder.Decode(bad_values, &response).ok());
  EXPECT_EQ(AllocationsOf([&] { ASSERT_FALSE(DefaultValidator().Validate(response, &report)); }), 0);
}

TEST(SteadyState, ErrorsEncodeAndDecodeWithoutAllocating) {
  ErrorResponseDecoder decoder;
  DecodedError error;
  std::string body;
  for (uint16_t i = 0; i < kPauseServiceOperation.num_errors; ++i) {
    EXPECT_EQ(
        AllocationsOf([&] {
          body.clear();
          ASSERT_TRUE(
              EncodeError(kPauseServiceOperation.errors[i]->name, "the service is paused", &body).known);
        }),
        0)
        << kPauseServiceOperation.errors[i]->name;
  }
  std::string header = "aws.apprunner#InvalidStateException:http://internal.example/";
  EXPECT_EQ(AllocationsOf([&] {
              ASSERT_TRUE(decoder.Decode(400, header, body, &error).ok());
              ASSERT_NE(error.modelled, nullptr);
            }),
            0);
  EXPECT_EQ(AllocationsOf([&] { ASSERT_FALSE(decoder.Decode(400, "", R"({"__type":)", &error).ok()); }), 0);
}

TEST(SteadyState, TheCounterSeesAllocations) {
  // Guards the test itself: a replacement that counted nothing would pass everything.
  long before = testutil::Allocations();
  std::string* s = new std::string(100, 'x');
  delete s;
  EXPECT_GE(testutil::Allocations() - before, 1);
}

}  // namespace
}  // namespace apprunner::pause_service
