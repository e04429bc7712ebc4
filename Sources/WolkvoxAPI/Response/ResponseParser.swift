/// A push-based, incremental parser for the API's response body.
///
/// Feed the body chunk by chunk; each element of `data` is a record of the chunk's
/// ``RecordBatch`` (or emitted as a `RawRecord`) as soon as its closing brace arrives. Memory is
/// bounded by one chunk's records plus the envelope, whatever the size of the response.
///
/// ```swift
/// var parser = ResponseParser()
/// for try await chunk in body { try parser.consume(chunk) { record in rows.append(record) } }
/// let envelope = try parser.finish()
/// ```
///
/// - `code`, `error`, `msg` and `data` may come in any order; other keys are skipped.
/// - `data` a list: each object is a record. `data` an object: when its first value is an
///   object it is a map of records (`{"0": {...}, "1": {...}}`), otherwise it is one record.
///   A later member contradicting that shape is an error. `data` absent or null: no records.
/// - The report's ``ReportEnvelope`` settles what the shape cannot: `.object` reads `data` as one
///   record always (`cdr_4`'s record is all nested objects, which would look like a map);
///   `.records` reads the rows from `records` (`campaign.campaign_15`) instead of `data`.
/// - Values: strings become their text, `null` nil, numbers and booleans their literal text,
///   nested objects and arrays their compact JSON text.
/// - Important: A record is emitted only when complete and valid; no partial record is ever
///   emitted. After an error, every later call throws the same error.
package struct ResponseParser: Sendable {
    /// The largest record (or envelope value) accepted, in bytes.
    package let maxRecordBytes: Int
    /// Where the report's rows sit in the answer.
    package let rowsEnvelope: ReportEnvelope
    /// The top-level key holding the rows: `data`, or `records` for a `.records` report.
    let rowsKey: String

    enum TopKey: Sendable { case code, error, msg, data, other }

    enum State: Sendable {
        case start
        case topKey(first: Bool)
        case topColon(TopKey)
        case topValue(TopKey)
        case topNext
        case dataStart
        case listElement(first: Bool)
        case listNext
        /// After `"data": {`, before knowing whether it is a map of records or one record.
        case objectPeek
        case mapKey(first: Bool)
        case mapColon
        case mapValue
        case mapNext
        case singleRecord
        case end
    }

    /// Unconsumed bytes; `buffer[0]` is at absolute offset `base` of the body.
    var buffer: [UInt8] = []
    var base = 0
    /// Absolute offset of the next byte the state machine looks at.
    var pos = 0
    var state: State = .start
    var scanner = ValueScanner()
    var keys = KeyCache()
    var envelope = ResponseEnvelope()
    var failure: WolkvoxResponseError?

    package init(maxRecordBytes: Int = 64 << 20, envelope: ReportEnvelope = .list) {
        self.maxRecordBytes = maxRecordBytes
        self.rowsEnvelope = envelope
        self.rowsKey = envelope == .records ? "records" : "data"
    }

    /// Bytes consumed so far.
    package var bytesConsumed: Int { base + buffer.count }

    /// Records emitted so far.
    package var recordCount: Int { envelope.recordCount }

    /// Feeds the next chunk of the body; the records it completes are appended to `batch`.
    /// - Throws: `WolkvoxResponseError` when the bytes are not a valid response; the records
    ///   completed before the error are in `batch`.
    package mutating func consume(_ chunk: UnsafeRawBufferPointer, into batch: inout RecordBatch) throws(WolkvoxResponseError) {
        if let failure { throw failure }
        buffer.append(contentsOf: chunk)
        try drive(into: &batch)
    }

    /// Feeds the next chunk of the body; see `consume(_:into:)`.
    package mutating func consume(_ chunk: some Collection<UInt8>, into batch: inout RecordBatch) throws(WolkvoxResponseError) {
        if let failure { throw failure }
        buffer.append(contentsOf: chunk)
        try drive(into: &batch)
    }

    /// Feeds the next chunk of the body.
    /// - Parameters:
    ///   - chunk: the next bytes, in order.
    ///   - emit: called for each complete element of `data`, before this returns.
    /// - Throws: `WolkvoxResponseError` when the bytes are not a valid response (after the
    ///   records before the error were emitted), or what `emit` throws.
    package mutating func consume(
        _ chunk: UnsafeRawBufferPointer, emit: (RawRecord) throws -> Void
    ) throws {
        try emitRecords(emit) { (parser, batch) throws(WolkvoxResponseError) in try parser.consume(chunk, into: &batch) }
    }

    /// Feeds the next chunk of the body; see `consume(_:emit:)`.
    package mutating func consume(_ chunk: some Collection<UInt8>, emit: (RawRecord) throws -> Void) throws {
        try emitRecords(emit) { (parser, batch) throws(WolkvoxResponseError) in try parser.consume(chunk, into: &batch) }
    }

    /// Emits the records `fill` read into a batch, those before an error too, then throws it.
    private mutating func emitRecords(
        _ emit: (RawRecord) throws -> Void, _ fill: (inout ResponseParser, inout RecordBatch) throws(WolkvoxResponseError) -> Void
    ) throws {
        var batch = RecordBatch()
        let result = Result { () throws(WolkvoxResponseError) in try fill(&self, &batch) }
        for index in 0..<batch.count { try emit(batch.record(at: index)) }
        try result.get()
    }

    /// Ends the body: returns the envelope, or throws if the JSON is incomplete.
    /// - Throws: `WolkvoxResponseError` (`.truncated`) when the body ended early.
    package mutating func finish() throws(WolkvoxResponseError) -> ResponseEnvelope {
        if let failure { throw failure }
        guard case .end = state else {
            let error = WolkvoxResponseError(
                kind: .truncated, offset: bytesConsumed, reason: truncationReason,
                recordsBefore: envelope.recordCount)
            failure = error
            throw error
        }
        return envelope
    }

    private var truncationReason: String {
        switch state {
        case .start where bytesConsumed == 0:
            return "response body was empty"
        case .dataStart, .listElement, .listNext, .objectPeek, .mapKey, .mapColon, .mapValue, .mapNext,
            .singleRecord:
            return "response ended inside data (after \(envelope.recordCount) records)"
        default:
            return "response ended before the JSON object was complete"
        }
    }

    /// Runs the state machine over the buffer, then drops the bytes no longer needed.
    private mutating func drive(into batch: inout RecordBatch) throws(WolkvoxResponseError) {
        do throws(WolkvoxResponseError) {
            // A copy shares storage: reading it while mutating `self` needs no exclusive access.
            let bytes = buffer
            var stepFailure: WolkvoxResponseError?
            bytes.withUnsafeBytes { p in
                do throws(WolkvoxResponseError) {
                    while try step(p, batch: &batch) {}
                } catch { stepFailure = error }
            }
            batch.names = keys.names
            if let stepFailure { throw stepFailure }
        } catch {
            var error = error
            error.recordsBefore = envelope.recordCount
            failure = error
            throw error
        }
        compact()
    }

    private mutating func compact() {
        var keep = pos
        if scanner.isActive { keep = min(keep, scanner.start) }
        if case .objectPeek = state { keep = min(keep, pos - 1) }
        let drop = keep - base
        guard drop > 0 else { return }
        if drop == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else {
            buffer.removeFirst(drop)
        }
        base = keep
    }
}
