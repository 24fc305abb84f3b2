// The HTTP-level verdict a gateway needs: given what the gateway has (method, path, the
// X-Amz-Target and Content-Type headers, the body), forward the request or reject it
// with everything needed to answer it without further work.
//
//   HttpInspector inspector(apprunner::model::kModel, {.max_body_bytes = 1 << 20});
//   inspector.Allow("Describe*");                  // a read-only role
//   inspector.Allow("List*");
//   HttpRequestView request{method, path, target, content_type, body};
//   if (inspector.Inspect(request) == Verdict::kReject) {
//     Reply(inspector.http_status(),
//           {{"Content-Type", inspector.content_type()},
//            {"X-Amzn-ErrorType", inspector.error_type()}},
//           inspector.body());
//   } else {
//     Forward();
//   }
//
// Checks, cheapest first; the first that fails decides the answer (an awsJson1_0 body
// {"__type": ..., "Message": ...}, Content-Type application/x-amz-json-1.0, the type
// again in X-Amzn-ErrorType). Status codes and types follow what AWS JSON endpoints and
// Smithy's server runtime for awsJson1_0 answer:
//
//   check              rejected when                                  status  __type
//   kBodyTooLarge      body longer than max_body_bytes (before parsing)  413   RequestEntityTooLargeException
//   kMethod            method is not exactly "POST"                      405   MethodNotAllowedException
//   kPath              path is not "/" (a query string is tolerated)     404*  UnknownOperationException
//   kContentType       media type is not application/x-amz-json-1.0      415   UnsupportedMediaTypeException
//                      (case-insensitive; parameters such as charset
//                      tolerated; a missing header is rejected)
//   kUnknownOperation  X-Amz-Target missing or not "<prefix>.<Op>"       400*  UnknownOperationException
//   kDenied            the operation is outside the allow/deny policy    400   AccessDeniedException
//   kSerialization     the body is not a document of the input shape     400   SerializationException
//   kValidation        a model constraint fails (every one reported)     400   InvalidRequestException
//
//   * ProcessorOptions::unknown_operation_status (default 400; 404 is what Smithy's
//     server runtime answers).
//
// Report-only mode computes the same verdict but always forwards: verdict() is
// kForward, check()/error_type()/violation_count() say what would have been rejected.
//
// Cost: no heap allocation in steady state; with a padded body (body_capacity >=
// body.size() + SIMDJSON_PADDING) no copy of the body either.
// Thread-safety: one inspector per thread (it owns a decoder); the Validator it uses
// is shared, read-only.
#ifndef APPRUNNER_API_GATEWAY_H_
#define APPRUNNER_API_GATEWAY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "api/processor.h"
#include "codec/table.h"
#include "validate/validate.h"

namespace apprunner::codec {

// What a gateway has of one request. The views are not retained past Inspect (except
// the body, viewed by the decoded request until the next Inspect).
struct HttpRequestView {
  std::string_view method;
  std::string_view path;
  std::string_view target;        // X-Amz-Target; empty when the header is absent
  std::string_view content_type;  // Content-Type; empty when the header is absent
  std::string_view body;
  // Bytes readable at body.data(); at least body.size() + SIMDJSON_PADDING lets the
  // body be parsed in place (no copy). 0: unknown (the body is copied).
  size_t body_capacity = 0;
};

enum class Verdict { kForward, kReject };

// Which check decided (kNone: every check passed).
enum class Check : uint8_t {
  kNone,
  kBodyTooLarge,
  kMethod,
  kPath,
  kContentType,
  kUnknownOperation,
  kDenied,
  kSerialization,
  kValidation,
};
std::string_view CheckName(Check check);  // "None", "BodyTooLarge", ...

inline constexpr std::string_view kAwsJson10ContentType = "application/x-amz-json-1.0";
inline constexpr std::string_view kRequestEntityTooLargeException = "RequestEntityTooLargeException";
inline constexpr std::string_view kMethodNotAllowedException = "MethodNotAllowedException";
inline constexpr std::string_view kUnsupportedMediaTypeException = "UnsupportedMediaTypeException";
inline constexpr std::string_view kAccessDeniedException = "AccessDeniedException";

struct HttpInspectorOptions {
  ProcessorOptions processor;
  // Largest accepted body, checked before any parsing (at most kMaxBodyBytesLimit).
  size_t max_body_bytes = size_t{1} << 20;
  // Always forward; the verdict is still computed for logging.
  bool report_only = false;
};

// True when `content_type` is application/x-amz-json-1.0 (case-insensitive, optional
// whitespace, optional ";"-separated parameters).
bool IsAwsJson10ContentType(std::string_view content_type);

class HttpInspector {
 public:
  // `validator` defaults to Validator::Default(model); it must outlive the inspector.
  explicit HttpInspector(const ModelDesc& model, HttpInspectorOptions options = {},
                         const Validator* validator = nullptr);
  HttpInspector(const HttpInspector&) = delete;
  HttpInspector& operator=(const HttpInspector&) = delete;

