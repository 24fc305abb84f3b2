// The C ABI (include/apprunner_codec.h) over HttpInspector and the generated App
// Runner model. Every entry point is noexcept: allocation failures become
// APPRUNNER_CODEC_NO_MEMORY, anything else thrown APPRUNNER_CODEC_INTERNAL.
#include "apprunner_codec.h"

#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "api/gateway.h"
#include "generated/apprunner/service.h"
#include "validate/validate.h"

using apprunner::codec::Check;
using apprunner::codec::HttpInspector;
using apprunner::codec::HttpRequestView;
using apprunner::codec::Verdict;
using apprunner::codec::Violation;

struct apprunner_codec {
  explicit apprunner_codec(const apprunner::codec::ModelDesc& model) : inspector(model) {}

  HttpInspector inspector;
  apprunner_codec_result result{};
  bool has_result = false;
  std::string last_error;
  // The violations of the last result (built by inspect when the body was parsed in
  // the caller's buffer, which need not outlive the call; else on first use): one text
  // buffer and,
  // per violation, the begin and end offsets of path, constraint and message (each
  // NUL-terminated; the values may hold NUL bytes themselves).
  bool violations_built = false;
  std::string violation_text;
  std::vector<size_t> violation_offsets;
};

namespace {

constexpr const char* kEmpty = "";

apprunner_codec_str Str(std::string_view s) {
  // Every view handed out here is NUL-terminated: string literals of the model and of
  // the library, or std::string contents.
  return apprunner_codec_str{s.empty() ? kEmpty : s.data(), s.size()};
}

// A pointer + length input: NULL is allowed only with length 0.
bool View(const char* data, size_t size, std::string_view* out) {
  if (data == nullptr) {
    *out = {};
    return size == 0;
  }
  *out = std::string_view(data, size);
  return true;
}

int Fail(apprunner_codec* codec, int status, const char* why) noexcept {
  if (codec != nullptr) {
    try {
      codec->last_error.assign(why);
    } catch (...) {
      codec->last_error.clear();  // never throws: keeps the buffer
    }
  }
  return status;
}

// Runs `body` on a handle, turning exceptions into status codes.
template <typename F>
int Guarded(apprunner_codec* codec, F&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(codec, APPRUNNER_CODEC_NO_MEMORY, "out of memory");
  } catch (...) {
    return Fail(codec, APPRUNNER_CODEC_INTERNAL, "internal error");
  }
}

void Invalidate(apprunner_codec* codec) {
  codec->has_result = false;
  codec->violations_built = false;
}

// One piece of a violation's text: appends what `append` writes, then a NUL.
template <typename F>
void AddPiece(apprunner_codec* codec, F&& append) {
  codec->violation_offsets.push_back(codec->violation_text.size());
  append(&codec->violation_text);
  codec->violation_offsets.push_back(codec->violation_text.size());
  codec->violation_text.push_back('\0');
}

void BuildViolations(apprunner_codec* codec) {
  codec->violation_text.clear();
  codec->violation_offsets.clear();
  codec->violations_built = true;
  if (codec->inspector.check() != Check::kValidation) return;
  for (const Violation& v : codec->inspector.processor().report()) {
    AddPiece(codec, [&](std::string* out) { out->append(v.path()); });
    AddPiece(codec, [&](std::string* out) { apprunner::codec::AppendViolationConstraint(v, out); });
    AddPiece(codec, [&](std::string* out) { apprunner::codec::AppendViolationMessage(v, out); });
  }
}

// Fills the handle's result from the inspector's last verdict and hands it out.
int Publish(apprunner_codec* codec, Verdict verdict, bool build_violations,
            const apprunner_codec_result** result) {
  const HttpInspector& inspector = codec->inspector;
  apprunner_codec_result& r = codec->result;
  r.verdict = verdict == Verdict::kReject ? APPRUNNER_CODEC_REJECT : APPRUNNER_CODEC_FORWARD;
  r.check = static_cast<int>(inspector.check());
  r.status = inspector.http_status();
  r.operation = Str(inspector.operation() != nullptr ? inspector.operation()->name : std::string_view());
  r.content_type = Str(inspector.content_type());
  r.error_type = Str(inspector.error_type());
  r.message = Str(inspector.message());
  r.body = Str(inspector.body());
  r.violation_count = inspector.violation_count();
  if (r.violation_count > 0 && build_violations) BuildViolations(codec);
  codec->has_result = true;
  codec->last_error.clear();
  *result = &r;
  return APPRUNNER_CODEC_OK;
}

const apprunner::codec::OperationDesc* OperationAt(size_t index) {
  const auto& model = apprunner::model::kModel;
  return index < model.num_operations ? model.operations[index] : nullptr;
}

}  // namespace

