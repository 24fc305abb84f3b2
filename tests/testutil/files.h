// Test helper: the whole content of a file (a runfile path relative to the workspace
// root, the working directory of Bazel tests); empty when it cannot be read.
#ifndef APPRUNNER_TESTS_TESTUTIL_FILES_H_
#define APPRUNNER_TESTS_TESTUTIL_FILES_H_

#include <fstream>
#include <sstream>
#include <string>

namespace apprunner::testutil {

inline std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

}  // namespace apprunner::testutil

#endif  // APPRUNNER_TESTS_TESTUTIL_FILES_H_
