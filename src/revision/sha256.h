#pragma once

#include <string>
#include <string_view>

namespace strata::revision {

// An incremental SHA-256 digest (OpenSSL EVP underneath): feed bytes with
// update() in as many pieces as convenient, then read hex_digest() once.
// Used for revision checksums and for backup files.
class Sha256 {
 public:
  // Throws Error when OpenSSL cannot set up a digest context.
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  // Throws Error when OpenSSL fails.
  void update(std::string_view bytes);

  // Lowercase hex of the digest of everything passed to update().
  // Requires: called at most once; no update() after it.
  std::string hex_digest();

 private:
  void* ctx_;  // EVP_MD_CTX*, kept opaque so callers need no OpenSSL headers
};

}  // namespace strata::revision
