#pragma once
// Large buffers handed from one thread to another without copying and without fresh memory.
// On these machines memory touched for the first time costs about 0.24 GB/s (page faults):
// copying a 4096² map into new memory takes longer than computing it. So every map the
// pipeline hands to the UI lives in a buffer of a pool; a result holds it by shared_ptr, and
// the pool gives a buffer out for writing again only once nothing but the pool holds it: a
// buffer is never written while a result that shows it exists, and its storage (already
// touched) is reused for the next map of the same kind.
#include <atomic>
#include <cstddef>
#include <memory>
#include <vector>

namespace convscope::gui {

template <class T>
class BufferPool {
public:
    // A buffer nobody else holds (with the storage of its last use), or a new one. Call from
    // one thread; the holders may drop theirs on any thread.
    std::shared_ptr<T> take() {
        for (const std::shared_ptr<T>& b : m_buffers)
            if (b.use_count() == 1) {
                // The last holder's release (acq_rel in libstdc++) happens before our writes.
                std::atomic_thread_fence(std::memory_order_acquire);
                return b;
            }
        ++m_created;
        return m_buffers.emplace_back(std::make_shared<T>());
    }
    // Buffers made so far: stays constant while a steady sweep reuses them.
    std::size_t created() const { return m_created; }
    std::size_t size() const { return m_buffers.size(); }

private:
    std::vector<std::shared_ptr<T>> m_buffers;
    std::size_t m_created = 0;
};

}  // namespace convscope::gui
