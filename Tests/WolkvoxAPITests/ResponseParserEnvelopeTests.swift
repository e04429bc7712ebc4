import Testing
import WolkvoxAPI

/// The envelopes beside `data` as a list: `data` as one object (`cdr_4`) and `records` beside
/// `total_records` (`campaign.campaign_15`), whole and cut anywhere.
struct ResponseParserEnvelopeTests {
    /// cdr_4's one record: every value an object, which without the catalog reads as a map of records.
    static let cdr4 = Array(#"""
        {"code":"200","error":null,"msg":"1 records were found","data":{"0_5_seg":{"calls":"12","minutes":"1.5","cost":"0.20","percentage":"34.64 %"},"6_20_seg":{"calls":"-","minutes":"","cost":"0","percentage":"-"}}}
        """#.utf8)
    static let campaign15 = Array(#"""
        {"code":200,"total_records":2,"campaign_id":"7","records":[{"id_call":"1","telephone":"0057"},{"id_call":"2","telephone":"0058"}],"data":[{"id_call":"not a row"}]}
        """#.utf8)

    static func parse(_ body: [UInt8], _ envelope: ReportEnvelope, cuts: [Int] = []) throws -> (records: [RawRecord], envelope: ResponseEnvelope) {
        var parser = ResponseParser(envelope: envelope)
        var records: [RawRecord] = []
        var start = 0
        for cut in cuts + [body.count] where cut >= start {
            try parser.consume(body[start..<cut]) { records.append($0) }
            start = cut
        }
        return (records, try parser.finish())
    }

    @Test func anObjectEnvelopeIsOneRecordEvenWhenEveryValueIsAnObject() throws {
        let parsed = try Self.parse(Self.cdr4, .object)
        #expect(parsed.envelope.dataShape == .object)
        #expect(parsed.records.count == 1)
        let record = try #require(parsed.records.first)
        #expect(record.fields.map(\.name) == ["0_5_seg", "6_20_seg"])
        #expect(record["0_5_seg"] == #"{"calls":"12","minutes":"1.5","cost":"0.20","percentage":"34.64 %"}"#)
        // The same body read as a list report's: a map of two records, as before.
        #expect(try Self.parse(Self.cdr4, .list).records.count == 2)
    }

    @Test func recordsBesideTotalRecordsAreTheRowsAndDataIsNot() throws {
        let parsed = try Self.parse(Self.campaign15, .records)
        #expect(parsed.records.map { $0["id_call"] } == ["1", "2"])
        #expect(parsed.records.map { $0["telephone"] } == ["0057", "0058"])
        #expect(parsed.envelope.code == "200")
        #expect(parsed.envelope.recordCount == 2)
        #expect(parsed.envelope.dataShape == .list)
        // A list report's parser reads `data` and skips `records`.
        #expect(try Self.parse(Self.campaign15, .list).records.map { $0["id_call"] } == ["not a row"])
    }

    @Test(arguments: [ReportEnvelope.object, .records])
    func cuttingTheBodyAnywhereGivesTheSameRecords(envelope: ReportEnvelope) throws {
        let body = envelope == .object ? Self.cdr4 : Self.campaign15
        let whole = try Self.parse(body, envelope)
        for cut in 0...body.count {
            let split = try Self.parse(body, envelope, cuts: [cut])
            #expect(split.records == whole.records && split.envelope == whole.envelope, "cut at \(cut)")
        }
        let bytes = try Self.parse(body, envelope, cuts: Array(body.indices.dropFirst()))
        #expect(bytes.records == whole.records && bytes.envelope == whole.envelope)
    }

    @Test func anAnswerWithoutRowsHasNoRecordsInEitherEnvelope() throws {
        let notFound = Array(#"{"code": "404", "error": "Not Found", "msg": "Validate dates entered"}"#.utf8)
        for envelope in [ReportEnvelope.object, .records] {
            let parsed = try Self.parse(notFound, envelope)
            #expect(parsed.records.isEmpty)
            #expect(parsed.envelope.dataShape == .absent)
            #expect(parsed.envelope.code == "404")
        }
    }
}
