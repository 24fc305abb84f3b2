// The straightforward simdjson On-Demand + RE2 pipeline a user would write, generically
// over our generated tables (the App Runner model): the reference that service_bench
// and parse_cost compare our decode + validate against.
#pragma once

#include <simdjson.h>

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "bench/alternatives.h"
#include "codec/table.h"
#include "codec/types.h"

namespace apprunner::bench {

// What a user writes with simdjson On-Demand and RE2, generically over our tables: each
// member by find_field_unordered (any order), its type checked, the value stored, the
// same RE2 programs and code-point lengths. Fails fast; lists into reused blocks.
// Strings in `out` are views into `body` or into this walker. Reusable; not thread-safe.
class OnDemandWalker {
 public:
  explicit OnDemandWalker(const Re2Patterns* patterns) : patterns_(patterns) {}

  // Decodes and checks `body` as `desc` into `out`; false on the first failure.
  bool Run(const codec::StructDesc& desc, const simdjson::padded_string& body, void* out);

 private:
  bool Struct(const codec::StructDesc& desc, simdjson::ondemand::object& object, void* out);
  bool Check(const codec::ShapeDesc& shape, std::string_view s) const;
  bool Value(const codec::FieldDesc& f, codec::FieldKind kind, const codec::ShapeDesc* shape,
             const codec::StructDesc* sub, simdjson::ondemand::value v, void* dst);

  const Re2Patterns* patterns_;
  simdjson::ondemand::parser parser_;
  std::vector<std::string> strings_;  // unescaped map keys (their buffer is reused)
  std::vector<codec::StringMapEntry> entries_;
  std::vector<std::pair<codec::StringMap*, size_t>> fixups_;
  BlockArena arena_;
};

}  // namespace apprunner::bench
