#include "revision/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace strata::revision {
namespace {

TEST(Sha256, KnownDigests) {
  Sha256 empty;
  EXPECT_EQ(empty.hex_digest(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 abc;
  abc.update("abc");
  EXPECT_EQ(abc.hex_digest(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, PiecesHashAsTheirConcatenation) {
  std::string text(200000, 'x');
  for (std::size_t i = 0; i < text.size(); i += 7) text[i] = static_cast<char>('a' + i % 26);
  Sha256 whole;
  whole.update(text);
  Sha256 pieces;
  for (std::size_t i = 0; i < text.size(); i += 65536)
    pieces.update(std::string_view(text).substr(i, 65536));
  std::string want = whole.hex_digest();
  EXPECT_EQ(pieces.hex_digest(), want);
  EXPECT_EQ(want.size(), 64u);
}

}  // namespace
}  // namespace strata::revision
