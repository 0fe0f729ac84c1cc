#pragma once

#include <compare>
#include <memory>
#include <optional>
#include <utility>

namespace strata::model {

// An optional value that costs one pointer when empty: for members that most
// objects leave unset (a column's collation, comment, identity, ...), where
// std::optional<std::string> would cost 40 bytes in every object whether set
// or not. The value lives on the heap when set.
//
// A plain value type like std::optional: copies copy the value, == compares
// values (two empty ones are equal), and it reads like std::optional
// (`if (x)`, `*x`, `x->`, value_or, reset, emplace, `x = std::nullopt`), so
// code written against std::optional<T> keeps working. It converts to and
// from std::optional<T> for the places that hold one.
template <typename T>
class CompactOptional {
 public:
  using value_type = T;

  CompactOptional() = default;
  CompactOptional(std::nullopt_t) {}
  CompactOptional(const T& v) : p_(std::make_unique<T>(v)) {}
  CompactOptional(T&& v) : p_(std::make_unique<T>(std::move(v))) {}
  // Anything T is constructed from implicitly ("text", a string_view for a
  // string), as std::optional<T> allows.
  template <typename U>
    requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, T> &&
             !std::is_same_v<std::remove_cvref_t<U>, CompactOptional> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::optional<T>> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t>)
  CompactOptional(U&& v) : p_(std::make_unique<T>(std::forward<U>(v))) {}
  CompactOptional(const std::optional<T>& v) {
    if (v) p_ = std::make_unique<T>(*v);
  }
  CompactOptional(std::optional<T>&& v) {
    if (v) p_ = std::make_unique<T>(std::move(*v));
  }
  CompactOptional(const CompactOptional& o) {
    if (o.p_) p_ = std::make_unique<T>(*o.p_);
  }
  CompactOptional(CompactOptional&&) noexcept = default;

  CompactOptional& operator=(const CompactOptional& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
    return *this;
  }
  CompactOptional& operator=(CompactOptional&&) noexcept = default;
  CompactOptional& operator=(std::nullopt_t) {
    p_.reset();
    return *this;
  }

  operator std::optional<T>() const { return p_ ? std::optional<T>(*p_) : std::nullopt; }

  bool has_value() const { return p_ != nullptr; }
  explicit operator bool() const { return p_ != nullptr; }
  T& operator*() { return *p_; }
  const T& operator*() const { return *p_; }
  T* operator->() { return p_.get(); }
  const T* operator->() const { return p_.get(); }
  T& value() {
    if (!p_) throw std::bad_optional_access();
    return *p_;
  }
  const T& value() const {
    if (!p_) throw std::bad_optional_access();
    return *p_;
  }
  template <typename U>
  T value_or(U&& fallback) const {
    return p_ ? *p_ : static_cast<T>(std::forward<U>(fallback));
  }
  void reset() { p_.reset(); }
  template <typename... Args>
  T& emplace(Args&&... args) {
    p_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *p_;
  }

  friend bool operator==(const CompactOptional& a, const CompactOptional& b) {
    if (!a.p_ || !b.p_) return !a.p_ && !b.p_;
    return *a.p_ == *b.p_;
  }
  friend bool operator==(const CompactOptional& a, std::nullopt_t) { return !a.p_; }
  friend bool operator==(const CompactOptional& a, const std::optional<T>& b) {
    if (!a.p_ || !b) return !a.p_ && !b;
    return *a.p_ == *b;
  }
  // Compares the value when set, as std::optional<T> == T does.
  template <typename U>
    requires(!std::is_same_v<std::remove_cvref_t<U>, CompactOptional> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::optional<T>> &&
             !std::is_same_v<std::remove_cvref_t<U>, std::nullopt_t> &&
             requires(const T& t, const U& u) { t == u; })
  friend bool operator==(const CompactOptional& a, const U& b) {
    return a.p_ && *a.p_ == b;
  }

 private:
  std::unique_ptr<T> p_;
};

}  // namespace strata::model
