import FlatExport
import Foundation
import Testing
import WolkvoxAPI

@testable import WolkvoxETL

/// Nested arrays and objects: typed inside by the catalog like top-level fields, kept nested.
struct TransformNestedTests {
    static let bogota = TimeZone(identifier: "America/Bogota")!

    static func spec(_ name: String) throws -> ReportSpec {
        try #require(ReportCatalog.report(named: name))
    }

    static func transformer(_ name: String, _ t: Pipeline.Transform = .init()) throws -> RecordTransformer {
        RecordTransformer(report: try spec(name), transform: t, timeZone: bogota)
    }

    static func record(_ pairs: KeyValuePairs<String, String?>) -> RawRecord {
        RawRecord(fields: pairs.map { RawRecord.Field(name: $0.key, value: $0.value) })
    }

    static func row(_ outcome: TransformOutcome) throws -> FlatRow {
        guard case .row(let row, _, _) = outcome else {
            Issue.record("not one row: \(outcome)")
            throw CancellationError()
        }
        return row
    }

    static func member(_ value: FlatValue, _ name: String) -> FlatValue? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.name == name }?.value
    }

    static let hours = #"[{"hour":"20","calls":"3","inbound":"-","ready_time":"00:01:05","occupancy":"34.64 %","mood":"fine"},{"hour":"21","calls":"--","aht":""}]"#

    @Test func aNestedArrayIsTypedInsideAndStaysNested() throws {
        let t = try Self.transformer("agent_5")
        #expect(t.schema.columns == ["agent_name", "agent_id", "status_x_hour"])
        let row = try Self.row(t.transform(Self.record(["agent_name": "Ana", "agent_id": "007", "status_x_hour": Self.hours])))
        guard case .array(let elements) = row[2] else {
            Issue.record("not an array: \(row[2])")
            return
        }
        #expect(elements.count == 2)
        let first = elements[0]
        #expect(Self.member(first, "hour") == .text("20"))  // the catalog types the hour as text
        #expect(Self.member(first, "calls") == .number("3"))
        #expect(Self.member(first, "inbound") == .null)  // `-` where a number is expected
        #expect(Self.member(first, "ready_time") == .number("65"))
        #expect(Self.member(first, "occupancy") == .number("34.64"))
        #expect(Self.member(first, "outbound") == .null)  // missing: null, as a row's field
        #expect(Self.member(first, "mood") == .text("fine"))  // unknown: passed through
        #expect(Self.member(elements[1], "calls") == .null)
        // Members in catalog order, then the unknown ones.
        let spec = try Self.spec("agent_5")
        let names = spec.field(named: "status_x_hour")?.nesting?.fields.map(\.name) ?? []
        if case .object(let members) = first { #expect(members.map(\.name) == names + ["mood"]) }
        #expect(row[2].jsonText.hasPrefix(#"[{"hour":"20","calls":3,"inbound":null,"#))
    }

    @Test func timestampsInsideGetTheZoneOffset() throws {
        let conversation = #"[{"channel":"whatsapp","date":"2025-03-04 10:00:00","message":"hola"}]"#
        let row = try Self.row(try Self.transformer("chat_2").transform(Self.record(["conn_id": "1", "conversation": conversation])))
        guard case .array(let elements) = row[3] else {
            Issue.record("not an array: \(row[3])")
            return
        }
        #expect(Self.member(elements[0], "date") == .text("2025-03-04T10:00:00-05:00"))
        #expect(Self.member(elements[0], "message") == .text("hola"))
    }

    @Test func aBadValueInsideRejectsTheRecordNamingWhereItIs() throws {
        let bad = #"[{"hour":"20","calls":"3"},{"hour":"21","calls":"three"}]"#
        let outcome = try Self.transformer("agent_5").transform(Self.record(["agent_id": "7", "status_x_hour": bad]))
        guard case .reject(let field, let value, let reason) = outcome else {
            Issue.record("not rejected: \(outcome)")
            return
        }
        #expect(field == "status_x_hour[1].calls")
        #expect(value == "three")
        #expect(reason == "not an integer: 'three'")
    }

    @Test func onErrorNullNullsOnlyTheBadValueInside() throws {
        let bad = #"[{"hour":"21","calls":"three","inbound":"4"}]"#
        let row = try Self.row(try Self.transformer("agent_5", .init(onError: .null)).transform(Self.record(["status_x_hour": bad])))
        guard case .array(let elements) = row[2] else {
            Issue.record("not an array: \(row[2])")
            return
        }
        #expect(Self.member(elements[0], "calls") == .null)
        #expect(Self.member(elements[0], "inbound") == .number("4"))
    }

    @Test(arguments: [("-", true), ("", true), ("  ", true), ("null", true), ("abc", false), (#"{"hour":"1"}"#, false), ("[1,", false)])
    func aValueThatIsNotAnArrayIsNullWhenBlankAndRejectedOtherwise(value: String, isNull: Bool) throws {
        let outcome = try Self.transformer("agent_5").transform(Self.record(["agent_id": "7", "status_x_hour": value]))
        if isNull {
            #expect(try Self.row(outcome)[2] == .null)
        } else {
            guard case .reject(let field, _, let reason) = outcome else {
                Issue.record("not rejected: \(outcome)")
                return
            }
            #expect(field == "status_x_hour")
            #expect(reason.hasPrefix("not a JSON array"))
        }
    }

    @Test func anArraySentAsAStringHoldingItsJSONIsReadToo() throws {
        // What the API would send if it encoded the array twice: the text is the same.
        let row = try Self.row(try Self.transformer("agent_5").transform(Self.record(["status_x_hour": #"[{"calls":"2"}]"#])))
        guard case .array(let elements) = row[2] else {
            Issue.record("not an array")
            return
        }
        #expect(Self.member(elements[0], "calls") == .number("2"))
    }

    @Test func objectFieldsAreTypedObjectsInCatalogOrder() throws {
        let t = try Self.transformer("cdr_4")
        let record = Self.record([
            "0_5_seg": #"{"percentage":"34.64 %","calls":"12","minutes":"1.5","cost":"0.20"}"#,
            "6_20_seg": #"{"calls":"-","minutes":"","cost":"0","percentage":"-"}"#,
        ])
        let row = try Self.row(t.transform(record))
        #expect(row[0] == .object([
            FlatMember("calls", .number("12")), FlatMember("minutes", .number("1.5")), FlatMember("cost", .number("0.20")),
            FlatMember("percentage", .number("34.64")),
        ]))
        #expect(row[1] == .object([
            FlatMember("calls", .null), FlatMember("minutes", .null), FlatMember("cost", .number("0")), FlatMember("percentage", .null),
        ]))
        #expect(row[2] == .null)  // absent
        let outcome = t.transform(Self.record(["0_5_seg": "[]"]))
        guard case .reject(_, _, let reason) = outcome else {
            Issue.record("an array where an object is expected: \(outcome)")
            return
        }
        #expect(reason.hasPrefix("not a JSON object"))
    }

    @Test func aTypeInTransformFieldsLandsANestedFieldFlat() throws {
        let row = try Self.row(try Self.transformer("agent_5", .init(fields: ["status_x_hour": .string])).transform(
            Self.record(["status_x_hour": #"[{"calls":"2"}]"#])))
        #expect(row[2] == .text(#"[{"calls":"2"}]"#))
    }

    @Test func nestedArraysInsideNestedArraysAreTypedToo() throws {
        let chats = #"[{"conn_id":"9","conversation":[{"from":"c","msg":"hi","date":"2025-03-04 10:00:00"}]}]"#
        let row = try Self.row(try Self.transformer("real_time.chats").transform(Self.record(["agent_id": "1", "active_chats": chats])))
        guard case .array(let chatsValue) = row[1], let conversation = Self.member(chatsValue[0], "conversation"),
            case .array(let messages) = conversation
        else {
            Issue.record("not nested: \(row[1])")
            return
        }
        #expect(Self.member(messages[0], "date") == .text("2025-03-04T10:00:00-05:00"))
    }
}
