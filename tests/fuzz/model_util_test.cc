// The fuzz targets' and hostile suites' model-neutral helpers (model_util.h): operation
// choice from byte 0, per-desc storage, and StructEqual / IsReset, which replace the
// generated operator== in the table-driven targets, so a blind comparison would make
// their invariants vacuous. On every operation's samples (examples/operations): a
// decoded sample equals itself decoded again, and differs from any copy with one root
// member changed or removed.
#include "tests/fuzz/model_util.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "codec/decode.h"
#include "generated/apprunner/service.h"
#include "tests/fuzz/json_syntax.h"
#include "tests/testutil/files.h"

namespace apprunner::fuzz {
namespace {

using codec::FieldKind;
using codec::StructDesc;
using model::kModel;

TEST(PickOperation, ByteZeroModuloTheOperations) {
  const uint8_t input[] = {29, '{', '}'};
  OperationInput in;
  ASSERT_TRUE(PickOperation(kModel, input, sizeof input, &in));
  EXPECT_EQ(in.op->name, "PauseService");
  EXPECT_EQ(in.body, "{}");
  const uint8_t wrapped[] = {static_cast<uint8_t>(29 + kModel.num_operations)};
  ASSERT_TRUE(PickOperation(kModel, wrapped, 1, &in));
  EXPECT_EQ(in.op->name, "PauseService");
  EXPECT_EQ(in.body, "");
  EXPECT_FALSE(PickOperation(kModel, input, 0, &in));
  for (uint16_t i = 1; i < kModel.num_operations; ++i) {
    EXPECT_LT(kModel.operations[i - 1]->name, kModel.operations[i]->name) << "sorted by name (make_seeds.py)";
  }
}

// A copy of `object` with root member `f` changed (or, for a list or map with no
// element, removed); false when it is absent.
bool ChangeMember(const codec::FieldDesc& f, void* object) {
  void* v = const_cast<void*>(f.get(object));
  if (v == nullptr) return false;
  static const std::string_view kOther = "\x01other";
  switch (f.kind) {
    case FieldKind::kString: *static_cast<std::string_view*>(v) = kOther; break;
    case FieldKind::kEnum: static_cast<codec::EnumValue*>(v)->wire = kOther; break;
    case FieldKind::kInteger: *static_cast<int32_t*>(v) += 1; break;
    case FieldKind::kBoolean: *static_cast<bool*>(v) = !*static_cast<bool*>(v); break;
    case FieldKind::kTimestamp: static_cast<codec::Timestamp*>(v)->nanos ^= 1; break;
    case FieldKind::kStructure: f.sub->reset(v); break;  // present, but emptied
    case FieldKind::kMap: {
      auto* m = static_cast<codec::StringMap*>(v);
      if (m->size == 0) return false;
      --m->size;
      break;
    }
    case FieldKind::kList: {
      auto* l = static_cast<codec::ListView*>(v);
      if (l->size == 0) return false;
      --l->size;
      break;
    }
  }
  return true;
}

TEST(StructEqual, SeesEveryRootMemberOfEverySample) {
  StructStorage first, second, copy;
  codec::StructDecoder a, b;
  int changed = 0;
  for (uint16_t i = 0; i < kModel.num_operations; ++i) {
    for (bool output : {false, true}) {
      const codec::OperationDesc& op = *kModel.operations[i];
      const StructDesc& desc = output ? *op.output : *op.input;
      std::string file =
          "examples/operations/" + std::string(op.name) + (output ? ".response.json" : ".request.json");
      std::string body = testutil::ReadFile(file);
      SCOPED_TRACE(file);
      ASSERT_FALSE(body.empty());
      void* x = first.For(desc);
      void* y = second.For(desc);
      ASSERT_TRUE(a.Decode(body, desc, x).ok());
      ASSERT_TRUE(b.Decode(body, desc, y).ok());
      EXPECT_TRUE(StructEqual(desc, x, y));
      EXPECT_EQ(IsReset(desc, x), desc.num_fields == 0);
      EXPECT_LE(JsonSyntax::Check(body).max_depth, ModelDepth(desc));
      void* c = copy.For(desc);
      for (const codec::FieldDesc& f : desc) {
        std::memcpy(c, x, desc.size);  // the generated structs are trivially copyable
        ASSERT_TRUE(StructEqual(desc, c, x));
        if (ChangeMember(f, c)) {
          EXPECT_FALSE(StructEqual(desc, c, x)) << "changed " << f.wire_name;
          ++changed;
        }
        std::memcpy(c, x, desc.size);
        if (f.get(c) != nullptr) {
          desc.reset(c);  // every member absent
          EXPECT_FALSE(StructEqual(desc, c, x)) << "removed all, " << f.wire_name << " was present";
          EXPECT_TRUE(IsReset(desc, c));
        }
      }
    }
  }
  EXPECT_GE(changed, 140);  // 148 root members present in the samples
}

}  // namespace
}  // namespace apprunner::fuzz
