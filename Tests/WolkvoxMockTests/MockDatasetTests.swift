import Testing
import WolkvoxAPI
import WolkvoxMock

struct MockDatasetTests {
    let dataset = MockDataset(seed: 1, configuration: .init())

    static let datedReports = [ReportCatalog.cdr1, ReportCatalog.chat4, ReportCatalog.diagram13, ReportCatalog.callsLast10]

    @Test func sameSeedGivesIdenticalRecords() {
        let day = Days.busyWeekday(dataset)
        let again = MockDataset(seed: 1, configuration: .init())
        #expect(dataset.records(report: ReportCatalog.cdr1, in: Days.whole(day)) == again.records(report: ReportCatalog.cdr1, in: Days.whole(day)))
    }

    @Test func differentSeedGivesDifferentRecords() {
        let day = Days.busyWeekday(dataset)
        let other = MockDataset(seed: 2, configuration: .init())
        #expect(dataset.records(report: ReportCatalog.cdr1, in: Days.whole(day)) != other.records(report: ReportCatalog.cdr1, in: Days.whole(day)))
    }

    @Test(arguments: datedReports)
    func recordsAreNewestFirstAndInsideTheWindow(report: ReportSpec) throws {
        let day = Days.busyWeekday(dataset, report: report)
        let window = Window(start: Days.at(day, 9, 15, 30), end: Days.at(day.adding(days: 1), 11, 2, 7))
        let records = dataset.records(report: report, in: window)
        #expect(!records.isEmpty)
        let field = report.name == "chat_4" ? "date_creation" : "date"
        let times = try records.map { try #require(LocalDateTime(record: $0[field] ?? "")) }
        #expect(times.allSatisfy(window.contains))
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test(arguments: datedReports + [ReportCatalog.cdr6])
    func countMatchesTheRecordsOfAnyWindow(report: ReportSpec) {
        let day = Days.busyWeekday(dataset, report: report)
        let windows = [
            Days.whole(day),
            Window(start: Days.at(day, 10, 15, 30), end: Days.at(day, 14, 2, 7)),
            Window(days: day.adding(days: -2), through: day),
            Window(start: Days.at(day, 23, 59, 59), end: Days.at(day, 23, 59, 59)),
        ]
        for window in windows {
            #expect(dataset.count(report: report, in: window) == dataset.records(report: report, in: window).count, "\(window)")
        }
    }

    @Test(arguments: datedReports)
    func piecesOfAWindowConcatenateToTheWhole(report: ReportSpec) {
        let day = Days.busyWeekday(dataset, report: report)
        let window = Days.whole(day)
        let pieces = window.split(into: 7).reversed().flatMap { dataset.records(report: report, in: $0) }
        #expect(pieces == dataset.records(report: report, in: window))
    }

    @Test func boundsAreInclusiveAtTheSecond() throws {
        let day = Days.busyWeekday(dataset)
        let last = "\(day) 23:59:59"
        let first = "\(day) 00:00:00"
        let records = dataset.records(report: ReportCatalog.cdr1, in: Days.whole(day))
        #expect(records.first?["date"] == last)
        #expect(records.last?["date"] == first)
        let nextDay = dataset.records(report: ReportCatalog.cdr1, in: Days.whole(day.adding(days: 1)))
        #expect(!nextDay.contains { $0["date"] == last })
        let previousDay = dataset.records(report: ReportCatalog.cdr1, in: Days.whole(day.adding(days: -1)))
        #expect(!previousDay.contains { $0["date"] == first })
    }

    @Test func snapshotIsTheLastTenMinutes() throws {
        let day = Days.busyWeekday(dataset, report: ReportCatalog.callsLast10)
        let now = Days.at(day, 11, 30, 0)
        let snapshot = dataset.snapshot(at: now)
        #expect(!snapshot.isEmpty)
        let window = Window(start: Days.at(day, 11, 20, 0), end: now)
        #expect(snapshot == dataset.records(report: ReportCatalog.callsLast10, in: window))
    }

    @Test func defaultHeavyDayExceedsTheCapButNoHourDoes() {
        let spike = MockDatasetConfiguration.defaultHeavyDay
        #expect(dataset.count(report: ReportCatalog.cdr1, in: Days.whole(spike.day)) > 60_000)
        for hour in 0..<24 {
            let window = Window(start: Days.at(spike.day, hour, 0, 0), end: Days.at(spike.day, hour, 59, 59))
            #expect(dataset.count(report: ReportCatalog.cdr1, in: window) < 60_000, "hour \(hour)")
        }
    }

    @Test func defaultHeavyHourExceedsTheCap() {
        let spike = MockDatasetConfiguration.defaultHeavyHour
        let hour = spike.hours.lowerBound
        let window = Window(start: Days.at(spike.day, hour, 0, 0), end: Days.at(spike.day, hour, 59, 59))
        #expect(dataset.count(report: ReportCatalog.cdr1, in: window) > 60_000)
        let halfHour = Window(start: Days.at(spike.day, hour, 0, 0), end: Days.at(spike.day, hour, 29, 59))
        #expect(dataset.count(report: ReportCatalog.cdr1, in: halfHour) < 60_000)
    }

    @Test func nothingOutsideTheDataRange() {
        let before = Days.whole(Days.day("2023-12-31"))
        let after = Days.whole(Days.day("2027-01-01"))
        for report in ReportCatalog.all {
            #expect(dataset.count(report: report, in: before) == 0)
            #expect(dataset.count(report: report, in: after) == 0)
        }
    }

    @Test func someWeekdaysAreCompletelyEmpty() {
        let start = Days.day("2024-01-01")
        let emptyWeekdays = (0..<366).map { start.adding(days: $0) }.filter { day in
            day.isoWeekday <= 5 && ReportCatalog.all.allSatisfy { dataset.count(report: $0, in: Days.whole(day)) == 0 }
        }
        #expect(!emptyWeekdays.isEmpty)
        #expect(emptyWeekdays.count < 30)
    }

    @Test func weekdaysAreBusyAndSundaysNearlyEmpty() {
        let monday = Days.day("2025-02-03")
        for offset in 0..<14 {
            let day = monday.adding(days: offset)
            let n = dataset.count(report: ReportCatalog.cdr1, in: Days.whole(day))
            switch day.isoWeekday {
            case 6: #expect(n < 2_000, "\(day)")
            case 7: #expect(n < 300, "\(day)")
            default: #expect(n == 0 || (1_200...4_800).contains(n), "\(day): \(n)")
            }
        }
    }

    @Test func resultCountsAddUpOverPiecesOfTheWindow() throws {
        let day = Days.busyWeekday(dataset, report: ReportCatalog.cdr6)
        func counts(_ window: Window) throws -> [String: Int] {
            var out: [String: Int] = [:]
            for record in dataset.records(report: ReportCatalog.cdr6, in: window) {
                out[try #require(record["result"]), default: 0] += try #require(Int(record["count"] ?? ""))
            }
            return out
        }
        let whole = try counts(Days.whole(day))
        var summed: [String: Int] = [:]
        for piece in Days.whole(day).split(into: 5) {
            summed.merge(try counts(piece), uniquingKeysWith: +)
        }
        #expect(whole == summed)
        #expect(whole.keys.contains("BUSY") && whole.keys.contains("busy"))
    }
}
