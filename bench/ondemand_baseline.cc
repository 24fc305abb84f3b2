#include "bench/ondemand_baseline.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "generated/apprunner/service.h"
#include "validate/validate.h"

namespace apprunner::bench {

namespace ondemand = simdjson::ondemand;
using codec::EnumValue;
using codec::FieldDesc;
using codec::FieldKind;
using codec::ListDesc;
using codec::ListView;
using codec::ShapeDesc;
using codec::StringMap;
using codec::StructDesc;
using codec::Timestamp;

bool OnDemandWalker::Run(const StructDesc& desc, const simdjson::padded_string& body, void* out) {
  desc.reset(out);
  strings_.clear();
  entries_.clear();
  fixups_.clear();
  arena_.Reset();
  ondemand::document doc;
  ondemand::object root;
  if (parser_.iterate(body).get(doc) || doc.get_object().get(root)) return false;
  if (!Struct(desc, root, out)) return false;
  for (const auto& [map, begin] : fixups_) map->entries = entries_.data() + begin;
  fixups_.clear();
  return true;
}

bool OnDemandWalker::Struct(const StructDesc& desc, ondemand::object& object, void* out) {
  for (const FieldDesc& f : desc) {
    ondemand::value v;
    auto err = object.find_field_unordered(f.wire_name).get(v);
    if (err == simdjson::NO_SUCH_FIELD) {
      if (f.required) return false;
      continue;
    }
    if (err) return false;
    bool is_null = false;
    if (!v.is_null().get(is_null) && is_null) {
      if (f.required) return false;
      continue;
    }
    if (!Value(f, f.kind, f.shape, f.sub, v, f.emplace(out))) return false;
  }
  return true;
}

bool OnDemandWalker::Check(const ShapeDesc& shape, std::string_view s) const {
  const size_t cps = codec::CountCodePoints(s);
  if ((shape.has_min && cps < static_cast<uint64_t>(shape.min)) ||
      (shape.has_max && cps > static_cast<uint64_t>(shape.max))) {
    return false;
  }
  return shape.pattern == nullptr ||
         patterns_->FullMatch(static_cast<int32_t>(shape.pattern - model::kPatterns), s, cps);
}

bool OnDemandWalker::Value(const FieldDesc& f, FieldKind kind, const ShapeDesc* shape, const StructDesc* sub,
                           ondemand::value v, void* dst) {
  switch (kind) {
    case FieldKind::kString: {
      std::string_view s;
      if (v.get_string().get(s)) return false;
      *static_cast<std::string_view*>(dst) = s;
      return Check(*shape, s);
    }
    case FieldKind::kEnum: {
      std::string_view s;
      if (v.get_string().get(s)) return false;
      auto* e = static_cast<EnumValue*>(dst);
      e->wire = s;
      for (uint16_t i = 0; i < shape->num_enum_values; ++i) {
        if (shape->enum_values[i] == s) e->index = i;
      }
      return e->known();
    }
    case FieldKind::kInteger: {
      int64_t n;
      if (v.get_int64().get(n) || n < INT32_MIN || n > INT32_MAX) return false;
      *static_cast<int32_t*>(dst) = static_cast<int32_t>(n);
      return !(shape->has_min && n < shape->min) && !(shape->has_max && n > shape->max);
    }
    case FieldKind::kBoolean: return !v.get_bool().get(*static_cast<bool*>(dst));
    case FieldKind::kTimestamp: {
      double seconds;
      if (v.get_double().get(seconds)) return false;
      const double whole = std::floor(seconds);
      *static_cast<Timestamp*>(dst) =
          Timestamp{static_cast<int64_t>(whole), static_cast<int32_t>((seconds - whole) * 1e9)};
      return true;
    }
    case FieldKind::kStructure: {
      ondemand::object child;
      return !v.get_object().get(child) && Struct(*sub, child, dst);
    }
    case FieldKind::kMap: {
      ondemand::object child;
      if (v.get_object().get(child)) return false;
      auto* map = static_cast<StringMap*>(dst);
      const size_t begin = entries_.size();
      for (auto field : child) {
        std::string_view key, value;
        if (field.unescaped_key().get(key)) return false;
        strings_.emplace_back(key);  // the key's buffer is reused by the next one
        if (field.value().get_string().get(value)) return false;
        if (!Check(*shape->map_key, strings_.back()) || !Check(*shape->map_value, value)) return false;
        entries_.push_back({strings_.back(), value});
      }
      map->size = static_cast<uint32_t>(entries_.size() - begin);
      fixups_.emplace_back(map, begin);
      return true;
    }
    case FieldKind::kList: {
      ondemand::array array;
      size_t n = 0;
      if (v.get_array().get(array) || array.count_elements().get(n)) return false;
      const ListDesc& list = *f.list;
      char* elements = n == 0 ? nullptr : static_cast<char*>(arena_.Allocate(n * list.element_size));
      size_t i = 0;
      for (auto element : array) {
        ondemand::value item;
        if (element.get(item) || i == n) return false;
        void* slot = elements + i++ * list.element_size;
        if (list.element_kind == FieldKind::kStructure)
          list.element_struct->reset(slot);
        else
          std::memset(slot, 0, list.element_size);
        if (!Value(f, list.element_kind, list.element_shape, list.element_struct, item, slot)) return false;
      }
      auto* view = static_cast<ListView*>(dst);
      view->data = elements;
      view->size = static_cast<uint32_t>(n);
      return i == n;
    }
  }
  return false;
}

}  // namespace apprunner::bench
