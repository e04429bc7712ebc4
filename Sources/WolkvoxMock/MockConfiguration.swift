package import WolkvoxAPI
import Foundation

/// Everything the fake Wolkvox API needs: credentials, limits, data and clock.
package struct MockConfiguration: Sendable {
    /// The only token accepted in the `wolkvox-token` header.
    package var token: String = "mock-token"
    /// Seeds the synthetic data; the same seed and dataset configuration give identical records.
    package var seed: UInt64 = 1
    /// Rows sent at most per response; the rest of the window is silently dropped, like the real API.
    package var recordCap: Int = 60_000
    /// Which rows a window holding more than `recordCap` keeps.
    package var capKeeps: MockCapKeeps = .newest
    /// The order the kept rows are sent in.
    package var rowOrder: MockRowOrder = .newestFirst
    /// What `msg` counts: the window's rows or the rows sent.
    package var msgCounts: MockMsgCount = .returned
    /// Seeds `.arbitrary` cuts and `.shuffled` orders; independent of `seed` (the data), so a test
    /// can change which rows survive the cap without changing the rows.
    package var selectionSeed: UInt64 = 1
    /// Held before the head of a records answer for each row of its window (before the cap), as
    /// the API's query scans the whole window whatever it sends. For `cdr_6`, each call counted.
    package var queryTimePerRow: Duration = .zero
    /// PHP's execution time limit, in rows: a window scanning more (as `queryTimePerRow` counts
    /// them) is answered, after `executionLimitDelay`, with 200 and PHP's "Maximum execution time"
    /// fatal error page instead of JSON. nil: no limit. Replayed answers are served as recorded.
    package var executionLimitRows: Int? = nil
    /// How long PHP ran before its limit stopped the query (the real API's is 60 s).
    package var executionLimitDelay: Duration = .zero
    /// Simultaneous requests allowed per token; one more is refused with 403.
    package var maxConcurrentPerToken: Int = 2
    /// Longest query, in local calendar days touched by `[date_ini, date_end]`.
    package var maxDaysPerQuery: Int = 31
    package var host: String = "127.0.0.1"
    /// 0 asks the system for a free port; `MockServer.baseURL` has the bound one.
    package var port: Int = 0
    package var dataset: MockDatasetConfiguration = .init()
    /// The API's local clock, for `calls_last_10`. Defaults to the real time in America/Bogota
    /// (UTC-05:00 all year: Colombia has no daylight saving time).
    package var now: @Sendable () -> LocalDateTime = MockConfiguration.bogotaNow
    /// Held before answering each request (while it counts as in flight), for concurrency tests.
    package var responseDelay: Duration = .zero
    /// Encode like PHP's `json_encode` defaults: non-ASCII as `\uXXXX` (emoji as surrogate pairs)
    /// and `/` as `\/`. The decoded values are the same either way.
    package var phpStyleEscapes: Bool = true
    /// Bytes gathered before each write of a streamed body.
    package var chunkSize: Int = 64 << 10
    /// Injected misbehaviour (see `MockFaults`); none by default.
    package var faults: MockFaults = .init()
    /// Record the 200 bodies sent to a folder, or replay them (see `MockTape`); nil serves the
    /// synthetic data as usual.
    package var tape: MockTape? = nil
    /// Catalog names of reports this server has not enabled: they answer 404 like an empty
    /// window, as the real API does.
    package var disabledReports: Set<String> = []

    package init() {}

    /// The current wall-clock time in America/Bogota as a naive local time.
    @Sendable package static func bogotaNow() -> LocalDateTime {
        let utcSeconds = Int(Date().timeIntervalSince1970.rounded(.down))
        return LocalDateTime(naiveSeconds: utcSeconds - 5 * 3600)
    }
}
