import AsyncAlgorithms
package import AsyncHTTPClient
package import Logging

/// Fetches reports from one Wolkvox API endpoint with one token.
///
/// Each `fetch` is one HTTP request whose body streams through `ResponseParser` into the
/// caller's `onRecord`, so memory stays bounded by a record, whatever the response size.
/// The client never retries a request that reached the server: it classifies failures
/// (`WolkvoxAPIError.isRetryable`) and leaves the retry to the caller, who must discard the
/// partial rows of a failed request first. Only a refused connection, which sent nothing, is
/// tried again, briefly.
///
/// - Important: The token travels only in the `wolkvox-token` header; it is never part of a
///   URL, an error or a log line.
package final class WolkvoxClient: Sendable {
    package let endpoint: WolkvoxEndpoint
    /// The cap on a whole request, from connecting to the last body byte.
    package let requestTimeout: Duration
    let token: String
    let logger: Logger?
    let httpClient: HTTPClient

    /// - Parameters:
    ///   - baseURL: scheme and host, e.g. `https://wv0002.wolkvox.com` (see `WolkvoxEndpoint`).
    ///     A trailing slash is ignored.
    ///   - token: the operation's API token.
    ///   - requestTimeout: the cap on each whole request (the API's own limit is 60 s).
    ///   - logger: where to log requests at debug level; nil for silence.
    ///   - httpClient: the client to run requests on; the caller owns its lifecycle. Give one
    ///     configured like `httpClientConfiguration`, or a refused connection waits out the
    ///     request's deadline inside the connection pool.
    package init(
        baseURL: String, token: String, requestTimeout: Duration = .seconds(60), logger: Logger? = nil,
        httpClient: HTTPClient = WolkvoxClient.sharedHTTPClient
    ) {
        var base = Substring(baseURL)
        while base.hasSuffix("/") { base = base.dropLast() }
        self.endpoint = WolkvoxEndpoint(baseURL: String(base)) ?? WolkvoxEndpoint(uncheckedBaseURL: String(base))
        self.token = token
        self.requestTimeout = requestTimeout
        self.logger = logger
        self.httpClient = httpClient
    }

    /// - Parameters: see `init(baseURL:token:requestTimeout:logger:httpClient:)`.
    package convenience init(
        endpoint: WolkvoxEndpoint, token: String, requestTimeout: Duration = .seconds(60), logger: Logger? = nil,
        httpClient: HTTPClient = WolkvoxClient.sharedHTTPClient
    ) {
        self.init(
            baseURL: endpoint.baseURL, token: token, requestTimeout: requestTimeout, logger: logger,
            httpClient: httpClient)
    }

    /// The URL `fetch` requests for a report and window (no token in it).
    package func url(for report: ReportSpec, window: Window?, parameters: [QueryParameter] = []) -> String {
        endpoint.url(for: report, window: window, parameters: parameters)
    }

    /// Makes one request and streams its records into `onRecord`.
    ///
    /// `onRecord` is awaited before more of the body is read (backpressure). A 404 "Validate
    /// dates entered" (or any answer saying there are no records) is a success with 0 records.
    /// - Parameters:
    ///   - report: the report to ask for.
    ///   - window: the local-time range; ignored by reports that take none (`calls_last_10`).
    ///   - parameters: the report's parameters beyond the window (`skill_id=5`), one value each.
    ///   - onRecord: receives each record in arrival order.
    /// - Returns: the count of records delivered and what the answer said.
    /// - Throws: `WolkvoxAPIError` for every failure of the request (records may already have
    ///   been delivered: discard them before retrying); what `onRecord` throws; or
    ///   `CancellationError` when the calling task is cancelled.
    package func fetch(
        report: ReportSpec, window: Window?, parameters: [QueryParameter] = [],
        onRecord: (RawRecord) async throws -> Void
    ) async throws -> FetchResult {
        try await fetchBatches(report: report, window: window, parameters: parameters) { batch in
            for index in 0..<batch.count { try await onRecord(batch.record(at: index)) }
        }
    }

    /// Makes one request and streams its records into `onRecords`, as `fetch(report:window:parameters:onRecord:)`,
    /// a body chunk's records at a time, as bytes: a consumer that handles them without
    /// suspending pays for no task switch per record, and one that types values from their
    /// bytes for no string per value.
    package func fetchBatches(
        report: ReportSpec, window: Window?, parameters: [QueryParameter] = [],
        onRecords: (RecordBatch) async throws -> Void
    ) async throws -> FetchResult {
        let url = endpoint.url(for: report, window: window, parameters: parameters)
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "wolkvox-token", value: token)
        request.headers.add(name: "accept", value: "application/json")
        logger?.debug("wolkvox request", metadata: ["wolkvox.url": .string(url), "wolkvox.report": .string(report.name)])

        let prepared = request
        // `send` suspends until the consumer takes the item: a slow consumer slows the socket
        // read (backpressure), and at most one item waits.
        let channel = AsyncThrowingChannel<TransferItem, any Error>()
        let timeout = requestTimeout
        let result = try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.transfer(prepared, url: url, envelope: report.envelope, into: channel) }
            // The request's deadline only covers the response head: the whole transfer is
            // capped here, and failing the channel wakes the consumer wherever it waits.
            group.addTask {
                try? await Task.sleep(for: timeout)
                guard !Task.isCancelled else { return }
                channel.fail(WolkvoxAPIError(kind: .timeout, message: "no complete answer within \(timeout)", url: url))
            }
            // Whatever ends the consumer (an answer, a failure, `onRecord` throwing) stops both helpers.
            defer { group.cancelAll() }
            do {
                for try await item in channel {
                    switch item {
                    case .records(let batch):
                        try await onRecords(batch)
                    case .done(let result):
                        return result
                    }
                }
                // The channel ends without an answer only when this task is cancelled.
                throw CancellationError()
            } catch {
                if Task.isCancelled, !(error is WolkvoxAPIError) { throw CancellationError() }
                throw error
            }
        }
        logger?.debug(
            "wolkvox response",
            metadata: [
                "wolkvox.url": .string(url), "http.status": .stringConvertible(result.httpStatus),
                "wolkvox.records": .stringConvertible(result.records), "wolkvox.bytes": .stringConvertible(result.bytes),
            ])
        return result
    }
}
