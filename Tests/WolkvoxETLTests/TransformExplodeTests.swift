import FlatExport
import Foundation
import Testing
import WolkvoxAPI

@testable import WolkvoxETL

/// `transform.explode`: one row per element of a nested array, carrying the record's other fields.
struct TransformExplodeTests {
    static func transformer(_ report: ReportSpec, _ t: Pipeline.Transform) -> RecordTransformer {
        RecordTransformer(report: report, transform: t, timeZone: TransformNestedTests.bogota)
    }

    static func rows(_ outcome: TransformOutcome) -> [ExplodedRow] {
        guard case .rows(let rows, _) = outcome else {
            Issue.record("not exploded: \(outcome)")
            return []
        }
        return rows
    }

    /// A report whose elements carry a field of the record's own name (`agent_id`).
    static let report = ReportSpec(
        name: "x_1", title: "x", endpoint: .reportsManager,
        fields: [
            .init("agent_id", .string, ""),
            .init("hours", .string, "", nesting: .array([.init("hour", .int, ""), .init("agent_id", .string, ""), .init("calls", .int, "")])),
            .init("team", .string, ""),
        ],
        dayOf: .windowDay, key: ["agent_id"])

    @Test func eachElementIsARowWithTheRecordsOtherFieldsAndItsOwnAsColumns() throws {
        let t = Self.transformer(Self.report, .init(explode: "hours"))
        // `agent_id` is also the record's: the element's lands as `hours.agent_id`.
        #expect(t.schema.columns == ["agent_id", "hour", "hours.agent_id", "calls", "team"])
        let record = TransformNestedTests.record([
            "agent_id": "7", "hours": #"[{"hour":"8","agent_id":"x7","calls":"2","note":"n"},{"calls":"-","hour":"9"},null]"#,
            "team": "red", "extra": "e",
        ])
        let rows = Self.rows(t.transform(record))
        #expect(rows.map(\.row) == [
            [.text("7"), .number("8"), .text("x7"), .number("2"), .text("red")],
            [.text("7"), .number("9"), .null, .null, .text("red")],
            [.text("7"), .null, .null, .null, .text("red")],
        ])
        // The record's unknown fields on every row; an element's unknown members on its own.
        #expect(rows[0].extras.map(\.0) == ["extra", "note"])
        #expect(rows[0].extras.map(\.1) == ["e", "n"])
        #expect(rows[1].extras.map(\.0) == ["extra"])
    }

    @Test(arguments: ["[]", "-", "", "null"])
    func anEmptyOrMissingArrayKeepsTheRecordAsOneRowWithNulls(hours: String) throws {
        let t = Self.transformer(Self.report, .init(explode: "hours"))
        let rows = Self.rows(t.transform(TransformNestedTests.record(["agent_id": "7", "hours": hours, "team": "red"])))
        #expect(rows.map(\.row) == [[.text("7"), .null, .null, .null, .text("red")]])
        let absent = Self.rows(t.transform(TransformNestedTests.record(["agent_id": "8"])))
        #expect(absent.map(\.row) == [[.text("8"), .null, .null, .null, .null]])
    }

    @Test func renamesAndDropsOfTheRecordsFieldsStillApply() throws {
        let t = Self.transformer(Self.report, .init(drop: ["team"], rename: ["agent_id": "agent"], explode: "hours"))
        // Renamed away, `agent_id` no longer collides: the element keeps its own name.
        #expect(t.schema.columns == ["agent", "hour", "agent_id", "calls"])
    }

    @Test func aBadValueInAnElementRejectsTheWholeRecord() throws {
        let t = Self.transformer(Self.report, .init(explode: "hours"))
        let outcome = t.transform(TransformNestedTests.record(["agent_id": "7", "hours": #"[{"hour":"8"},{"hour":"late"}]"#]))
        guard case .reject(let field, _, _) = outcome else {
            Issue.record("not rejected: \(outcome)")
            return
        }
        #expect(field == "hours[1].hour")
    }

    @Test func agentFivesHoursExplodeIntoTypedColumns() throws {
        let spec = try TransformNestedTests.spec("agent_5")
        let t = Self.transformer(spec, .init(explode: "status_x_hour"))
        let elementNames = spec.field(named: "status_x_hour")?.nesting?.fields.map(\.name) ?? []
        #expect(t.schema.columns == ["agent_name", "agent_id"] + elementNames)
        let rows = Self.rows(t.transform(TransformNestedTests.record(["agent_name": "Ana", "agent_id": "007", "status_x_hour": TransformNestedTests.hours])))
        #expect(rows.count == 2)
        #expect(rows[0].row[2] == .text("20"))
        #expect(rows[0].row[2 + elementNames.firstIndex(of: "ready_time")!] == .number("65"))
        #expect(rows[1].row[0] == .text("Ana"))
    }
}
