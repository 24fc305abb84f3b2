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
#include "tests/testutil/files.h"
#include "validate/validate.h"

namespace apprunner::pause_service {
namespace {

using testutil::ReadFile;

// What one thread sees for body `k`: the processor's verdict and the response's
// canonical form and validation verdicts, as one comparable string.
struct Worker {
  PauseServiceRequestProcessor processor;  // own decoder, shared default validator
  PauseServiceResponseDecoder decoder;
  PauseServiceResponse response;
  ValidationReport report;
  std::string out;

  std::string Run(const std::string& request, const std::string& response_body, const Validator& search) {
    Outcome outcome = processor.Process(request);  // before reading its results
    std::string got =
        std::to_string(static_cast<int>(outcome)) + "|" + std::to_string(processor.http_status()) + "|" +
        (outcome == Outcome::kValid ? std::string() : std::string(processor.error_body())) + "|";
    if (!decoder.Decode(response_body, &response).ok()) return got + "response did not decode";
    got += DefaultValidator().Validate(response, &report) ? "valid" : ValidationMessage(report);
    got += search.Validate(response, &report) ? "|valid|" : "|" + ValidationMessage(report) + "|";
    out.clear();
    EncodeJson(response, &out);
    return got + out;
  }
};

TEST(Concurrency, DecodersPerThreadShareValidators) {
  const std::string request = ReadFile("examples/pause-service-request.json");
  const std::string response = ReadFile("examples/pause-service-response.json");
  ASSERT_FALSE(request.empty());
  ASSERT_FALSE(response.empty());
  std::string long_arn(1100, 'a');  // over the length bound: RE2's exact form, not the DFA
  const std::vector<std::string> requests = {
      request,
      R"({"ServiceArn":"arn:aws:apprunner:us-east-1:123456789012:service/x y"})",
      R"({"ServiceArn":""})",
      R"({"ServiceArn":1})",
      "{}",
      R"({"ServiceArn":")" + long_arn + "\"}"};
  std::string bad_response = response;
  bad_response.replace(bad_response.find("\"1 vCPU\""), 8, "\"1 vcpu\"");  // RE2 pattern path
  const std::vector<std::string> responses = {response, bad_response};

  // The threads start cold: the first uses of DefaultValidator() and of the compiled
  // patterns race each other, as in a proxy's first requests.
  ValidateOptions search_options;
  search_options.pattern_semantics = PatternSemantics::kSearch;
  const Validator search(kModel, search_options);  // a second shared validator
  constexpr int kThreads = 4;
  constexpr int kRounds = 300;
  std::vector<std::vector<std::string>> seen(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Worker worker;
      for (int i = 0; i < kRounds; ++i) {
        size_t k = static_cast<size_t>(i + t);
        seen[t].push_back(worker.Run(requests[k % requests.size()], responses[k % responses.size()], search));
      }
    });
  }
  for (auto& th : threads) th.join();

  // The single-threaded answers, afterwards.
  Worker alone;
  int mismatches = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kRounds; ++i) {
      size_t k = static_cast<size_t>(i + t);
      std::string want = alone.Run(requests[k % requests.size()], responses[k % responses.size()], search);
      if (seen[t][i] != want) {
        if (++mismatches <= 3)
          ADD_FAILURE() << "thread " << t << " round " << i << ":\n" << seen[t][i] << "\nwant\n" << want;
      }
    }
  }
  EXPECT_EQ(mismatches, 0);
  // The rows really differ (a test of constant answers would prove nothing).
  EXPECT_NE(alone.Run(requests[0], responses[0], search), alone.Run(requests[1], responses[1], search));
}

}  // namespace
}  // namespace apprunner::pause_service