  // The policy: an operation is allowed when the allow list is empty or one of its
  // patterns matches, and no deny pattern matches. A pattern is an operation name
  // ("PauseService") or a prefix ending in '*' ("Describe*", "*" for all). A pattern
  // that matches no operation of the model is an InvalidArgumentError (a typo would
  // otherwise silently deny or allow everything), and changes nothing.
  absl::Status Allow(std::string_view pattern);
  absl::Status Deny(std::string_view pattern);
  void ClearPolicy();
  bool IsAllowed(const OperationDesc& operation) const;

  void set_report_only(bool report_only) { options_.report_only = report_only; }
  // HTTP status of UnknownOperationException (wrong path, unknown target).
  void set_unknown_operation_status(int status) { options_.processor.unknown_operation_status = status; }
  // Clamped to kMaxBodyBytesLimit.
  void set_max_body_bytes(size_t max_body_bytes);
  const HttpInspectorOptions& options() const { return options_; }

  Verdict Inspect(const HttpRequestView& request);

  // The answer to a body the gateway itself refused for its size before reading it
  // (nginx's client_max_body_size, say): check kBodyTooLarge, 413
  // RequestEntityTooLargeException, the same message Inspect gives, against this
  // inspector's limit. `body_size` 0 means unknown (a chunked body cut short). The
  // verdict is kReject even in report-only mode: the request is already refused.
  Verdict RejectBodyTooLarge(size_t body_size);

  // The last Inspect's result.
  Verdict verdict() const { return verdict_; }
  Check check() const { return check_; }  // kNone when every check passed
  bool would_reject() const { return check_ != Check::kNone; }
  const OperationDesc* operation() const { return operation_; }  // nullptr before dispatch
  int http_status() const { return check_ == Check::kNone ? 200 : http_status_; }
  std::string_view content_type() const { return kAwsJson10ContentType; }
  std::string_view error_type() const { return error_type_; }  // "" when accepted
  std::string_view message() const;                            // "" when accepted
  std::string_view body() const;                               // "" when accepted
  // Violations found by validation (kValidation); 0 otherwise.
  size_t violation_count() const;

  // The request processor (decoded request, decode status, validation report). It
  // describes the last Inspect only when check() is kNone, kSerialization or
  // kValidation; after an earlier reject it still holds an older request.
  const RequestProcessor& processor() const { return processor_; }

 private:
  absl::Status AddPattern(std::string_view pattern, std::vector<uint8_t>* matches);
  Verdict Reject(Check check, int status, std::string_view type);
  Verdict RejectSize(size_t body_size);
  // Forgets the last answer's operation and message; the next answer is our own.
  void StartAnswer();
  size_t IndexOf(const OperationDesc& operation) const;

  const ModelDesc& model_;
  HttpInspectorOptions options_;
  RequestProcessor processor_;
  // Per operation (model order): 1 when matched by an allow / a deny pattern.
  std::vector<uint8_t> allowed_;
  std::vector<uint8_t> denied_;
  bool has_allow_ = false;
  bool has_policy_ = false;

  Verdict verdict_ = Verdict::kForward;
  Check check_ = Check::kNone;
  const OperationDesc* operation_ = nullptr;
  int http_status_ = 200;
  std::string_view error_type_;
  bool own_message_ = false;  // message_/body_ (not the processor's) hold the answer
  std::string message_;
  std::string body_;
};

}  // namespace apprunner::codec

#endif  // APPRUNNER_API_GATEWAY_H_
