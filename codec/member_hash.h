// The hash behind each structure's member lookup table. The generator searches, per
// structure, for a `seed` and a table size (2^bits) under which the wire names of the
// structure's members land in distinct slots (a perfect hash), and emits the table; the
// decoder then finds the member for a key with one hash and one comparison, whatever
// the order the document's members come in.
//
// Shared by the generator (generator/gen_codec.cc) and the decoder, so that both
// compute the same slot; header-only with no dependencies.
#ifndef APPRUNNER_CODEC_MEMBER_HASH_H_
#define APPRUNNER_CODEC_MEMBER_HASH_H_

#include <cstdint>
#include <string_view>

namespace apprunner::codec {

// Slot of `key` in a table of 2^bits slots (1 <= bits <= 8). Reads the length and the
// bytes at 0, n/4, n/2 and n-1, so it costs the same for every key; `key` must not be
// empty (no member name is). (n/4 tells MinSize from MaxSize and App Runner's
// DeleteObservabilityConfiguration from DescribeAutoScalingConfiguration.)
constexpr uint32_t MemberHash(std::string_view key, uint32_t seed, uint8_t bits) {
  const size_t n = key.size();
  uint32_t x = static_cast<uint32_t>(n) * 0x01000193u;
  x = (x ^ static_cast<uint8_t>(key[0])) * seed;
  x = (x ^ static_cast<uint8_t>(key[n / 4])) * seed;
  x = (x ^ static_cast<uint8_t>(key[n / 2])) * seed;
  x = (x ^ static_cast<uint8_t>(key[n - 1])) * seed;
  return x >> (32 - bits);
}

}  // namespace apprunner::codec

#endif  // APPRUNNER_CODEC_MEMBER_HASH_H_
