#pragma once
// The session survives quitting: restored at start, saved (atomically) a moment after each
// change and at exit, to $XDG_CONFIG_HOME/convscope/session.json. A file that cannot be
// read is moved aside — never overwritten — and the app starts from the default scene.
#include <filesystem>
#include <optional>
#include <string>

#include "convscope/io/session.hpp"
#include "state.hpp"

namespace convscope::gui {

// $XDG_CONFIG_HOME/convscope, else $HOME/.config/convscope; empty when neither is set.
std::filesystem::path configDirectory();

// `path` with ".bak" appended, or ".bak.1", ".bak.2", … when that name is taken.
std::filesystem::path freeBackupName(const std::filesystem::path& path);

class Autosave {
public:
    explicit Autosave(std::filesystem::path file, double delaySeconds = 1.0)
        : m_file(std::move(file)), m_delay(delaySeconds) {}

    // Loads the saved session into `state`. Returns a message for the person when something
    // went wrong (the file was moved aside), empty otherwise.
    std::string restore(State& state);
    // Call every frame: saves once the session has been unchanged for the delay.
    void tick(const State& state, double nowSeconds);
    // Saves now if anything changed (at exit). Returns an error message or empty.
    std::string flush(const State& state);

    const std::filesystem::path& file() const { return m_file; }

private:
    std::filesystem::path m_file;
    double m_delay;
    std::optional<io::Session> m_saved;    // the setup the file holds (step not compared)
    std::optional<io::Session> m_pending;  // changed, not yet saved
    double m_changedAt = 0.0;
    std::string m_lastError;
};

}  // namespace convscope::gui
