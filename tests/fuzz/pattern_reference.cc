#include "tests/fuzz/pattern_reference.h"

#include <regex>

namespace apprunner::fuzz {

struct PatternReference::Impl {
  std::wregex depth_first, breadth_first;
  explicit Impl(const std::wstring& p)
      : depth_first(p, std::regex::ECMAScript),
        breadth_first(p, std::regex::ECMAScript | std::regex_constants::__polynomial) {}
};

PatternReference::PatternReference(std::string_view model)
    : impl_(new Impl(std::wstring(model.begin(), model.end()))) {}

PatternReference::~PatternReference() = default;

bool PatternReference::Match(const std::wstring& w, bool search) const {
  const std::wregex& re = w.size() <= 2048 ? impl_->depth_first : impl_->breadth_first;
  return search ? std::regex_search(w, re) : std::regex_match(w, re);
}

}  // namespace apprunner::fuzz
