#include "api/gateway.h"

#include <algorithm>
#include <charconv>

#include "codec/decode.h"
#include "codec/encode.h"

namespace apprunner::codec {
namespace {

// At most `max` bytes of `text`, cut at a UTF-8 character boundary.
std::string_view Clip(std::string_view text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

void AppendQuoted(std::string_view text, std::string* out) {
  std::string_view clipped = Clip(text, 64);
  out->push_back('\'');
  out->append(clipped);
  out->append(clipped.size() < text.size() ? "...'" : "'");
}

void AppendNumber(size_t n, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out->append(buf, static_cast<size_t>(r.ptr - buf));
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool Matches(std::string_view pattern, std::string_view name) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return name.substr(0, pattern.size()) == pattern;
  }
  return name == pattern;
}

// The inspector checks the body size itself (max_body_bytes, answered 413); the
// decoder behind it must not apply a second, smaller limit.
ProcessorOptions WithoutDecodeLimit(ProcessorOptions options) {
  options.decode.max_body_bytes = kMaxBodyBytesLimit;
  return options;
}

}  // namespace

std::string_view CheckName(Check check) {
  switch (check) {
    case Check::kNone: return "None";
    case Check::kBodyTooLarge: return "BodyTooLarge";
    case Check::kMethod: return "Method";
    case Check::kPath: return "Path";
    case Check::kContentType: return "ContentType";
    case Check::kUnknownOperation: return "UnknownOperation";
    case Check::kDenied: return "Denied";
    case Check::kSerialization: return "Serialization";
    case Check::kValidation: return "Validation";
  }
  return "Unknown";
}

bool IsAwsJson10ContentType(std::string_view value) {
  if (value == kAwsJson10ContentType) return true;  // what every AWS SDK sends
  while (!value.empty() && IsSpace(value.front())) value.remove_prefix(1);
  const size_t n = kAwsJson10ContentType.size();
  if (value.size() < n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (Lower(value[i]) != kAwsJson10ContentType[i]) return false;
  }
  value.remove_prefix(n);
  while (!value.empty() && IsSpace(value.front())) value.remove_prefix(1);
  return value.empty() || value.front() == ';';
}

HttpInspector::HttpInspector(const ModelDesc& model, HttpInspectorOptions options, const Validator* validator)
    : model_(model),
      options_(options),
      processor_(model, WithoutDecodeLimit(options.processor), validator),
      allowed_(model.num_operations, 0),
      denied_(model.num_operations, 0) {
  set_max_body_bytes(options.max_body_bytes);
}

void HttpInspector::set_max_body_bytes(size_t max_body_bytes) {
  options_.max_body_bytes = std::min(max_body_bytes, kMaxBodyBytesLimit);
}

absl::Status HttpInspector::AddPattern(std::string_view pattern, std::vector<uint8_t>* matches) {
  std::vector<uint8_t> found(model_.num_operations, 0);
  bool any = false;
  for (uint16_t i = 0; i < model_.num_operations; ++i) {
    if (Matches(pattern, model_.operations[i]->name)) found[i] = any = 1;
  }
  if (!any) {
    std::string text("operation pattern ");
    AppendQuoted(pattern, &text);
    text.append(" matches no operation of ");
    text.append(model_.service_id);
    return absl::InvalidArgumentError(text);
  }
  for (size_t i = 0; i < found.size(); ++i) (*matches)[i] |= found[i];
  has_policy_ = true;
  return absl::OkStatus();
}

absl::Status HttpInspector::Allow(std::string_view pattern) {
  absl::Status status = AddPattern(pattern, &allowed_);
  if (status.ok()) has_allow_ = true;
  return status;
}

absl::Status HttpInspector::Deny(std::string_view pattern) { return AddPattern(pattern, &denied_); }

void HttpInspector::ClearPolicy() {
  std::fill(allowed_.begin(), allowed_.end(), 0);
  std::fill(denied_.begin(), denied_.end(), 0);
  has_allow_ = has_policy_ = false;
}

size_t HttpInspector::IndexOf(const OperationDesc& operation) const {
  // Operations are sorted by name.
  const OperationDesc* const* begin = model_.operations;
  const OperationDesc* const* end = begin + model_.num_operations;
  const OperationDesc* const* it =
      std::lower_bound(begin, end, operation.name,
                       [](const OperationDesc* op, std::string_view name) { return op->name < name; });
  return static_cast<size_t>(it - begin);
}

bool HttpInspector::IsAllowed(const OperationDesc& operation) const {
  if (!has_policy_) return true;
  const size_t i = IndexOf(operation);
  if (i >= allowed_.size() || model_.operations[i] != &operation) return false;
  return (!has_allow_ || allowed_[i]) && !denied_[i];
}

std::string_view HttpInspector::message() const {
  if (check_ == Check::kNone) return {};
  return own_message_ ? std::string_view(message_) : processor_.message();
}

std::string_view HttpInspector::body() const {
  if (check_ == Check::kNone) return {};
  return own_message_ ? std::string_view(body_) : processor_.error_body();
}

size_t HttpInspector::violation_count() const {
  return check_ == Check::kValidation ? processor_.report().total() : 0;
}

Verdict HttpInspector::Reject(Check check, int status, std::string_view type) {
  check_ = check;
  http_status_ = status;
  error_type_ = type;
  if (own_message_) {
    body_.clear();
    AppendErrorBody(type, message_, &body_);
  }
  verdict_ = options_.report_only ? Verdict::kForward : Verdict::kReject;
  return verdict_;
}

Verdict HttpInspector::RejectSize(size_t body_size) {
  message_.append("request body ");
  if (body_size != 0) {
    message_.append("of ");
    AppendNumber(body_size, &message_);
    message_.append(" bytes ");
  }
  message_.append("exceeds the limit of ");
  AppendNumber(options_.max_body_bytes, &message_);
  message_.append(" bytes");
  return Reject(Check::kBodyTooLarge, 413, kRequestEntityTooLargeException);
}

void HttpInspector::StartAnswer() {
  operation_ = nullptr;
  own_message_ = true;
  message_.clear();
}

Verdict HttpInspector::RejectBodyTooLarge(size_t body_size) {
  StartAnswer();
  RejectSize(body_size);
  verdict_ = Verdict::kReject;
  return verdict_;
}

Verdict HttpInspector::Inspect(const HttpRequestView& request) {
  StartAnswer();
  if (request.body.size() > options_.max_body_bytes) return RejectSize(request.body.size());
  if (request.method != "POST") {
    message_.append("method ");
    AppendQuoted(request.method, &message_);
    message_.append(" is not allowed: awsJson1_0 requests are POST /");
    return Reject(Check::kMethod, 405, kMethodNotAllowedException);
  }
  std::string_view path = request.path;
  if (path != "/" && (path = path.substr(0, path.find('?'))) != "/") {
    message_.append("path ");
    AppendQuoted(path, &message_);
    message_.append(" names no operation: awsJson1_0 requests are POST /");
    return Reject(Check::kPath, options_.processor.unknown_operation_status, kUnknownOperationException);
  }
  if (!IsAwsJson10ContentType(request.content_type)) {
    if (request.content_type.empty()) {
      message_.append("missing Content-Type");
    } else {
      message_.append("Content-Type ");
      AppendQuoted(request.content_type, &message_);
      message_.append(" is not supported");
    }
    message_.append(": requests must be ");
    message_.append(kAwsJson10ContentType);
    return Reject(Check::kContentType, 415, kUnsupportedMediaTypeException);
  }
  const OperationDesc* op = FindOperation(model_, request.target);
  if (op == nullptr) {
    if (request.target.empty()) {
      message_.append("missing X-Amz-Target");
    } else {
      message_.append("X-Amz-Target ");
      AppendQuoted(request.target, &message_);
      message_.append(" names no operation");
    }
    message_.append(": it must be '");
    message_.append(model_.target_prefix);
    message_.append(".<Operation>'");
    return Reject(Check::kUnknownOperation, options_.processor.unknown_operation_status,
                  kUnknownOperationException);
  }
  operation_ = op;
  if (!IsAllowed(*op)) {
    message_.append("operation ");
    message_.append(op->name);
    message_.append(" is not allowed by this gateway's policy");
    return Reject(Check::kDenied, 400, kAccessDeniedException);
  }
  own_message_ = false;
  switch (processor_.Process(*op, request.body, request.body_capacity)) {
    case Outcome::kValid:
      check_ = Check::kNone;
      http_status_ = 200;
      error_type_ = {};
      verdict_ = Verdict::kForward;
      return verdict_;
    case Outcome::kSerializationError:
      return Reject(Check::kSerialization, processor_.http_status(), processor_.error_type());
    case Outcome::kValidationError:
      return Reject(Check::kValidation, processor_.http_status(), processor_.error_type());
    case Outcome::kUnknownOperation:  // not reached: the operation was found above
      break;
  }
  return Reject(Check::kUnknownOperation, processor_.http_status(), processor_.error_type());
}

}  // namespace apprunner::codec
