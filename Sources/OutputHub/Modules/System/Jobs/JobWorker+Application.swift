import Vapor

extension Application {
    private struct JobWorkerKey: StorageKey { typealias Value = JobWorker }

    /// This server's job worker (made by `buildApplication`; `serve` starts it).
    public var jobWorker: JobWorker {
        get { built(JobWorkerKey.self) }
        set { storage[JobWorkerKey.self] = newValue }
    }
}

/// Stops the worker when the application shuts down: running jobs finish or are handed back.
struct JobWorkerLifecycle: LifecycleHandler {
    let worker: JobWorker

    func shutdownAsync(_ application: Application) async {
        await worker.stop()
    }
}
