public import WolkvoxAPI
import Foundation

/// Everything the fake Wolkvox API needs: credentials, limits, data and clock.
public struct MockConfiguration: Sendable {
    /// The only token accepted in the `wolkvox-token` header.
    public var token: String = "mock-token"
    /// Seeds the synthetic data; the same seed and dataset configuration give identical records.
    public var seed: UInt64 = 1
    /// Rows sent at most per response; the rest of the window is silently dropped, like the real API.
    public var recordCap: Int = 60_000
    /// Which rows a window holding more than `recordCap` keeps.
    public var capKeeps: MockCapKeeps = .newest
    /// The order the kept rows are sent in.
    public var rowOrder: MockRowOrder = .newestFirst
    /// What `msg` counts: the window's rows or the rows sent.
    public var msgCounts: MockMsgCount = .returned
    /// Seeds `.arbitrary` cuts and `.shuffled` orders; independent of `seed` (the data), so a test
    /// can change which rows survive the cap without changing the rows.
    public var selectionSeed: UInt64 = 1
    /// Held before the head of a records answer for each row of its window (before the cap), as
    /// the API's query scans the whole window whatever it sends. For `cdr_6`, each call counted.
    public var queryTimePerRow: Duration = .zero
    /// PHP's execution time limit, in rows: a window scanning more (as `queryTimePerRow` counts
    /// them) is answered, after `executionLimitDelay`, with 200 and PHP's "Maximum execution time"
    /// fatal error page instead of JSON. nil: no limit. Replayed answers are served as recorded.
    public var executionLimitRows: Int? = nil
    /// How long PHP ran before its limit stopped the query (the real API's is 60 s).
    public var executionLimitDelay: Duration = .zero
    /// Simultaneous requests allowed per token; one more is refused with 403.
    public var maxConcurrentPerToken: Int = 2
    /// Longest query, in local calendar days touched by `[date_ini, date_end]`.
    public var maxDaysPerQuery: Int = 31
    public var host: String = "127.0.0.1"
    /// 0 asks the system for a free port; `MockServer.baseURL` has the bound one.
    public var port: Int = 0
    public var dataset: MockDatasetConfiguration = .init()
    /// The API's local clock, for `calls_last_10`. Defaults to the real time in America/Bogota
    /// (UTC-05:00 all year: Colombia has no daylight saving time).
    public var now: @Sendable () -> LocalDateTime = MockConfiguration.bogotaNow
    /// Held before answering each request (while it counts as in flight), for concurrency tests.
    public var responseDelay: Duration = .zero
    /// Encode like PHP's `json_encode` defaults: non-ASCII as `\uXXXX` (emoji as surrogate pairs)
    /// and `/` as `\/`. The decoded values are the same either way.
    public var phpStyleEscapes: Bool = true
    /// Bytes gathered before each write of a streamed body.
    public var chunkSize: Int = 64 << 10
    /// Injected misbehaviour (see `MockFaults`); none by default.
    public var faults: MockFaults = .init()
    /// Record the 200 bodies sent to a folder, or replay them (see `MockTape`); nil serves the
    /// synthetic data as usual.
    public var tape: MockTape? = nil
    /// Catalog names of reports this server has not enabled: they answer 404 like an empty
    /// window, as the real API does.
    public var disabledReports: Set<String> = []

    public init() {}

    /// The current wall-clock time in America/Bogota as a naive local time.
    @Sendable public static func bogotaNow() -> LocalDateTime {
        let utcSeconds = Int(Date().timeIntervalSince1970.rounded(.down))
        return LocalDateTime(naiveSeconds: utcSeconds - 5 * 3600)
    }
}
