#include "app/tokens.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "core/error.h"
#include "revision/sha256.h"

namespace strata::app {

namespace {

std::string base64url(const unsigned char* bytes, std::size_t n) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned int buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    buffer = (buffer << 8) | bytes[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3f];
  return out;
}

bool plain_word(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

}  // namespace

std::string generate_token() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw Error("OpenSSL could not generate random bytes for a token");
  std::string token = "strata_" + base64url(bytes, sizeof bytes);
  OPENSSL_cleanse(bytes, sizeof bytes);
  return token;
}

std::string token_sha256(const std::string& text) {
  revision::Sha256 digest;
  digest.update(text);
  return digest.hex_digest();
}

std::string token_config_line(const std::string& name, const std::string& role, const std::string& sha256) {
  return "- {name: " + name + ", role: " + role + ", sha256: " + sha256 + "}";
}

void to_json(nlohmann::json& j, const NewTokenResult& r) {
  j = nlohmann::json{{"name", r.name},
                     {"role", r.role},
                     {"token", r.token},
                     {"sha256", r.sha256},
                     {"config_line", r.config_line}};
}

NewTokenResult new_token(const std::string& name, const std::string& role) {
  if (!plain_word(name))
    throw UsageError("token name '" + name +
                     "' must be 1 to 64 letters, digits, '-', '_' or '.' (e.g. deploy-bot)");
  if (role != "admin" && role != "reader")
    throw UsageError("--role must be admin (may apply, roll back, create) or reader (may only read), not '" +
                     role + "'");
  NewTokenResult r;
  r.name = name;
  r.role = role;
  r.token = generate_token();
  r.sha256 = token_sha256(r.token);
  r.config_line = token_config_line(name, role, r.sha256);
  return r;
}

const ApiToken* find_token(const std::vector<ApiToken>& tokens, const std::string& presented) {
  const std::string hash = token_sha256(presented);
  const ApiToken* found = nullptr;
  for (const auto& t : tokens) {
    // Configured hashes are validated as 64 hex digits; compare all of them.
    if (t.sha256.size() != hash.size()) continue;
    if (CRYPTO_memcmp(t.sha256.data(), hash.data(), hash.size()) == 0 && found == nullptr) found = &t;
  }
  return found;
}

}  // namespace strata::app
