#pragma once
// The language the app speaks. An enum, so that the code compares values rather than the
// string "zh-TW" in many places; the code string exists only where a file or the environment
// stores one (sessions keep "en" / "zh-TW").
#include <string>
#include <string_view>

namespace convscope::gui {

enum class Language { En, ZhTw };

inline constexpr Language kLanguages[] = {Language::En, Language::ZhTw};

// "en" / "zh-TW": the code a session file stores.
constexpr const char* languageCode(Language language) {
    return language == Language::ZhTw ? "zh-TW" : "en";
}

// The language's name in its own language, for the language menu.
constexpr const char* languageName(Language language) {
    return language == Language::ZhTw ? "繁體中文" : "English";
}

// The language a stored code names: "zh-TW" is 繁體中文, anything else English (as before,
// when every test was `language == "zh-TW"`).
inline Language parseLanguage(std::string_view code) {
    return code == "zh-TW" ? Language::ZhTw : Language::En;
}

// 繁體中文 when LC_ALL, LC_MESSAGES or LANG (the first that is set) asks for zh_TW* or zh_HK*.
Language languageFromEnvironment();

}  // namespace convscope::gui
