import FlatExport
import Foundation
import Testing
import WolkvoxAPI

@testable import WolkvoxETL

struct TransformRecordTests {
    static let bogota = TimeZone(identifier: "America/Bogota")!

    static func record(_ pairs: KeyValuePairs<String, String?>) -> RawRecord {
        RawRecord(fields: pairs.map { RawRecord.Field(name: $0.key, value: $0.value) })
    }

    /// A cdr_1 record as the API sends it: every catalog field, in order.
    static func cdr1(date: String? = "2025-01-05 08:30:00", cost: String = "0.0150", timeSeg: String = "65") -> RawRecord {
        var fields = ReportCatalog.cdr1.fields.map { RawRecord.Field(name: $0.name, value: "x-\($0.name)") }
        fields[1].value = date
        fields[4].value = cost
        fields[5].value = timeSeg
        fields[6].value = "2"
        return RawRecord(fields: fields)
    }

    static func transformer(_ report: ReportSpec = ReportCatalog.cdr1, _ t: Pipeline.Transform = .init()) -> RecordTransformer {
        RecordTransformer(report: report, transform: t, timeZone: bogota)
    }

    @Test func schemaIsCatalogMinusDropRenamedPlusDeclared() {
        let t = Self.transformer(
            ReportCatalog.cdr1, .init(fields: ["cost": .string, "zeta": .int, "alpha": .string], drop: ["comment", "destiny"], rename: ["time_seg": "duration_s"]))
        var expected = ReportCatalog.cdr1.fields.map(\.name).filter { $0 != "comment" && $0 != "destiny" }
        expected[expected.firstIndex(of: "time_seg")!] = "duration_s"
        #expect(t.schema.columns == expected + ["alpha", "zeta"])
    }

    @Test func catalogRecordBecomesATypedRow() throws {
        let outcome = Self.transformer().transform(Self.cdr1())
        guard case .row(let row, let time, let extras) = outcome else {
            Issue.record("rejected: \(outcome)")
            return
        }
        #expect(time?.day == LocalDay(year: 2025, month: 1, day: 5))
        #expect(extras.isEmpty)
        #expect(row.count == 20)
        #expect(row[0] == .text("x-agent_name"))
        #expect(row[1] == .text("2025-01-05T08:30:00-05:00"))
        #expect(row[4] == .number("0.0150"))
        #expect(row[5] == .number("65"))
        #expect(row[6] == .number("2"))
        #expect(row[19] == .text("x-comment"))
    }

    @Test func fieldsOutOfOrderMissingAndUnknownAreHandledByName() throws {
        let record = Self.record([
            "extra_b": "b", "cost": "1250.50", "date": "2025-01-05 23:59:59", "mystery": "m", "nothing": nil,
            "telephone": "0057300",
        ])
        guard case .row(let row, let time, let extras) = Self.transformer().transform(record) else {
            Issue.record("rejected")
            return
        }
        #expect(time?.day.description == "2025-01-05")
        #expect(row[4] == .number("1250.50"))
        #expect(row[3] == .text("0057300"))
        #expect(row[0] == .null)
        #expect(extras.map(\.0) == ["extra_b", "mystery"])
        #expect(extras.map(\.1) == ["b", "m"])
    }

    @Test func declaredFieldIsTypedAndNotAnExtra() {
        let t = Self.transformer(ReportCatalog.cdr1, .init(fields: ["campaign_size": .int]))
        var record = Self.cdr1()
        record.fields.append(.init(name: "campaign_size", value: "0042"))
        guard case .row(let row, _, let extras) = t.transform(record) else {
            Issue.record("rejected")
            return
        }
        #expect(row.last == .number("42"))
        #expect(extras.isEmpty)
    }

    @Test func badValueRejectsTheRecordWithFieldAndReason() {
        let outcome = Self.transformer().transform(Self.cdr1(cost: "1,5"))
        guard case .reject(let field, let value, let reason) = outcome else {
            Issue.record("not rejected")
            return
        }
        #expect(field == "cost")
        #expect(value == "1,5")
        #expect(reason == "not a decimal: '1,5'")
    }

    @Test func onErrorNullNullsTheBadFieldAndKeepsTheRecord() {
        let t = Self.transformer(ReportCatalog.cdr1, .init(onError: .null))
        #expect(t.onError == .null)
        guard case .row(let row, _, _) = t.transform(Self.cdr1(cost: "N/A", timeSeg: "-1")) else {
            Issue.record("rejected")
            return
        }
        #expect(row[4] == .null)
        #expect(row[5] == .null)
    }

    @Test func onErrorFailStillReturnsTheRejectForTheCaller() {
        let t = Self.transformer(ReportCatalog.cdr1, .init(onError: .fail))
        #expect(t.onError == .fail)
        guard case .reject(let field, _, _) = t.transform(Self.cdr1(timeSeg: "abc")) else {
            Issue.record("not rejected")
            return
        }
        #expect(field == "time_seg")
    }

    @Test(arguments: [Pipeline.OnError.reject, .null, .fail], [String?.none, "", "  ", "not a date"])
    func badDayFieldAlwaysRejects(onError: Pipeline.OnError, date: String?) {
        let outcome = Self.transformer(ReportCatalog.cdr1, .init(onError: onError)).transform(Self.cdr1(date: date))
        guard case .reject(let field, let value, let reason) = outcome else {
            Issue.record("not rejected")
            return
        }
        #expect(field == "date")
        #expect(value == date)
        #expect(reason.contains("cannot be placed in a day"))
    }

    @Test func missingDayFieldRejects() {
        let outcome = Self.transformer().transform(Self.record(["agent_name": "ana"]))
        guard case .reject(let field, nil, _) = outcome else {
            Issue.record("not rejected")
            return
        }
        #expect(field == "date")
    }

    @Test func droppedDayFieldStillPlacesTheRecord() {
        let t = Self.transformer(ReportCatalog.cdr1, .init(drop: ["date"]))
        guard case .row(let row, let time, _) = t.transform(Self.cdr1()) else {
            Issue.record("rejected")
            return
        }
        #expect(time?.day.description == "2025-01-05")
        #expect(row.count == 19)
    }

    @Test func windowDayReportHasNoDay() {
        let t = Self.transformer(ReportCatalog.cdr6)
        #expect(t.dayField == nil)
        guard case .row(let row, let time, _) = t.transform(Self.record(["result": "BUSY", "count": "0012"])) else {
            Issue.record("rejected")
            return
        }
        #expect(time == nil)
        #expect(row == [.text("BUSY"), .number("12")])
    }

    @Test func chatDayComesFromDateCreationAndCloseDateMayBeBlank() {
        let t = Self.transformer(ReportCatalog.chat4)
        let record = Self.record(["date_creation": "2025-01-05 23:00:00", "close_date": " "])
        guard case .row(let row, let time, _) = t.transform(record) else {
            Issue.record("rejected")
            return
        }
        #expect(time?.day.description == "2025-01-05")
        #expect(row[9] == .text("2025-01-05T23:00:00-05:00"))
        #expect(row[10] == .null)
    }
}
