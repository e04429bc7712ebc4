import Hummingbird
import WolkvoxAPI

/// The streamed 200 body of a records answer, with the plan's mid-body faults.
extension MockServer {
    /// Streams the records of a window, cut at the cap as `capKeeps` says, in `rowOrder`; 404
    /// when there are none; PHP's fatal error page past `executionLimitRows`.
    /// The plan's mid-body stall and body fault happen just before row `sent / 2`.
    /// - Parameter params: the report's parameters as asked; a row's field of the same name
    ///   carries the value asked for (unless `all`), as the API filters on it.
    func records(
        report: ReportSpec, window: Window, slot: MockState.Slot, plan: FaultPlan, params: [String: String] = [:]
    ) async -> Response {
        if let tape = configuration.tape, tape.mode == .replay,
            let replayed = replay(report: report, window: window, tape: tape, slot: slot)
        {
            return replayed
        }
        let computed = dataset.computedRecords(report: report, in: window)
        let total = computed?.count ?? dataset.count(report: report, in: window)
        if let stopped = await runQuery(report: report, window: window, total: total, slot: slot, plan: plan) {
            return stopped
        }
        guard total > 0 else {
            if let tape = configuration.tape, tape.records, case .error(_, let body) = MockRules.noRecords {
                TapeRecorder.writeEmpty(path: tape.emptyPath(report: report.name, window: window), body: body)
            }
            if plan.stall == .midBody {  // nothing to stall in: stall before the head instead
                state.recordFault(.slow)
                try? await Task.sleep(for: configuration.faults.slowDelay)
            }
            return Self.response(MockRules.noRecords, slot: slot)
        }
        let sent = report.envelope == .object ? 1 : min(total, configuration.recordCap)
        if sent < total { state.recordTruncated() }
        if plan.stall == .midBody { state.recordFault(.slow) }
        switch plan.body {
        case .drop: state.recordFault(.dropMidBody)
        case .truncate: state.recordFault(.truncatedJSON)
        case .garble: state.recordFault(.garbledJSON)
        case nil: break
        }
        let dataset = dataset
        let rowPlan = RowPlan(total: total, cap: configuration.recordCap, keeps: configuration.capKeeps, order: configuration.rowOrder)
        let selectionSeed = configuration.selectionSeed
        let found = configuration.msgCounts == .window ? total : sent
        let writer = JSONWriter(phpStyle: configuration.phpStyleEscapes)
        let chunkSize = max(1, configuration.chunkSize)
        let rawFields = Set(report.fields.filter { $0.nesting != nil }.map(\.name))
        let filters = params.filter { name, value in
            value.lowercased() != "all" && report.field(named: name) != nil
        }
        let stall: Duration? = plan.stall == .midBody ? configuration.faults.slowDelay : nil
        // Only whole bodies are recorded: a body the plan breaks is not.
        let recordPath = configuration.tape.flatMap { tape in
            tape.records && plan.body == nil ? tape.bodyPath(report: report.name, window: window) : nil
        }
        let body = ResponseBody { bodyWriter in
            let recorder: TapeRecorder?
            do {
                recorder = try recordPath.map(TapeRecorder.init(path:))
            } catch {
                slot.release()
                throw error
            }
            do {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(chunkSize + 16 << 10)
                writer.writeHead(count: found, envelope: report.envelope, campaignID: params["campaign_id"], into: &bytes)
                var source = report.name == ReportCatalog.cdr6.name
                    ? RecordSource(list: dataset.aggregatedByResult(in: window))
                    : computed.map { RecordSource(list: $0) } ?? RecordSource(
                        dataset: dataset, report: report.name, window: window, total: total, plan: rowPlan, seed: selectionSeed)
                var written = 0
                while written < sent, var record = source.next() {
                    if !filters.isEmpty { Self.applyFilters(filters, to: &record) }
                    if written == sent / 2 {
                        if let stall {
                            try await bodyWriter.write(ByteBuffer(bytes: bytes))
                            try recorder?.append(bytes)
                            bytes.removeAll(keepingCapacity: true)
                            try await Task.sleep(for: stall)
                        }
                        switch plan.body {
                        case .drop:
                            try await bodyWriter.write(ByteBuffer(bytes: bytes))
                            throw DroppedConnection()
                        case .truncate:
                            var rest: [UInt8] = []
                            writer.writeRecord(record, first: written == 0, into: &rest)
                            bytes.append(contentsOf: rest.prefix(max(1, rest.count / 2)))
                            slot.release()
                            try await bodyWriter.write(ByteBuffer(bytes: bytes))
                            try await bodyWriter.finish(nil)
                            return
                        case .garble(let variant):
                            if written > 0 { bytes.append(UInt8(ascii: ",")) }
                            bytes.append(contentsOf: MockRules.garbage[variant])
                        case nil:
                            break
                        }
                    }
                    writer.writeRecord(record, first: written == 0, raw: rawFields, into: &bytes)
                    written += 1
                    if bytes.count >= chunkSize {
                        try await bodyWriter.write(ByteBuffer(bytes: bytes))
                        try recorder?.append(bytes)
                        bytes.removeAll(keepingCapacity: true)
                    }
                }
                writer.writeTail(envelope: report.envelope, into: &bytes)
                try await bodyWriter.write(ByteBuffer(bytes: bytes))
                try recorder?.append(bytes)
                try recorder?.commit()
            } catch {
                recorder?.discard()
                slot.release()  // the client went away, the server stopped, or a planned drop
                throw error
            }
            // Free the slot before the end of the body reaches the client, so a client that
            // sends its next request on seeing the end never finds its own slot still taken.
            slot.release()
            try await bodyWriter.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: body)
    }

}

extension MockServer {
    /// Sets the fields a parameter filters on to the value asked for.
    static func applyFilters(_ filters: [String: String], to record: inout RawRecord) {
        for i in record.fields.indices {
            if let value = filters[record.fields[i].name] { record.fields[i].value = value }
        }
    }
}

/// Thrown out of a body writer to make Hummingbird close the connection mid-body.
private struct DroppedConnection: Error {}
