#pragma once
// The engine's threads: one small pool, created on first use and reused, because starting
// threads per call would cost more than a small convolution. conv2d and pool2d split their
// output rows over it.
#include <atomic>
#include <cstdint>
#include <functional>

namespace convscope::core {

// How many threads conv2d / pool2d use: the calling thread plus threads − 1 pool workers.
// The default is std::thread::hardware_concurrency(); 1 runs everything on the caller;
// 0 (or less) restores the default. Applies to calls that start after it returns.
void setThreadCount(int threads);
int threadCount();

// The threads worth using for a job of `work` units (multiply-adds, or cells read):
// threadCount(), but at most one per workPerThread() units (default 10^6) — below that,
// waking a thread costs about as much as it saves. Tests set 0 to split even tiny jobs.
int threadsFor(double work);
void setWorkPerThread(double units);
double workPerThread();

// Runs task(i, worker) for every i in [0, tasks) on up to `threads` threads (the caller is
// one of them) and returns when all are done. `worker` is below min(threads, tasks) and no
// two tasks running at the same time share one, so it can index per-thread scratch. Tasks
// must not throw. Safe to call from several threads at once: a call that finds the pool
// busy (another caller, or a task calling parallelFor) runs its tasks on its own thread as
// worker 0 instead of waiting.
void parallelFor(int tasks, int threads, const std::function<void(int task, int worker)>& task);

// How far the parallelFor calls of one thread have got, read from any other thread (the app
// draws progress bars from it), and a way to stop them early: once `cancelled` is set, the
// tasks not yet started are skipped, so their output is incomplete and the caller that
// cancelled throws it away. Costs one relaxed atomic add per task (a band of rows).
struct TaskProgress {
    std::atomic<std::int64_t> done{0};   // tasks finished
    std::atomic<std::int64_t> total{0};  // tasks of the calls started so far
    std::atomic<bool> cancelled{false};
};

// While it lives, the parallelFor calls made on this thread report to `progress`.
class ReportProgressTo {
public:
    explicit ReportProgressTo(TaskProgress& progress);
    ~ReportProgressTo();
    ReportProgressTo(const ReportProgressTo&) = delete;
    ReportProgressTo& operator=(const ReportProgressTo&) = delete;

private:
    TaskProgress* m_previous;
};

}  // namespace convscope::core
