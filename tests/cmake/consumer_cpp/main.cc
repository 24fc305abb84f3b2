// A C++ consumer of the installed apprunner-codec (find_package(apprunner_codec CONFIG),
// apprunner_codec::apprunner_codec): the HTTP-level inspector over the generated App
// Runner model, typed access to the decoded request, and the C ABI from the same static
// library. Exits non-zero on any mismatch.
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "api/gateway.h"
#include "api/processor.h"
#include "apprunner_codec.h"
#include "generated/apprunner/service.h"

namespace {

int failures = 0;

void Expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "consumer_cpp: FAILED: %s\n", what);
    ++failures;
  }
}

const char* VerdictName(apprunner::codec::Verdict verdict) {
  return verdict == apprunner::codec::Verdict::kForward ? "FORWARD" : "REJECT";
}

std::string Str(std::string_view s) { return std::string(s); }

}  // namespace

int main() {
  using apprunner::codec::Check;
  using apprunner::codec::HttpInspector;
  using apprunner::codec::HttpRequestView;
  using apprunner::codec::Verdict;
  using apprunner::model::PauseServiceRequest;

  constexpr std::string_view kArn =
      "arn:aws:apprunner:us-east-1:123456789012:service/my-app/8fe1e10304f84fd2b0df550fe98a71fa";
  const std::string valid_body = "{\"ServiceArn\":\"" + std::string(kArn) + "\"}";
  const std::string invalid_body = "{}";

  std::printf("apprunner_codec %s\n", apprunner_codec_version());

  HttpInspector inspector(apprunner::model::kModel);

  HttpRequestView request;
  request.method = "POST";
  request.path = "/";
  request.target = apprunner::model::kPauseServiceTarget;
  request.content_type = apprunner::codec::kAwsJson10ContentType;

  request.body = valid_body;
  Verdict verdict = inspector.Inspect(request);
  std::printf("valid PauseService: %s status=%d\n", VerdictName(verdict), inspector.http_status());
  Expect(verdict == Verdict::kForward, "valid request is FORWARD");
  Expect(inspector.check() == Check::kNone, "valid request passes every check");
  Expect(inspector.http_status() == 200, "valid request status is 200");
  Expect(inspector.operation() == &apprunner::model::kPauseServiceOperation, "operation is PauseService");
  const PauseServiceRequest* typed = inspector.processor().request<PauseServiceRequest>();
  Expect(typed != nullptr, "request<PauseServiceRequest>() is set");
  if (typed != nullptr) {
    Expect(typed->service_arn.has_value() && *typed->service_arn == kArn, "service_arn is the ARN sent");
    if (typed->service_arn) std::printf("  service_arn=%s\n", Str(*typed->service_arn).c_str());
  }

  request.body = invalid_body;
  verdict = inspector.Inspect(request);
  std::printf("invalid PauseService: %s status=%d error_type=%s body=%s\n", VerdictName(verdict),
              inspector.http_status(), Str(inspector.error_type()).c_str(), Str(inspector.body()).c_str());
  Expect(verdict == Verdict::kReject, "invalid request is REJECT");
  Expect(inspector.check() == Check::kValidation, "invalid request fails validation");
  Expect(inspector.http_status() == 400, "invalid request status is 400");
  Expect(inspector.error_type() == apprunner::codec::kInvalidRequestException,
         "error_type is InvalidRequestException");
  Expect(inspector.violation_count() >= 1, "at least one violation");
  // After a validation failure the decoded (invalid) request is still there.
  typed = inspector.processor().request<PauseServiceRequest>();
  Expect(typed != nullptr && !typed->service_arn.has_value(), "decoded invalid request has no service_arn");

  // The C ABI is in the same static library.
  apprunner_codec* codec = nullptr;
  Expect(apprunner_codec_create(&codec) == APPRUNNER_CODEC_OK && codec != nullptr, "apprunner_codec_create");
  Expect(apprunner_codec_operation_count() > 1, "the C ABI sees the whole model");
  apprunner_codec_destroy(codec);

  if (failures != 0) {
    std::fprintf(stderr, "consumer_cpp: %d check(s) failed\n", failures);
    return 1;
  }
  std::printf("consumer_cpp: ok\n");
  return 0;
}
