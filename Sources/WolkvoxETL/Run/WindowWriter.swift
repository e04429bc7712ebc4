import FlatExport
import WolkvoxAPI

/// Streams one attempt's records through the transform into staging, in the parts an
/// `ExtractionMachine` decides on (`AnswerPart`), and counts when they were.
///
/// Rows may come in any order. The rows of the oldest and the newest second are held until the
/// answer ends (`CutEdges`); an answer that came whole writes them with the others, a cut one
/// stages them apart so either edge can be left out of a kept part. Rows inside the request's
/// check region are staged apart too.
///
/// - Important: Used by one task only, for one attempt: `discard()` removes everything it wrote,
///   so an attempt that is retried leaves no trace.
final class WindowWriter {
    /// nil for a snapshot report (no range): records are placed by their own day.
    let window: Window?
    let check: Window?
    /// Keys already landed by the previous snapshot: overlapping polls must not land a record twice.
    let excludeKeys: Set<String>
    private(set) var keys: Set<String> = []
    let report: ReportSpec
    let transformer: RecordTransformer
    private let dayField: String?
    /// Where a snapshot's undatable rejects go: the day of the poll.
    var fallbackDay = LocalDay(year: 1970, month: 1, day: 1)

    private(set) var routers: [AnswerPart: DayRouter] = [:]
    private let makeRouter: (AnswerPart) -> DayRouter
    private var edges = CutEdges<Held>(limit: WindowWriter.holdLimit)
    /// Dated rows (and rejects) per naive second.
    private(set) var seconds: [Int: Int] = [:]
    /// Whether every record was dated inside the window, so a cut answer may be kept.
    private(set) var keepable = true

    /// More records than this in one edge second and the answer is not kept when cut: holding
    /// them would cost memory for a case the API does not produce.
    static let holdLimit = 5_000

    enum Held {
        case row(FlatRow, extras: [(String, String)], day: LocalDay)
        case reject(RawRecord, field: String, reason: String, day: LocalDay?)
    }

    /// Columns the pipeline's parameters add, and this request's values for them.
    private let parameterColumns: ParameterColumns?
    private let parameterValues: [String]

    init(request: ExtractionRequest?, report: ReportSpec, transformer: RecordTransformer, staging: DayStaging,
         rejects: DayStaging, snapshotID: String = "snapshot", excludeKeys: Set<String> = [],
         parameterColumns: ParameterColumns? = nil, lane: ParameterLane? = nil) {
        window = request?.window
        if let parameterColumns, !parameterColumns.names.isEmpty, let lane {
            self.parameterColumns = parameterColumns
            parameterValues = parameterColumns.values(for: lane)
        } else {
            self.parameterColumns = nil
            parameterValues = []
        }
        check = request?.check
        self.excludeKeys = excludeKeys
        self.report = report
        self.transformer = transformer
        if case .field(let name) = report.dayOf { dayField = name } else { dayField = nil }
        makeRouter = { part in
            DayRouter(id: request?.segmentID(part) ?? snapshotID, staging: staging, rejects: rejects)
        }
    }

    var rows: Int { routers.values.reduce(0) { $0 + $1.rows } }
    var rejected: Int { routers.values.reduce(0) { $0 + $1.rejected } }

