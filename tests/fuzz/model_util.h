// Model-neutral helpers for the fuzz targets and the hostile suites, which run every
// operation of a model through its tables (codec/table.h) rather than through one
// generated type:
// - PickOperation: input byte 0 (modulo the number of operations) picks the operation,
//   the rest of the input is the body;
// - StructStorage: storage for any StructDesc (its size, aligned as std::max_align_t),
//   allocated once per desc and reused;
// - StructEqual / IsReset: value equality read through the tables (FieldDesc::get), the
//   generated operator== of every struct, written independently of it: strings,
//   enums (wire text, and the index the model gives it), integers, booleans,
//   timestamps, maps entry by entry, lists element by element, structures recursively;
// - ModelDepth: the deepest nesting (root object = 1) an encoding of a struct can reach.
#ifndef APPRUNNER_TESTS_FUZZ_MODEL_UTIL_H_
#define APPRUNNER_TESTS_FUZZ_MODEL_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "codec/table.h"
#include "codec/types.h"

namespace apprunner::fuzz {

struct OperationInput {
  const codec::OperationDesc* op = nullptr;
  size_t index = 0;
  std::string_view body;
};

// Byte 0 picks the operation (model.operations[byte % num_operations]); the rest is the
// body. False for an empty input (no operation byte).
inline bool PickOperation(const codec::ModelDesc& model, const uint8_t* data, size_t size,
                          OperationInput* out) {
  if (size == 0 || model.num_operations == 0) return false;
  out->index = data[0] % model.num_operations;
  out->op = model.operations[out->index];
  out->body = std::string_view(reinterpret_cast<const char*>(data + 1), size - 1);
  return true;
}

// One object of each StructDesc, made on first use (reset: every member absent) and
// reused afterwards: no allocation once every desc was seen.
class StructStorage {
 public:
  void* For(const codec::StructDesc& desc) {
    std::unique_ptr<std::max_align_t[]>& slot = slots_[&desc];
    if (!slot) {
      if (desc.align > alignof(std::max_align_t) || desc.size == 0) {
        std::fprintf(stderr, "StructStorage: %.*s has size %u, align %u\n",
                     static_cast<int>(desc.name.size()), desc.name.data(), desc.size, desc.align);
        std::abort();
      }
      slot.reset(new std::max_align_t[(desc.size + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t)]);
      desc.reset(slot.get());
    }
    return slot.get();
  }

 private:
  std::unordered_map<const codec::StructDesc*, std::unique_ptr<std::max_align_t[]>> slots_;
};

bool StructEqual(const codec::StructDesc& desc, const void* a, const void* b);

// One value of `kind` at `a` and `b` (a member's value or a list element).
inline bool ValueEqual(codec::FieldKind kind, const codec::StructDesc* sub, const codec::ListDesc* list,
                       const void* a, const void* b) {
  using codec::FieldKind;
  switch (kind) {
    case FieldKind::kString:
      return *static_cast<const std::string_view*>(a) == *static_cast<const std::string_view*>(b);
    case FieldKind::kEnum: {
      const auto& x = *static_cast<const codec::EnumValue*>(a);
      const auto& y = *static_cast<const codec::EnumValue*>(b);
      return x.wire == y.wire && x.index == y.index;
    }
    case FieldKind::kInteger: return *static_cast<const int32_t*>(a) == *static_cast<const int32_t*>(b);
    case FieldKind::kBoolean: return *static_cast<const bool*>(a) == *static_cast<const bool*>(b);
    case FieldKind::kTimestamp:
      return *static_cast<const codec::Timestamp*>(a) == *static_cast<const codec::Timestamp*>(b);
    case FieldKind::kStructure: return StructEqual(*sub, a, b);
    case FieldKind::kMap:
      return *static_cast<const codec::StringMap*>(a) == *static_cast<const codec::StringMap*>(b);
    case FieldKind::kList: {
      const auto& x = *static_cast<const codec::ListView*>(a);
      const auto& y = *static_cast<const codec::ListView*>(b);
      if (x.size != y.size) return false;
      for (uint32_t i = 0; i < x.size; ++i) {
        const void* ex = static_cast<const char*>(x.data) + size_t{i} * list->element_size;
        const void* ey = static_cast<const char*>(y.data) + size_t{i} * list->element_size;
        if (!ValueEqual(list->element_kind, list->element_struct, nullptr, ex, ey)) return false;
      }
      return true;
    }
  }
  return false;
}

inline bool StructEqual(const codec::StructDesc& desc, const void* a, const void* b) {
  for (const codec::FieldDesc& f : desc) {
    const void* x = f.get(a);
    const void* y = f.get(b);
    if ((x == nullptr) != (y == nullptr)) return false;
    if (x != nullptr && !ValueEqual(f.kind, f.sub, f.list, x, y)) return false;
  }
  return true;
}

// Every member absent (what StructDesc::reset makes, and what a failed decode leaves).
inline bool IsReset(const codec::StructDesc& desc, const void* object) {
  for (const codec::FieldDesc& f : desc) {
    if (f.get(object) != nullptr) return false;
  }
  return true;
}

// The deepest nesting a JSON encoding of `desc` can reach, the root object being 1 (a
// structure member adds its own levels, a map one, a list one plus its elements').
inline uint32_t ModelDepth(const codec::StructDesc& desc, int guard = 0) {
  if (guard > 64) return 1000;  // a recursive model: no bound worth checking
  uint32_t deepest = 0;
  for (const codec::FieldDesc& f : desc) {
    uint32_t d = 0;
    switch (f.kind) {
      case codec::FieldKind::kStructure: d = ModelDepth(*f.sub, guard + 1); break;
      case codec::FieldKind::kMap: d = 1; break;
      case codec::FieldKind::kList:
        d = 1 + (f.list->element_kind == codec::FieldKind::kStructure
                     ? ModelDepth(*f.list->element_struct, guard + 1)
                     : 0);
        break;
      default: break;
    }
    if (d > deepest) deepest = d;
  }
  return 1 + deepest;
}

// The model's errors of `op` named `type` (exact), or nullptr: read from the operation's
// table, independently of codec::FindError.
inline const codec::ErrorDesc* OperationError(const codec::OperationDesc& op, std::string_view type) {
  for (uint16_t i = 0; i < op.num_errors; ++i) {
    if (op.errors[i]->name == type) return op.errors[i];
  }
  return nullptr;
}

}  // namespace apprunner::fuzz

#endif  // APPRUNNER_TESTS_FUZZ_MODEL_UTIL_H_
