import AsyncAlgorithms
import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// What the network task hands to the consuming task.
enum TransferItem: Sendable {
    /// The records completed by one body chunk.
    case records(RecordBatch)
    case done(FetchResult)
}

extension WolkvoxClient {
    /// Error answers are read only this far: enough for any message, bounded for any page.
    static let errorBodyLimit = 64 << 10

    /// Runs the request and hands its records over; every failure ends the hand-over.
    ///
    /// A refused connection is tried again a few times within about a second and a half: no
    /// byte reached the server, so nothing is repeated, and a server restarting refuses only
    /// for a moment. Anything else is left to the caller, who must discard partial rows first.
    func transfer(
        _ request: HTTPClientRequest, url: String, envelope: ReportEnvelope = .list,
        into channel: AsyncThrowingChannel<TransferItem, any Error>
    ) async {
        var attempt = 1
        while true {
            do {
                let result = try await exchange(request, url: url, envelope: envelope, channel: channel)
                await channel.send(.done(result))
                return
            } catch {
                let failure = Self.classify(error, url: url, connectAttempts: attempt)
                if let failure = failure as? WolkvoxAPIError, failure.kind == .connectionRefused,
                    Self.refusalRetry.allowsRetry(afterAttempt: attempt)
                {
                    let pause = Self.refusalRetry.delay(forAttempt: attempt)
                    attempt += 1
                    do { try await Task.sleep(for: pause) } catch {
                        channel.fail(CancellationError())
                        return
                    }
                    continue
                }
                channel.fail(failure)
                return
            }
        }
    }

    /// Tries of a refused connection: three, the pauses between them under 0.5 s and 1 s.
    static let refusalRetry = RetryPolicy(attempts: 3, baseDelay: .milliseconds(500), maxDelay: .seconds(1))

    private func exchange(
        _ request: HTTPClientRequest, url: String, envelope rowsEnvelope: ReportEnvelope,
        channel: AsyncThrowingChannel<TransferItem, any Error>
    ) async throws -> FetchResult {
        // The head's deadline falls just before the whole transfer's cap, so that a request that
        // never got a head fails with the client's reason (connection refused, DNS) rather
        // than a bare timeout.
        let c = (requestTimeout * 0.95).components
        let nanos = c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000
        let response = try await httpClient.execute(request, deadline: .now() + .nanoseconds(nanos), logger: logger)
        let status = Int(response.status.code)
        let retryAfter = WolkvoxAPIError.retryAfter(header: response.headers.first(name: "retry-after"))
        guard (200..<300).contains(status) else {
            return try await readErrorAnswer(response, status: status, url: url, retryAfter: retryAfter)
        }

        var parser = ResponseParser(envelope: rowsEnvelope)
        var bytes = 0
        var body = response.body.makeAsyncIterator()
        // The last two chunks, for the text of a body that turns out not to be JSON.
        var previous = ByteBuffer()
        var last = ByteBuffer()
        do {
            while let chunk = try await body.next() {
                bytes += chunk.readableBytes
                previous = last
                last = chunk
                var batch = RecordBatch()
                try parser.consume(chunk, into: &batch)
                if !batch.isEmpty { await channel.send(.records(batch)) }
            }
            let envelope = try parser.finish()
            if let code = envelope.code, code != "200" {
                let said = [envelope.msg, envelope.error].compactMap { $0 }.joined(separator: " ")
                if case .failure(var error) = WolkvoxAPIError.classify(
                    status: Int(code) ?? 200, text: said, url: url, retryAfter: retryAfter)
                {
                    error.httpStatus = status
                    throw error
                }
            }
            return FetchResult(records: envelope.recordCount, envelope: envelope, httpStatus: status, bytes: bytes, url: url)
        } catch let error as WolkvoxResponseError {
            // PHP prints its fatal errors where the JSON would have gone, with the 200 already
            // sent: the reason is in the text from where the parser gave up.
            var text = Array(previous.readableBytesView) + Array(last.readableBytesView)
            while text.count < Self.errorBodyLimit, let more = try? await body.next() {
                text += more.readableBytesView.prefix(Self.errorBodyLimit - text.count)
            }
            if let stopped = WolkvoxAPIError.executionTimeLimit(
                in: String(decoding: text, as: UTF8.self), url: url, httpStatus: status, retryAfter: retryAfter)
            {
                throw stopped
            }
            let html = error.reason.contains("HTML")
            let message =
                html
                ? "the server answered an HTML page instead of JSON"
                : error.kind == .truncated
                    ? "the answer ended early, after \(error.recordsBefore) records (connection cut?)"
                    : "the answer is not valid JSON"
            throw WolkvoxAPIError(
                kind: html ? .server : .malformedResponse, message: message, url: url, httpStatus: status,
                retryAfter: retryAfter, cause: error)
        }
    }