extern "C" {

const char* apprunner_codec_version(void) noexcept { return "1.1.0"; }

int apprunner_codec_version_number(void) noexcept { return APPRUNNER_CODEC_VERSION_NUMBER; }

const char* apprunner_codec_status_name(int status) noexcept {
  switch (status) {
    case APPRUNNER_CODEC_OK: return "OK";
    case APPRUNNER_CODEC_NULL_ARGUMENT: return "NULL_ARGUMENT";
    case APPRUNNER_CODEC_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case APPRUNNER_CODEC_NO_MEMORY: return "NO_MEMORY";
    case APPRUNNER_CODEC_BUFFER_TOO_SMALL: return "BUFFER_TOO_SMALL";
    case APPRUNNER_CODEC_NO_RESULT: return "NO_RESULT";
    case APPRUNNER_CODEC_INTERNAL: return "INTERNAL";
  }
  return "UNKNOWN";
}

const char* apprunner_codec_check_name(int check) noexcept {
  if (check < APPRUNNER_CODEC_CHECK_NONE || check > APPRUNNER_CODEC_CHECK_VALIDATION) {
    return "Unknown";
  }
  // CheckName returns string literals.
  return apprunner::codec::CheckName(static_cast<Check>(check)).data();
}

int apprunner_codec_create(apprunner_codec** out) noexcept {
  if (out == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  *out = nullptr;
  return Guarded(nullptr, [&] {
    *out = new apprunner_codec(apprunner::model::kModel);
    return APPRUNNER_CODEC_OK;
  });
}

void apprunner_codec_destroy(apprunner_codec* codec) noexcept { delete codec; }

int apprunner_codec_set_max_body_size(apprunner_codec* codec, size_t bytes) noexcept {
  if (codec == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  if (bytes == 0 || bytes > apprunner::codec::kMaxBodyBytesLimit) {
    return Fail(codec, APPRUNNER_CODEC_INVALID_ARGUMENT,
                "max body size must be between 1 and 2147483648 bytes");
  }
  Invalidate(codec);
  codec->inspector.set_max_body_bytes(bytes);
  return APPRUNNER_CODEC_OK;
}

int apprunner_codec_set_report_only(apprunner_codec* codec, int report_only) noexcept {
  if (codec == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  Invalidate(codec);
  codec->inspector.set_report_only(report_only != 0);
  return APPRUNNER_CODEC_OK;
}

int apprunner_codec_set_unknown_operation_status(apprunner_codec* codec, int status) noexcept {
  if (codec == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  if (status != 400 && status != 404) {
    return Fail(codec, APPRUNNER_CODEC_INVALID_ARGUMENT, "unknown-operation status must be 400 or 404");
  }
  Invalidate(codec);
  codec->inspector.set_unknown_operation_status(status);
  return APPRUNNER_CODEC_OK;
}

namespace {

int AddPattern(apprunner_codec* codec, const char* pattern, size_t pattern_len, bool allow) {
  if (codec == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  std::string_view text;
  if (!View(pattern, pattern_len, &text))
    return Fail(codec, APPRUNNER_CODEC_NULL_ARGUMENT, "pattern is NULL");
  return Guarded(codec, [&] {
    absl::Status status = allow ? codec->inspector.Allow(text) : codec->inspector.Deny(text);
    if (!status.ok()) {  // nothing changed, the last result included
      codec->last_error.assign(status.message().data(), status.message().size());
      return APPRUNNER_CODEC_INVALID_ARGUMENT;
    }
    Invalidate(codec);
    return APPRUNNER_CODEC_OK;
  });
}

}  // namespace

int apprunner_codec_allow(apprunner_codec* codec, const char* pattern, size_t pattern_len) noexcept {
  return AddPattern(codec, pattern, pattern_len, true);
}

int apprunner_codec_deny(apprunner_codec* codec, const char* pattern, size_t pattern_len) noexcept {
  return AddPattern(codec, pattern, pattern_len, false);
}

int apprunner_codec_clear_policy(apprunner_codec* codec) noexcept {
  if (codec == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  Invalidate(codec);
  codec->inspector.ClearPolicy();
  return APPRUNNER_CODEC_OK;
}

int apprunner_codec_is_allowed(const apprunner_codec* codec, const char* name, size_t name_len) noexcept {
  if (codec == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  std::string_view text;
  if (!View(name, name_len, &text)) return APPRUNNER_CODEC_NULL_ARGUMENT;
  const auto* op = apprunner::codec::FindOperationByName(apprunner::model::kModel, text);
  if (op == nullptr) return APPRUNNER_CODEC_INVALID_ARGUMENT;
  return codec->inspector.IsAllowed(*op) ? 1 : 0;
}

int apprunner_codec_inspect(apprunner_codec* codec, const apprunner_codec_request* request,
                            const apprunner_codec_result** result) noexcept {
  if (result != nullptr) *result = nullptr;
  if (codec == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  if (request == nullptr || result == nullptr) {
    return Fail(codec, APPRUNNER_CODEC_NULL_ARGUMENT, "request or result is NULL");
  }
  Invalidate(codec);
  HttpRequestView view;
  if (!View(request->method, request->method_len, &view.method) ||
      !View(request->path, request->path_len, &view.path) ||
      !View(request->target, request->target_len, &view.target) ||
      !View(request->content_type, request->content_type_len, &view.content_type) ||
      !View(request->body, request->body_len, &view.body)) {
    return Fail(codec, APPRUNNER_CODEC_NULL_ARGUMENT, "a request field is NULL with a non-zero length");
  }
  if (request->body_capacity != 0 && request->body_capacity < request->body_len) {
    return Fail(codec, APPRUNNER_CODEC_INVALID_ARGUMENT, "body_capacity is smaller than body_len");
  }
  view.body_capacity = request->body != nullptr ? request->body_capacity : 0;
  return Guarded(codec, [&] {
    Verdict verdict = codec->inspector.Inspect(view);
    // A body parsed in place is the caller's, free to release after the call: the texts
    // that quote it are built now. A copied body stays in the handle until the next
    // call: they are built on the first violation_get (most gateways never ask).
    const bool in_place = view.body_capacity >= view.body.size() + APPRUNNER_CODEC_PADDING;
    return Publish(codec, verdict, in_place, result);
  });
}

int apprunner_codec_reject_body_too_large(apprunner_codec* codec, size_t body_len,
                                          const apprunner_codec_result** result) noexcept {
  if (result != nullptr) *result = nullptr;
  if (codec == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  if (result == nullptr) return Fail(codec, APPRUNNER_CODEC_NULL_ARGUMENT, "result is NULL");
  Invalidate(codec);
  return Guarded(
      codec, [&] { return Publish(codec, codec->inspector.RejectBodyTooLarge(body_len), false, result); });
}

int apprunner_codec_result_get(const apprunner_codec* codec, const apprunner_codec_result** result) noexcept {
  if (result != nullptr) *result = nullptr;
  if (codec == nullptr || result == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  if (!codec->has_result) return APPRUNNER_CODEC_NO_RESULT;
  *result = &codec->result;
  return APPRUNNER_CODEC_OK;
}

size_t apprunner_codec_violation_stored(const apprunner_codec* codec) noexcept {
  if (codec == nullptr || !codec->has_result || codec->inspector.check() != Check::kValidation) return 0;
  return codec->inspector.processor().report().size();
}

int apprunner_codec_violation_get(const apprunner_codec* codec, size_t index,
                                  apprunner_codec_violation* out) noexcept {
  if (codec == nullptr || out == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  *out = apprunner_codec_violation{Str({}), Str({}), Str({})};
  if (index >= apprunner_codec_violation_stored(codec)) return APPRUNNER_CODEC_NO_RESULT;
  if (!codec->violations_built) {
    // Building the texts lazily changes only the handle's buffers, which are part of
    // the result the caller reads through `codec`.
    auto* mutable_codec = const_cast<apprunner_codec*>(codec);
    int status = Guarded(mutable_codec, [&] {
      BuildViolations(mutable_codec);
      return APPRUNNER_CODEC_OK;
    });
    if (status != APPRUNNER_CODEC_OK) return status;
  }
  const std::string& text = codec->violation_text;
  const size_t* at = &codec->violation_offsets[index * 6];
  auto piece = [&](const size_t* range) {
    return apprunner_codec_str{text.c_str() + range[0], range[1] - range[0]};
  };
  *out = apprunner_codec_violation{piece(at), piece(at + 2), piece(at + 4)};
  return APPRUNNER_CODEC_OK;
}

int apprunner_codec_copy_body(const apprunner_codec* codec, char* buf, size_t capacity,
                              size_t* needed) noexcept {
  if (needed != nullptr) *needed = 0;
  if (codec == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  if (buf == nullptr && capacity > 0) return APPRUNNER_CODEC_NULL_ARGUMENT;
  if (!codec->has_result) return APPRUNNER_CODEC_NO_RESULT;
  const apprunner_codec_str& body = codec->result.body;
  if (needed != nullptr) *needed = body.size;
  if (capacity == 0) return body.size == 0 ? APPRUNNER_CODEC_OK : APPRUNNER_CODEC_BUFFER_TOO_SMALL;
  const size_t n = body.size < capacity ? body.size : capacity - 1;
  std::memcpy(buf, body.data, n);
  buf[n] = '\0';
  return n == body.size ? APPRUNNER_CODEC_OK : APPRUNNER_CODEC_BUFFER_TOO_SMALL;
}

const char* apprunner_codec_last_error(const apprunner_codec* codec) noexcept {
  if (codec == nullptr) return "codec is NULL";
  return codec->last_error.c_str();
}

size_t apprunner_codec_operation_count(void) noexcept { return apprunner::model::kModel.num_operations; }

int apprunner_codec_operation_name(size_t index, apprunner_codec_str* out) noexcept {
  if (out == nullptr) return APPRUNNER_CODEC_NULL_ARGUMENT;
  const auto* op = OperationAt(index);
  *out = Str(op != nullptr ? op->name : std::string_view());
  return op != nullptr ? APPRUNNER_CODEC_OK : APPRUNNER_CODEC_NO_RESULT;
}

}  // extern "C"
