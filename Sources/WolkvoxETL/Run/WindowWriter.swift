import FlatExport
import WolkvoxAPI

/// Routes one attempt's records to per-day segments (rows) and reject segments.
///
/// - Important: Used by one task only, for one attempt: `discard()` removes everything it wrote,
///   so an attempt that is retried or split leaves no trace.
final class WindowWriter {
    /// nil for a snapshot report (no range): records are placed by their own day.
    let window: Window?
    let id: String
    /// Keys already landed by the previous snapshot: overlapping polls must not land a record twice.
    let excludeKeys: Set<String>
    private(set) var keys: Set<String> = []
    let report: ReportSpec
    let transformer: RecordTransformer
    let staging: DayStaging
    let rejects: DayStaging
    private var segments: [LocalDay: DayStaging.Segment] = [:]
    private var rejectSegments: [LocalDay: DayStaging.Segment] = [:]
    private var rows = 0
    private var rejected = 0
    private let dayField: String?
    /// Where a snapshot's undatable rejects go: the day of the poll.
    var fallbackDay = LocalDay(year: 1970, month: 1, day: 1)

    init(window: Window?, id: String, report: ReportSpec, transformer: RecordTransformer, staging: DayStaging,
         rejects: DayStaging, excludeKeys: Set<String> = []) {
        self.window = window
        self.id = id
        self.excludeKeys = excludeKeys
        self.report = report
        self.transformer = transformer
        self.staging = staging
        self.rejects = rejects
        if case .field(let name) = report.dayOf { dayField = name } else { dayField = nil }
    }

    func handle(_ record: RawRecord) throws {
        if window == nil {
            let key = report.key.map { record[$0] ?? "" }.joined(separator: "\u{1F}")
            guard !excludeKeys.contains(key), keys.insert(key).inserted else { return }
        }
        switch transformer.transform(record) {
        case .row(let row, let time, let extras):
            let placed: LocalDay
            if let time {
                // A record outside the window would be fetched again by the window that owns it.
                if let window, !window.contains(time) {
                    try reject(record, field: dayField ?? "", reason: "dated outside the requested window \(window)", day: time.day)
                    return
                }
                placed = time.day
            } else if let window {
                placed = window.start.day
            } else {
                try reject(record, field: "", reason: "the record carries no date to place it in a day", day: nil)
                return
            }
            try segment(for: placed).append(row, extras: extras)
            rows += 1
        case .reject(let field, let value, let reason):
            if transformer.onError == .fail {
                throw TransformFailure(field: field, value: value, reason: reason, window: window)
            }
            let day = dayField.flatMap { record[$0] }.flatMap { LocalDateTime(record: $0) }?.day
            try reject(record, field: field, reason: reason, day: day.flatMap { d in window.map { $0.days.contains(d) } ?? true ? d : nil })
        }
    }

    private func segment(for day: LocalDay) throws -> DayStaging.Segment {
        if let s = segments[day] { return s }
        let s = try staging.openSegment(day: day, id: id)
        segments[day] = s
        return s
    }

    /// Rejects go to the day of the record when it can be told, else to the window's first day.
    private func reject(_ record: RawRecord, field: String, reason: String, day: LocalDay?) throws {
        let day = day ?? window?.start.day ?? fallbackDay
        let s: DayStaging.Segment
        if let existing = rejectSegments[day] {
            s = existing
        } else {
            s = try rejects.openSegment(day: day, id: id)
            rejectSegments[day] = s
        }
        try s.append(RejectRecord.row(record: record, field: field, reason: reason, window: window?.description ?? "snapshot"), extras: [])
        rejected += 1
    }

    /// Finishes every segment. Days the window covers but that got no rows still count as
    /// arrived: an empty day is a landed day with zero rows.
    func finish() throws -> (rows: Int, rejects: Int, days: Set<LocalDay>) {
        for s in segments.values { try s.finish() }
        for s in rejectSegments.values { try s.finish() }
        return (rows, rejected, Set(segments.keys))
    }

    func discard() {
        for s in segments.values { s.discard() }
        for s in rejectSegments.values { s.discard() }
        segments = [:]
        rejectSegments = [:]
    }
}

/// The shape of `_wolkvox/rejects/REPORT/dt=DAY/` files: the record as received, the field that
/// did not coerce and why.
enum RejectRecord {
    static let schema = FlatSchema(columns: ["field", "reason", "window", "record"])

    static func row(record: RawRecord, field: String, reason: String, window: String) -> FlatRow {
        [.text(field), .text(reason), .text(window), .json(jsonObject(record))]
    }

    /// The record as the API sent it, as one JSON object (FlatExport's encoder does the escaping).
    static func jsonObject(_ record: RawRecord) -> String {
        let encoder = NDJSONRowEncoder(schema: FlatSchema(columns: record.fields.map(\.name)))
        var bytes: [UInt8] = []
        encoder.encode(record.fields.map { $0.value.map(FlatValue.text) ?? .null }, into: &bytes)
        if bytes.last == 0x0A { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
