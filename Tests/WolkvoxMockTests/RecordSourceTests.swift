import Testing
import WolkvoxAPI
@testable import WolkvoxMock

/// Which rows an over-full window keeps and the order they go in, without sockets: every
/// (keeps, order) pair over a window that starts and ends mid-hour.
struct RecordSourceTests {
    static let dataset = MockDataset(seed: 1, configuration: Days.smallData)
    static let report = ReportCatalog.cdr1
    static let window: Window = {
        let day = Days.busyWeekday(dataset)
        return Window(start: Days.at(day, 7, 41, 13), end: Days.at(day.adding(days: 1), 15, 3, 9))
    }()
    /// Ground truth, newest first.
    static let truth = dataset.records(report: report, in: window)
    static let cap = 40

    /// Everything the source yields: it must stop by itself after the kept rows.
    static func sent(keeps: MockCapKeeps, order: MockRowOrder, cap: Int = cap, seed: UInt64 = 1) -> [RawRecord] {
        let total = truth.count
        let plan = RowPlan(total: total, cap: cap, keeps: keeps, order: order)
        var source = RecordSource(dataset: dataset, report: report.name, window: window, total: total, plan: plan, seed: seed)
        var rows: [RawRecord] = []
        while let row = source.next() { rows.append(row) }
        return rows
    }

    static func time(_ record: RawRecord) -> LocalDateTime { LocalDateTime(record: record["date"] ?? "")! }

    @Test func theWindowHoldsSeveralTimesTheCap() {
        #expect(Self.truth.count > 3 * Self.cap)
    }

    @Test(arguments: MockRowOrder.allCases)
    func newestKeepsTheNewestCapRows(order: MockRowOrder) {
        let rows = Self.sent(keeps: .newest, order: order)
        #expect(rows.count == Self.cap)
        #expect(Set(rows) == Set(Self.truth.prefix(Self.cap)))
    }

    @Test(arguments: MockRowOrder.allCases)
    func oldestKeepsTheOldestCapRows(order: MockRowOrder) {
        let rows = Self.sent(keeps: .oldest, order: order)
        #expect(rows.count == Self.cap)
        #expect(Set(rows) == Set(Self.truth.suffix(Self.cap)))
    }

    @Test(arguments: MockRowOrder.allCases)
    func arbitraryKeepsASeededSpreadOfTheWindow(order: MockRowOrder) {
        let rows = Set(Self.sent(keeps: .arbitrary, order: order))
        #expect(rows.count == Self.cap)
        #expect(rows.isSubset(of: Set(Self.truth)))
        #expect(rows != Set(Self.truth.prefix(Self.cap)))
        #expect(rows != Set(Self.truth.suffix(Self.cap)))
        let third = Self.truth.count / 3
        #expect(!rows.isDisjoint(with: Self.truth.prefix(third)), "no row from the newest third")
        #expect(!rows.isDisjoint(with: Self.truth.suffix(third)), "no row from the oldest third")
        #expect(rows == Set(Self.sent(keeps: .arbitrary, order: .newestFirst)), "the order changed which rows are kept")
        #expect(rows != Set(Self.sent(keeps: .arbitrary, order: order, seed: 2)))
    }

    @Test(arguments: MockCapKeeps.allCases, [RecordSourceTests.cap, RecordSourceTests.truth.count, RecordSourceTests.truth.count + 5])
    func rowsGoInTheirOrder(keeps: MockCapKeeps, cap: Int) throws {
        var kept: [RawRecord] = []
        for order in MockRowOrder.allCases {
            let rows = Self.sent(keeps: keeps, order: order, cap: cap)
            if order == .newestFirst { kept = rows }
            let expected = Self.truth.filter(Set(rows).contains)
            #expect(rows.count == min(cap, Self.truth.count))
            switch order {
            case .newestFirst:
                #expect(rows == expected)
            case .oldestFirst:
                #expect(rows == expected.reversed())
            case .shuffledWithinHours:
                let hours = Dictionary(grouping: expected) { Self.time($0).naiveSeconds / 3600 }
                #expect(rows == hours.keys.sorted(by: >).flatMap { hours[$0]!.reversed() })
            case .shuffled:
                let times = rows.map(Self.time)
                #expect(!zip(times, times.dropFirst()).allSatisfy { $0 >= $1 }, "sorted newest first")
                #expect(!zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "sorted oldest first")
                #expect(rows == Self.sent(keeps: keeps, order: order, cap: cap), "another permutation for the same query")
            }
            #expect(Set(rows) == Set(kept), "\(order) keeps other rows than newest-first")
        }
    }

    @Test func theDefaultStreamsAndOnlyLotsAndShufflesGather() {
        #expect(RowPlan(total: 100, cap: 60, keeps: .newest, order: .newestFirst) == .stream(.newestFirst, kept: 0..<60))
        #expect(RowPlan(total: 50, cap: 60, keeps: .newest, order: .newestFirst) == .stream(.newestFirst, kept: nil))
        #expect(RowPlan(total: 100, cap: 60, keeps: .oldest, order: .newestFirst) == .stream(.newestFirst, kept: 40..<100))
        #expect(RowPlan(total: 100, cap: 60, keeps: .newest, order: .oldestFirst) == .stream(.oldestFirst, kept: 0..<60))
        #expect(RowPlan(total: 50, cap: 60, keeps: .arbitrary, order: .oldestFirst) == .stream(.oldestFirst, kept: nil))
        #expect(RowPlan(total: 100, cap: 60, keeps: .arbitrary, order: .oldestFirst) == .gather(.byLot(60), .oldestFirst))
        #expect(RowPlan(total: 100, cap: 60, keeps: .oldest, order: .shuffled) == .gather(.positions(40..<100), .shuffled))
    }
}
