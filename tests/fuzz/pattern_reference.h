// The pattern fuzzer's reference: std::wregex in ECMAScript mode (Smithy's regex
// dialect) on a model pattern, over a value as UTF-32. Its own library so that, under
// --config=fuzz, libstdc++'s regex executor is compiled without coverage
// instrumentation (its branches are not ours to explore, and tracing them made the
// long values of the repeat mode several times slower); ASan stays on.
#ifndef APPRUNNER_TESTS_FUZZ_PATTERN_REFERENCE_H_
#define APPRUNNER_TESTS_FUZZ_PATTERN_REFERENCE_H_

#include <memory>
#include <string>
#include <string_view>

namespace apprunner::fuzz {

class PatternReference {
 public:
  explicit PatternReference(std::string_view model_pattern);
  ~PatternReference();
  // Whole-value (regex_match) or search (regex_search) verdict. Values over 2048 code
  // points use the breadth-first executor (regex_constants::__polynomial): the default
  // depth-first one recurses once per character.
  bool Match(const std::wstring& value, bool search) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace apprunner::fuzz

#endif  // APPRUNNER_TESTS_FUZZ_PATTERN_REFERENCE_H_
