#include "bench/alternatives.h"

#include <benchmark/benchmark.h>
#include <boost/version.hpp>

#include <string>

namespace apprunner::bench {

using pause_service::FieldDesc;
using pause_service::FieldKind;
using pause_service::kNumPatterns;
using pause_service::kPatterns;

// --- Regex engines ----------------------------------------------------------------------

Re2Patterns::Re2Patterns() {
  RE2::Options options;
  options.set_log_errors(false);
  for (int32_t i = 0; i < kNumPatterns; ++i) {
    const pause_service::PatternDesc& p = kPatterns[i];
    fast_.push_back(std::make_unique<RE2>(re2::StringPiece(p.re2_fast.data(), p.re2_fast.size()), options));
    exact_.push_back(
        std::make_unique<RE2>(re2::StringPiece(p.re2_exact.data(), p.re2_exact.size()), options));
  }
}

bool Re2Patterns::ok() const {
  for (size_t i = 0; i < fast_.size(); ++i) {
    if (!fast_[i]->ok() || !exact_[i]->ok()) return false;
  }
  return true;
}

bool Re2Patterns::FullMatch(int32_t pattern, std::string_view s, size_t code_points) const {
  const pause_service::PatternDesc& p = kPatterns[pattern];
  const bool fast_ok =
      p.fast_max_code_points < 0 || code_points <= static_cast<uint64_t>(p.fast_max_code_points);
  const RE2& re = fast_ok ? *fast_[pattern] : *exact_[pattern];
  return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), re);
}

StdRegexPatterns::StdRegexPatterns() {
  for (int32_t i = 0; i < kNumPatterns; ++i) {
    regexes_.emplace_back(std::string(kPatterns[i].model), std::regex::ECMAScript);
  }
}

bool StdRegexPatterns::FullMatch(int32_t pattern, std::string_view s, size_t /*code_points*/) const {
  return std::regex_match(s.begin(), s.end(), regexes_[pattern]);
}

// --- Parsers ------------------------------------------------------------------------------

// Size of the chunks a pool adds once its user buffer is full (RapidJSON's default).
constexpr size_t kRapidJsonChunkBytes = 64 * 1024;

const nlohmann::json* NlohmannParser::Parse(std::string_view body) {
  doc_ = nlohmann::json::parse(body.begin(), body.end(), /*cb=*/nullptr,
                               /*allow_exceptions=*/false);
  return doc_.is_discarded() ? nullptr : &doc_;
}

RapidJsonParser::RapidJsonParser(size_t pool_bytes)
    : value_buffer_(new char[pool_bytes]),
      stack_buffer_(new char[pool_bytes]),
      pool_bytes_(pool_bytes),
      value_pool_(value_buffer_.get(), pool_bytes, kRapidJsonChunkBytes, &base_),
      stack_pool_(stack_buffer_.get(), pool_bytes, kRapidJsonChunkBytes, &base_) {}

const RapidJsonValue* RapidJsonParser::Parse(std::string_view body) {
  doc_.reset();
  value_pool_.Clear();
  stack_pool_.Clear();
  // The parse stack starts at a quarter of its pool and grows in place.
  doc_.emplace(&value_pool_, pool_bytes_ / 4, &stack_pool_);
  doc_->Parse<rapidjson::kParseValidateEncodingFlag>(body.data());
  return doc_->HasParseError() ? nullptr : &*doc_;
}

BoostJsonParser::BoostJsonParser(size_t buffer_bytes)
    : temp_buffer_(new unsigned char[buffer_bytes]),
      value_buffer_(new unsigned char[buffer_bytes]),
      resource_(value_buffer_.get(), buffer_bytes),
      parser_(boost::json::storage_ptr(), boost::json::parse_options(), temp_buffer_.get(), buffer_bytes) {}

const boost::json::value* BoostJsonParser::Parse(std::string_view body) {
  value_.reset();
  resource_.release();  // back to the start of the reused buffer
  parser_.reset(boost::json::storage_ptr(&resource_));
  boost::system::error_code ec;
  parser_.write(body.data(), body.size(), ec);
  if (ec) return nullptr;
  value_.emplace(parser_.release());  // the move keeps the monotonic storage
  return &*value_;
}

// --- Encoders -----------------------------------------------------------------------------

RapidJsonEncoder::RapidJsonEncoder() : buffer_(&allocator_), writer_(buffer_, &allocator_) {}

std::string_view RapidJsonEncoder::Encode(const StructDesc& desc, const void* object) {
  buffer_.Clear();
  writer_.Reset(buffer_);
  if (!Struct(desc, object)) return {};
  return std::string_view(buffer_.GetString(), buffer_.GetSize());
}

