import FlatExport
import WolkvoxAPI

/// Streams one attempt's records through the transform into staging, in the parts an
/// `ExtractionMachine` decides on (`AnswerPart`), and counts when they were.
///
/// A record of a range report is typed straight from the response's bytes into its lines
/// (``RecordTransformer/writeCells(_:record:slots:into:scratch:)``); the few the transformer
/// leaves to the string path (a reject, fields out of order, nested values, parameter columns,
/// snapshots) become a ``RawRecord`` and a ``FlatRow`` first. Both write the same bytes.
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
    /// A snapshot without dates (``ReportSpec/DayOf/runDay``): its rows go to `fallbackDay`.
    private let placesInRunDay: Bool
    /// Where a snapshot's undatable rejects go: the day of the poll.
    var fallbackDay = LocalDay(year: 1970, month: 1, day: 1)

    private(set) var routers: [AnswerPart: DayRouter] = [:]
    /// The router written last: rows go to the same part one after another.
    private var lastRouter: (part: AnswerPart, router: DayRouter)?
    private let makeRouter: (AnswerPart) -> DayRouter
    private var edges = CutEdges<Held>(limit: WindowWriter.holdLimit)
    /// Dated rows (and rejects) per naive second.
    var seconds: [Int: Int] { secondCounts.bySecond }
    private var secondCounts = SecondCounts()
    /// Whether every record was dated inside the window, so a cut answer may be kept.
    private(set) var keepable = true

    /// More records than this in one edge second and the answer is not kept when cut: holding
    /// them would cost memory for a case the API does not produce.
    static let holdLimit = 5_000

    enum Held {
        case row(FlatRow, extras: [(String, String)], day: LocalDay)
        /// A row typed straight into its lines (``CellWriter``), copied to be held.
        case lines(OwnedRowLines, day: LocalDay)
        /// One record exploded into rows (`transform.explode`): counted and cut as one record.
        case rows([ExplodedRow], day: LocalDay)
        case reject(RawRecord, field: String, reason: String, day: LocalDay?)
    }

    /// Columns the pipeline's parameters add, and this request's values for them.
    private let parameterColumns: ParameterColumns?
    private let parameterValues: ParameterColumns.LaneValues?
    /// The values asked, part of a snapshot row's key.
    private let askedValues: [String]

    init(request: ExtractionRequest?, report: ReportSpec, transformer: RecordTransformer, staging: DayStaging,
         rejects: DayStaging, snapshotID: String = "snapshot", excludeKeys: Set<String> = [],
         parameterColumns: ParameterColumns? = nil, lane: ParameterLane? = nil) {
        window = request?.window
        askedValues = lane?.parameters.map(\.value) ?? []
        if let parameterColumns, !parameterColumns.isEmpty, let lane {
            self.parameterColumns = parameterColumns
            parameterValues = parameterColumns.values(for: lane)
        } else {
            self.parameterColumns = nil
            parameterValues = nil
        }
        check = request?.check
        self.excludeKeys = excludeKeys
        self.report = report
        self.transformer = transformer
        if case .field(let name) = report.dayOf { dayField = name } else { dayField = nil }
        placesInRunDay = report.dayOf == .runDay
        makeRouter = { part in
            DayRouter(id: request?.segmentID(part) ?? snapshotID, staging: staging, rejects: rejects)
        }
        // A snapshot checks each row's key, and parameter columns add to the row: both need
        // the row as values.
        typesCells = window != nil && self.parameterColumns == nil && transformer.writesCells
        cells = CellWriter(schema: transformer.schema, formats: staging.store.configuration.formats)
    }

    deinit {
        cells.release()
        scratch.release()
    }

    /// Whether records are typed straight from the batch's bytes into `cells`.
    private let typesCells: Bool
    private var cells: CellWriter
    /// A value's text made for a cell (a timestamp, a number rewritten).
    private var scratch = ByteBuilder(capacity: 64)
    /// The transformer's slot of each name id of the response's batches.
    private var slotOfName: [Int] = []

    var rows: Int { routers.values.reduce(0) { $0 + $1.rows } }
    var rejected: Int { routers.values.reduce(0) { $0 + $1.rejected } }

    /// Stages a batch of records, handing full gzip blocks to the deflate pool after each: the
    /// one place a record's path suspends (when the pool is full), so a row costs no task switch.
    func handle(_ batch: RecordBatch) async throws {
        if typesCells {
            while slotOfName.count < batch.names.count { slotOfName.append(transformer.slot(named: batch.names[slotOfName.count])) }
        }
        for index in 0..<batch.count {
            let written = try typesCells && stageCells(batch, index)
            if !written { try stage(batch.record(at: index)) }
            if handOffs.pending() { try await handOffs.handOff() }
        }
    }

    /// Routers written since the last hand-off.
    private var handOffs = BlockHandOffs<DayRouter>()

    /// Types record `index` straight into cells and writes its row; false when the record
    /// takes the string path instead (``CellOutcome/needsRecord``), nothing written.
    private func stageCells(_ batch: RecordBatch, _ index: Int) throws -> Bool {
        guard case .row(let time, let lines) = transformer.writeCells(batch, record: index, slots: slotOfName, into: &cells, scratch: &scratch)
        else { return false }
        switch try placement(time: time, record: batch.record(at: index)) {
        case .at(let time):
            // The lines are copied only to be held: most rows are written at once.
            try place(at: time, held: { .lines(OwnedRowLines(lines), day: time.day) }) { part in
                try writeLines(lines, day: time.day, to: part)
            }
        case .apart(let day): try writeLines(lines, day: day, to: .middle)
        case .rejected: break
        }
        return true
    }

    /// Only a router that says it has blocks waiting is noted: the others are not asked after
    /// the record, which costs more than the row when done for every one.
    private func writeLines(_ lines: RowLines, day: LocalDay, to part: AnswerPart) throws {
        let router = router(for: part)
        if try router.stage(lines: lines, day: day) { handOffs.note(router) }
    }

    /// Transforms one record and writes its rows without suspending (see `handle`).
    private func stage(_ record: RawRecord) throws {
        // Only a snapshot whose rows carry their own time (calls_last_10) skips what earlier
        // polls landed: its polls overlap and add to the days. A snapshot without dates
        // (information.agents) replaces the run's day whole, so it keeps every row it receives.
        if window == nil, !placesInRunDay {
            // A row's key may not name the value it was asked with (`information.agents_in_skill`
            // lists agents, not skills): the value is part of it, or one skill's agents would
            // hide another's.
            let key = (askedValues + report.key.map { record[$0] ?? "" }).joined(separator: "\u{1F}")
            guard !excludeKeys.contains(key), keys.insert(key).inserted else { return }
        }
        switch transformer.transform(record) {
        case .row(var row, let time, var extras):
            if let parameterColumns, let parameterValues { parameterColumns.apply(parameterValues, to: &row, extras: &extras) }
            switch try placement(time: time, record: record) {
            case .at(let time): try place(.row(row, extras: extras, day: time.day), at: time)
            case .apart(let day): try write(.row(row, extras: extras, day: day), to: .middle)
            case .rejected: return
            }
        case .rows(let exploded, let time):
            let rows = exploded.map { item in
                var item = item
                if let parameterColumns, let parameterValues {
                    parameterColumns.apply(parameterValues, to: &item.row, extras: &item.extras)
                }
                return item
            }
            switch try placement(time: time, record: record) {
            case .at(let time): try place(.rows(rows, day: time.day), at: time)
            case .apart(let day): try write(.rows(rows, day: day), to: .middle)
            case .rejected: return
            }
        case .reject(let field, let value, let reason):
            if transformer.onError == .fail {
                throw TransformFailure(field: field, value: value, reason: reason, window: window)
            }
            let time = dayField.flatMap { record[$0] }.flatMap { LocalDateTime(record: $0) }
            if let time, window?.contains(time) ?? true {
                try place(.reject(record, field: field, reason: reason, day: time.day), at: time)
            } else {
                keepable = false
                let day = time.map(\.day).flatMap { d in (window.map { $0.days.contains(d) } ?? true) ? d : nil }
                try write(.reject(record, field: field, reason: reason, day: day), to: .middle)
            }
        }
    }

    /// Where a record's rows go.
    private enum Placement {
        /// In the day of their own time, counted for the cut.
        case at(LocalDateTime)
        /// Written at once in this day: the window's (the rows carry no date) or the run's.
        case apart(LocalDay)
        /// Nowhere: the record went to the rejects.
        case rejected
    }

    /// Where the rows of a record with `time` go; rejects the record when they can go nowhere.
    private func placement(time: LocalDateTime?, record: @autoclosure () -> RawRecord) throws -> Placement {
        guard let time else {
            if let window {
                keepable = false
                return .apart(window.start.day)
            }
            // A snapshot without dates: its rows are the run's day's.
            if placesInRunDay { return .apart(fallbackDay) }
            try write(.reject(record(), field: "", reason: "the record carries no date to place it in a day", day: nil), to: .middle)
            return .rejected
        }
        // A record outside the window would be fetched again by the window that owns it. An
        // API that sends one is not to be trusted with a cut answer either.
        if let window, !window.contains(time) {
            keepable = false
            try write(.reject(record(), field: dayField ?? "", reason: "dated outside the requested window \(window)", day: time.day), to: .middle)
            return .rejected
        }
        return .at(time)
    }

    /// A dated record: counted, then written at once, held as an edge, or staged as checked.
    private func place(_ item: Held, at time: LocalDateTime) throws {
        try place(at: time, held: { item }) { part in try write(item, to: part) }
    }

    /// `place` for an item made only when it is held (`held`), else written by `writeNow`.
    private func place(at time: LocalDateTime, held: () -> Held, writeNow: (AnswerPart) throws -> Void) throws {
        guard window != nil else { return try writeNow(.middle) }
        let second = time.naiveSeconds
        secondCounts.add(second)
        if let check, check.contains(time) { return try writeNow(.check) }
        guard edges.holds(second) else { return try writeNow(.middle) }
        for displaced in edges.add(held(), at: second) { try write(displaced, to: .middle) }
    }

    /// The router of `part`, made on first use.
    private func router(for part: AnswerPart) -> DayRouter {
        let router: DayRouter
        if let last = lastRouter, last.part == part {
            router = last.router
        } else if let existing = routers[part] {
            router = existing
        } else {
            router = makeRouter(part)
            routers[part] = router
        }
        lastRouter = (part, router)
        return router
    }

    private func write(_ item: Held, to part: AnswerPart) throws {
        let router = router(for: part)
        handOffs.note(router)
        switch item {
        case .row(let row, let extras, let day):
            try router.stage(row, extras: extras, day: day)
        case .lines(let lines, let day):
            _ = try lines.withLines { try router.stage(lines: $0, day: day) }
        case .rows(let rows, let day):
            for exploded in rows { try router.stage(exploded.row, extras: exploded.extras, day: day) }
        case .reject(let record, let field, let reason, let day):
            // Rejects go to the day of the record when it can be told, else to the window's first day.
            let day = day ?? window?.start.day ?? fallbackDay
            try router.stageReject(
                RejectRecord.row(record: record, field: field, reason: reason, window: window?.description ?? "snapshot"), day: day)
        }
    }

    /// Writes the held edges (with the others when the answer came whole, apart when it was cut)
    /// and finishes every segment.
    func finish(heldCap: Bool) async throws {
        if edges.overflowed { keepable = false }
        for item in edges.low?.items ?? [] {
            try write(item, to: heldCap ? .oldestSecond : .middle)
            if handOffs.pending() { try await handOffs.handOff() }
        }
        for item in edges.high?.items ?? [] {
            try write(item, to: heldCap ? .newestSecond : .middle)
            if handOffs.pending() { try await handOffs.handOff() }
        }
        edges = CutEdges(limit: Self.holdLimit)
        for router in routers.values { try await router.finish() }
    }

    func discard() {
        handOffs.removeAll()
        for router in routers.values { router.discard() }
        routers = [:]
        lastRouter = nil
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
