import Testing
import WolkvoxAPI

struct ResponseParserTests {
    @Test func callDetailListKeepsNastyStringValuesAndFieldOrder() throws {
        let parsed = try parse(try Fixture.cdr1.bytes)
        #expect(parsed.envelope == ResponseEnvelope(code: "200", error: nil, msg: "3 records were found", recordCount: 3, dataShape: .list))
        let first = try #require(parsed.records.first)
        #expect(first.names == ReportCatalog.cdr1.fields.map(\.name))
        #expect(first["agent_name"] == "María \"Mari\" Pérez")
        #expect(first["telephone"] == "0057300123456")
        #expect(first["description_cod_act"] == "")
        #expect(first["cod_act_2"] == " ")
        #expect(first["description_cod_act_2"] == "line1\nline2\ttab")
        #expect(first["comment"] == "cliente 😀 feliz \\ back\\slash / slash")
        #expect(parsed.records[1]["comment"] == "€ 10 — café <b>ok</b> & \"quoted\"")
        #expect(parsed.records[2]["description_cod_act_2"] == "\r\n")
        #expect(parsed.records[2]["comment"] == "🇨🇴 bandera")
    }

    @Test func numericCodeAndObjectOfRecordsBeforeCode() throws {
        let parsed = try parse(try Fixture.cdr6.bytes)
        #expect(parsed.envelope == ResponseEnvelope(code: "200", error: nil, msg: "3 records were found", recordCount: 3, dataShape: .object))
        #expect(parsed.records.map { $0["result"] } == ["BUSY", "busy", "noanswer"])
        #expect(parsed.records.map { $0["count"] } == ["12", "3", "0"])
    }

    @Test func objectWhoseValuesAreNotObjectsIsOneRecord() throws {
        let parsed = try parse(try Fixture.chat4.bytes)
        #expect(parsed.envelope.dataShape == .object)
        #expect(parsed.envelope.recordCount == 1)
        let record = try #require(parsed.records.first)
        #expect(record.names == ReportCatalog.chat4.fields.map(\.name))
        #expect(record["agent_name"] == "Ana María")
        #expect(record["skill_id"] == "5")
        #expect(record["subject"] == "Re: \"factura\" / pedido")
        #expect(record["body"] == "Hola,\r\nmi pedido no llegó 😀 😀 ok")
        #expect(record.fields.first { $0.name == "close_date" }?.value == nil)
        #expect(record["comments"] == "tab\there \u{08}\u{0C}")
        #expect(record["attachments"] == #"["a.pdf",{"name":"b \"x\".png"}]"#)
    }

    @Test func byteOrderMarkCRLFIndentationAndUnknownKeysAreTolerated() throws {
        let parsed = try parse(try Fixture.diagram13.bytes)
        #expect(parsed.envelope == ResponseEnvelope(code: "200", error: nil, msg: "2 records were found", recordCount: 2, dataShape: .list))
        #expect(parsed.records.map { $0["customer_id"] } == ["", "12é"])
        #expect(parsed.records[1]["telephone"] == " ")
        #expect(parsed.records[1]["cod_opc_menu"] == "*")
    }

    @Test func unicodeEscapesDecodeToUTF8() throws {
        let parsed = try parse(try Fixture.callsLast10.bytes)
        #expect(parsed.records[0]["conn_id"] == "a\u{0}b")
        #expect(parsed.records[1]["customer_id"] == "\u{FF}\u{101}\u{FFFF}")
        #expect(parsed.records[0]["telephone"] == "0300")
    }

    @Test(arguments: [
        (#"{"code":"200","msg":"ok"}"#, ResponseEnvelope.DataShape.absent),
        (#"{"code":"200","data":null,"msg":"ok"}"#, .null),
        (#"{"code":"200","data":[],"msg":"ok"}"#, .list),
        (#"{"code":"200","data":{},"msg":"ok"}"#, .object),
        (#"{"data" : [ ] , "code":"200","msg":"ok"}"#, .list),
    ])
    func emptyDataShapesYieldNoRecords(body: String, shape: ResponseEnvelope.DataShape) throws {
        let parsed = try parse(Array(body.utf8))
        #expect(parsed.records.isEmpty)
        #expect(parsed.envelope == ResponseEnvelope(code: "200", msg: "ok", recordCount: 0, dataShape: shape))
    }

    @Test func notFoundEnvelopeReadsCodeErrorAndMessage() throws {
        let parsed = try parse(Array(#"{"code": "404", "error": "Not Found", "msg": "Validate dates entered"}"#.utf8))
        #expect(parsed.envelope == ResponseEnvelope(code: "404", error: "Not Found", msg: "Validate dates entered", recordCount: 0, dataShape: .absent))
    }

    @Test(arguments: [
        (#"{"v":1}"#, "1"), (#"{"v":-0.5e+10}"#, "-0.5e+10"), (#"{"v":true}"#, "true"), (#"{"v":false}"#, "false"),
        (#"{"v":[ 1 , [ ] , { } ]}"#, "[1,[],{}]"), (#"{"v":{ "a" : "\u00e9 x" }}"#, #"{"a":"\u00e9 x"}"#),
        (#"{"v":"\ud83d\ude00"}"#, "😀"), (#"{"v":"\ud83d"}"#, "\u{FFFD}"), (#"{"v":"\ude00x"}"#, "\u{FFFD}x"),
        (#"{"v":"\u00E9\u00e9"}"#, "éé"),
    ])
    func fieldValuesKeepTheirLiteralOrCompactText(record: String, expected: String) throws {
        let parsed = try parse(Array(#"{"code":200,"data":["#.utf8) + Array(record.utf8) + Array("]}".utf8))
        #expect(parsed.records.first?["v"] == expected)
    }

    @Test func nullFieldValueIsNil() throws {
        let parsed = try parse(Array(#"{"data":[{"a":null,"b":"x"}]}"#.utf8))
        #expect(parsed.records == [RawRecord(fields: [.init(name: "a", value: nil), .init(name: "b", value: "x")])])
    }

    @Test func changingFieldNamesBetweenRecordsAreReadAsSent() throws {
        let body = #"{"data":[{"a":"1","b":"2"},{"b":"3","a":"4","c":"5"},{"a\u0062":"6"},{}]}"#
        let records = try parse(Array(body.utf8)).records
        #expect(records.map(\.names) == [["a", "b"], ["b", "a", "c"], ["ab"], []])
        #expect(records[1]["a"] == "4")
    }

    @Test func recordsAreEmittedAsSoonAsTheirClosingBraceArrives() throws {
        var parser = ResponseParser()
        var seen: [String?] = []
        try parser.consume(Array(#"{"data":[{"n":"1"},{"n":"2""#.utf8)) { seen.append($0["n"]) }
        #expect(seen == ["1"])
        try parser.consume(Array("}".utf8)) { seen.append($0["n"]) }
        #expect(seen == ["1", "2"])
        try parser.consume(Array("]}".utf8)) { seen.append($0["n"]) }
        #expect(try parser.finish().recordCount == 2)
    }
}