bool RapidJsonEncoder::Struct(const StructDesc& desc, const void* object) {
  bool ok = writer_.StartObject();
  for (const FieldDesc& f : desc) {
    const void* value = f.get(object);
    if (value == nullptr) continue;
    ok &= writer_.Key(f.wire_name.data(), static_cast<rapidjson::SizeType>(f.wire_name.size()));
    switch (f.kind) {
      case FieldKind::kString: {
        const auto& s = *static_cast<const std::string_view*>(value);
        ok &= writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
        break;
      }
      case FieldKind::kEnum: {
        const std::string_view s = static_cast<const pause_service::EnumValue*>(value)->wire;
        ok &= writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
        break;
      }
      case FieldKind::kInteger: ok &= writer_.Int(*static_cast<const int32_t*>(value)); break;
      case FieldKind::kBoolean: ok &= writer_.Bool(*static_cast<const bool*>(value)); break;
      case FieldKind::kTimestamp: {
        const auto& t = *static_cast<const pause_service::Timestamp*>(value);
        ok &= t.nanos == 0 ? writer_.Int64(t.seconds)
                           : writer_.Double(static_cast<double>(t.seconds) + t.nanos / 1e9);
        break;
      }
      case FieldKind::kStructure: ok &= Struct(*f.sub, value); break;
      case FieldKind::kMap: {
        ok &= writer_.StartObject();
        for (const pause_service::StringMapEntry& e : *static_cast<const pause_service::StringMap*>(value)) {
          ok &= writer_.Key(e.key.data(), static_cast<rapidjson::SizeType>(e.key.size()));
          ok &= writer_.String(e.value.data(), static_cast<rapidjson::SizeType>(e.value.size()));
        }
        ok &= writer_.EndObject();
        break;
      }
      case FieldKind::kList:
        // Not written by this baseline (the encode benchmarks are PauseService's, which
        // has no list): refused, so a caller sees an empty result, never bad JSON.
        return false;
    }
  }
  return writer_.EndObject() && ok;
}

nlohmann::ordered_json BuildNlohmann(const StructDesc& desc, const void* object) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const FieldDesc& f : desc) {
    const void* value = f.get(object);
    if (value == nullptr) continue;
    nlohmann::ordered_json& member = j[std::string(f.wire_name)];
    switch (f.kind) {
      case FieldKind::kString: member = *static_cast<const std::string_view*>(value); break;
      case FieldKind::kEnum: member = static_cast<const pause_service::EnumValue*>(value)->wire; break;
      case FieldKind::kInteger: member = *static_cast<const int32_t*>(value); break;
      case FieldKind::kBoolean: member = *static_cast<const bool*>(value); break;
      case FieldKind::kTimestamp: {
        const auto& t = *static_cast<const pause_service::Timestamp*>(value);
        if (t.nanos == 0) {
          member = t.seconds;
        } else {
          member = static_cast<double>(t.seconds) + t.nanos / 1e9;
        }
        break;
      }
      case FieldKind::kStructure: member = BuildNlohmann(*f.sub, value); break;
      case FieldKind::kMap: {
        member = nlohmann::ordered_json::object();
        for (const pause_service::StringMapEntry& e : *static_cast<const pause_service::StringMap*>(value)) {
          member[std::string(e.key)] = e.value;
        }
        break;
      }
      case FieldKind::kList:
        // Not built by this baseline (see RapidJsonEncoder): null, which the benchmark's
        // byte comparison with EncodeJson before timing rejects.
        member = nullptr;
        break;
    }
  }
  return j;
}

#define PS_ALT_STRINGIFY_INNER(x) #x
#define PS_ALT_STRINGIFY(x) PS_ALT_STRINGIFY_INNER(x)

void AddAlternativesContext() {
  benchmark::AddCustomContext(
      "nlohmann_json_version",
      PS_ALT_STRINGIFY(NLOHMANN_JSON_VERSION_MAJOR) "." PS_ALT_STRINGIFY(
          NLOHMANN_JSON_VERSION_MINOR) "." PS_ALT_STRINGIFY(NLOHMANN_JSON_VERSION_PATCH));
  benchmark::AddCustomContext("rapidjson_version", RAPIDJSON_VERSION_STRING);
#if defined(RAPIDJSON_SSE42)
  benchmark::AddCustomContext("rapidjson_simd", "SSE4.2");
#elif defined(RAPIDJSON_SSE2)
  benchmark::AddCustomContext("rapidjson_simd", "SSE2");
#else
  benchmark::AddCustomContext("rapidjson_simd", "none");
#endif
  benchmark::AddCustomContext("boost_version", BOOST_LIB_VERSION);
}

}  // namespace apprunner::bench
