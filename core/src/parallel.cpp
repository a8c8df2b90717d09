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
thread_local TaskProgress* t_progress = nullptr;
std::atomic<double> g_workPerThread{1e6};

// Workers sleep on a condition variable between calls; each call bumps a generation so a
// worker knows there is a new job. Only one caller at a time owns the workers (m_owner).
// The caller works too and never waits for a worker that has not woken up yet: when its
// own loop runs out of tasks it closes the job, and waits only for workers that joined
// (they are running). Workers do not spin between jobs: on a busy machine a spinning
// thread takes CPU time from the caller's own threads.
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
            while (static_cast<int>(m_workers.size()) < participants - 1)
                m_workers.emplace_back([this] { workerLoop(); });
            m_task = &task;
            m_tasks = tasks;
            m_next.store(0, std::memory_order_relaxed);
            m_open = true;
            m_seats = participants - 1;
            m_joined = 0;
            ++m_generation;
        }
        m_wake.notify_all();
        work(0);
        std::unique_lock lock(m_mutex);
        m_open = false;
        m_done.wait(lock, [this] { return m_active == 0; });
        m_task = nullptr;
    }

private:
    void work(int worker) {
        for (int i = m_next.fetch_add(1, std::memory_order_relaxed); i < m_tasks;
             i = m_next.fetch_add(1, std::memory_order_relaxed))
            (*m_task)(i, worker);
    }

    void workerLoop() {
        std::uint64_t seen = 0;
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
            if (m_stop) return;
            seen = m_generation;
            if (!m_open || m_joined >= m_seats) continue;
            const int id = ++m_joined;
            ++m_active;
            lock.unlock();
            work(id);
            lock.lock();
            if (--m_active == 0) m_done.notify_one();
        }
    }

    std::mutex m_owner;
    std::mutex m_mutex;  // guards everything below except the atomics
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::vector<std::thread> m_workers;
    const std::function<void(int, int)>* m_task = nullptr;
    int m_tasks = 0;
    bool m_open = false;  // workers may still join the current job
    int m_seats = 0;      // how many may join: worker indexes 1…m_seats
    int m_joined = 0;
    int m_active = 0;  // joined and not yet done
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

int threadsFor(double work) {
    const double per = g_workPerThread.load();
    if (per <= 0.0) return threadCount();
    const double useful = std::max(1.0, work / per);
    return useful >= threadCount() ? threadCount() : static_cast<int>(useful);
}

void setWorkPerThread(double units) {
    g_workPerThread.store(std::max(0.0, units));
}

double workPerThread() {
    return g_workPerThread.load();
}

void parallelFor(int tasks, int threads, const std::function<void(int task, int worker)>& task) {
    if (tasks <= 0) return;
    TaskProgress* progress = t_progress;
    if (!progress) {
        pool().run(tasks, std::max(1, threads), task);
        return;
    }
    progress->total.fetch_add(tasks, std::memory_order_relaxed);
    const std::function<void(int, int)> counted = [&](int i, int worker) {
        if (progress->cancelled.load(std::memory_order_relaxed)) return;
        task(i, worker);
        progress->done.fetch_add(1, std::memory_order_relaxed);
    };
    pool().run(tasks, std::max(1, threads), counted);
}

ReportProgressTo::ReportProgressTo(TaskProgress& progress) : m_previous(t_progress) {
    t_progress = &progress;
}

ReportProgressTo::~ReportProgressTo() {
    t_progress = m_previous;
}

}  // namespace convscope::core