    /// Reads (the start of) an error answer and classifies it; 404 "no records" is a success.
    private func readErrorAnswer(
        _ response: HTTPClientResponse, status: Int, url: String, retryAfter: Duration?
    ) async throws -> FetchResult {
        var body: [UInt8] = []
        var bytes = 0
        for try await chunk in response.body {
            bytes += chunk.readableBytes
            body.append(contentsOf: chunk.readableBytesView.prefix(Self.errorBodyLimit - body.count))
            if body.count >= Self.errorBodyLimit { break }
        }
        switch WolkvoxAPIError.classify(
            status: status, text: String(decoding: body, as: UTF8.self), url: url, retryAfter: retryAfter)
        {
        case .noRecords:
            var parser = ResponseParser()
            let envelope = try? { () throws -> ResponseEnvelope in
                try parser.consume(body) { _ in }
                return try parser.finish()
            }()
            return FetchResult(records: 0, envelope: envelope.map { e in
                var e = e
                e.recordCount = 0
                return e
            }, httpStatus: status, bytes: bytes, url: url)
        case .failure(let error):
            throw error
        }
    }

    /// Maps whatever a request threw to a `WolkvoxAPIError` (cancellation stays cancellation).
    /// - Parameter connectAttempts: how many times the connection was tried, for the message.
    static func classify(_ error: any Error, url: String, connectAttempts: Int = 1) -> any Error {
        switch error {
        case let error as WolkvoxAPIError:
            return error
        case is CancellationError:
            return error
        case let error as HTTPClientError:
            if error == .cancelled { return CancellationError() }
            if error == .connectTimeout {
                return WolkvoxAPIError(
                    kind: .timeout, message: "no connection to \(host(of: url)) within \(connectTimeout)", url: url,
                    cause: error)
            }
            let timeouts: [HTTPClientError] = [.readTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout]
            if timeouts.contains(error) {
                return WolkvoxAPIError(kind: .timeout, message: "the server did not answer in time", url: url, cause: error)
            }
            return WolkvoxAPIError(kind: .transport, message: "the connection failed", url: url, cause: error)
        default:
            switch ConnectFailure(error) {
            case .hostNotFound?:
                return WolkvoxAPIError(
                    kind: .hostNotFound,
                    message: "the host name \(host(of: url)) does not resolve: check the name and this machine's DNS",
                    url: url, cause: error)
            case .refused?:
                let tries = connectAttempts == 1 ? "" : " \(connectAttempts) times in a row"
                return WolkvoxAPIError(
                    kind: .connectionRefused,
                    message: "\(host(of: url)) refused the connection\(tries): check the host and port, and that the server is up",
                    url: url, cause: error)
            case nil:
                return WolkvoxAPIError(kind: .transport, message: "the connection failed", url: url, cause: error)
            }
        }
    }

    private static func host(of url: String) -> String {
        WolkvoxAPIError(kind: .transport, message: "", url: url).host
    }
}
