/// Fetches URLs over HTTP/1.1 and HTTP/2 with libcurl's multi interface: many transfers at
/// once on one dedicated thread, with size, time and redirect limits, an SSRF guard on every
/// connect, and charset decoding of text.
///
/// ```swift
/// let fetcher = try Fetcher(configuration: .init(userAgent: "SpoorBot/1.0"))
/// let page = await fetcher.fetch(FetchRequest(url: "https://example.com/"))
/// ```
///
/// Politeness (how often to ask a host) is the caller's job; the fetcher runs whatever it is
/// given, concurrently. Call `shutdown()` when done (deinit does it too).
public final class Fetcher: Sendable {
    /// The configuration the fetcher was made with.
    public let configuration: FetcherConfiguration
    private let loop: FetchLoop

    /// Starts a fetcher and its loop thread.
    public init(configuration: FetcherConfiguration = FetcherConfiguration()) throws(CrawlError) {
        guard CurlGlobal.ensure() else {
            throw CrawlError(.configuration, subject: "fetcher", "curl_global_init failed")
        }
        self.configuration = configuration
        self.loop = try FetchLoop(configuration: configuration)
    }

    deinit {
        loop.stop()
    }

    /// Fetches one URL. Never throws: failures, refusals and cut transfers come back in
    /// `FetchResult.error` with whatever was received. Cancelling the task aborts the transfer.
    public func fetch(_ request: FetchRequest) async -> FetchResult {
        let transfer: Transfer
        do {
            transfer = try Transfer(request: request, configuration: configuration, budget: loop.budget)
        } catch {
            return FetchResult(requestURL: request.url, error: error)
        }
        let loop = self.loop
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.attach(continuation)
                if !loop.submit(transfer) {
                    transfer.fail(CrawlError(.transport, subject: request.url, "fetcher shut down"))
                }
            }
        } onCancel: {
            transfer.cancel()
            loop.wake()
        }
    }

    /// Fetches one URL with a GET and the default limits.
    public func fetch(_ url: String) async -> FetchResult {
        await fetch(FetchRequest(url: url))
    }

    /// The body budget's counters (bytes held now and at most, pauses), for tests and benchmarks.
    var bodyBufferStatistics: FetchBodyBudget.Statistics { loop.budget.statistics }

    /// Stops the loop thread; transfers still running end with a transport error. Idempotent.
    public func shutdown() {
        loop.stop()
    }
}
