#pragma once
// Error values instead of exceptions: invalid geometry is an everyday event while a
// person drags sliders, so every fallible core call returns Result<T>.
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace convscope::core {

// One named value of an error's message: {"axis", "height"}, {"formula", "floor(…) + 1"}.
struct ErrorValue {
    std::string name;
    std::string value;
};

struct Error {
    std::string parameter;  // the value at fault, e.g. "padding", "stride", "input"
    std::string message;    // the rule, with the formula and numbers filled in (English)
    // A stable id and the values the message was filled with, so a translation can say the
    // same (core's ids: errors.hpp; reading and writing files: convscope/io/errors.hpp).
    std::string id;
    std::vector<ErrorValue> values;
    // The error this one wraps, if any (0 or 1): "photo.png: {cause}". Its message is already
    // part of `message`; a translation renders it on its own and puts it where {cause} stands.
    std::vector<Error> cause;
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &std::get<0>(m_v); }
    const T* operator->() const { return &std::get<0>(m_v); }
    T& operator*() & { return std::get<0>(m_v); }
    const T& operator*() const& { return std::get<0>(m_v); }

    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// For calls that produce nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

inline Error makeError(std::string parameter, std::string message) {
    return Error{std::move(parameter), std::move(message), {}, {}, {}};
}

}  // namespace convscope::core
