import Foundation
import Testing
import WolkvoxAPI

/// Cross-checks the hand-written parser against Foundation's JSON reader on every fixture.
struct ResponseParserFoundationTests {
    @Test(arguments: Fixture.allCases)
    func recordsMatchJSONSerialization(fixture: Fixture) throws {
        var body = try fixture.bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        let parsed = try parse(try fixture.bytes)
        let top = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let expected: [[String: Any]]
        switch top["data"] {
        case let list as [[String: Any]]:
            expected = list
        case let object as [String: Any]:
            let values = object.keys.sorted().map { object[$0]! }
            expected = values.allSatisfy { $0 is [String: Any] } ? values.map { $0 as! [String: Any] } : [object]
        default:
            expected = []
        }
        #expect(parsed.records.count == expected.count)
        for (record, reference) in zip(parsed.records, expected) {
            #expect(Set(record.names) == Set(reference.keys))
            for field in record.fields {
                try expectSame(field.value, reference[field.name], field: field.name)
            }
        }
        #expect(parsed.envelope.msg == top["msg"] as? String)
        #expect(parsed.envelope.code == (top["code"] as? String ?? (top["code"] as? NSNumber)?.stringValue))
    }

    private func expectSame(_ ours: String?, _ theirs: Any?, field: String) throws {
        switch theirs {
        case is NSNull:
            #expect(ours == nil, "\(field)")
        case let text as String:
            #expect(ours == text, "\(field)")
        case let number as NSNumber:
            let value = try #require(ours)
            if value == "true" || value == "false" {
                #expect(number.boolValue == (value == "true"), "\(field)")
            } else {
                #expect(Double(value) == number.doubleValue, "\(field)")
            }
        case let nested?:
            let value = try #require(ours)
            let reparsed = try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed)
            #expect(NSDictionary(dictionary: ["v": reparsed]).isEqual(to: ["v": nested]), "\(field)")
        case nil:
            Issue.record("field \(field) missing in Foundation's reading")
        }
    }
}
