#include "api/pause_service.h"

namespace apprunner::pause_service {

const Validator& DefaultValidator() { return Validator::Default(kModel); }

ErrorEncoding EncodeError(std::string_view type, std::string_view message, std::string* body) {
  return codec::EncodeError(kPauseServiceOperation, type, message, body);
}

const PauseServiceRequest& PauseServiceRequestProcessor::request() const {
  static const PauseServiceRequest kNone;
  const PauseServiceRequest* r = processor_.request<PauseServiceRequest>();
  return r != nullptr ? *r : kNone;
}

absl::StatusOr<PauseServiceRequest> ParsePauseServiceRequest(PauseServiceRequestProcessor& processor,
                                                             std::string_view body) {
  if (processor.Process(body) != Outcome::kValid) return processor.status();
  return processor.request();
}

}  // namespace apprunner::pause_service
