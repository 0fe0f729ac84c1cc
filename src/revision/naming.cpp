// File names of new revisions: ids from UTC time, message slugs, templates.

#include <ctime>

#include "revision/store.h"

namespace strata::revision {
namespace {

constexpr std::size_t kMaxSlug = 50;

}  // namespace

std::string slugify(std::string_view message) {
  std::string slug;
  bool pending_sep = false;
  for (char ch : message) {
    auto c = static_cast<unsigned char>(ch);
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    if (!alnum) {
      pending_sep = !slug.empty();
      continue;
    }
    if (pending_sep) slug += '_';
    pending_sep = false;
    slug += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  if (slug.size() > kMaxSlug) {
    std::size_t cut = slug.rfind('_', kMaxSlug);
    // Cut at a word boundary unless that loses more than half.
    slug.resize(cut != std::string::npos && cut >= kMaxSlug / 2 ? cut : kMaxSlug);
    while (!slug.empty() && slug.back() == '_') slug.pop_back();
  }
  return slug.empty() ? "revision" : slug;
}

std::optional<std::string> template_problem(std::string_view t) {
  static constexpr std::string_view kFields = "{date}, {time}, {id} and {slug}";
  bool any = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '/' || t[i] == '\\')
      return "'" + std::string(t) + "' must not contain a path separator";
    if (t[i] == '}') return "'" + std::string(t) + "' has a '}' without its '{'; the fields are " + std::string(kFields);
    if (t[i] != '{') continue;
    std::size_t close = t.find('}', i);
    if (close == std::string_view::npos)
      return "'" + std::string(t) + "' has a '{' that is never closed; the fields are " + std::string(kFields);
    std::string_view field = t.substr(i, close - i + 1);
    if (field != "{date}" && field != "{time}" && field != "{id}" && field != "{slug}")
      return "unknown field " + std::string(field) + " in '" + std::string(t) + "'; the fields are " +
             std::string(kFields);
    any = true;
    i = close;
  }
  if (!any) return "'" + std::string(t) + "' uses none of " + std::string(kFields) + ", so every revision would get the same name";
  return std::nullopt;
}

std::string format_stem(std::string_view name_template, std::string_view id,
                        std::string_view message) {
  std::string out;
  std::string_view date = id.substr(0, 8);
  std::string_view time = id.size() >= 14 ? id.substr(8, 6) : std::string_view{};
  for (std::size_t i = 0; i < name_template.size();) {
    auto try_placeholder = [&](std::string_view name, std::string_view value) {
      if (name_template.substr(i, name.size()) != name) return false;
      out += value;
      i += name.size();
      return true;
    };
    if (try_placeholder("{date}", date) || try_placeholder("{time}", time) ||
        try_placeholder("{id}", id) || try_placeholder("{slug}", slugify(message)))
      continue;
    out += name_template[i++];
  }
  return out;
}

std::string id_for_time(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  return buf;
}

}  // namespace strata::revision