    func handle(_ record: RawRecord) async throws {
        if window == nil {
            // A row's key may not name the value it was asked with (`information.agents_in_skill`
            // lists agents, not skills): the value is part of it, or one skill's agents would
            // hide another's.
            let key = (parameterValues + report.key.map { record[$0] ?? "" }).joined(separator: "\u{1F}")
            guard !excludeKeys.contains(key), keys.insert(key).inserted else { return }
        }
        switch transformer.transform(record) {
        case .row(var row, let time, var extras):
            parameterColumns?.apply(parameterValues, to: &row, extras: &extras)
            guard let time else {
                if let window {
                    keepable = false
                    try await write(.row(row, extras: extras, day: window.start.day), to: .middle)
                } else {
                    try await write(.reject(record, field: "", reason: "the record carries no date to place it in a day", day: nil), to: .middle)
                }
                return
            }
            // A record outside the window would be fetched again by the window that owns it. An
            // API that sends one is not to be trusted with a cut answer either.
            if let window, !window.contains(time) {
                keepable = false
                try await write(.reject(record, field: dayField ?? "", reason: "dated outside the requested window \(window)", day: time.day), to: .middle)
                return
            }
            try await place(.row(row, extras: extras, day: time.day), at: time)
        case .reject(let field, let value, let reason):
            if transformer.onError == .fail {
                throw TransformFailure(field: field, value: value, reason: reason, window: window)
            }
            let time = dayField.flatMap { record[$0] }.flatMap { LocalDateTime(record: $0) }
            if let time, window?.contains(time) ?? true {
                try await place(.reject(record, field: field, reason: reason, day: time.day), at: time)
            } else {
                keepable = false
                let day = time.map(\.day).flatMap { d in (window.map { $0.days.contains(d) } ?? true) ? d : nil }
                try await write(.reject(record, field: field, reason: reason, day: day), to: .middle)
            }
        }
    }

    /// A dated record: counted, then written at once, held as an edge, or staged as checked.
    private func place(_ item: Held, at time: LocalDateTime) async throws {
        guard window != nil else { return try await write(item, to: .middle) }
        let second = time.naiveSeconds
        seconds[second, default: 0] += 1
        if let check, check.contains(time) { return try await write(item, to: .check) }
        for displaced in edges.add(item, at: second) { try await write(displaced, to: .middle) }
    }

    private func write(_ item: Held, to part: AnswerPart) async throws {
        let router: DayRouter
        if let existing = routers[part] {
            router = existing
        } else {
            router = makeRouter(part)
            routers[part] = router
        }
        switch item {
        case .row(let row, let extras, let day):
            try await router.append(row, extras: extras, day: day)
        case .reject(let record, let field, let reason, let day):
            // Rejects go to the day of the record when it can be told, else to the window's first day.
            let day = day ?? window?.start.day ?? fallbackDay
            try await router.appendReject(
                RejectRecord.row(record: record, field: field, reason: reason, window: window?.description ?? "snapshot"), day: day)
        }
    }

    /// Writes the held edges (with the others when the answer came whole, apart when it was cut)
    /// and finishes every segment.
    func finish(heldCap: Bool) async throws {
        if edges.overflowed { keepable = false }
        for item in edges.low?.items ?? [] { try await write(item, to: heldCap ? .oldestSecond : .middle) }
        for item in edges.high?.items ?? [] { try await write(item, to: heldCap ? .newestSecond : .middle) }
        edges = CutEdges(limit: Self.holdLimit)
        for router in routers.values { try await router.finish() }
    }

    func discard() {
        for router in routers.values { router.discard() }
        routers = [:]
        edges = CutEdges(limit: Self.holdLimit)
    }

    /// What this answer staged, for the runner to land or discard part by part.
    func staged() -> StagedAnswer { StagedAnswer(routers: routers) }
}

/// The finished parts of one answer, kept by the runner until their days land or the machine
/// discards them.
///
/// - Important: `@unchecked Sendable`: the window task that wrote the parts hands them over with
///   its outcome and never touches them again; only the runner uses them afterwards.
final class StagedAnswer: @unchecked Sendable {
    private var routers: [AnswerPart: DayRouter]

    init(routers: [AnswerPart: DayRouter]) { self.routers = routers }

    /// Segment id -> days it has data for, and days it has rejects for.
    var dataDays: [String: Set<LocalDay>] { Dictionary(uniqueKeysWithValues: routers.values.map { ($0.id, $0.dataDays) }) }
    var rejectDays: [String: Set<LocalDay>] { Dictionary(uniqueKeysWithValues: routers.values.map { ($0.id, $0.rejectDays) }) }
    var rows: Int { routers.values.reduce(0) { $0 + $1.rows } }

    func discardAll() {
        for router in routers.values { router.discard() }
        routers = [:]
    }

    /// Removes one part's staged files (a no-op for a part that wrote nothing).
    func discard(segmentID: String) {
        for (part, router) in routers where router.id == segmentID {
            router.discard()
            routers[part] = nil
        }
    }
}
