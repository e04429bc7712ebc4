import Testing
import WolkvoxAPI

struct ResponseParserMalformedTests {
    @Test(arguments: Fixture.allCases)
    func bodyCutAtAnyPointThrowsAndEmitsOnlyWholeRecords(fixture: Fixture) throws {
        let body = try fixture.bytes
        let whole = try parse(body).records
        // Trailing whitespace after the closing brace is not needed: stop before it.
        var last = body.count
        while last > 0, body[last - 1] != UInt8(ascii: "}") { last -= 1 }
        for cut in 0..<last {
            let (records, error) = parseCollecting(Array(body[..<cut]))
            let thrown = try #require(error as? WolkvoxResponseError, "cut at \(cut)")
            #expect(thrown.kind == .truncated)
            #expect(records == Array(whole.prefix(records.count)), "cut at \(cut)")
            #expect(thrown.recordsBefore == records.count)
        }
    }

    @Test func truncationInsideDataSaysHowManyRecordsArrived() throws {
        let body = Array(#"{"code":"200","data":[{"a":"1"},{"a":"2"},{"a":"#.utf8)
        let (records, error) = parseCollecting(body)
        #expect(records.count == 2)
        let thrown = try #require(error as? WolkvoxResponseError)
        #expect(thrown.description.contains("response ended inside data (after 2 records)"))
    }

    @Test(arguments: [
        ("", WolkvoxResponseError.Kind.truncated, "response body was empty"),
        ("<html><body>Service Unavailable</body></html>", .malformed, "HTML page"),
        ("  <!DOCTYPE html>", .malformed, "HTML page"),
        ("garbage", .malformed, "expected '{'"),
        (#"{"code":"200" "data":[]}"#, .malformed, "expected ',' or '}' after value"),
        (#"{"code":"200",}"#, .malformed, "expected '\"' to start a key"),
        (#"{"code" "200"}"#, .malformed, "expected ':' after a key"),
        (#"{"data":[{"a":"1"}}"#, .malformed, "expected ',' or ']' after a record"),
        (#"{"data":[{"a":"1"],"code":1}"#, .malformed, "expected ',' or '}' after value"),
        (#"{"data":["x"]}"#, .malformed, "element 0 of data is not an object"),
        (#"{"data":[{"a":1},2]}"#, .malformed, "element 1 of data is not an object"),
        (#"{"data":{"0":{"a":"1"},"1":"x"}}"#, .malformed, "member 1 of data is not an object"),
        (#"{"data":"none"}"#, .malformed, "data must be a list, an object or null"),
        (#"{"data":nul}"#, .malformed, "invalid literal"),
        (#"{"data":[{"a":tru}]}"#, .malformed, "invalid literal"),
        (#"{"data":[{"a":01}]}"#, .malformed, "invalid number"),
        (#"{"data":[{"a":1.}]}"#, .malformed, "digits expected after '.'"),
        (#"{"data":[{"a":-}]}"#, .malformed, "expected a value"),
        (#"{"data":[{"a":"\x"}]}"#, .malformed, "invalid escape"),
        (#"{"data":[{"a":"\u12G4"}]}"#, .malformed, #"invalid \u escape"#),
        ("{\"data\":[{\"a\":\"tab\there\"}]}", .malformed, "control character"),
        (#"{"data":[{"a":[1,}]}"#, .malformed, "expected a value"),
        (#"{"data":[{"a" "b"}]}"#, .malformed, "expected ':' after a field name"),
        (#"{"code":200}}"#, .malformed, "unexpected bytes after the end"),
        (#"{"code":200} x"#, .malformed, "unexpected bytes after the end"),
        (#"{"code":[1,2}"#, .malformed, "expected ',' or ']' after value"),
        ("\u{FEFF}\u{FEFF}{}", .malformed, "expected '{'"),
    ])
    func malformedBodiesThrowClearErrors(body: String, kind: WolkvoxResponseError.Kind, reason: String) throws {
        let (records, error) = parseCollecting(Array(body.utf8))
        let thrown = try #require(error as? WolkvoxResponseError)
        #expect(thrown.kind == kind)
        #expect(thrown.description.contains(reason), "\(thrown)")
        #expect(records.count <= 1)
    }

    @Test func errorNamesTheByteOffsetAndAnExcerpt() throws {
        let body = #"{"code":"200","data":[{"a":"1"},{"a":"2" "b":"3"}]}"#
        let (records, error) = parseCollecting(Array(body.utf8))
        #expect(records.count == 1)
        let thrown = try #require(error as? WolkvoxResponseError)
        let offset = Array(body.utf8).firstIndex(of: UInt8(ascii: "b"))! - 1
        #expect(thrown.offset == offset)
        #expect(thrown.description.hasPrefix("malformed JSON at byte \(offset): expected ',' or '}' after value"))
        #expect(thrown.excerpt.contains("a : 2   b : 3"))
    }

    @Test func errorOffsetsAreAbsoluteAcrossChunks() throws {
        let body = Array(#"{"code":"200","data":[{"a":"1"},{"a":"2"},{"a":"3"},{"a":"4"} 5]}"#.utf8)
        for cut in 0...body.count {
            var parser = ResponseParser()
            var thrown: WolkvoxResponseError?
            do {
                try parser.consume(body[..<cut]) { _ in }
                try parser.consume(body[cut...]) { _ in }
            } catch let error as WolkvoxResponseError {
                thrown = error
            }
            #expect(thrown?.offset == body.firstIndex(of: UInt8(ascii: "5")), "cut at \(cut)")
        }
    }

    @Test func recordLargerThanTheLimitIsRefused() throws {
        let body = Array(#"{"data":[{"a":"12345678901234567890"}]}"#.utf8)
        var parser = ResponseParser(maxRecordBytes: 16)
        #expect(throws: WolkvoxResponseError.self) {
            for b in body { try parser.consume(CollectionOfOne(b)) { _ in } }
        }
        let thrown = #expect(throws: WolkvoxResponseError.self) { try parse(body, maxRecordBytes: 16) }
        #expect(thrown?.kind == .tooLarge)
        #expect(thrown?.offset == 9)
    }

    @Test func afterAnErrorEveryCallThrowsTheSameError() throws {
        var parser = ResponseParser()
        let first = #expect(throws: WolkvoxResponseError.self) {
            try parser.consume(Array(#"{"data":[{"a":1},x"#.utf8)) { _ in }
        }
        let again = #expect(throws: WolkvoxResponseError.self) {
            try parser.consume(Array("]}".utf8)) { _ in }
        }
        #expect(first == again)
        #expect(throws: WolkvoxResponseError.self) { try parser.finish() }
    }

    @Test func errorsThrownByTheConsumerPropagateUnchanged() throws {
        struct Stop: Error {}
        var parser = ResponseParser()
        #expect(throws: Stop.self) {
            try parser.consume(Array(#"{"data":[{"a":"1"}]}"#.utf8)) { _ in throw Stop() }
        }
    }

    @Test func invalidUTF8IsRepairedNotFatal() throws {
        let body: [UInt8] = Array(#"{"data":[{"a":"x"#.utf8) + [0xFF, 0xC3] + Array(#"y"}]}"#.utf8)
        let parsed = try parse(body)
        #expect(parsed.records.first?["a"] == "x\u{FFFD}\u{FFFD}y")
    }

    @Test func deepNestingIsRefusedInsteadOfOverflowingTheStack() throws {
        let depth = 5000
        let body = Array(#"{"data":[{"a":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: depth)
            + Array(repeating: UInt8(ascii: "]"), count: depth) + Array("}]}".utf8)
        let (_, error) = parseCollecting(body)
        #expect((error as? WolkvoxResponseError)?.reason.contains("nesting deeper") == true)
    }
}
