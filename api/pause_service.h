// PauseService, the operation this library started with, under its original names:
// existing callers keep compiling. New code uses the whole-service API
// (api/processor.h: RequestProcessor dispatches every operation by X-Amz-Target), of
// which this is a thin layer bound to PauseService.
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
// The namespace apprunner::pause_service declares the runtime's names (apprunner::codec:
// Decoder, Validator, EncodeJson, ...) and sees the generated model (apprunner::model:
// the structs, kShapes, kErrors, ...). What changed (README, "Migrating from the PauseService API"):
// Validator::Default() takes the model (DefaultValidator() here is PauseService's model),
// and the error helpers below bind PauseService's errors.
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
#include "api/errors.h"
#include "api/processor.h"
#include "codec/decode.h"
#include "codec/encode.h"
#include "generated/apprunner/service.h"
#include "validate/validate.h"

namespace apprunner::pause_service {

// The runtime's names (apprunner::codec), but ErrorResponseDecoder, bound below to
// PauseService; and the whole generated model (apprunner::model).
using ::apprunner::codec::AppendDecodeErrorMessage;
using ::apprunner::codec::AppendEpochSeconds;
using ::apprunner::codec::AppendErrorBody;
using ::apprunner::codec::AppendJsonString;
using ::apprunner::codec::AppendValidationMessage;
using ::apprunner::codec::CodecError;
using ::apprunner::codec::CodecErrorName;
using ::apprunner::codec::ConstraintKind;
using ::apprunner::codec::CountCodePoints;
using ::apprunner::codec::DecodedError;
using ::apprunner::codec::DecodeOptions;
using ::apprunner::codec::Decoder;
using ::apprunner::codec::DecodeStatus;
using ::apprunner::codec::Deviation;
using ::apprunner::codec::DeviationKind;
using ::apprunner::codec::DeviationKindName;
using ::apprunner::codec::DfaShortcut;
using ::apprunner::codec::DfaTable;
using ::apprunner::codec::EncodeError;
using ::apprunner::codec::EncodeJson;
using ::apprunner::codec::EncodeStruct;
using ::apprunner::codec::EnumValue;
using ::apprunner::codec::ErrorDesc;
using ::apprunner::codec::ErrorEncoding;
using ::apprunner::codec::ExcludedRun;
using ::apprunner::codec::Fault;
using ::apprunner::codec::FaultName;
using ::apprunner::codec::FieldDesc;
using ::apprunner::codec::FieldKind;
using ::apprunner::codec::FindError;
using ::apprunner::codec::FindOperation;
using ::apprunner::codec::FindOperationByName;
using ::apprunner::codec::FirstInvalidUtf8;
using ::apprunner::codec::kDefaultMaxDepth;
using ::apprunner::codec::kErrorTypeHeader;
using ::apprunner::codec::kInvalidRequestException;
using ::apprunner::codec::kMaxBodyBytesLimit;
using ::apprunner::codec::kMaxDepthLimit;
using ::apprunner::codec::kMaxDeviationPath;
using ::apprunner::codec::kMaxDeviations;
using ::apprunner::codec::kMaxPathLength;
using ::apprunner::codec::kMaxReportedViolations;
using ::apprunner::codec::kSerializationException;
using ::apprunner::codec::kUnknownEnumIndex;
using ::apprunner::codec::kUnknownOperationException;
using ::apprunner::codec::List;
using ::apprunner::codec::ListDesc;
using ::apprunner::codec::ListView;
using ::apprunner::codec::ModelDefect;
using ::apprunner::codec::ModelDesc;
using ::apprunner::codec::ModelTraits;
using ::apprunner::codec::OpenEnum;
using ::apprunner::codec::OperationDesc;
using ::apprunner::codec::Outcome;
using ::apprunner::codec::OutcomeName;
using ::apprunner::codec::ParseEpochSeconds;
using ::apprunner::codec::ParseIso8601;
using ::apprunner::codec::PatternDesc;
using ::apprunner::codec::PatternSemantics;
using ::apprunner::codec::ProcessorOptions;
using ::apprunner::codec::RequestProcessor;
using ::apprunner::codec::SanitizeErrorType;
using ::apprunner::codec::ShapeDesc;
using ::apprunner::codec::StringMap;
using ::apprunner::codec::StringMapEntry;
using ::apprunner::codec::StructDecoder;
using ::apprunner::codec::StructDesc;
using ::apprunner::codec::Timestamp;
using ::apprunner::codec::TimestampParse;
using ::apprunner::codec::ValidateOptions;
using ::apprunner::codec::ValidationMessage;
using ::apprunner::codec::ValidationReport;
using ::apprunner::codec::Validator;
using ::apprunner::codec::Violation;
using namespace ::apprunner::model;  // NOLINT(build/namespaces): the model, as before

inline constexpr std::string_view kOperationName = "PauseService";
inline constexpr std::string_view kAmzTarget = kPauseServiceTarget;
inline constexpr std::string_view kHttpMethod = "POST";
inline constexpr std::string_view kRequestUri = "/";

using PauseServiceRequestDecoder = Decoder<PauseServiceRequest>;
using PauseServiceResponseDecoder = Decoder<PauseServiceResponse>;

// Validator::Default(model::kModel): the process-wide validator with default options.
const Validator& DefaultValidator();

// EncodeError for PauseService's errors (codec::EncodeError with the operation).
ErrorEncoding EncodeError(std::string_view type, std::string_view message, std::string* body);

// ErrorResponseDecoder for PauseService's errors.
class ErrorResponseDecoder {
 public:
  explicit ErrorResponseDecoder(DecodeOptions options = {}) : decoder_(options) {}
  DecodeStatus Decode(int http_status, std::string_view header_value, std::string_view body,
                      DecodedError* out) {
    return decoder_.Decode(kPauseServiceOperation, http_status, header_value, body, out);
  }

 private:
  codec::ErrorResponseDecoder decoder_;
};

class PauseServiceRequestProcessor {
 public:
  explicit PauseServiceRequestProcessor(DecodeOptions decode_options = {},
                                        const Validator& validator = DefaultValidator())
      : processor_(kModel, ProcessorOptions{decode_options}, &validator) {}

  Outcome Process(std::string_view body) { return processor_.Process(kPauseServiceOperation, body); }

  // The decoded request (every member absent after a SerializationException).
  const PauseServiceRequest& request() const;
  const DecodeStatus& decode_status() const { return processor_.decode_status(); }
  const ValidationReport& report() const { return processor_.report(); }

  std::string_view error_type() const { return processor_.error_type(); }
  int http_status() const { return processor_.http_status(); }
  std::string_view message() const { return processor_.message(); }
  std::string_view error_body() const { return processor_.error_body(); }
  absl::Status status() const { return processor_.status(); }

 private:
  RequestProcessor processor_;
};

// Process(body) with absl types: the request when it is valid (then service_arn, which
// the model requires, is set), else processor.status(), an InvalidArgumentError
// "<error_type>: <message>"; the processor still holds http_status(), error_type() and
// error_body() for the reply. Cost: as Process; the Status allocates only on failure.
absl::StatusOr<PauseServiceRequest> ParsePauseServiceRequest(PauseServiceRequestProcessor& processor,
                                                             std::string_view body);

}  // namespace apprunner::pause_service

#endif  // APPRUNNER_API_PAUSE_SERVICE_H_
