// The one header a gateway includes: decode + validate a PauseService request body and,
// on failure, the awsJson1_0 error response to send back.
//
//   PauseServiceRequestProcessor processor;    // one per thread, reused
//   if (processor.Process(body) == Outcome::kValid) {
//     Forward(*processor.request().service_arn);
//   } else {
//     Reply(processor.http_status(), processor.error_type(), processor.error_body());
//   }
//
// Or, where failures travel as absl::Status:
//
//   absl::StatusOr<PauseServiceRequest> request = ParsePauseServiceRequest(processor, body);
//   if (!request.ok()) return request.status();  // "SerializationException: ..."
//
// Failures: a body that cannot be decoded is a SerializationException (HTTP 400) whose
// message names the problem and its byte offset; a decoded request that breaks a model
// constraint is an InvalidRequestException (HTTP 400) with the AWS-style message
// ("1 validation error detected: Value null at 'serviceArn' failed to satisfy
// constraint: Member must not be null").
//
// Lifetime: request() views the body copy held by the processor; valid until the next
// Process call. Cost: no heap allocation on the valid path in steady state.
// Thread-safety: a processor is not thread-safe; the Validator it uses is shared.
#ifndef APPRUNNER_API_PAUSE_SERVICE_H_
#define APPRUNNER_API_PAUSE_SERVICE_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "codec/generated/pause_service_types.h"
#include "validate/validate.h"

namespace apprunner::pause_service {

enum class Outcome {
  kValid,               // decoded and every constraint holds
  kSerializationError,  // the body is not a well-formed PauseServiceRequest document
  kValidationError,     // decoded, but a model constraint failed
};

inline constexpr std::string_view kSerializationException = "SerializationException";
inline constexpr std::string_view kInvalidRequestException = "InvalidRequestException";

// Human-readable text of a decode failure: "wrong JSON type for member 'ServiceArn'
// (WrongType) at byte 15".
void AppendDecodeErrorMessage(const DecodeStatus& status, std::string* out);

class PauseServiceRequestProcessor {
 public:
  explicit PauseServiceRequestProcessor(DecodeOptions decode_options = {},
                                        const Validator& validator = Validator::Default())
      : decoder_(decode_options), validator_(validator) {}

  Outcome Process(std::string_view body);

  const PauseServiceRequest& request() const { return request_; }
  const DecodeStatus& decode_status() const { return decode_status_; }
  const ValidationReport& report() const { return report_; }

  // Valid after a failed Process: the error code, HTTP status, message and the
  // awsJson1_0 body {"__type":...,"Message":...}.
  std::string_view error_type() const { return error_type_; }
  int http_status() const { return http_status_; }
  std::string_view message() const { return message_; }
  std::string_view error_body() const { return error_body_; }

  // The last Process as an absl::Status: OkStatus after a valid request; after a failed
  // one, InvalidArgumentError("<error_type>: <message>"), e.g. "SerializationException:
  // wrong JSON type for member 'ServiceArn' (WrongType) at byte 14"; before the first
  // Process, FailedPreconditionError. Built when called, never by Process: a failure
  // copies the message (allocates), so call it on the error path only.
  absl::Status status() const;

 private:
  void Fail(std::string_view type);

  PauseServiceRequestDecoder decoder_;
  const Validator& validator_;
  PauseServiceRequest request_;
  DecodeStatus decode_status_;
  ValidationReport report_;
  std::string_view error_type_;
  int http_status_ = 200;
  std::string message_;
  std::string error_body_;
  bool processed_ = false;
};

// Process(body) with absl types, for gateways whose error path carries an absl::Status:
// the request when it is valid (then service_arn, which the model requires, is set),
// else processor.status(), an InvalidArgumentError "<error_type>: <message>"; the
// processor still holds http_status(), error_type() and error_body() for the reply.
// Lifetime: the request's views point into the processor's copy of `body`, valid until
// its next Process. Cost: as Process; no heap allocation on the valid path in steady
// state (the Status, and its allocation, exist only on failure).
absl::StatusOr<PauseServiceRequest> ParsePauseServiceRequest(
    PauseServiceRequestProcessor& processor, std::string_view body);

}  // namespace apprunner::pause_service

#endif  // APPRUNNER_API_PAUSE_SERVICE_H_
