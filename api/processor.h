// The one class a gateway needs for a whole service: given the X-Amz-Target header
// value and the body, it picks the operation, decodes and validates the request, and
// either gives typed, zero-copy access to it or the awsJson1_0 error response to send.
//
//   RequestProcessor processor(apprunner::model::kModel);   // one per thread, reused
//   switch (processor.Process(target, body)) {
//     case Outcome::kValid:
//       if (const auto* r = processor.request<CreateServiceRequest>()) Audit(*r->service_name);
//       Forward();
//       break;
//     default:
//       Reply(processor.http_status(), processor.error_type(), processor.error_body());
//   }
//
// Dispatch: the target must be exactly "<targetPrefix>.<Operation>" (case-sensitive,
// as AWS's JSON services compare it), found by one perfect-hash probe and one compare.
// Anything else (missing, another prefix, an unknown name) is UnknownOperationException,
// HTTP 400 by default ({"__type":"UnknownOperationException"}, what an AWS JSON service
// answers; ProcessorOptions::unknown_operation_status sets another, e.g. 404, the status
// AWS's Common Errors page gives), never a guess.
//
// Failures: a body that cannot be decoded is a SerializationException (HTTP 400) whose
// message names the problem and its byte offset; a decoded request that breaks a model
// constraint is an InvalidRequestException (HTTP 400) with the AWS-style message
// ("1 validation error detected: Value null at 'serviceArn' failed to satisfy
// constraint: Member must not be null"), every violation collected.
//
// Lifetime: request() views the processor's copy of the body (or, with a padded
// `capacity`, the caller's buffer); valid until the next Process. Cost: no heap allocation in steady state,
// on every path but status(). Thread-safety: a processor is not thread-safe; the Validator it uses is shared.
#ifndef APPRUNNER_API_PROCESSOR_H_
#define APPRUNNER_API_PROCESSOR_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "codec/decode.h"
#include "codec/table.h"
#include "validate/validate.h"

namespace apprunner::codec {

enum class Outcome {
  kValid,               // decoded and every constraint holds
  kSerializationError,  // the body is not a well-formed document of the operation's input
  kValidationError,     // decoded, but a model constraint failed
  kUnknownOperation,    // the target names no operation of the model
};
std::string_view OutcomeName(Outcome outcome);  // "Valid", "SerializationError", ...

inline constexpr std::string_view kSerializationException = "SerializationException";
inline constexpr std::string_view kInvalidRequestException = "InvalidRequestException";
inline constexpr std::string_view kUnknownOperationException = "UnknownOperationException";

// The operation an X-Amz-Target value names ("AppRunner.PauseService"), or nullptr.
const OperationDesc* FindOperation(const ModelDesc& model, std::string_view target);

// The operation named `name` ("PauseService"), or nullptr.
const OperationDesc* FindOperationByName(const ModelDesc& model, std::string_view name);

// Human-readable text of a decode failure: "wrong JSON type for member 'ServiceArn'
// (WrongType) at byte 15".
void AppendDecodeErrorMessage(const DecodeStatus& status, std::string* out);

struct ProcessorOptions {
  DecodeOptions decode;
  // HTTP status of UnknownOperationException.
  int unknown_operation_status = 400;
};

class RequestProcessor {
 public:
  // `validator` defaults to Validator::Default(model); it must outlive the processor.
  explicit RequestProcessor(const ModelDesc& model, ProcessorOptions options = {},
                            const Validator* validator = nullptr);
  RequestProcessor(const RequestProcessor&) = delete;
  RequestProcessor& operator=(const RequestProcessor&) = delete;

  // Dispatches by X-Amz-Target, then decodes and validates. `capacity` is the number of
  // bytes readable at body.data(): when it is at least body.size() + SIMDJSON_PADDING
  // the body is decoded in place, with no copy, and request() views the caller's buffer
  // (which must then stay alive and unchanged while the request is used); otherwise
  // (the default, 0) the body is copied into the processor's padded buffer.
  Outcome Process(std::string_view target, std::string_view body, size_t capacity = 0);
  // The same for an operation already chosen (one of the model's).
  Outcome Process(const OperationDesc& operation, std::string_view body, size_t capacity = 0);

  // The operation of the last Process (nullptr after kUnknownOperation).
  const OperationDesc* operation() const { return operation_; }

  // The decoded request when the last Process decoded one of type T (T is the
  // operation's input), else nullptr. After kValidationError it is the decoded (invalid)
  // request; after any other failure, nullptr.
  template <typename T>
  const T* request() const {
    return decoded_ && &ModelTraits<T>::desc() == operation_->input ? static_cast<const T*>(request_data())
                                                                    : nullptr;
  }
  // The same, untyped (described by operation()->input); nullptr when none.
  const void* request_data() const { return decoded_ ? storage_.get() : nullptr; }

  const DecodeStatus& decode_status() const { return decode_status_; }
  const ValidationReport& report() const { return report_; }
  const StructDecoder& decoder() const { return decoder_; }

  // Valid after a failed Process: the error code, HTTP status, message and the
  // awsJson1_0 body. 200 and empty after a valid one.
  std::string_view error_type() const { return error_type_; }
  int http_status() const { return http_status_; }
  std::string_view message() const { return message_; }
  std::string_view error_body() const { return error_body_; }

  // The last Process as an absl::Status: OkStatus after a valid request; after a failed
  // one, InvalidArgumentError("<error_type>: <message>"); before the first Process,
  // FailedPreconditionError. Built when called (a failure allocates its message).
  absl::Status status() const;

 private:
  Outcome Fail(std::string_view type, Outcome outcome);

  const ModelDesc& model_;
  ProcessorOptions options_;
  StructDecoder decoder_;
  const Validator& validator_;
  std::unique_ptr<std::max_align_t[]> storage_;  // the largest input of the model
  const OperationDesc* operation_ = nullptr;
  bool decoded_ = false;
  bool processed_ = false;
  DecodeStatus decode_status_;
  ValidationReport report_;
  std::string_view error_type_;
  int http_status_ = 200;
  std::string message_;
  std::string error_body_;
};

}  // namespace apprunner::codec

#endif  // APPRUNNER_API_PROCESSOR_H_
