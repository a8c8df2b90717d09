#pragma once
// State ↔ session file. A session holds what a person set up; hover, pins and pending
// requests are moments, not setup, and are not saved.
#include <string>

#include "convscope/io/session.hpp"
#include "state.hpp"

namespace convscope::gui {

io::Session toSession(const State& s);

// Replaces the setup in `s` with the session's. The image, if any, is loaded again from its
// path; when that fails the state is left untouched and the error says why.
core::Status applySession(const io::Session& session, State& s);

}  // namespace convscope::gui
