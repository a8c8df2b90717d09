#include "autosave.hpp"

#include <cstdlib>
#include <system_error>

#include "engine_text.hpp"
#include "session_bridge.hpp"
#include "ui_text.hpp"

namespace convscope::gui {

namespace fs = std::filesystem;

fs::path configDirectory() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "convscope";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "convscope";
    return {};
}

fs::path freeBackupName(const fs::path& path) {
    fs::path candidate = path.string() + ".bak";
    std::error_code ec;
    for (int i = 1; fs::exists(candidate, ec); ++i) candidate = path.string() + ".bak." + std::to_string(i);
    return candidate;
}

std::string Autosave::restore(State& state) {
    std::error_code ec;
    if (m_file.empty() || !fs::exists(m_file, ec)) return {};
    auto session = io::loadSession(m_file);
    std::string problem;
    if (!session) {
        problem = errorText(session.error(), state.language);
    } else if (auto applied = applySession(*session, state); !applied) {
        problem = errorText(applied.error(), state.language);
    } else {
        m_saved = *session;
        m_saved->step = 0;
        return {};
    }
    // Keep the person's file: move it aside under a name that is free, then start fresh.
    const fs::path backup = freeBackupName(m_file);
    fs::rename(m_file, backup, ec);
    if (ec) return fill(T::SessionUnreadableStuck, state.language, {{"problem", problem}, {"reason", ec.message()}});
    return fill(T::SessionUnreadableKept, state.language, {{"problem", problem}, {"backup", backup.string()}});
}

namespace {

// While playing, the step changes every moment; it is saved along with any other change
// and at exit, but does not by itself count as a change (or nothing would ever settle).
io::Session setupOf(const State& state) {
    io::Session s = toSession(state);
    s.step = 0;
    return s;
}

}  // namespace

void Autosave::tick(const State& state, double now) {
    if (m_file.empty()) return;
    io::Session current = setupOf(state);
    if (m_saved && current == *m_saved) {
        m_pending.reset();
        return;
    }
    if (!m_pending || !(current == *m_pending)) {
        m_pending = std::move(current);
        m_changedAt = now;
        return;
    }
    if (now - m_changedAt >= m_delay) flush(state);
}

std::string Autosave::flush(const State& state) {
    if (m_file.empty()) return {};
    io::Session current = toSession(state);
    if (m_saved && current == *m_saved) return {};
    io::Session setup = current;
    setup.step = 0;
    std::error_code ec;
    fs::create_directories(m_file.parent_path(), ec);
    if (auto s = io::saveSession(m_file, current); !s) {
        m_lastError = s.error().message;
        m_pending.reset();
        m_saved = setup;  // do not retry every frame; the next change tries again
        return m_lastError;
    }
    m_saved = std::move(setup);
    m_pending.reset();
    return {};
}

}  // namespace convscope::gui
