// awsJson1_0 error responses: encoding the operation's errors, and decoding an error
// response the way awsJson1_0 clients must.
//
//   const OperationDesc& op = apprunner::model::kPauseServiceOperation;
//   std::string body;
//   ErrorEncoding e = EncodeError(op, "ResourceNotFoundException", "no such service", &body);
//   // e.http_status == 400, e.header_value == "ResourceNotFoundException",
//   // body == {"__type":"ResourceNotFoundException","Message":"no such service"}
//
//   ErrorResponseDecoder decoder;               // one per thread, reused
//   DecodedError err;
//   DecodeStatus s = decoder.Decode(op, 500, header_value, body, &err);
//   // err.type == "InternalServiceErrorException", err.fault == Fault::kServer
#ifndef APPRUNNER_API_ERRORS_H_
#define APPRUNNER_API_ERRORS_H_

#include <string>
#include <string_view>

#include "codec/decode.h"
#include "codec/error.h"
#include "codec/table.h"

namespace apprunner::codec {

// Whose fault an error is: the modelled error's trait, else the HTTP status class
// (4xx client, 5xx server); kUnknown when neither says (no status, or not 4xx/5xx).
enum class Fault { kClient, kServer, kUnknown };
std::string_view FaultName(Fault fault);  // "client" / "server" / "unknown"

// The HTTP header that carries the error type.
inline constexpr std::string_view kErrorTypeHeader = "X-Amzn-ErrorType";

struct ErrorEncoding {
  bool known = false;  // one of the operation's errors, or SerializationException
  int http_status = 0;
  Fault fault = Fault::kClient;
  std::string_view header_value;  // for X-Amzn-ErrorType
};

// The error of `op` named `type`, or nullptr when the operation does not model it.
const ErrorDesc* FindError(const OperationDesc& op, std::string_view type);

// Appends {"__type":"<type>","Message":"<message>"} to `body` and says which status and
// header go with it. `type` must be one of the errors `op` models, with the model's
// status (App Runner: InvalidRequestException 400, ResourceNotFoundException 400,
// InvalidStateException 400, InternalServiceErrorException 500,
// ServiceQuotaExceededException 402 on the Create* operations), or
// SerializationException (400); anything else returns known == false and appends nothing.
ErrorEncoding EncodeError(const OperationDesc& op, std::string_view type, std::string_view message,
                          std::string* body);

// The error code in a raw type string, as the Smithy awsJson1_0 spec (and smithy-rs)
// sanitize it: cut at the first ':', then keep what follows the first '#'.
// "aws.apprunner#InvalidRequestException:http://internal..." ->
// "InvalidRequestException". (botocore keeps what follows the last '#'; the two
// differ only for a type with several '#'.)
std::string_view SanitizeErrorType(std::string_view raw);

struct DecodedError {
  enum class Source { kNone, kHeader, kBodyType, kBodyCode };
  std::string_view type;  // sanitized; empty when no source gave one
  Source source = Source::kNone;
  std::string_view message;  // from "Message", else "message"
  bool has_message = false;
  int http_status = 0;
  Fault fault = Fault::kUnknown;        // the modelled error's, else from the status class
  const ErrorDesc* modelled = nullptr;  // nullptr: not one of the operation's errors
};

// Decodes an error response of operation `op`. The type comes from the first of these that is non-empty
// once sanitized: the X-Amzn-ErrorType header value, the body's "__type", its "code".
// An unknown type or none at all is reported as such (modelled == nullptr), never
// guessed. The body must be well-formed JSON (an object) with no member twice, but an
// envelope member that is not a string is ignored, as clients ignore it; an empty body
// is allowed (the header alone may carry the type). Views point into `header_value`
// and the decoder's copy of `body`: valid until the next Decode.
class ErrorResponseDecoder {
 public:
  explicit ErrorResponseDecoder(DecodeOptions options = {});
  DecodeStatus Decode(const OperationDesc& op, int http_status, std::string_view header_value,
                      std::string_view body, DecodedError* out);

 private:
  StructDecoder engine_;
};

}  // namespace apprunner::codec

#endif  // APPRUNNER_API_ERRORS_H_
