#pragma once
// Timestamps in the tests are nanoseconds, as in the library; this spells a
// millisecond so offsets read as what they are.

#include <cstdint>

namespace fuselabel::test {

inline constexpr std::int64_t kMs = 1'000'000;

}  // namespace fuselabel::test
