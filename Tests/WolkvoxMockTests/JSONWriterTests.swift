import Foundation
import Testing
import WolkvoxAPI
@testable import WolkvoxMock

struct JSONWriterTests {
    static let nasty = RawRecord(fields: [
        .init(name: "a", value: "quote \" backslash \\ slash / tab \t nl \n cr \r bell \u{07}"),
        .init(name: "b", value: "é 😀"),
        .init(name: "c", value: ""),
        .init(name: "d", value: " "),
    ])

    func encode(_ record: RawRecord, php: Bool) -> String {
        var bytes: [UInt8] = []
        JSONWriter(phpStyle: php).writeRecord(record, first: true, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func phpStyleEscapesLikeJSONEncode() {
        #expect(encode(Self.nasty, php: true) == #"{"a":"quote \" backslash \\ slash \/ tab \t nl \n cr \r bell \u0007","b":"\u00e9 \ud83d\ude00","c":"","d":" "}"#)
    }

    @Test func rawStyleKeepsUTF8AndSlashes() {
        #expect(encode(Self.nasty, php: false) == #"{"a":"quote \" backslash \\ slash / tab \t nl \n cr \r bell \u0007","b":"é 😀","c":"","d":" "}"#)
    }

    @Test(arguments: [true, false])
    func everyGeneratedValueRoundTrips(php: Bool) throws {
        let dataset = MockDataset(seed: 3)
        let day = Days.busyWeekday(dataset, report: ReportCatalog.chat4)
        for report in [ReportCatalog.cdr1, ReportCatalog.chat4] {
            let records = dataset.records(report: report, in: Days.whole(day))
            var bytes: [UInt8] = []
            let writer = JSONWriter(phpStyle: php)
            writer.writeHead(count: records.count, into: &bytes)
            for (i, record) in records.enumerated() { writer.writeRecord(record, first: i == 0, into: &bytes) }
            writer.writeTail(into: &bytes)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            let rows = try #require(object["data"] as? [[String: String]])
            #expect(rows.count == records.count)
            for (row, record) in zip(rows, records) {
                #expect(row == Dictionary(uniqueKeysWithValues: record.fields.map { ($0.name, $0.value ?? "") }))
            }
        }
    }
}
