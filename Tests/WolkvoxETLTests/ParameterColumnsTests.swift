import FlatExport
import Testing
import WolkvoxAPI
@testable import WolkvoxETL

/// The column `source.params` adds to rows whose report does not carry the parameter.
struct ParameterColumnsTests {
    static let lane = ParameterLane(index: 1, parameters: [QueryParameter(name: "skill_id", value: "7")])

    @Test func aReportWithoutTheFieldGetsItAsTheLastColumnHoldingTheValueAsked() throws {
        let skill6 = try #require(ReportCatalog.report(named: "skill_6"))
        let transformer = RecordTransformer(report: skill6, transform: .init(), timeZone: .gmt)
        let columns = ParameterColumns(report: skill6, params: ["skill_id": ["5", "7"]], schema: transformer.schema)
        #expect(columns.names == ["skill_id"])
        #expect(columns.extending(transformer.schema).columns == transformer.schema.columns + ["skill_id"])
        var row: FlatRow = [.text("a")]
        var extras: [(String, String)] = [("other", "x")]
        columns.apply(columns.values(for: Self.lane), to: &row, extras: &extras)
        #expect(row == [.text("a"), .text("7")])
        #expect(extras.map(\.0) == ["other"])
    }

    @Test func anAnswerThatSendsTheFieldAnywayKeepsItsOwnValueOnce() throws {
        let skill6 = try #require(ReportCatalog.report(named: "skill_6"))
        let columns = ParameterColumns(report: skill6, params: ["skill_id": ["all"]], schema: FlatSchema(columns: ["a"]))
        var row: FlatRow = [.text("a")]
        var extras: [(String, String)] = [("skill_id", "12")]
        columns.apply(columns.values(for: ParameterLane(index: 0, parameters: [QueryParameter(name: "skill_id", value: "all")])),
                      to: &row, extras: &extras)
        #expect(row == [.text("a"), .text("12")])
        #expect(extras.isEmpty, "the field is written once, in its column")
    }

    @Test func aReportThatCarriesTheFieldKeepsTheRowsOwnValueAndAddsNothing() throws {
        let skill1 = try #require(ReportCatalog.report(named: "skill_1"))
        let transformer = RecordTransformer(report: skill1, transform: .init(), timeZone: .gmt)
        let columns = ParameterColumns(report: skill1, params: ["skill_id": ["5", "7"]], schema: transformer.schema)
        #expect(columns.names.isEmpty)
        #expect(columns.extending(transformer.schema) == transformer.schema)
    }

    @Test func noParamsNoColumns() {
        let columns = ParameterColumns(report: ReportCatalog.cdr1, params: [:], schema: FlatSchema(columns: ["a"]))
        #expect(columns.names.isEmpty)
    }
}
