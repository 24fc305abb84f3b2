// A counting replacement of the global operator new, for tests that prove a path
// allocates nothing. Link //tests/testutil:counting_new into the test binary (it is
// alwayslink: the replacement must be in the binary even though nothing names it); it
// then sees every allocation in the process, the libraries' included.
//
//   long before = apprunner::testutil::Allocations();
//   DoTheHotPath();
//   EXPECT_EQ(apprunner::testutil::Allocations() - before, 0);
#ifndef APPRUNNER_TESTS_TESTUTIL_COUNTING_NEW_H_
#define APPRUNNER_TESTS_TESTUTIL_COUNTING_NEW_H_

namespace apprunner::testutil {

// operator new / new[] calls so far, in every thread.
long Allocations();

// Runs `op` once to warm up, then `n` times, and returns the allocations of those n.
template <typename Op>
long AllocationsOf(Op op, int n = 50) {
  op();
  long before = Allocations();
  for (int i = 0; i < n; ++i) op();
  return Allocations() - before;
}

}  // namespace apprunner::testutil

#endif  // APPRUNNER_TESTS_TESTUTIL_COUNTING_NEW_H_
