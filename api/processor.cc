#include "api/processor.h"

#include <charconv>
#include <string>

#include "codec/encode.h"
#include "codec/member_hash.h"

namespace apprunner::codec {

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kValid: return "Valid";
    case Outcome::kSerializationError: return "SerializationError";
    case Outcome::kValidationError: return "ValidationError";
    case Outcome::kUnknownOperation: return "UnknownOperation";
  }
  return "Unknown";
}

const OperationDesc* FindOperationByName(const ModelDesc& model, std::string_view name) {
  if (name.empty()) return nullptr;
  if (model.operation_slots == nullptr) {
    for (uint16_t i = 0; i < model.num_operations; ++i) {
      if (model.operations[i]->name == name) return model.operations[i];
    }
    return nullptr;
  }
  uint8_t slot = model.operation_slots[MemberHash(name, model.operation_seed, model.operation_bits)];
  if (slot == 0) return nullptr;
  const OperationDesc* op = model.operations[slot - 1];
  return op->name == name ? op : nullptr;
}

const OperationDesc* FindOperation(const ModelDesc& model, std::string_view target) {
  const size_t n = model.target_prefix.size();
  if (target.size() <= n + 1 || target[n] != '.' || target.substr(0, n) != model.target_prefix) {
    return nullptr;
  }
  return FindOperationByName(model, target.substr(n + 1));
}

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

RequestProcessor::RequestProcessor(const ModelDesc& model, ProcessorOptions options,
                                   const Validator* validator)
    : model_(model),
      options_(options),
      decoder_(options.decode),
      validator_(validator != nullptr ? *validator : Validator::Default(model)) {
  size_t size = 1;
  for (uint16_t i = 0; i < model.num_operations; ++i) {
    if (model.operations[i]->input->size > size) size = model.operations[i]->input->size;
  }
  storage_.reset(new std::max_align_t[(size + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t)]);
}

Outcome RequestProcessor::Process(std::string_view target, std::string_view body, size_t capacity) {
  const OperationDesc* op = FindOperation(model_, target);
  if (op == nullptr) {
    processed_ = true;
    operation_ = nullptr;
    decoded_ = false;
    decode_status_ = {};
    report_.Clear();
    message_.clear();
    message_.append("operation not found: the target must be '");
    message_.append(model_.target_prefix);
    message_.append(".<Operation>'");
    error_type_ = kUnknownOperationException;
    http_status_ = options_.unknown_operation_status;
    error_body_.clear();
    error_body_.append("{\"__type\":");
    AppendJsonString(kUnknownOperationException, &error_body_);
    error_body_.push_back('}');
    return Outcome::kUnknownOperation;
  }
  return Process(*op, body, capacity);
}

Outcome RequestProcessor::Process(const OperationDesc& operation, std::string_view body, size_t capacity) {
  processed_ = true;
  operation_ = &operation;
  decoded_ = false;
  decode_status_ = capacity >= body.size() + simdjson::SIMDJSON_PADDING && capacity > body.size()
                       ? decoder_.DecodePadded(body, capacity, *operation.input, storage_.get())
                       : decoder_.Decode(body, *operation.input, storage_.get());
  if (!decode_status_.ok()) {
    report_.Clear();
    message_.clear();
    AppendDecodeErrorMessage(decode_status_, &message_);
    return Fail(kSerializationException, Outcome::kSerializationError);
  }
  decoded_ = true;
  if (!validator_.Validate(*operation.input, storage_.get(), &report_)) {
    message_.clear();
    AppendValidationMessage(report_, &message_);
    return Fail(kInvalidRequestException, Outcome::kValidationError);
  }
  http_status_ = 200;
  error_type_ = {};
  message_.clear();  // "200 and empty after a valid one" (keeps the capacity)
  error_body_.clear();
  return Outcome::kValid;
}

Outcome RequestProcessor::Fail(std::string_view type, Outcome outcome) {
  error_type_ = type;
  http_status_ = 400;
  error_body_.clear();
  AppendErrorBody(type, message_, &error_body_);
  return outcome;
}

absl::Status RequestProcessor::status() const {
  if (!processed_) return absl::FailedPreconditionError("no request processed yet");
  if (error_type_.empty()) return absl::OkStatus();
  std::string text;
  text.reserve(error_type_.size() + 2 + message_.size());
  text.append(error_type_).append(": ").append(message_);
  return absl::InvalidArgumentError(text);
}

}  // namespace apprunner::codec
