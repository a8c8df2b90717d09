#include "convscope/core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace convscope::core {

namespace {

int defaultThreads() {
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

std::atomic<int> g_threads{0};  // 0: the default

// Workers sleep on a condition variable between calls; each call bumps a generation so a
// worker knows there is a new job. Only one caller at a time owns the workers (m_owner).
class Pool {
public:
    ~Pool() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        for (std::thread& t : m_workers) t.join();
    }

    void run(int tasks, int threads, const std::function<void(int, int)>& task) {
        const int participants = std::min(tasks, threads);
        std::unique_lock owner(m_owner, std::try_to_lock);
        if (participants <= 1 || !owner.owns_lock()) {
            for (int i = 0; i < tasks; ++i) task(i, 0);
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            while (static_cast<int>(m_workers.size()) < participants - 1) {
                const int id = static_cast<int>(m_workers.size()) + 1;
                m_workers.emplace_back([this, id] { workerLoop(id); });
            }
            m_task = &task;
            m_tasks = tasks;
            m_participants = participants;
            m_pending = participants - 1;
            m_next.store(0, std::memory_order_relaxed);
            ++m_generation;
        }
        m_wake.notify_all();
        work(0);
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_pending == 0; });
        m_task = nullptr;
    }

private:
    void work(int worker) {
        for (int i = m_next.fetch_add(1, std::memory_order_relaxed); i < m_tasks;
             i = m_next.fetch_add(1, std::memory_order_relaxed))
            (*m_task)(i, worker);
    }

    void workerLoop(int id) {
        std::uint64_t seen = 0;
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop) return;
            seen = m_generation;
            if (id >= m_participants) continue;
            lock.unlock();
            work(id);
            lock.lock();
            if (--m_pending == 0) m_done.notify_one();
        }
    }

    std::mutex m_owner;
    std::mutex m_mutex;  // guards everything below except m_next
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::vector<std::thread> m_workers;
    const std::function<void(int, int)>* m_task = nullptr;
    int m_tasks = 0;
    int m_participants = 0;
    int m_pending = 0;
    std::atomic<int> m_next{0};
    std::uint64_t m_generation = 0;
    bool m_stop = false;
};

Pool& pool() {
    static Pool p;
    return p;
}

}  // namespace

void setThreadCount(int threads) {
    g_threads.store(std::max(0, threads));
}

int threadCount() {
    const int t = g_threads.load();
    return t > 0 ? t : defaultThreads();
}

void parallelFor(int tasks, int threads, const std::function<void(int task, int worker)>& task) {
    if (tasks <= 0) return;
    pool().run(tasks, std::max(1, threads), task);
}

}  // namespace convscope::core
