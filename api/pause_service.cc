#include "api/pause_service.h"

#include <charconv>
#include <string>

namespace apprunner::pause_service {

void AppendDecodeErrorMessage(const DecodeStatus& status, std::string* out) {
  out->append(status.detail.empty() ? std::string_view("invalid body") : status.detail);
  if (status.field != nullptr) {
    out->append(" for member '");
    out->append(status.field->wire_name);
    out->append("'");
  } else if (!status.name.empty()) {
    // An unknown member's name, as the body spelled it: at most 64 bytes, cut at a
    // UTF-8 character boundary.
    std::string_view name = status.name;
    if (name.size() > 64) {
      size_t cut = 64;
      while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
      name = name.substr(0, cut);
    }
    out->append(": '");
    out->append(name);
    out->append(name.size() < status.name.size() ? "...'" : "'");
  }
  out->append(" (");
  out->append(CodecErrorName(status.code));
  out->append(") at byte ");
  char buf[16];
  auto r = std::to_chars(buf, buf + sizeof buf, status.offset);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}

Outcome PauseServiceRequestProcessor::Process(std::string_view body) {
  processed_ = true;
  decode_status_ = decoder_.Decode(body, &request_);
  if (!decode_status_.ok()) {
    report_.Clear();
    message_.clear();
    AppendDecodeErrorMessage(decode_status_, &message_);
    Fail(kSerializationException);
    return Outcome::kSerializationError;
  }
  if (!validator_.Validate(request_, &report_)) {
    message_.clear();
    AppendValidationMessage(report_, &message_);
    Fail(kInvalidRequestException);
    return Outcome::kValidationError;
  }
  http_status_ = 200;
  error_type_ = {};
  return Outcome::kValid;
}

void PauseServiceRequestProcessor::Fail(std::string_view type) {
  error_type_ = type;
  http_status_ = 400;
  error_body_.clear();
  AppendErrorBody(type, message_, &error_body_);
}

absl::Status PauseServiceRequestProcessor::status() const {
  if (!processed_) return absl::FailedPreconditionError("no request processed yet");
  if (error_type_.empty()) return absl::OkStatus();
  std::string text;
  text.reserve(error_type_.size() + 2 + message_.size());
  text.append(error_type_).append(": ").append(message_);
  return absl::InvalidArgumentError(text);
}

absl::StatusOr<PauseServiceRequest> ParsePauseServiceRequest(
    PauseServiceRequestProcessor& processor, std::string_view body) {
  if (processor.Process(body) != Outcome::kValid) return processor.status();
  return processor.request();
}

}  // namespace apprunner::pause_service
