import Testing
import WolkvoxAPI
import WolkvoxMock

/// The synthetic values are nasty but valid, like the real API's.
struct MockValuesTests {
    let dataset = MockDataset(seed: 7, configuration: .init())

    func week(_ report: ReportSpec) -> [RawRecord] {
        let monday = Days.day("2025-02-03")
        return dataset.records(report: report, in: Window(days: monday, through: monday.adding(days: 4)))
    }

    @Test func everyRecordHasTheReportsFieldsAsStrings() {
        for report in ReportCatalog.all {
            let records = report.name == "calls_last_10" ? dataset.snapshot(at: Days.at(Days.day("2025-02-04"), 10, 0, 0)) : week(report)
            #expect(!records.isEmpty, "\(report.name)")
            for record in records.prefix(500) {
                #expect(Set(record.fields.map(\.name)) == Set(report.fields.map(\.name)), "\(report.name)")
                #expect(record.fields.allSatisfy { $0.value != nil })
            }
        }
    }

    @Test func callDetailMinutesAreSecondsRoundedUp() throws {
        for record in week(ReportCatalog.cdr1) {
            let seconds = try #require(Int(record["time_seg"] ?? ""))
            #expect(record["time_min"] == String((seconds + 59) / 60))
        }
    }

    @Test func callDetailHasTheOpenSetsAndTextIDs() {
        let records = week(ReportCatalog.cdr1)
        let types = Set(records.compactMap { $0["type_interaction"] })
        #expect(types.contains("ivr-out"))
        #expect(records.contains { $0["cod_act"] == "TIMEOUTACW" })
        #expect(records.contains { $0["telephone"]?.hasPrefix("000") == true })
        #expect(records.contains { $0["telephone"]?.hasPrefix("057") == true })
        #expect(records.contains { $0["comment"] == " " })
        #expect(records.contains { $0["comment"] == "" })
        #expect(records.contains { $0["comment"]?.contains("\n") == true })
        #expect(records.contains { $0["agent_name"]?.unicodeScalars.contains { $0.value > 0xFFFF } == true })
        let costs = records.compactMap { $0["cost"] }
        #expect(costs.contains { $0.hasPrefix("0.") && $0.count == 6 })
        #expect(costs.contains { !$0.contains(".") && $0 != "0" })
    }

    @Test func chatsCloseAfterTheyOpenOrAreBlank() throws {
        let records = week(ReportCatalog.chat4)
        #expect(records.contains { ($0["body"]?.utf8.count ?? 0) > 10_000 })
        for record in records {
            let created = try #require(LocalDateTime(record: record["date_creation"] ?? ""))
            let close = record["close_date"] ?? ""
            if close.trimmingPrefix(" ").isEmpty { continue }
            let closed = try #require(LocalDateTime(record: close))
            #expect(closed > created)
        }
        #expect(records.contains { $0["close_date"] == "" })
    }

    @Test func menuOptionsHaveAttemptsAndSecondsAsText() throws {
        for record in week(ReportCatalog.diagram13) {
            #expect(["1", "2", "3"].contains(record["attempt"] ?? ""))
            #expect(Int(record["second_event"] ?? "") != nil)
        }
    }

    @Test func invalidValueRateMakesNumbersUncoercible() {
        var configuration = MockDatasetConfiguration()
        configuration.invalidValueRate = 1
        let dirty = MockDataset(seed: 7, configuration: configuration)
        let day = Days.busyWeekday(dirty)
        let records = dirty.records(report: ReportCatalog.cdr1, in: Days.whole(day))
        for record in records {
            let bad = ["cost", "time_seg", "time_min"].filter { name in
                Double(record[name] ?? "") == nil
            }
            #expect(bad.count == 1)
        }
        #expect(records.contains { $0["cost"] == "N/A" })
    }

    @Test func unconnectedResultsVaryInCase() {
        let results = Set(week(ReportCatalog.cdr6).compactMap { $0["result"] })
        #expect(results == ["BUSY", "busy", "NOANSWER", "congestion", "cancel", "chanunavail"])
    }
}
