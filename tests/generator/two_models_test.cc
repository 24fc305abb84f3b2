// Two generated models in one binary: App Runner's (apprunner::model) and a hand-written
// test service (testing::widgets, tests/generator/testdata/widgets.json) whose names
// overlap App Runner's on purpose (TagResource, TagResourceRequest, Tag, the errors'
// Message). One runtime serves both: each model dispatches its own targets only, decodes
// into its own structs, validates with its own constraints and patterns (the test
// model's LabelKey is ^(?!sys:).+, another lookahead the generator rewrote), and encodes
// its own errors with the statuses its model gives.
#include <string>

#include "api/errors.h"
#include "api/processor.h"
#include "codec/encode.h"
#include "generated/apprunner/service.h"
#include "gtest/gtest.h"
#include "tests/generator/widgets/service.h"
#include "validate/validate.h"

namespace apprunner::codec {
namespace {

namespace widgets = ::testing::widgets;

TEST(TwoModels, EachDispatchesItsOwnTargets) {
  ASSERT_EQ(widgets::kModel.num_operations, 2);
  EXPECT_EQ(FindOperation(widgets::kModel, "Widgets_20240101.TagResource"), &widgets::kTagResourceOperation);
  EXPECT_EQ(FindOperation(widgets::kModel, "Widgets_20240101.PutWidget"), &widgets::kPutWidgetOperation);
  EXPECT_EQ(FindOperation(widgets::kModel, "AppRunner.TagResource"), nullptr);
  EXPECT_EQ(FindOperation(model::kModel, "Widgets_20240101.TagResource"), nullptr);
  EXPECT_EQ(FindOperation(model::kModel, "AppRunner.TagResource"), &model::kTagResourceOperation);
  EXPECT_NE(&model::kTagResourceRequestDesc, &widgets::kTagResourceRequestDesc);
  EXPECT_EQ(widgets::kTargetPrefix, "Widgets_20240101");
}

TEST(TwoModels, EachDecodesAndValidatesWithItsOwnTables) {
  RequestProcessor app_runner(model::kModel);
  RequestProcessor widget_service(widgets::kModel);
  const std::string body = R"({"WidgetId":"w-0a1b2c","Tags":[{"Key":"k","Value":"v"},{"Key":"sys:x"}]})";
  // Widgets: the second tag's key breaks ^(?!sys:).+ at the 1-based path.
  ASSERT_EQ(widget_service.Process("Widgets_20240101.TagResource", body), Outcome::kValidationError);
  EXPECT_EQ(widget_service.message(),
            "1 validation error detected: Value 'sys:x' at 'tags.2.member.key' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: ^(?!sys:).+");
  const auto* request = widget_service.request<widgets::TagResourceRequest>();
  ASSERT_NE(request, nullptr);
  EXPECT_EQ(*request->widget_id, "w-0a1b2c");
  ASSERT_EQ(request->tags->size, 2u);
  EXPECT_EQ(*(*request->tags)[1].key, "sys:x");
  EXPECT_EQ(widget_service.request<model::TagResourceRequest>(), nullptr);
  // App Runner reads the same bytes as its own TagResource: WidgetId is unknown there
  // and ResourceArn is required; "sys:x" is a fine App Runner tag key.
  ASSERT_EQ(app_runner.Process("AppRunner.TagResource", body), Outcome::kValidationError);
  EXPECT_EQ(app_runner.message(),
            "1 validation error detected: Value null at 'resourceArn' failed to satisfy "
            "constraint: Member must not be null");
  const auto* theirs = app_runner.request<model::TagResourceRequest>();
  ASSERT_NE(theirs, nullptr);
  EXPECT_EQ(*(*theirs->tags)[1].key, "sys:x");
  // And App Runner's own reserved prefix is not the test model's.
  ASSERT_EQ(widget_service.Process("Widgets_20240101.TagResource",
                                   R"({"WidgetId":"w-0a1b2c","Tags":[{"Key":"aws:x"}]})"),
            Outcome::kValid)
      << widget_service.message();
}

TEST(TwoModels, EachEncodesItsOwnErrors) {
  std::string body;
  ErrorEncoding e = EncodeError(widgets::kTagResourceOperation, "WidgetNotFoundException", "gone", &body);
  ASSERT_TRUE(e.known);
  EXPECT_EQ(e.http_status, 404);
  EXPECT_EQ(body, R"({"__type":"WidgetNotFoundException","Message":"gone"})");
  body.clear();
  e = EncodeError(widgets::kPutWidgetOperation, "ThrottledException", "slow down", &body);
  EXPECT_EQ(e.http_status, 503);
  EXPECT_EQ(e.fault, Fault::kServer);
  body.clear();
  EXPECT_FALSE(EncodeError(widgets::kPutWidgetOperation, "WidgetNotFoundException", "x", &body).known);
  EXPECT_FALSE(EncodeError(model::kTagResourceOperation, "WidgetNotFoundException", "x", &body).known);
}

TEST(TwoModels, ValidatorsAreModelBound) {
  widgets::PutWidgetRequest request;
  request.name = "a-widget-name-too-long";
  request.color = OpenEnum<widgets::Color>(EnumValue{"BLUE", kUnknownEnumIndex});
  ValidationReport report;
  EXPECT_FALSE(Validator::Default(widgets::kModel).Validate(request, &report));
  EXPECT_EQ(ValidationMessage(report),
            "2 validation errors detected: Value 'a-widget-name-too-long' at 'name' failed to "
            "satisfy constraint: Member must have length less than or equal to 10; Value 'BLUE' "
            "at 'color' failed to satisfy constraint: Member must satisfy enum value set: [RED, GREEN]");
  EXPECT_NE(&Validator::Default(widgets::kModel), &Validator::Default(model::kModel));
  std::string json;
  EncodeJson(request, &json);
  EXPECT_EQ(json, R"({"Name":"a-widget-name-too-long","Color":"BLUE"})");
}

}  // namespace
}  // namespace apprunner::codec
