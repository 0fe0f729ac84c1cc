#pragma once

// API tokens of `strata serve`: made once by `strata token new`, configured
// only as their SHA-256, checked in constant time. A token's text is never
// logged, stored or echoed by Strata after `token new` prints it.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/config.h"

namespace strata::app {

// A fresh token: "strata_" followed by 43 base64url characters of 32 random
// bytes (OpenSSL RAND_bytes). Throws Error when the generator fails.
std::string generate_token();

// Lowercase hex SHA-256 of `text`.
std::string token_sha256(const std::string& text);

// The line to paste under server.tokens in strata.yaml.
std::string token_config_line(const std::string& name, const std::string& role, const std::string& sha256);

struct NewTokenResult {
  std::string name;
  std::string role;
  std::string token;        // shown once
  std::string sha256;
  std::string config_line;  // for server.tokens
};
void to_json(nlohmann::json& j, const NewTokenResult& r);

// Makes a token for `name` with `role` (admin or reader; UsageError otherwise,
// and for a name that is empty or not a plain word).
NewTokenResult new_token(const std::string& name, const std::string& role);

// The configured token whose hash matches `presented`, or nullptr. Hashes the
// presented text and compares it with every configured hash in constant time
// (CRYPTO_memcmp), without stopping at the first match.
const ApiToken* find_token(const std::vector<ApiToken>& tokens, const std::string& presented);

}  // namespace strata::app
