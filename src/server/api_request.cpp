#include "server/api_request.h"

namespace strata::server {

namespace {

std::string list(const std::set<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

std::string bearer_token(const std::optional<std::string>& header) {
  if (!header)
    throw Refusal{401, "no Authorization header; send `Authorization: Bearer <token>` "
                       "(strata token new NAME --role reader makes one)"};
  const std::string prefix = "Bearer ";
  if (header->size() <= prefix.size() || header->compare(0, prefix.size(), prefix) != 0)
    throw Refusal{401, "the Authorization header is not `Bearer <token>`"};
  std::string token = header->substr(prefix.size());
  for (char c : token)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      throw Refusal{401, "the bearer token holds a space or a control character"};
  return token;
}

std::map<std::string, std::string> query_parameters(const std::multimap<std::string, std::string>& params,
                                                    const std::set<std::string>& allowed) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : params) {
    if (!allowed.count(name))
      throw Refusal{400, "query parameter '" + name + "' is not known here (expected: " + list(allowed) + ")"};
    if (!out.emplace(name, value).second) throw Refusal{400, "query parameter '" + name + "' is given twice"};
  }
  return out;
}

nlohmann::json body_object(const std::string& body, const std::set<std::string>& allowed) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) return nlohmann::json::object();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    throw Refusal{400, "the request body is not JSON: at byte " + std::to_string(e.byte) +
                           ": expected an object such as {\"target\": \"20261125134210\"}"};
  }
  if (!doc.is_object()) throw Refusal{400, "the request body must be a JSON object"};
  for (const auto& [key, value] : doc.items())
    if (!allowed.count(key))
      throw Refusal{400, "body field '" + key + "' is not known here (expected: " + list(allowed) + ")"};
  return doc;
}

std::string string_field(const nlohmann::json& object, const std::string& key, const std::string& fallback) {
  if (!object.contains(key)) return fallback;
  if (!object[key].is_string()) throw Refusal{400, "body field '" + key + "' must be a string"};
  return object[key].get<std::string>();
}

bool bool_field(const nlohmann::json& object, const std::string& key, bool fallback) {
  if (!object.contains(key)) return fallback;
  if (!object[key].is_boolean()) throw Refusal{400, "body field '" + key + "' must be true or false"};
  return object[key].get<bool>();
}

std::vector<std::string> list_parameter(const std::string& name, const std::string& value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = value.find(',', start);
    std::string item = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
    if (b == std::string::npos)
      throw Refusal{400, "query parameter '" + name + "' has an empty item; give names separated by commas, "
                         "e.g. " + name + "=data-loss,rewrite"};
    out.push_back(item.substr(b, e - b + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

bool bool_parameter(const std::string& name, const std::string& value) {
  if (value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  throw Refusal{400, "query parameter '" + name + "' must be true or false"};
}

int int_parameter(const std::string& name, const std::string& value, int min, int max) {
  try {
    std::size_t used = 0;
    long long v = std::stoll(value, &used);
    if (used == value.size() && v >= min && v <= max) return static_cast<int>(v);
  } catch (const std::exception&) {
  }
  throw Refusal{400, "query parameter '" + name + "' must be a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max)};
}

}  // namespace strata::server
