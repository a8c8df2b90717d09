// The UI's two-language table: looked up by id (whatever the table's order), and each text's
// values — {names} for fill(), % conversions for the few passed to ImGui's printf — the same in
// English and 繁體中文, so neither language can lose a value or hand printf the wrong argument.
#include <catch2/catch.hpp>

#include <cctype>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "logic/language.hpp"
#include "logic/ui_text.hpp"

using namespace convscope::gui;

namespace {

std::set<std::string> namesIn(const std::string& text) {
    std::set<std::string> names;
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1))
        names.insert(text.substr(open + 1, text.find('}', open) - open - 1));
    return names;
}

// The printf conversions of `text` in order, each as what decides its argument: '*' widths,
// the length modifier and the conversion ("d", "*.3g" is "*g", "lld", "zu"). Flags, widths and
// precisions may differ between languages; the arguments may not. A '%' that starts no
// conversion ("300 %") is "?" so that both languages must have it alike too.
std::vector<std::string> conversionsIn(const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t i = text.find('%'); i != std::string::npos; i = text.find('%', i)) {
        std::size_t j = i + 1;
        if (j < text.size() && text[j] == '%') {
            i = j + 1;  // "%%" is a literal percent sign, no argument
            continue;
        }
        std::string kind;
        while (j < text.size() && std::strchr("-+ #0", text[j])) ++j;
        while (j < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '*' || text[j] == '.')) {
            if (text[j] == '*') kind += '*';
            ++j;
        }
        while (j < text.size() && std::strchr("hlLzjt", text[j])) kind += text[j++];
        if (j < text.size() && std::strchr("diouxXeEfFgGaAcsp", text[j]))
            kind += text[j++];
        else
            kind = "?";
        out.push_back(kind);
        i = j;
    }
    return out;
}

}  // namespace

TEST_CASE("the UI text table is looked up by id: every id has exactly one entry", "[gui][i18n]") {
    const auto count = static_cast<std::size_t>(T::Count);
    std::vector<int> seen(count, 0);
    for (const UiText& t : allUiText()) {
        REQUIRE(static_cast<std::size_t>(t.id) < count);
        ++seen[static_cast<std::size_t>(t.id)];
    }
    for (std::size_t i = 0; i < count; ++i) {
        INFO("id " << i);
        CHECK(seen[i] == 1);
        CHECK(static_cast<std::size_t>(tr(static_cast<T>(i)).id) == i);  // tr() finds the entry by its id
    }
    CHECK(allUiText().size() == count);
    // Spot checks that the id, not the position, picks the text.
    CHECK(std::string(tr(T::ChooseLesson).en) == "Choose a lesson…");
    CHECK(std::string(tr(T::QuizNeedsConv).zh) == "題目問的是卷積：請在上方橫列選一個卷積層。");
    CHECK(std::string(tr(T::Cancel).in(Language::ZhTw)) == tr(T::Cancel).zh);
    CHECK(std::string(tr(T::Cancel).in(Language::En)) == tr(T::Cancel).en);
}

TEST_CASE("every UI text has the same {names} and printf conversions in both languages", "[gui][i18n]") {
    int withNames = 0, withConversions = 0;
    for (const UiText& t : allUiText()) {
        INFO("id " << static_cast<int>(t.id) << ": " << t.en << " | " << t.zh);
        CHECK(namesIn(t.en) == namesIn(t.zh));
        CHECK(conversionsIn(t.en) == conversionsIn(t.zh));
        withNames += !namesIn(t.en).empty();
        withConversions += !conversionsIn(t.en).empty();
    }
    // The checks above compared something: the table has texts of both kinds.
    CHECK(withNames > 0);
    CHECK(withConversions > 0);
}

TEST_CASE("the conversion reader sees what printf would take", "[gui][i18n]") {
    CHECK(conversionsIn("Step %d of %d") == std::vector<std::string>{"d", "d"});
    CHECK(conversionsIn("%.3g and %lld, %zu, %*d") == std::vector<std::string>{"g", "lld", "zu", "*d"});
    CHECK(conversionsIn("100 %% done") == std::vector<std::string>{});
    CHECK(conversionsIn("100–300 % (x)") == std::vector<std::string>{"?"});
    CHECK(conversionsIn("第 %d / %d 步") != conversionsIn("第 %d / %lld 步"));
}

TEST_CASE("a language is stored as its code and read back", "[gui][i18n]") {
    for (Language l : kLanguages) CHECK(parseLanguage(languageCode(l)) == l);
    CHECK(std::string(languageCode(Language::En)) == "en");
    CHECK(std::string(languageCode(Language::ZhTw)) == "zh-TW");
    CHECK(parseLanguage("fr") == Language::En);  // anything else is English, as before
    CHECK(label(tr(T::Cancel), Language::ZhTw) == std::string(tr(T::Cancel).zh) + "###" + tr(T::Cancel).en);
}
