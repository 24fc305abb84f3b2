// Threads: one decoder per thread, the validators shared (read-only). Every thread
// must get exactly the single-threaded answers. Run under --config=tsan in CI.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "api/pause_service.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "validate/validate.h"
#include "tests/testutil/files.h"

namespace apprunner::pause_service {
namespace {

using testutil::ReadFile;

TEST(Concurrency, DecodersPerThreadShareValidators) {
  const std::string request = ReadFile("examples/pause-service-request.json");
  const std::string response = ReadFile("examples/pause-service-response.json");
  ASSERT_FALSE(request.empty());
  ASSERT_FALSE(response.empty());
  const std::vector<std::string> bodies = {
      request, R"({"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/x y"})",
      R"({"ServiceArn":""})", R"({"ServiceArn":1})", "{}"};

  // Single-threaded answers first.
  std::vector<std::string> expected;
  {
    PauseServiceRequestProcessor p;
    for (const auto& b : bodies) {
      p.Process(b);
      expected.push_back(std::string(p.error_body()) + "|" + std::to_string(p.http_status()));
    }
  }
  std::string expected_response;
  {
    PauseServiceResponseDecoder d;
    PauseServiceResponse r;
    ASSERT_TRUE(d.Decode(response, &r).ok());
    EncodeJson(r, &expected_response);
  }

  ValidateOptions search_options;
  search_options.pattern_semantics = PatternSemantics::kSearch;
  const Validator search(search_options);  // a second shared validator
  constexpr int kThreads = 4;
  constexpr int kRounds = 300;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      PauseServiceRequestProcessor processor;  // own decoder, shared default validator
      PauseServiceResponseDecoder decoder;
      PauseServiceResponse r;
      ValidationReport report;
      std::string out;
      for (int i = 0; i < kRounds; ++i) {
        size_t k = static_cast<size_t>(i + t) % bodies.size();
        processor.Process(bodies[k]);
        std::string got = std::string(processor.error_body()) + "|" + std::to_string(processor.http_status());
        if (processor.http_status() == 200) got = "|200";
        std::string want = expected[k];
        if (want.substr(want.size() - 4) == "|200") want = "|200";
        if (got != want) ++mismatches;
        if (!decoder.Decode(response, &r).ok()) ++mismatches;
        if (!Validator::Default().Validate(r, &report)) ++mismatches;
        if (!search.Validate(r, &report)) ++mismatches;
        out.clear();
        EncodeJson(r, &out);
        if (out != expected_response) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace apprunner::pause_service
