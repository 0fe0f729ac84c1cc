#pragma once

// Reading a request: the bearer token and the parameters, each refused with a
// message that says where and what. Internal to the server.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace strata::server {

// A request the server refuses before running anything.
struct Refusal {
  int status = 400;
  std::string message;
};

// The token of an `Authorization: Bearer <token>` header. A missing header,
// another scheme, or a token with spaces or control characters is a 401
// Refusal (whose message never holds the header's text).
std::string bearer_token(const std::optional<std::string>& header);

// Query parameters: refuses (400) any not in `allowed`, and a repeated one.
// Returns the values by name.
std::map<std::string, std::string> query_parameters(const std::multimap<std::string, std::string>& params,
                                                    const std::set<std::string>& allowed);

// A JSON object body whose keys are all in `allowed`; an empty body is {}.
// Refuses (400) bad JSON, a non-object and unknown keys.
nlohmann::json body_object(const std::string& body, const std::set<std::string>& allowed);

// Field `key` of `object` as a string (or `fallback` when absent); 400 when
// it has another type.
std::string string_field(const nlohmann::json& object, const std::string& key, const std::string& fallback);
bool bool_field(const nlohmann::json& object, const std::string& key, bool fallback);

// A comma-separated list ("data-loss,rewrite"), items trimmed; refuses an
// empty one or an empty item (Refusal 400).
std::vector<std::string> list_parameter(const std::string& name, const std::string& value);

// "true"/"false"/"1"/"0" of a query parameter; 400 otherwise.
bool bool_parameter(const std::string& name, const std::string& value);
// A whole number in [min, max]; 400 otherwise.
int int_parameter(const std::string& name, const std::string& value, int min, int max);

}  // namespace strata::server
