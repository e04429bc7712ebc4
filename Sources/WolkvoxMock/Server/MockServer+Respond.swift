import Hummingbird
import WolkvoxAPI

/// Turns a request into the API's answer: auth, the per-token gate, the rules, then the body.
extension MockServer {
    func respond(to request: Request) async -> Response {
        let query = request.uri.queryParameters
        let lookup: (String) -> String? = { name in query[Substring(name)].map(String.init) }
        state.recordRequest(report: lookup("api"))

        let token = request.headers.first { $0.name.canonicalName == "wolkvox-token" }?.value
        if let refusal = MockRules.authorize(token: token, expected: configuration.token) {
            return Self.response(refusal, slot: nil)
        }
        guard let slot = state.acquire(limit: configuration.maxConcurrentPerToken) else {
            return Self.response(MockRules.busy(limit: configuration.maxConcurrentPerToken), slot: nil)
        }
        if configuration.responseDelay > .zero {
            try? await Task.sleep(for: configuration.responseDelay)
        }
        let answer = MockRules.answer(
            path: request.uri.path, query: lookup, maxDaysPerQuery: configuration.maxDaysPerQuery, now: configuration.now)
        switch answer {
        case nil:
            slot.release()
            return Response(
                status: .notFound, headers: [.contentType: "text/html; charset=UTF-8"],
                body: .init(byteBuffer: ByteBuffer(string: MockRules.notFoundPage)))
        case .error(let status, let body):
            return Self.response(.error(status: status, body: body), slot: slot)
        case .records(let report, let window):
            return records(report: report, window: window, slot: slot)
        }
    }

    /// Streams the records of a window, newest first, cut at the cap; 404 when there are none.
    func records(report: ReportSpec, window: Window, slot: MockState.Slot) -> Response {
        let total = dataset.count(report: report, in: window)
        guard total > 0 else { return Self.response(MockRules.noRecords, slot: slot) }
        let sent = min(total, configuration.recordCap)
        if sent < total { state.recordTruncated() }
        let dataset = dataset
        let writer = JSONWriter(phpStyle: configuration.phpStyleEscapes)
        let chunkSize = max(1, configuration.chunkSize)
        let body = ResponseBody { bodyWriter in
            do {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(chunkSize + 16 << 10)
                writer.writeHead(count: sent, into: &bytes)
                var written = 0
                if report.name == ReportCatalog.cdr6.name {
                    for record in dataset.aggregatedByResult(in: window) {
                        writer.writeRecord(record, first: written == 0, into: &bytes)
                        written += 1
                    }
                } else {
                    var cursor = RecordCursor(dataset: dataset, report: report.name, window: window)
                    while written < sent, let record = cursor.next() {
                        writer.writeRecord(record, first: written == 0, into: &bytes)
                        written += 1
                        if bytes.count >= chunkSize {
                            try await bodyWriter.write(ByteBuffer(bytes: bytes))
                            bytes.removeAll(keepingCapacity: true)
                        }
                    }
                }
                writer.writeTail(into: &bytes)
                try await bodyWriter.write(ByteBuffer(bytes: bytes))
            } catch {
                slot.release()  // the client went away
                throw error
            }
            // Free the slot before the end of the body reaches the client, so a client that
            // sends its next request on seeing the end never finds its own slot still taken.
            slot.release()
            try await bodyWriter.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: body)
    }

    /// A small JSON answer; frees `slot` once written.
    static func response(_ answer: MockRules.Answer, slot: MockState.Slot?) -> Response {
        guard case .error(let status, let text) = answer else { preconditionFailure("not an error answer") }
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: text))
            slot?.release()
            try await writer.finish(nil)
        }
        return Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json; charset=utf-8"],
            body: body)
    }
}
