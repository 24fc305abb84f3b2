#include "api/errors.h"

#include "codec/encode.h"

#include <new>
#include <optional>
#include <utility>

namespace apprunner::codec {
namespace {

constexpr std::string_view kSerializationException = "SerializationException";

// The members an awsJson1_0 error body may carry, as a hand-written table for the
// generic decoder (the generated error structs hold only the modelled "Message").
struct ErrorEnvelope {
  std::optional<std::string_view> type;           // "__type"
  std::optional<std::string_view> code;           // "code"
  std::optional<std::string_view> message;        // "Message"
  std::optional<std::string_view> message_lower;  // "message"
};

template <std::optional<std::string_view> ErrorEnvelope::*M>
void* Emplace(void* o) {
  return &(static_cast<ErrorEnvelope*>(o)->*M).emplace();
}
template <std::optional<std::string_view> ErrorEnvelope::*M>
const void* Get(const void* o) {
  const auto& m = static_cast<const ErrorEnvelope*>(o)->*M;
  return m ? &*m : nullptr;
}

// An unconstrained string (the envelope is read, never validated).
const ShapeDesc kEnvelopeString = {"String", false, false, 0,       0,      nullptr,
                                   nullptr,  0,     false, nullptr, nullptr};

const FieldDesc kEnvelopeFields[] = {
    {"__type", "__type", FieldKind::kString, false, &kEnvelopeString, nullptr, nullptr,
     &Emplace<&ErrorEnvelope::type>, &Get<&ErrorEnvelope::type>},
    {"code", "code", FieldKind::kString, false, &kEnvelopeString, nullptr, nullptr,
     &Emplace<&ErrorEnvelope::code>, &Get<&ErrorEnvelope::code>},
    {"Message", "message", FieldKind::kString, false, &kEnvelopeString, nullptr, nullptr,
     &Emplace<&ErrorEnvelope::message>, &Get<&ErrorEnvelope::message>},
    {"message", "message", FieldKind::kString, false, &kEnvelopeString, nullptr, nullptr,
     &Emplace<&ErrorEnvelope::message_lower>, &Get<&ErrorEnvelope::message_lower>},
};
const StructDesc kEnvelopeDesc = {"ErrorEnvelope", kEnvelopeFields, 4,
                                  [](void* o) { new (o) ErrorEnvelope(); },
                                  /*skip_mistyped_members=*/true};

}  // namespace

const ErrorDesc* FindError(const OperationDesc& op, std::string_view type) {
  for (uint16_t i = 0; i < op.num_errors; ++i) {
    if (op.errors[i]->name == type) return op.errors[i];
  }
  return nullptr;
}

namespace {}  // namespace

std::string_view FaultName(Fault fault) {
  switch (fault) {
    case Fault::kClient: return "client";
    case Fault::kServer: return "server";
    case Fault::kUnknown: break;
  }
  return "unknown";
}

ErrorEncoding EncodeError(const OperationDesc& op, std::string_view type, std::string_view message,
                          std::string* body) {
  ErrorEncoding e;
  if (const ErrorDesc* d = FindError(op, type)) {
    e.known = true;
    e.http_status = d->http_status;
    e.fault = d->server_fault ? Fault::kServer : Fault::kClient;
    e.header_value = d->name;
  } else if (type == kSerializationException) {
    e.known = true;
    e.http_status = 400;
    e.header_value = kSerializationException;
  } else {
    return e;
  }
  AppendErrorBody(e.header_value, message, body);
  return e;
}

std::string_view SanitizeErrorType(std::string_view raw) {
  size_t colon = raw.find(':');
  if (colon != std::string_view::npos) raw = raw.substr(0, colon);
  size_t hash = raw.find('#');
  if (hash != std::string_view::npos) raw = raw.substr(hash + 1);
  return raw;
}

ErrorResponseDecoder::ErrorResponseDecoder(DecodeOptions options) : engine_(options) {}

DecodeStatus ErrorResponseDecoder::Decode(const OperationDesc& op, int http_status,
                                          std::string_view header_value, std::string_view body,
                                          DecodedError* out) {
  *out = DecodedError{};
  out->http_status = http_status;
  ErrorEnvelope envelope;
  bool empty_body = body.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (!empty_body) {
    DecodeStatus s = engine_.Decode(body, kEnvelopeDesc, &envelope);
    if (!s.ok()) return s;
  }
  // Surrounding whitespace of a header value is not part of it (RFC 9110).
  size_t first = header_value.find_first_not_of(" \t");
  header_value = first == std::string_view::npos
                     ? std::string_view()
                     : header_value.substr(first, header_value.find_last_not_of(" \t") - first + 1);
  // The first source that names a type once sanitized: "aws#" or ":x" names none.
  const std::pair<std::optional<std::string_view>, DecodedError::Source> sources[] = {
      {header_value, DecodedError::Source::kHeader},
      {envelope.type, DecodedError::Source::kBodyType},
      {envelope.code, DecodedError::Source::kBodyCode},
  };
  for (const auto& [raw, source] : sources) {
    if (!raw) continue;
    std::string_view type = SanitizeErrorType(*raw);
    if (type.empty()) continue;
    out->type = type;
    out->source = source;
    break;
  }
  if (envelope.message) {
    out->message = *envelope.message;
    out->has_message = true;
  } else if (envelope.message_lower) {
    out->message = *envelope.message_lower;
    out->has_message = true;
  }
  out->modelled = FindError(op, out->type);
  if (out->modelled != nullptr) {
    out->fault = out->modelled->server_fault ? Fault::kServer : Fault::kClient;
  } else if (http_status >= 400 && http_status <= 499) {
    out->fault = Fault::kClient;
  } else if (http_status >= 500 && http_status <= 599) {
    out->fault = Fault::kServer;
  } else {
    out->fault = Fault::kUnknown;
  }
  return {};
}

}  // namespace apprunner::codec
